import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PublishedItem } from '../../src/modules/publication/freeze.ts';
import { startPublicSite, type PublicSite } from './helpers.ts';

// Where and when, over HTTP: the regions view, a region's page and the trends show figures that
// this test counts itself from each quarter's published document (the open data), never from the
// stored per-place figures the pages read; a journalist's question answered from the pages alone;
// the "as of" lines on search results and problem pages.

const site: PublicSite = await startPublicSite();
const db = site.app.db.$client;
const quarters = site.app.services.search.publishedQuarters(); // newest first
const latest = quarters[0]!;

const text = async (path: string) => {
  const res = await site.get(path);
  return { status: res.status, body: await res.text() };
};

interface Counts {
  total: number;
  open: number;
  overdue: number;
  resolved: number;
  disputed: number;
  deadlinesMoved: number;
  driftDays: number;
}

/** The published rules (docs/open-data.md), applied to a document's items. */
function count(items: PublishedItem[]): Counts {
  const c: Counts = { total: 0, open: 0, overdue: 0, resolved: 0, disputed: 0, deadlinesMoved: 0, driftDays: 0 };
  for (const i of items) {
    c.total++;
    if (!['RESOLVED', 'CLOSED', 'DECLINED'].includes(i.status)) c.open++;
    if (i.overdue) c.overdue++;
    if (['RESOLVED', 'CLOSED'].includes(i.status)) c.resolved++;
    if (i.history.some((h) => h.kind === 'DISPUTED')) c.disputed++;
    if (i.previousDueDate !== null && i.dueDate !== i.previousDueDate) c.deadlinesMoved++;
    if (i.deadlineDriftDays !== null && i.deadlineDriftDays > 0) c.driftDays += i.deadlineDriftDays;
  }
  return c;
}

const documents = new Map<string, PublishedItem[]>();
for (const q of quarters) documents.set(q, (await site.app.services.openData.quarterDocument(q))!.items);

const regions = db.prepare('select id, code, name_en as name from units where parent_id is null order by code').all() as {
  id: number;
  code: string;
  name: string;
}[];
/** Each unit's district (the unit right below its region), from the parent chain. */
const unitDistrict = (() => {
  const rows = db.prepare('select code, parent_id as parentId, id from units').all() as { code: string; parentId: number | null; id: number }[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out = new Map<string, string>();
  for (const r of rows) {
    let at = r;
    while (at.parentId !== null && byId.get(at.parentId)!.parentId !== null) at = byId.get(at.parentId)!;
    out.set(r.code, at.code);
  }
  return out;
})();

/** A table's body rows as [row header text, ...cell texts] (tags stripped). */
function tableRows(html: string, caption: string): string[][] {
  const at = html.indexOf(caption);
  expect(at, `table "${caption}"`).toBeGreaterThan(0);
  const table = html.slice(at, html.indexOf('</table>', at));
  const body = table.slice(table.indexOf('<tbody>'), table.indexOf('</tbody>'));
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...m[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) =>
      c[1]!
        .replace(/<[^>]+>/g, '')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&')
        .trim(),
    ),
  );
}
const num = (s: string) => Number(s.replace(/[^\d]/g, ''));
const figures = (c: Counts) => [c.total, c.open, c.overdue, c.resolved, c.disputed];

/** The year of a 2026-Q3 label, and the same quarter a year before. */
const yearBefore = (label: string) => `${Number(label.slice(0, 4)) - 1}${label.slice(4)}`;

describe('the regions view', () => {
  it("lists all 20 regions with the figures the published list adds up to, as of the quarter's end", async () => {
    for (const q of [latest, quarters[3]!]) {
      const { status, body } = await text(`/en/regions?quarter=${q}`);
      expect(status).toBe(200);
      const periodEnd = (await site.app.services.openData.quarterDocument(q))!.periodEnd;
      const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${periodEnd}T00:00:00Z`));
      const rows = tableRows(body, `Regions in quarter ${q}, as of ${date}`);
      expect(rows).toHaveLength(20);
      const items = documents.get(q)!;
      for (const r of regions) {
        const row = rows.find((cells) => cells[0] === r.name)!;
        expect(row, r.name).toBeDefined();
        expect(row.slice(1, 6).map(num), `${q} ${r.code}`).toEqual(figures(count(items.filter((i) => i.regionCode === r.code))));
      }
      // Every region is a tile of the map, a link with its full name and number as text.
      for (const r of regions)
        expect(body).toMatch(new RegExp(`<a href="/en/regions/${r.code}\\?quarter=${q}" class="tile shade-\\d"><title>${r.name}: Overdue \\d+`));
    }
  });

  it('counts the meetings held in the quarter in each region', async () => {
    const { body } = await text(`/en/regions?quarter=${latest}`);
    const rows = tableRows(body, `Regions in quarter ${latest}`);
    const year = Number(latest.slice(0, 4));
    const quarter = Number(latest.slice(6));
    // All regions are on UTC+5 since March 2024: the quarter is [first day 00:00, next quarter) at +05:00.
    const from = new Date(Date.UTC(year, (quarter - 1) * 3, 1) - 5 * 3_600_000).toISOString();
    const to = new Date(Date.UTC(year, quarter * 3, 1) - 5 * 3_600_000).toISOString();
    let held = 0;
    for (const r of regions) {
      const { n } = db
        .prepare("select count(*) as n from meetings where region_id = ? and status = 'HELD' and planned_start_at >= ? and planned_start_at < ?")
        .get(r.id, from, to) as { n: number };
      expect(num(rows.find((c) => c[0] === r.name)![6]!), r.code).toBe(n);
      held += n;
    }
    expect(held).toBeGreaterThan(0);
  });

  it('answers a journalist: which region has the most overdue problems, and how that changed since last year (kk, ru, en)', async () => {
    const items = documents.get(latest)!;
    const before = yearBefore(latest);
    expect(quarters).toContain(before);
    const overdueIn = (q: string, code: string) => documents.get(q)!.filter((i) => i.regionCode === code && i.overdue).length;
    const top = [...regions].sort((a, b) => overdueIn(latest, b.code) - overdueIn(latest, a.code) || a.code.localeCompare(b.code))[0]!;
    expect(overdueIn(latest, top.code)).toBeGreaterThan(0);
    const names = db.prepare('select name_kk as kk, name_ru as ru, name_en as en from units where id = ?').get(top.id) as Record<string, string>;
    for (const lang of ['kk', 'ru', 'en'] as const) {
      const { body } = await text(`/${lang}/regions`);
      const answer = body.match(/<p class="answer-line" id="most-overdue">([\s\S]*?)<\/p>/)![1]!.replace(/<[^>]+>/g, '');
      expect(answer, lang).toContain(names[lang]);
      const [now, then] = [...answer.matchAll(/: ([^:]*?)\./g)].map((m) => m[1]!);
      expect(num(now!.split(',').pop()!), `${lang}: ${answer}`).toBe(overdueIn(latest, top.code));
      expect(num(then!), `${lang}: ${answer}`).toBe(overdueIn(before, top.code));
      expect(answer).toContain(before);
      // The region's trend over every quarter says the same for both quarters.
      const trendHref = body.match(new RegExp(`href="(/${lang}/trends\\?region=${top.code})"`))![1]!;
      const trend = tableRows((await text(trendHref)).body, '<caption>');
      for (const q of [latest, before]) expect(num(trend.find((c) => c[0] === q)![4]!), `${lang} ${q}`).toBe(overdueIn(q, top.code));
    }
    expect(items.length).toBeGreaterThan(0);
  });

  it('refuses a quarter that was not published and a code that is not a region', async () => {
    expect((await site.get('/en/regions?quarter=2019-Q1')).status).toBe(404);
    expect((await site.get('/en/regions?quarter=nonsense')).status).toBe(404);
    expect((await site.get('/en/regions/KZ-99')).status).toBe(404);
    const district = db.prepare("select code from units where kind = 'DISTRICT' limit 1").get() as { code: string };
    expect((await site.get(`/en/regions/${district.code}`)).status).toBe(404);
    expect((await site.get('/en/trends?region=KZ-99')).status).toBe(404);
    expect((await site.get('/en/trends?body=NO-SUCH-BODY')).status).toBe(404);
  });
});

describe("a region's page", () => {
  it("shows the region's districts and bodies with their figures, adding up to the region", async () => {
    for (const code of ['KZ-19', 'KZ-75']) {
      const region = regions.find((r) => r.code === code)!;
      const items = documents.get(latest)!.filter((i) => i.regionCode === code);
      const { status, body } = await text(`/en/regions/${code}`);
      expect(status).toBe(200);
      expect(body).toContain(`${region.name}: problems in quarter ${latest}`);
      const districts = tableRows(body, `${region.name}: problems by district and city, quarter ${latest}`);
      const childNames = db.prepare('select code, name_en as name from units where parent_id = ?').all(region.id) as { code: string; name: string }[];
      for (const child of childNames) {
        const row = districts.find((c) => c[0] === child.name)!;
        expect(row, child.name).toBeDefined();
        expect(row.slice(1).map(num), child.code).toEqual(figures(count(items.filter((i) => unitDistrict.get(i.unitCode) === child.code))));
      }
      const bodies = tableRows(body, `${region.name}: problems by responsible body, quarter ${latest}`);
      const orgNames = new Map(
        (db.prepare('select code, name_en as name from organizations').all() as { code: string; name: string }[]).map((o) => [o.code, o.name]),
      );
      const byBody = new Map<string, PublishedItem[]>();
      for (const i of items) byBody.set(i.organizationCode, [...(byBody.get(i.organizationCode) ?? []), i]);
      expect(bodies).toHaveLength(byBody.size);
      for (const [orgCode, list] of byBody)
        expect(
          bodies
            .find((c) => c[0] === orgNames.get(orgCode))!
            .slice(1)
            .map(num),
          orgCode,
        ).toEqual(figures(count(list)));
      expect(body).toContain(`href="/en/search?quarter=${latest}&amp;region=${code}&amp;overdue=true"`);
    }
  });
});

describe('the regions tables as files', () => {
  it('are exactly the tables the pages list, as CSV and JSON, linked under each table', async () => {
    const { body } = await text(`/en/regions?quarter=${latest}`);
    const csvHref = `/api/regions.csv?quarter=${latest}&amp;lang=en`;
    expect(body).toContain(csvHref);
    const periodEnd = (await site.app.services.openData.quarterDocument(latest))!.periodEnd;
    const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${periodEnd}T00:00:00Z`));
    const rows = tableRows(body, `Regions in quarter ${latest}, as of ${date}`);
    const json = (await (await site.get(`/api/regions.json?quarter=${latest}&lang=en`)).json()) as { asOf: string; items: Record<string, string | number>[] };
    expect(json.asOf).toBe(periodEnd);
    expect(json.items.map((i) => [i.region, i.total, i.open, i.overdue, i.resolved, i.disputed, i.meetings_held])).toEqual(
      rows.map((r) => [r[0], ...r.slice(1, 6).map(num), num(r[r.length - 1]!)]),
    );
    const csv = (await (await site.get(csvHref.replace(/&amp;/g, '&'))).text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(csv[0]).toBe('quarter,as_of,region_code,region,total,open,overdue,resolved,disputed,deadlines_moved,drift_days,meetings_held');
    expect(csv).toHaveLength(rows.length + 1);

    const code = 'KZ-19';
    const region = regions.find((r) => r.code === code)!;
    const page = (await text(`/en/regions/${code}?quarter=${latest}`)).body;
    expect(page).toContain(`/api/regions/${code}/figures.json?quarter=${latest}&amp;lang=en`);
    const districts = tableRows(page, `${region.name}: problems by district and city, quarter ${latest}`);
    const bodies = tableRows(page, `${region.name}: problems by responsible body, quarter ${latest}`);
    const detail = (await (await site.get(`/api/regions/${code}/figures.json?quarter=${latest}&lang=en`)).json()) as {
      items: Record<string, string | number>[];
    };
    const asRow = (i: Record<string, string | number>) => [i.name, i.total, i.open, i.overdue, i.resolved, i.disputed];
    expect(detail.items.filter((i) => i.level === 'district').map(asRow)).toEqual(districts.map((r) => [r[0], ...r.slice(1, 6).map(num)]));
    expect(detail.items.filter((i) => i.level === 'body').map(asRow)).toEqual(bodies.map((r) => [r[0], ...r.slice(1, 6).map(num)]));
    expect((await site.get('/api/regions.csv?quarter=1999-Q1')).status).toBe(404);
    expect((await site.get(`/api/regions/KZ-00/figures.csv?quarter=${latest}`)).status).toBe(404);
  });
});

describe('trends', () => {
  it('shows the country, a region and a body in every published quarter, as charts and a table', async () => {
    const body = db.prepare("select code from organizations where code = 'MIN-ENERGY'").get() as { code: string };
    const scopes: [string, (i: PublishedItem) => boolean][] = [
      ['/en/trends', () => true],
      ['/en/trends?region=KZ-19', (i) => i.regionCode === 'KZ-19'],
      [`/en/trends?body=${body.code}`, (i) => i.organizationCode === body.code],
    ];
    for (const [path, keep] of scopes) {
      const page = (await text(path)).body;
      const rows = tableRows(page, '<caption>');
      expect(
        rows.map((r) => r[0]),
        path,
      ).toEqual(quarters);
      for (const q of quarters) {
        const c = count(documents.get(q)!.filter(keep));
        const row = rows.find((r) => r[0] === q)!;
        expect(row.slice(2).map(num), `${path} ${q}`).toEqual([c.total, c.open, c.overdue, c.resolved, c.disputed, c.deadlinesMoved, c.driftDays]);
      }
      for (const series of ['open', 'overdue', 'resolved', 'deadlinesMoved']) {
        // Each chart reads out every quarter in its description.
        const desc = page.match(new RegExp(`<desc id="trend-${series}-desc">([^<]*)</desc>`))![1]!;
        expect(desc.split('; ')).toHaveLength(quarters.length);
      }
    }
  });
});

describe('stored per-place figures', () => {
  it("are what the migration recomputes from a quarter's items (quarters published before the table existed)", () => {
    const stored = db.prepare('select * from publication_areas order by 1, 2, 3, 4').all();
    expect(stored.length).toBeGreaterThan(100);
    const dir = readdirSync('drizzle').find((d) => d.endsWith('_publication_areas_backfill'))!;
    db.exec('delete from publication_areas');
    db.exec(readFileSync(join('drizzle', dir, 'migration.sql'), 'utf8'));
    expect(db.prepare('select * from publication_areas order by 1, 2, 3, 4').all()).toEqual(stored);
  });
});

describe('as of', () => {
  const latestEnd = () => (db.prepare('select period_end as d from publications order by year desc, quarter desc limit 1').get() as { d: string }).d;

  it("says on every search result the date its status is as of, and today's state where it differs", async () => {
    const { body } = await text(`/en/search?overdue=true`);
    const hits = [...body.matchAll(/<li class="hit">([\s\S]*?)<\/li>\n/g)].map((m) => m[1]!);
    expect(hits.length).toBeGreaterThan(0);
    let differing = 0;
    for (const hit of hits) {
      const id = Number(hit.match(/\/en\/problems\/(\d+)/)![1]);
      expect(hit).toContain(`Status as of <time datetime="${latestEnd()}">`);
      const now = db.prepare('select status, due_date as dueDate, region_id as regionId from issues where id = ?').get(id) as {
        status: string;
        dueDate: string | null;
        regionId: number;
      };
      const overdueNow = site.app.services.issues.isOverdue(now);
      // Every result here was overdue at the quarter's end.
      if (!overdueNow) {
        differing++;
        expect(hit, `№ ${id}`).toContain('no longer overdue');
      } else expect(hit, `№ ${id}`).not.toContain('no longer overdue');
    }
    expect(differing).toBeGreaterThan(0);
  });

  it('says on the problem page how the latest list showed it, and both when overdue then and now differ', async () => {
    const q = latest;
    const rows = db
      .prepare(
        `select i.issue_id as id, i.overdue as thenOverdue, s.status, s.due_date as dueDate, s.region_id as regionId from publication_items i
         join publications p on p.id = i.publication_id join issues s on s.id = i.issue_id where p.year = ? and p.quarter = ?`,
      )
      .all(Number(q.slice(0, 4)), Number(q.slice(6))) as { id: number; thenOverdue: number; status: string; dueDate: string | null; regionId: number }[];
    const becameOverdue = rows.find((r) => r.thenOverdue === 0 && site.app.services.issues.isOverdue(r));
    const noLonger = rows.find((r) => r.thenOverdue === 1 && !site.app.services.issues.isOverdue(r));
    const same = rows.find((r) => r.thenOverdue === 1 && site.app.services.issues.isOverdue(r));
    expect(becameOverdue && noLonger && same).toBeTruthy();
    const line = async (id: number) => (await text(`/en/problems/${id}`)).body.match(/<p class="as-of[^"]*">([\s\S]*?)<\/p>/)![1]!;
    expect(await line(becameOverdue!.id)).toMatch(new RegExp(`In the list of quarter ${q} \\(as of [^)]+\\): [^,]+, not overdue\\. .*Now: .*, overdue`));
    expect(await line(noLonger!.id)).toMatch(new RegExp(`In the list of quarter ${q} \\(as of [^)]+\\): [^,]+, overdue\\. .*Now: .*no longer overdue`));
    expect(await line(same!.id)).not.toContain('Now:');
  });
});

describe('changes since the previous quarter', () => {
  it('links each number of the home page to the list it counts, page by page', async () => {
    const home = (await text('/en/')).body;
    const section = home.slice(home.indexOf('id="changes"'), home.indexOf('</section>', home.indexOf('id="changes"')));
    const links = [...section.matchAll(/<a href="(\/en\/quarters\/[^"]+\/changes\/[a-z-]+)">([\d,]+)<\/a>/g)];
    const items = documents.get(latest)!;
    const kinds = [...new Set(items.map((i) => i.change))].filter((c) => c !== 'UNCHANGED');
    expect(links).toHaveLength(kinds.length);
    for (const [, href, shown] of links) {
      const kind = href!.split('/').pop()!.toUpperCase().replace(/-/g, '_');
      const expected = items.filter((i) => i.change === kind).map((i) => i.id);
      expect(num(shown!), kind).toBe(expected.length);
      const listed: number[] = [];
      for (let next: string | undefined = href; next; ) {
        const page = (await text(next.replace(/&amp;/g, '&'))).body;
        listed.push(...[...page.matchAll(/<li><a href="\/en\/problems\/(\d+)"/g)].map((m) => Number(m[1])));
        next = page.match(/<a href="([^"]+)" rel="next">/)?.[1];
      }
      expect(listed, kind).toEqual(expected);
    }
    expect((await site.get(`/en/quarters/${latest}/changes/unchanged`)).status).toBe(404);
    expect((await site.get(`/en/quarters/${latest}/changes/new?after=999999999`)).status).toBe(404);
  });
});
