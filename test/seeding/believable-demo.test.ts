import { describe, expect, it } from 'vitest';
import { quarterEndedEverywhereUtc, roundCutoffEverywhereUtc } from '../../src/modules/publication/periods.ts';
import { templatePattern } from '../../src/modules/seeding/demo-template.ts';
import { loadDemoFiles, type TemplateSetting } from '../../src/modules/seeding/seed-files.ts';
import { createTestApp } from '../helpers/app.ts';

// What a journalist would check in the demo (seeded by the global setup with the default
// PUBLISH_DELAY_HOURS of 24): every region is there, texts are not copies of each other, a city
// district never gets a village's complaint, the body answering is the one that answers for it in
// seeds/demo/routing.json, akims carry no invented names, and each quarter is dated by the rule.

const URBAN_KINDS = ['CITY_REPUBLICAN', 'CITY_DISTRICT', 'CITY_OBLAST', 'TOWN'];

interface IssueRow {
  id: number;
  category: string;
  language: 'kk' | 'ru';
  text: string;
  unit_id: number;
  meeting_id: number;
  unit_kind: string;
  region_code: string;
  status: string;
  body_code: string | null;
  body_kind: string | null;
}

describe('the demo is believable', () => {
  const app = createTestApp({ seed: 'demo' });
  const sql = app.db.$client;
  const { problems, routing } = loadDemoFiles();
  const issues = sql
    .prepare(`
    select i.id, i.category, i.language, i.text, i.unit_id, i.meeting_id, u.kind as unit_kind, r.code as region_code, i.status,
      o.code as body_code, o.kind as body_kind
    from issues i join units u on u.id = i.unit_id join units r on r.id = i.region_id
    left join organizations o on o.id = i.responsible_organization_id order by i.id`)
    .all() as IssueRow[];

  // Each template as a pattern, optionally followed by one of the closing sentences of its language.
  const closings = Object.fromEntries(
    (['kk', 'ru'] as const).map((lang) => [lang, problems.closings[lang].map((c) => templatePattern(c).source.slice(1, -1)).join('|')]),
  );
  const templates = Object.entries(problems.categories).flatMap(([category, entry]) =>
    (entry?.problems ?? []).map((t) => ({
      category,
      ...t,
      pattern: new RegExp(`${templatePattern(t.text).source.slice(0, -1)}(?: (?:${closings[t.lang]}))?$`, 'su'),
    })),
  );
  const templatesOf = (issue: IssueRow) => templates.filter((t) => t.category === issue.category && t.lang === issue.language && t.pattern.test(issue.text));

  it('has held meetings and problems in every one of the 20 regions', () => {
    const regions = sql.prepare('select count(*) as n from units where parent_id is null').get() as { n: number };
    expect(regions.n).toBe(20);
    const withMeetings = sql.prepare(`select count(distinct region_id) as n from meetings where status = 'HELD'`).get() as { n: number };
    const withProblems = sql.prepare('select count(distinct region_id) as n from issues').get() as { n: number };
    expect(withMeetings.n).toBe(20);
    expect(withProblems.n).toBe(20);
  });

  it('words nearly every problem differently; a repeat is the same complaint raised again in the same place', () => {
    const distinct = new Set(issues.map((i) => i.text)).size;
    expect(distinct / issues.length).toBeGreaterThan(0.98);
    const byText = new Map<string, IssueRow[]>();
    for (const i of issues) byText.set(i.text, [...(byText.get(i.text) ?? []), i]);
    const repeated = [...byText.values()].filter((list) => list.length > 1);
    expect(repeated.length).toBeLessThanOrEqual(5);
    for (const list of repeated) {
      expect(new Set(list.map((i) => i.unit_id)).size, list[0]!.text).toBe(1);
      expect(new Set(list.map((i) => i.meeting_id)).size, list[0]!.text).toBe(list.length);
    }
  });

  it('traces every problem to a template, and gives no rural template to a city and no urban one to a village', () => {
    const mismatched: string[] = [];
    let urbanProblems = 0;
    for (const issue of issues) {
      const found = templatesOf(issue);
      expect(found.length, `problem ${issue.id} comes from no template: ${issue.text}`).toBeGreaterThan(0);
      const urban = URBAN_KINDS.includes(issue.unit_kind);
      if (issue.unit_kind === 'CITY_DISTRICT') urbanProblems++;
      const wrong: TemplateSetting = urban ? 'rural' : 'urban';
      if (found.every((t) => t.setting === wrong)) mismatched.push(`${issue.id} (${issue.unit_kind}): ${issue.text}`);
    }
    expect(urbanProblems).toBeGreaterThan(20);
    expect(mismatched).toEqual([]);
  });

  it('routes every problem to a body the routing table names for its category and topic', () => {
    const wrong: string[] = [];
    for (const issue of issues.filter((i) => i.body_code !== null)) {
      const allowed = templatesOf(issue).some((t) => {
        const route = routing.routes.find((r) => r.category === issue.category && r.topic === t.topic);
        if (!route) return false;
        if (issue.body_kind === 'LOCAL_EXECUTIVE_BODY') return route.akimat;
        return route.central.some((c) => c.body === issue.body_code && (!c.regions || c.regions.includes(issue.region_code)));
      });
      if (!allowed) wrong.push(`${issue.id} ${issue.category} -> ${issue.body_code}: ${issue.text}`);
    }
    expect(wrong).toEqual([]);
    // Not vacuous: national companies answer for their own networks in the demo.
    const bodies = new Set(issues.map((i) => i.body_code));
    for (const code of ['CO-KAZAVTOZHOL', 'CO-QAZAQGAZ', 'CO-KTZ', 'MIN-ENERGY']) expect(bodies.has(code), code).toBe(true);
  });

  it('names no akim: meetings show the post, not an invented person', () => {
    const named = sql.prepare('select count(*) as n from meetings where akim_name is not null').get() as { n: number };
    expect(named.n).toBe(0);
  });

  it('dates each quarter at its end plus the publication delay, and each collection round at its cutoff', () => {
    const quarters = sql.prepare(`select year, quarter, published_at from publications where status = 'published' order by year, quarter`).all() as {
      year: number;
      quarter: number;
      published_at: string;
    }[];
    expect(quarters.map((q) => `${q.year}-Q${q.quarter}`)).toEqual(expect.arrayContaining(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']));
    for (const q of quarters) {
      const due = new Date(Date.parse(quarterEndedEverywhereUtc(q)) + 24 * 3_600_000).toISOString();
      expect(q.published_at, `${q.year}-Q${q.quarter}`).toBe(due);
    }
    const rounds = sql.prepare('select year, half, collected_at from collection_rounds order by year, half').all() as {
      year: number;
      half: number;
      collected_at: string;
    }[];
    expect(rounds.length).toBeGreaterThan(0);
    for (const r of rounds) expect(r.collected_at, `${r.year}-H${r.half}`).toBe(roundCutoffEverywhereUtc(r));
  });
});
