import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_NOW } from '../helpers/app.ts';
import { startPublicSite, type PublicSite } from '../web/helpers.ts';
import { clearPublications } from '../publication/helpers.ts';
import { StaffClient, tablesHash } from './helpers.ts';

// The Government office's pages over HTTP: who may open them, what they show from the demo, and
// that "publish now" / "run now" are refused (and change nothing) when nothing is due.

const PAGES = ['/staff/regions', '/staff/rounds', '/staff/publication', '/staff/responsiveness'];
const PUBLICATION_TABLES = ['publications', 'publication_items', 'publication_bodies', 'collection_rounds', 'collection_round_items', 'job_locks'];

let site: PublicSite;
let government: StaffClient;
beforeAll(async () => {
  site = await startPublicSite();
  government = new StaffClient(site.base);
  await government.signIn('government@jauap.demo');
});

async function waitForJob(client: StaffClient, path: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const page = await client.get(path);
    if (!page.body.includes('/staff/publication"') || !/Publishing \d{4}-Q\d: started/.test(page.body)) return page.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the publication job did not finish');
}

describe('who may open the Government pages', () => {
  it('sends anonymous callers to sign in and back, for every page and language', async () => {
    const anon = new StaffClient(site.base);
    for (const lang of ['kk', 'ru', 'en']) {
      for (const path of PAGES) {
        const res = await anon.get(`/${lang}${path}`);
        expect(res.status, path).toBe(303);
        expect(res.location).toBe(`/${lang}/staff/sign-in?next=${encodeURIComponent(`/${lang}${path}`)}`);
      }
    }
    for (const path of ['/staff/publication/publish', '/staff/rounds/run']) {
      expect((await anon.post(`/en${path}`, { quarter: '2026-Q4', round: '2027-H1' })).status).toBe(303);
    }
  });

  it('refuses akimat and organisation staff (403) and lets the Government and admins in', async () => {
    for (const email of ['akimat@jauap.demo', 'energy@jauap.demo']) {
      const other = new StaffClient(site.base);
      await other.signIn(email);
      for (const path of PAGES) expect((await other.get(`/en${path}`)).status, `${email} ${path}`).toBe(403);
    }
    const admin = new StaffClient(site.base);
    await admin.signIn('admin@jauap.demo');
    for (const path of PAGES) expect((await admin.get(`/en${path}`)).status, path).toBe(200);
    for (const path of PAGES) expect((await government.get(`/kk${path}`)).status, path).toBe(200);
  });
});

describe('the pages', () => {
  it('shows the 20 regions with their calendar steps, gaps and meetings', async () => {
    const page = await government.get('/en/staff/regions?year=2026');
    expect(page.status).toBe(200);
    const rows = page.body.match(/<th scope="row">/g) ?? [];
    expect(rows).toHaveLength(20);
    for (const code of ['KZ-19', 'KZ-71', 'KZ-75', 'KZ-79']) expect(page.body).toContain(code);
    expect(page.body).toMatch(/on time|late by|not done/);
    const overview = await site.app.services.compliance.governmentOverview(2026);
    const almaty = overview.find((r) => r.region.code === 'KZ-19')!;
    expect(page.body).toContain(`${almaty.entriesHeld} / ${almaty.plannedEntries}`);
  });

  it("lists the demo's collection rounds with their downloads, and says when the next is due", async () => {
    const page = await government.get('/en/staff/rounds');
    const rounds = await site.app.services.publication.listRounds();
    expect(rounds.length).toBeGreaterThanOrEqual(4);
    for (const r of rounds) {
      expect(page.body).toContain(`/open-data/rounds/${r.year}-H${r.half}.csv`);
      expect(page.body).toContain(`/open-data/rounds/${r.year}-H${r.half}.json`);
    }
    expect(page.body).toContain('No round is due. The next, 2027-H1, can be run from');
    expect(page.body).not.toContain('/staff/rounds/run');
    const csv = await site.get(`/open-data/rounds/${rounds[0]!.year}-H${rounds[0]!.half}.csv`);
    expect(csv.status).toBe(200);
  });

  it('ranks every body by responsiveness, with the same figures as the public API', async () => {
    const page = await government.get('/en/staff/responsiveness');
    const bodies = await site.app.services.organizations.listOrganizations(null);
    for (const b of bodies.slice(0, 30)) expect(page.body).toContain(b.code);
    const energy = await site.app.services.issues.responsivenessByCode('MIN-ENERGY');
    const row = page.body.slice(page.body.indexOf('MIN-ENERGY'), page.body.indexOf('</tr>', page.body.indexOf('MIN-ENERGY')));
    expect(row).toContain(`<td class="num">${energy!.open}</td>`);
    const sorted = await government.get('/en/staff/responsiveness?sort=overdue');
    expect(sorted.body).toContain('<option value="overdue" selected>');
    const overdue = [
      ...sorted.body.matchAll(/<tr>\s*<td class="num">[\s\S]*?<\/td>[\s\S]*?<td class="num">(\d+)<\/td>\s*<td class="num">(?:<span class="warning">)?(\d+)/g),
    ].map((m) => Number(m[2]));
    expect(overdue.length).toBe(bodies.length);
    expect(overdue).toEqual([...overdue].sort((a, b) => b - a));

    const ministries = await government.get('/en/staff/responsiveness?kind=CENTRAL_EXECUTIVE_BODY');
    expect(ministries.body).toContain('MIN-ENERGY');
    expect(ministries.body).not.toContain('AKIMAT-KZ-19');
    const ranks = [...ministries.body.matchAll(/<tr>\s*<td class="num">(\d+)<\/td>/g)].map((m) => Number(m[1]));
    expect(ranks[0]).toBe(1);
    expect(ranks).toEqual(ranks.map((_, i) => i + 1));
  });
});

describe('publishing and collecting', () => {
  it('refuses "publish now" when nothing is due, explains why and changes nothing', async () => {
    const page = await government.get('/en/staff/publication');
    expect(page.body).toContain('Nothing is due. The next quarter, 2026-Q4, can be published from');
    expect(page.body).not.toContain('/staff/publication/publish');
    for (const label of ['2026-Q3', '2026-Q4']) {
      const before = tablesHash(site.app, PUBLICATION_TABLES);
      const res = await government.submit('/en/staff/publication', '/en/staff/publication/publish', { quarter: label });
      expect(res.status).toBe(409);
      expect(res.body).toMatch(label === '2026-Q3' ? /Quarter 2026-Q3 is already published/ : /Nothing is due/);
      expect(tablesHash(site.app, PUBLICATION_TABLES)).toBe(before);
    }
  });

  it('refuses a round that is not due yet, in words, and changes nothing', async () => {
    const before = tablesHash(site.app, PUBLICATION_TABLES);
    const res = await government.submit('/ru/staff/rounds', '/ru/staff/rounds/run', { round: '2027-H1' });
    expect(res.status).toBe(409);
    expect(res.body).toContain('Срок сбора 2027-H1 ещё не наступил');
    expect(tablesHash(site.app, PUBLICATION_TABLES)).toBe(before);
  });

  it('refuses forged forms (no token, wrong token, another origin) and changes nothing', async () => {
    site.app.clock.set('2027-02-16T00:00:00.000Z');
    try {
      // Sessions last 14 days: a Government official signs in again in February.
      const government = new StaffClient(site.base);
      await government.signIn('government@jauap.demo');
      const before = tablesHash(site.app, PUBLICATION_TABLES);
      const page = await government.get('/en/staff/publication');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
      for (const [path, field] of [
        ['/en/staff/publication/publish', { quarter: '2026-Q4' }],
        ['/en/staff/rounds/run', { round: '2027-H1' }],
      ] as const) {
        expect((await government.post(path, field)).status).toBe(403);
        expect((await government.post(path, { ...field, _csrf: 'x'.repeat(43) })).status).toBe(403);
        expect((await government.post(path, { ...field, _csrf: csrf }, { origin: 'https://evil.example' })).status).toBe(403);
      }
      expect(tablesHash(site.app, PUBLICATION_TABLES)).toBe(before);
    } finally {
      site.app.clock.set(TEST_NOW);
    }
  });

  it('publishes a due quarter in the background and reports it on reload; runs a due round', async () => {
    site.app.clock.set('2027-02-16T00:00:00.000Z');
    try {
      const government = new StaffClient(site.base);
      await government.signIn('government@jauap.demo');
      const page = await government.get('/en/staff/publication');
      expect(page.body).toContain('Due now: 2026-Q4.');
      const res = await government.submit('/en/staff/publication', '/en/staff/publication/publish', { quarter: '2026-Q4' });
      expect(res.status).toBe(303);
      expect(res.location).toBe('/en/staff/publication?started=2026-Q4');
      const after = await waitForJob(government, res.location!);
      expect(after).toMatch(/Publication finished [^<]*: 2026-Q4\./);
      expect(after).toContain('/open-data/quarters/2026-Q4.csv');
      expect((await site.app.services.publication.findPublication({ year: 2026, quarter: 4 }))?.itemCount).toBeGreaterThan(0);

      const rounds = await government.get('/en/staff/rounds');
      expect(rounds.body).toContain('Round 2027-H1 (cutoff');
      const run = await government.submit('/en/staff/rounds', '/en/staff/rounds/run', { round: '2027-H1' });
      expect(run.status).toBe(200);
      expect(run.body).toMatch(/Round 2027-H1 collected: \d+ problems\./);
      expect(run.body).toContain('/open-data/rounds/2027-H1.csv');
      const again = await government.submit('/en/staff/rounds', '/en/staff/rounds/run', { round: '2027-H1' });
      expect(again.body).toContain('Round 2027-H1 had already been collected');
    } finally {
      site.app.clock.set(TEST_NOW);
    }
  });
});

describe('a database with nothing published yet', () => {
  // Last in the file: it clears what the demo published.
  it('offers the last ended quarter (publishing every earlier one first) and the last round due', async () => {
    clearPublications(site.app);
    const page = await government.get('/en/staff/publication');
    expect(page.body).toContain('Due now: 2026-Q3.');
    expect(page.body).toContain('No quarter has been published yet.');
    const rounds = await government.get('/en/staff/rounds');
    expect(rounds.body).toContain('Round 2026-H2 (cutoff');
    expect(rounds.body).toContain('No round has been collected yet.');

    const res = await government.submit('/en/staff/publication', '/en/staff/publication/publish', { quarter: '2026-Q3' });
    expect(res.status).toBe(303);
    const after = await waitForJob(government, res.location!);
    expect(after).toMatch(/Publication finished .*: 2025-Q1, 2025-Q2, 2025-Q3, 2025-Q4, 2026-Q1, 2026-Q2, 2026-Q3\./);
    expect((await site.app.services.publication.listPublications()).length).toBe(7);
  });
});
