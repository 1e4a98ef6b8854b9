import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { clearPublications, serveHttp } from './helpers.ts';

// The pages of a published quarter read the figures stored when it was published and page through
// a body's list by keyset: the home page reads no item, a body's page reads one page of items.

const app = createTestApp({ seed: 'demo' });
const http = await serveHttp(app);

beforeAll(async () => {
  clearPublications(app);
  // Test setup: 120 more problems for one body in 2026-Q3, so that its list has three pages.
  app.db.$client.exec(`
with recursive n(k) as (select 1 union all select k + 1 from n where k < 120)
insert into issues (tracking_code, meeting_id, unit_id, region_id, category, language, title, text, status, resolution_plan,
  due_date, progress, responsible_organization_id, recorded_by_organization_id, needs_central_decision, raised_at, updated_at)
select 'PAGE' || printf('%06d', k), t.meeting_id, t.unit_id, t.region_id, t.category, t.language, substr(t.title, 1, 180) || ' #' || k, t.text,
  'IN_PROGRESS', t.resolution_plan, '2027-06-30', 40, t.responsible_organization_id, t.recorded_by_organization_id, 0,
  '2026-08-01T05:00:00.000Z', '2026-08-01T05:00:00.000Z'
from n, (select * from issues where status = 'IN_PROGRESS' and resolution_plan is not null order by id limit 1) t;`);
  await app.services.publication.publishDue({ delayHours: 0 });
});

const itemReads = () => app.queries.filter((q) => /publication_items/.test(q));

describe('stored figures', () => {
  it('stores per quarter the counts the home page shows, equal to counting the items', async () => {
    const stored = app.db.$client.prepare('select id, item_count, figures from publications where year = 2026 and quarter = 3').get() as {
      id: number;
      item_count: number;
      figures: string;
    };
    const figures = JSON.parse(stored.figures);
    const counted = app.db.$client
      .prepare('select status, count(*) n, sum(overdue) overdue from publication_items where publication_id = ? group by status')
      .all(stored.id) as { status: string; n: number; overdue: number }[];
    for (const row of counted) expect(figures.byStatus[row.status]).toBe(row.n);
    expect(Object.values(figures.byStatus).reduce((a: number, b) => a + (b as number), 0)).toBe(stored.item_count);
    expect(figures.overdue).toBe(counted.reduce((a, r) => a + r.overdue, 0));
    const changes = app.db.$client.prepare('select change, count(*) n from publication_items where publication_id = ? group by change').all(stored.id) as {
      change: string;
      n: number;
    }[];
    for (const row of changes) expect(figures.changes[row.change]).toBe(row.n);
    const bodies = app.db.$client
      .prepare('select sum(open) open, sum(resolved) resolved, sum(drift_days) drift from publication_bodies where publication_id = ?')
      .get(stored.id) as {
      open: number;
      resolved: number;
      drift: number;
    };
    expect(figures).toMatchObject({ open: bodies.open, resolved: bodies.resolved, driftDays: bodies.drift });
  });

  it('renders the home page from them without reading a single published item', async () => {
    app.resetQueries();
    const res = await http.get('/en/');
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(itemReads()).toEqual([]);
    const figures = JSON.parse(
      (app.db.$client.prepare('select figures from publications where year = 2026 and quarter = 3').get() as { figures: string }).figures,
    );
    expect(html).toContain('2026-Q3');
    expect(html).toContain(`>${figures.overdue}<`);
  });

  it("pages through a body's list with keyset links, forwards and back", async () => {
    const bodies = (await (await http.get('/open-data/quarters/2026-Q3.json')).json()).bodies as { organizationCode: string; total: number }[];
    const big = bodies.sort((a, b) => b.total - a.total)[0]!;
    expect(big.total).toBeGreaterThan(100);
    const all = (await (await http.get(`/open-data/quarters/2026-Q3/bodies/${big.organizationCode}.json`)).json()).items.map((i: any) => i.id);

    const numbers = (html: string) => [...html.matchAll(/<span class="sub">№\s(\d+)/g)].map((m) => Number(m[1]));
    const link = (html: string, rel: 'next' | 'prev') => html.match(new RegExp(`<a href="([^"]+)" rel="${rel}"`))?.[1]?.replaceAll('&amp;', '&');
    const pages: string[] = [];
    const seen: number[] = [];
    let path: string | undefined = `/en/bodies/${big.organizationCode}?quarter=2026-Q3`;
    while (path) {
      app.resetQueries();
      const html = await (await http.get(path)).text();
      pages.push(html);
      seen.push(...numbers(html));
      path = link(html, 'next');
    }
    expect(seen).toEqual(all);
    expect(pages.length).toBe(Math.ceil(big.total / 50));
    expect(pages.at(-1)).toContain(`Page ${pages.length} of ${pages.length}`);

    // Back from the last page: the previous one again, the same problems.
    const back = await (await http.get(link(pages.at(-1)!, 'prev')!)).text();
    expect(numbers(back)).toEqual(numbers(pages.at(-2)!));
    expect(link(back, 'next')).toBeDefined();
    expect((await http.get(`/en/bodies/${big.organizationCode}?quarter=2026-Q3&after=abc`)).status).toBe(404);
  });
});
