import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { contactValues, startPublicSite, type PublicSite } from './helpers.ts';

// A journalist's lists over HTTP: a meeting's page and the problems raised there, every list's
// CSV and JSON holding exactly what the page lists, numbered search pages with a page size, the
// sharing tags, the lang of user text, and a crawl of the site that finds no broken link and no
// personal data.

const site: PublicSite = await startPublicSite();
const db = site.app.db.$client;

const text = async (path: string) => {
  const res = await site.get(path);
  return { res, body: await res.text() };
};
const csvRows = (body: string) => parse(body, { bom: true, columns: true }) as Record<string, string>[];
/** Problem numbers in the order a page links them inside its list. */
const linkedProblems = (html: string, lang: string) =>
  [...html.matchAll(new RegExp(`<th scope="row"><a href="/${lang}/problems/(\\d+)"`, 'g'))].map((m) => Number(m[1]));

/** The meeting with the most problems raised, looked up (not pinned). */
const busiest = db.prepare('select meeting_id as id, count(*) as n from issues group by meeting_id order by n desc, meeting_id limit 1').get() as {
  id: number;
  n: number;
};
const latest = site.app.services.search.publishedQuarters()[0]!;

describe("a meeting's page", () => {
  it('shows the record and every problem raised there with its current status, in kk, ru and en', async () => {
    const record = (await site.app.services.meetingRecords.findMeetingRecord(busiest.id))!;
    expect(record.problems.length).toBe(busiest.n);
    for (const lang of ['kk', 'ru', 'en']) {
      const { res, body } = await text(`/${lang}/meetings/${busiest.id}`);
      expect(res.status).toBe(200);
      expect(linkedProblems(body, lang).sort()).toEqual(record.problems.map((p) => p.id).sort());
      for (const p of record.problems) expect(body).toContain(`status-${p.status.toLowerCase()}`);
      expect(body).toContain(`/api/meetings/${busiest.id}/problems.csv?lang=${lang}`);
    }
    const { body } = await text(`/en/meetings/${busiest.id}`);
    expect(body).toMatch(/<dt>Planned for<\/dt>/);
    expect(body).toContain('How the meeting kept to the decree');
    expect((await site.get('/en/meetings/999999999')).status).toBe(404);
    expect((await site.get('/en/meetings/abc')).status).toBe(404);
  });

  it('is linked from every meeting the calendar lists', async () => {
    const { body } = await text('/kk/meetings?region=KZ-19');
    const linked = [...body.matchAll(/<p class="when"><a href="\/kk\/meetings\/(\d+)">/g)].map((m) => Number(m[1]));
    expect(linked.length).toBeGreaterThan(0);
    expect(linked.length).toBe((body.match(/<li class="meeting/g) ?? []).length);
    for (const id of linked.slice(0, 5)) expect((await site.get(`/kk/meetings/${id}`)).status).toBe(200);
  });
});

describe('every list as CSV and JSON, exactly as the page lists it', () => {
  it("a meeting's problems", async () => {
    const { body } = await text(`/ru/meetings/${busiest.id}`);
    const shown = linkedProblems(body, 'ru');
    const csvHref = body.match(/href="(\/api\/meetings\/\d+\/problems\.csv\?lang=ru)"/)![1]!;
    const jsonHref = body.match(/href="(\/api\/meetings\/\d+\/problems\.json\?lang=ru)"/)![1]!;
    const csv = await text(csvHref);
    expect(csv.res.headers.get('content-type')).toContain('text/csv');
    const rows = csvRows(csv.body);
    expect(rows.map((r) => Number(r.number))).toEqual(shown);
    const json = (await (await site.get(jsonHref)).json()) as { items: { number: number; status: string }[]; count: number };
    expect(json.items.map((i) => i.number)).toEqual(shown);
    expect(json.count).toBe(shown.length);
    expect((await site.get('/api/meetings/999999999/problems.csv')).status).toBe(404);
  });

  it("the meetings calendar's list, for a region and for the country", async () => {
    for (const query of ['?region=KZ-19', '']) {
      const { body } = await text(`/en/meetings${query}`);
      const shown = [...body.matchAll(/<p class="when"><a href="\/en\/meetings\/(\d+)">/g)].map((m) => Number(m[1]));
      const sep = query ? '&amp;' : '?';
      const csvHref = `/api/meetings.csv${query}${query ? '&' : '?'}lang=en`;
      expect(body).toContain(`/api/meetings.csv${query}${sep}lang=en`);
      expect(csvRows((await text(csvHref)).body).map((r) => Number(r.id))).toEqual(shown);
      const json = (await (await site.get(csvHref.replace('.csv', '.json'))).json()) as { items: { id: number }[] };
      expect(json.items.map((i) => i.id)).toEqual(shown);
    }
    expect((await site.get('/api/meetings.csv?region=KZ-99')).status).toBe(404);
  });

  it("a body's list, all its pages together", async () => {
    // The body with the longest list in the latest quarter (its pages followed, however many).
    const body = [...(await site.app.services.openData.quarterDocument(latest))!.bodies].sort((a, b) => b.total - a.total)[0]!;
    const code = body.organizationCode;
    let path: string | null = `/kk/bodies/${code}?quarter=${latest}`;
    const shown: number[] = [];
    let first = '';
    while (path) {
      const { body } = await text(path);
      first ||= body;
      shown.push(...linkedProblems(body, 'kk'));
      path = body.match(/<a href="([^"]+)" rel="next">/)?.[1]?.replace(/&amp;/g, '&') ?? null;
    }
    expect(shown.length).toBe(body.total);
    const csvHref = first.match(/href="([^"]+\.csv)" type="text\/csv" download/)![1]!;
    expect(csvRows((await text(csvHref)).body).map((r) => Number(r.id))).toEqual(shown);
    const json = (await (await site.get(csvHref.replace(/\.csv$/, '.json'))).json()) as { items: { id: number }[] };
    expect(json.items.map((i) => i.id)).toEqual(shown);
  });
});

describe('search pages', () => {
  it('offers numbered pages and a page size that the links keep', async () => {
    const total = (await site.app.services.search.searchIssues(null, { query: '' })).total;
    const { body } = await text('/en/search?per_page=50&page=3');
    expect((body.match(/<li class="hit">/g) ?? []).length).toBe(Math.min(50, total - 100));
    expect(body).toMatch(/<option value="50" selected>50<\/option>/);
    expect(body).toContain('href="/en/search?per_page=50">1</a>');
    expect(body).toMatch(/href="\/en\/search\?page=3&amp;per_page=50" aria-current="page">3<\/a>/);
    const lastPage = Math.ceil(total / 50);
    expect(body).toContain(`href="/en/search?page=${lastPage}&amp;per_page=50">${lastPage}</a>`);
    expect((await site.get('/en/search?per_page=7')).status).toBe(404);
  });
});

describe('sharing and language', () => {
  it('titles a problem by what it is, with canonical, Open Graph and Twitter tags from PUBLIC_URL', async () => {
    const problem = db.prepare("select id, title from issues where language = 'kk' order by id limit 1").get() as { id: number; title: string };
    const { body } = await text(`/kk/problems/${problem.id}?from=share`);
    expect(body).toContain(`<title>${problem.title} — №\u00a0${problem.id} — Jauap</title>`);
    expect(body).toContain(`<link rel="canonical" href="${site.base}/kk/problems/${problem.id}">`);
    expect(body).toContain(`<meta property="og:url" content="${site.base}/kk/problems/${problem.id}">`);
    expect(body).toContain(`<meta property="og:title" content="${problem.title} — №\u00a0${problem.id}">`);
    expect(body).toMatch(/<meta property="og:description" content="[^"]{20,}">/);
    expect(body).toContain('<meta name="twitter:card" content="summary">');
    const meeting = await text(`/en/meetings/${busiest.id}`);
    expect(meeting.body).toMatch(/<title>[^<]+, \d{1,2} \w+ \d{4} — Akim&#39;s meeting with the population — Jauap<\/title>/);
  });

  it('marks Russian user text on a Kazakh page, and Kazakh on a Russian one', async () => {
    const ru = db.prepare("select id, meeting_id as meeting from issues where language = 'ru' order by id limit 1").get() as { id: number; meeting: number };
    const { body } = await text(`/kk/meetings/${ru.meeting}`);
    expect(body).toContain(`<a href="/kk/problems/${ru.id}" lang="ru">`);
    // Public notes have no language field: judged by their letters.
    const note = db
      .prepare(
        "select i.id, u.public_note as note from issue_updates u join issues i on i.id = u.issue_id where u.public_note glob '*[әғқңөұүі]*' order by u.id limit 1",
      )
      .get() as { id: number; note: string };
    const page = await text(`/ru/problems/${note.id}`);
    expect(page.body).toContain(
      `<blockquote class="note" lang="kk">${note.note.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</blockquote>`,
    );
  });
});

describe('details a reader notices', () => {
  it('wraps a long chart label onto two lines, and writes no double period after a Russian date', async () => {
    const { body } = await text('/ru/');
    const labels = [...body.matchAll(/<text [^>]*text-anchor="end">(.*?)<\/text>/g)].map((m) =>
      [...m[1]!.matchAll(/<tspan [^>]*>([^<]*)<\/tspan>/g)].map((t) => t[1]),
    );
    expect(labels.map((lines) => lines.join(' '))).toContain('Направлена ответственному органу');
    expect(labels.find((lines) => lines.join(' ') === 'Направлена ответственному органу')!.length).toBe(2);
    expect(body).not.toMatch(/г\.\./);
  });

  it('keeps № with its number, names broadcast platforms readably, and links the meeting from its problem', async () => {
    const id = (db.prepare('select id from issues order by id limit 1').get() as { id: number }).id;
    const { body } = await text(`/ru/problems/${id}`);
    expect(body).toContain(`Проблема №\u00a0${id}`);
    expect(body).not.toMatch(/>(FACEBOOK|INSTAGRAM|YOUTUBE|TELEGRAM)</);
    const meeting = db.prepare('select meeting_id as id from issues where id = ?').get(id) as { id: number };
    expect(body).toContain(`href="/ru/meetings/${meeting.id}"`);
    expect((await text('/en/meetings?region=KZ-19')).body).not.toMatch(/>(FACEBOOK|INSTAGRAM|YOUTUBE|TELEGRAM)</);
  });

  it('shows a zero overdue count without the warning colour', async () => {
    const bodies = (await site.app.services.openData.quarterDocument(latest))!.bodies;
    const none = bodies.find((b) => b.overdue === 0)!;
    const some = bodies.find((b) => b.overdue > 0)!;
    expect((await text(`/en/widget/bodies/${none.organizationCode}`)).body).not.toContain('tile-warn');
    expect((await text(`/en/widget/bodies/${some.organizationCode}`)).body).toContain('class="tile-warn"');
  });

  it('names units in Russian on the Russian pages', async () => {
    const { body } = await text('/ru/bodies/AKIMAT-KZ-71-BAIKONYR');
    expect(body).toContain('Акимат района Байконур');
  });
});

describe('a crawl of the public site', () => {
  it('follows every kind of link from the home pages without a broken one or any personal data', async () => {
    const contacts = contactValues(site.app);
    const seen = new Set<string>();
    const queue = ['/kk/', '/ru/', '/en/', `/kk/meetings/${busiest.id}`, '/ru/meetings?region=KZ-75'];
    const kinds = new Map<string, number>();
    const leaks: string[] = [];
    const broken: string[] = [];
    // Breadth first, a few pages of each kind (the kind is the path without numbers and query).
    while (queue.length && seen.size < 500) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const res = await site.get(path);
      if (res.status !== 200) broken.push(`${path} ${res.status}`);
      const body = await res.text();
      for (const value of contacts) if (body.includes(value)) leaks.push(`${path}: ${value}`);
      if (!(res.headers.get('content-type') ?? '').includes('text/html')) continue;
      for (const m of body.matchAll(/href="(\/[^"]*)"/g)) {
        const link = m[1]!.replace(/&amp;/g, '&');
        if (link.startsWith('/assets/') || link.startsWith('/graphql') || /\/staff(\/|$)/.test(link) || link.includes('.ics')) continue;
        const kind = link
          .replace(/\?.*$/, '')
          .replace(/\d+/g, 'N')
          .replace(/^\/(kk|ru|en)\//, '/L/');
        const count = kinds.get(kind) ?? 0;
        if (count >= 6 || seen.has(link)) continue;
        kinds.set(kind, count + 1);
        queue.push(link);
      }
    }
    expect(broken).toEqual([]);
    expect(leaks).toEqual([]);
    // The crawl reached the new pages and files.
    for (const kind of ['/L/meetings/N', '/api/meetings/N/problems.csv', '/api/meetings.csv']) expect(kinds.get(kind), kind).toBeGreaterThan(0);
  }, 240_000);
});
