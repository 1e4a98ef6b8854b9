import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { call, CITIZEN, DEMO, issueIn, newIssue, signIn, signInAll, type Tokens } from '../workflows/helpers.ts';
import { clearPublications, serveHttp } from '../publication/helpers.ts';
import { personalValues, publishQuarter, searchIssues } from './helpers.ts';
import { asType, graphql } from '../helpers/graphql.ts';

// searchIssues and GET /api/search with the default engine (FTS5) over the demo data: who searches
// which index, scopes, the live index following writes, the published index following publication.

const app = createTestApp({ seed: 'demo' });
let tokens: Tokens;
let published: number;

beforeAll(async () => {
  tokens = await signInAll(app);
  // Start from data with nothing published, whatever the demo seed publishes itself.
  clearPublications(app);
});

describe('before any quarter is published', () => {
  it('answers the public with an empty published index, not an error', async () => {
    const r = await searchIssues(app, { query: 'су' });
    expect(r.typename).toBe('QuerySearchIssuesSuccess');
    expect(r.data).toMatchObject({ index: 'PUBLISHED', quarter: null, totalCount: 0, hits: [] });
  });
});

describe('the public searches the published quarters', () => {
  beforeAll(async () => {
    await publishQuarter(app, tokens.government, 2026, 2);
    published = await publishQuarter(app, tokens.government, 2026, 3);
  });

  it('searches the latest published quarter by default, with facets and highlights', async () => {
    const all = await searchIssues(app, { first: 5 });
    expect(all.data).toMatchObject({ index: 'PUBLISHED', quarter: '2026-Q3', totalCount: published });
    const r = await searchIssues(app, { query: 'су кубыры', first: 5 });
    expect(r.data.totalCount).toBeGreaterThan(0);
    expect(r.data.hits[0]!.titleHtml + r.data.hits[0]!.snippetHtml).toMatch(/<mark>[^<]*(су|Су|құбыр|Құбыр)/);
    const fields = r.data.facets.map((f: any) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['STATUS', 'CATEGORY', 'REGION_ID', 'ORGANIZATION_ID', 'ORGANIZATION_KIND', 'OVERDUE']));
    const statusTotal = r.data.facets.find((f: any) => f.field === 'STATUS')!.values.reduce((n: number, v: any) => n + v.count, 0);
    expect(statusTotal).toBe(r.data.totalCount);
    const region = r.data.facets.find((f: any) => f.field === 'REGION_ID')!.values[0];
    expect(region!.value).toMatch(/^KZ-/);
    expect(region!.name).toBeTruthy();
  });

  it('filters by region, status and quarter, and pages with cursors', async () => {
    const r = await searchIssues(app, { filter: { regionCodes: ['KZ-19'], quarter: '2026-Q2' }, first: 3 });
    expect(r.data.quarter).toBe('2026-Q2');
    expect(r.data.hits.every((h: any) => h.region.code === 'KZ-19' && h.quarter === '2026-Q2')).toBe(true);
    expect(r.data.pageInfo.hasNextPage).toBe(true);
    const next = await searchIssues(app, { filter: { regionCodes: ['KZ-19'], quarter: '2026-Q2' }, first: 3, after: r.data.pageInfo.endCursor });
    const numbers = [...r.data.hits, ...next.data.hits].map((h: any) => h.number);
    expect(new Set(numbers).size).toBe(6);
    const resolved = await searchIssues(app, { filter: { statuses: ['RESOLVED', 'CLOSED'] }, first: 50 });
    expect(resolved.data.hits.every((h: any) => ['RESOLVED', 'CLOSED'].includes(h.status))).toBe(true);
  });

  it('never shows a citizen’s name, phone or IIN', async () => {
    const values = personalValues(app);
    expect(values.length).toBeGreaterThan(10);
    let after: string | null | undefined;
    let body = '';
    for (let page = 0; page < 5; page++) {
      const r = await searchIssues(app, { first: 100, after });
      body += JSON.stringify(r.data);
      after = r.data.pageInfo.endCursor;
      if (!r.data.pageInfo.hasNextPage) break;
    }
    expect(values.filter((v) => body.includes(v))).toEqual([]);
  });

  it('refuses bad input with typed errors', async () => {
    expect((await searchIssues(app, { first: 0 })).typename).toBe('InvalidInputError');
    expect((await searchIssues(app, { after: 'not-a-cursor' })).problems![0]!.path).toBe('after');
    expect((await searchIssues(app, { filter: { quarter: 'Q3-2026' } })).typename).toBe('InvalidInputError');
    expect((await searchIssues(app, { filter: { quarter: '2019-Q1' } })).code).toBe('quarter/not_found');
    expect((await searchIssues(app, { filter: { regionCodes: ['KZ-99'] } })).code).toBe('unit/not_found');
    expect((await searchIssues(app, { query: 'с'.repeat(201) })).typename).toBe('InvalidInputError');
  });
});

describe('staff search the live index within their scope', () => {
  it('shows an akimat its territory, a ministry its problems, admins everything', async () => {
    const akimat = await searchIssues(app, { first: 100 }, tokens.akimat);
    expect(akimat.data.index).toBe('LIVE');
    expect(akimat.data.totalCount).toBeGreaterThan(0);
    expect(akimat.data.hits.every((h: any) => h.region.code === 'KZ-19')).toBe(true);
    const energy = await searchIssues(app, { first: 100 }, tokens.energy);
    expect(energy.data.totalCount).toBeGreaterThan(0);
    expect(energy.data.hits.every((h: any) => h.organization?.code === 'MIN-ENERGY')).toBe(true);
    const admin = await searchIssues(app, { first: 1 }, tokens.admin);
    const issues = app.db.$client.prepare('select count(*) as n from issues').get() as { n: number };
    expect(admin.data.totalCount).toBe(issues.n);
  });

  it('finds a problem the moment it is recorded, and follows its changes; the public does not see it', async () => {
    const fixture = await newIssue(app, tokens.akimat, 'Шлагбаум сынған Жетісу ауылында');
    const found = await searchIssues(app, { query: 'шлагбаум' }, tokens.akimat);
    expect(found.data.hits.map((h: any) => h.number)).toEqual([fixture.number]);
    expect(found.data.hits[0]!.status).toBe('NEW');
    expect(JSON.stringify(found.data)).not.toContain(CITIZEN.fullName);
    expect((await searchIssues(app, { query: 'шлагбаум' })).data.totalCount).toBe(0);
    const assigned = await call(app, 'assignIssue', { input: { issueId: fixture.id, organizationCode: 'MIN-ENERGY' } }, tokens.akimat);
    expect(assigned.typename).toBe('MutationAssignIssueSuccess');
    const energy = await searchIssues(app, { query: 'шлагбаум', filter: { statuses: ['ASSIGNED'] } }, tokens.energy);
    expect(energy.data.hits[0]).toMatchObject({ number: fixture.number, status: 'ASSIGNED', organization: { code: 'MIN-ENERGY' } });
    expect((await searchIssues(app, { query: 'шлагбаум' }, tokens.water)).data.totalCount).toBe(0);
  });

  it('judges overdue against today in the live index', async () => {
    const fixture = await issueIn(app, tokens, 'IN_PROGRESS', 'Көпқабатты үйдің лифті істемейді');
    const r = await searchIssues(app, { query: 'лифті', filter: { overdue: false } }, tokens.admin);
    expect(r.data.hits.map((h: any) => h.number)).toContain(fixture.number);
    app.clock.set('2027-08-01T06:00:00.000Z');
    // A new session: the morning's one has expired by then.
    const late = await searchIssues(app, { query: 'лифті', filter: { overdue: true } }, await signIn(app, DEMO.admin));
    expect(late.data.index).toBe('LIVE');
    expect(late.data.hits.map((h: any) => h.number)).toContain(fixture.number);
    app.clock.set('2026-11-27T06:00:00.000Z');
  });

  it('tells anybody whether search works and what waits to be indexed', async () => {
    const res = await app.gql(graphql('{ searchStatus { backend available message pendingChanges rebuilding } }'));
    expect(res.data.searchStatus).toEqual({ backend: 'fts5', available: true, message: null, pendingChanges: 0, rebuilding: [] });
  });

  it('lets staff search a published quarter by naming it', async () => {
    const r = await searchIssues(app, { filter: { quarter: '2026-Q3' }, first: 1 }, tokens.energy);
    expect(r.data).toMatchObject({ index: 'PUBLISHED', quarter: '2026-Q3', totalCount: published });
  });
});

describe('GET /api/search', () => {
  it('serves the public search as JSON, with the same answers as GraphQL', async () => {
    const http = await serveHttp(app);
    const res = await http.get('/api/search?q=су%20кубыры&region=KZ-19&per_page=5&lang=ru');
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    const gql = await searchIssues(app, { query: 'су кубыры', filter: { regionCodes: ['KZ-19'] }, first: 5 });
    expect(body).toMatchObject({ index: 'published', quarter: '2026-Q3', total: gql.data.totalCount, page: 1, perPage: 5 });
    expect(body.hits.map((h: any) => h.number)).toEqual(gql.data.hits.map((h: any) => h.number));
    expect(body.hits[0].region).toMatchObject({ code: 'KZ-19' });
    expect(body.facets.status.length).toBeGreaterThan(0);
    const page2 = (await (await http.get('/api/search?q=су%20кубыры&region=KZ-19&per_page=5&page=2')).json()) as any;
    expect(page2.hits.map((h: any) => h.number)).not.toContain(body.hits[0].number);
    const filtered = (await (await http.get('/api/search?status=resolved,closed&category=WATER_SUPPLY&sort=raised_desc')).json()) as any;
    expect(filtered.hits.every((h: any) => ['RESOLVED', 'CLOSED'].includes(h.status) && h.category === 'WATER_SUPPLY')).toBe(true);
    const bad = await http.get('/api/search?per_page=0');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.code).toBe('input/invalid');
    expect((await http.get('/api/search?region=KZ-99')).status).toBe(400);
    const status = await http.get('/api/search/status');
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ backend: 'fts5', available: true, pendingChanges: 0 });
  });
});

describe('word forms, suggestions and exports over the published quarters', () => {
  it('gives the same answer for вода, воды and воду, and finds school problems from мектебі', async () => {
    const found = async (query: string) => (await searchIssues(app, { query, first: 100 })).data.hits.map((h: any) => h.number).sort();
    const water = await found('вода');
    expect(water.length).toBeGreaterThan(0);
    expect(await found('воды')).toEqual(water);
    expect(await found('воду')).toEqual(water);
    const school = await searchIssues(app, { query: 'мектебі', first: 20 });
    expect(school.data.totalCount).toBeGreaterThan(0);
    expect(school.data.hits.some((h: any) => h.category === 'SCHOOLS')).toBe(true);
    // Every water-supply problem is found by the English name of its category (and others by their body's names).
    const english = await searchIssues(app, { query: 'water', first: 1 });
    const supply = await searchIssues(app, { filter: { categories: ['WATER_SUPPLY'] }, first: 1 });
    expect(supply.data.totalCount).toBeGreaterThan(0);
    const byCategory = english.data.facets.find((f: any) => f.field === 'CATEGORY')!.values;
    expect(byCategory.find((v: any) => v.value === 'WATER_SUPPLY')!.count).toBe(supply.data.totalCount);
  });

  it('suggests a spelling the documents have, in GraphQL and in /api/search', async () => {
    const http = await serveHttp(app);
    const body = (await (await http.get(`/api/search?q=${encodeURIComponent('кубр')}`)).json()) as any;
    expect(body.total).toBe(0);
    expect(body.suggestion).toBe('құбыр');
    const res = await app.gql(graphql(`{ searchIssues(query: "кубр") { __typename ... on QuerySearchIssuesSuccess { data { suggestion totalCount } } } }`));
    expect(asType(res.data.searchIssues, 'QuerySearchIssuesSuccess').data).toEqual({ suggestion: 'құбыр', totalCount: 0 });
    expect((await searchIssues(app, { query: 'құбыр' })).data.totalCount).toBeGreaterThan(0);
  });

  it('exports every result of a search as CSV and JSON, across all published quarters when asked', async () => {
    const http = await serveHttp(app);
    const all = await searchIssues(app, { query: 'су', filter: { quarter: 'all' }, first: 1 });
    expect(all.data.quarter).toBeNull();
    const json = await http.get(`/api/search.json?q=${encodeURIComponent('су')}&quarter=all&lang=en`);
    expect(json.status).toBe(200);
    const exported = (await json.json()) as any;
    expect(exported).toMatchObject({ quarter: null, total: all.data.totalCount, exported: all.data.totalCount, complete: true, limit: 10000 });
    expect(new Set(exported.hits.map((h: any) => `${h.quarter}/${h.number}`)).size).toBe(exported.exported);
    expect([...new Set(exported.hits.map((h: any) => h.quarter))]).toEqual(expect.arrayContaining(['2026-Q2', '2026-Q3']));
    expect(exported.hits.find((h: any) => h.quarter === '2026-Q3').asOf).toBe('2026-09-30');
    const csv = await http.get(`/api/search.csv?q=${encodeURIComponent('су')}&region=KZ-19`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toBe(
      'number,quarter,as_of,title,text,language,category,status,progress,due_date,overdue,raised_at,updated_at,region_code,region,unit_code,unit,organization_code,organization,group_number,collapsed_count',
    );
    const inAlmaty = await searchIssues(app, { query: 'су', filter: { regionCodes: ['KZ-19'] }, first: 1 });
    expect(Number(csv.headers.get('x-total-count'))).toBe(inAlmaty.data.totalCount);
    expect(rows.slice(1).every((r) => r.includes(',KZ-19,'))).toBe(true);
    expect(values(rows.join('\n'))).toEqual([]);
    expect((await http.get('/api/search.csv?per_page=0&region=KZ-99')).status).toBe(400);
  });
});

const values = (body: string) => personalValues(app).filter((v) => body.includes(v));
