import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { readme, readmeTrackingCode } from '../helpers/demo-docs.ts';

// The README and the docs quote the demo (a tracking code, the ministry's most overdue problem, the
// figures): each quote is checked against the seeded demo, so a change of the demo that leaves
// them stale fails here instead of misleading a reader.

describe('what the README and the docs say about the demo', () => {
  const app = createTestApp({ seed: 'demo' });
  const sql = app.db.$client;
  const text = readme();
  const count = (query: string) => (sql.prepare(query).get() as { n: number }).n;

  it('prints the tracking code of an Almaty oblast problem in progress, the same in every doc', () => {
    const code = readmeTrackingCode(text);
    const row = sql
      .prepare(`select i.id, i.status, r.code as region, o.code as body from issues i join units r on r.id = i.region_id
      join organizations o on o.id = i.responsible_organization_id where i.tracking_code = ?`)
      .get(code.replace(/-/g, '')) as { id: number; status: string; region: string; body: string } | undefined;
    expect(row).toMatchObject({ status: 'IN_PROGRESS', region: 'KZ-19' });
    expect(text).toContain(`problem № ${row!.id}`);
    for (const doc of ['docs/workflows.md', 'docs/web.md']) {
      const codes = [...readFileSync(doc, 'utf8').matchAll(/`([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{5})`/g)].map((m) => m[1]).filter((c) => c !== 'XXXX-XXXX-XXXXX');
      expect(codes.length, doc).toBeGreaterThan(0);
      expect(new Set(codes), doc).toEqual(new Set([code]));
    }
  });

  it("names the demo ministry's most overdue open problem with its deadline", async () => {
    const m = /overdue first \(№ (\d+), due\s+(\d{1,2}) (\w+) (\d{4})\)/.exec(text);
    expect(m, 'README: "overdue first (№ N, due D Month YYYY)"').not.toBeNull();
    const today = app.clock.now().toISOString().slice(0, 10);
    const first = sql
      .prepare(`select i.id, i.due_date as due from issues i join organizations o on o.id = i.responsible_organization_id
      where o.code = 'MIN-ENERGY' and i.status in ('ASSIGNED', 'IN_PROGRESS', 'REOPENED') and i.due_date < ? order by i.due_date, i.id limit 1`)
      .get(today) as { id: number; due: string };
    expect(Number(m![1])).toBe(first.id);
    const due = new Date(`${first.due}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    expect(`${m![2]} ${m![3]} ${m![4]}`).toBe(due);
  });

  it('gives the figures of the demo: meetings, problems, regions', () => {
    const m = /(\d+) meetings and (\d+) problems in Kazakh and Russian from all (\d+) regions/.exec(text.replace(/\s+/g, ' '));
    expect(m, 'README: "N meetings and M problems in Kazakh and Russian from all 20 regions"').not.toBeNull();
    expect(Number(m![1])).toBe(count('select count(*) as n from meetings'));
    expect(Number(m![2])).toBe(count('select count(*) as n from issues'));
    expect(Number(m![3])).toBe(count('select count(distinct region_id) as n from issues'));
    const published = sql.prepare(`select year || '-Q' || quarter as label from publications where status = 'published' order by year, quarter`).all() as {
      label: string;
    }[];
    const range = /quarters (\d{4}-Q\d) to (\d{4}-Q\d) published/.exec(text.replace(/\s+/g, ' '));
    expect(range).not.toBeNull();
    expect([published[0]?.label, published.at(-1)?.label]).toEqual([range![1], range![2]]);
  });
});
