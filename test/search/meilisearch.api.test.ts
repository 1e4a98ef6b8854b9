import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { meilisearchBinary, startMeilisearch, type MeilisearchServer } from '../helpers/meilisearch.ts';
import { clearPublications, serveHttp } from '../publication/helpers.ts';
import { newIssue, signInAll, type Tokens } from '../workflows/helpers.ts';
import { publishQuarter, type SearchVariables, searchIssues } from './helpers.ts';
import { graphql } from '../helpers/graphql.ts';

// SEARCH_BACKEND=meilisearch end to end: the same answers as the default engine, and what happens
// when Meilisearch goes down (the API stays up and says so; the indexes catch up when it is back).

const binary = await meilisearchBinary();
const server: MeilisearchServer | null = binary ? await startMeilisearch(binary) : null;
afterAll(() => server?.stop());

const apps = server
  ? {
      meili: createTestApp({
        seed: 'demo',
        env: { SEARCH_BACKEND: 'meilisearch', MEILI_URL: server.url, MEILI_MASTER_KEY: server.apiKey, MEILI_INDEX_PREFIX: 'api_', SEARCH_CATCH_UP_MS: '200' },
      }),
      fts5: createTestApp({ seed: 'demo' }),
    }
  : null;

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.skipIf(!apps)('SEARCH_BACKEND=meilisearch', () => {
  let meili: TestApp;
  let fts5: TestApp;
  let tokens: Tokens;

  beforeAll(async () => {
    ({ meili, fts5 } = apps!);
    for (const app of [meili, fts5]) {
      clearPublications(app);
      await publishQuarter(app, (await signInAll(app)).government, 2026, 3);
    }
    tokens = await signInAll(meili);
  }, 120_000);

  it('serves the same search as the default engine (the README example)', async () => {
    const variables: SearchVariables[] = [
      { query: 'су құбыры', filter: { regionCodes: ['KZ-19'] }, first: 100 },
      { query: 'су кубыры', first: 100 },
      { query: 'жол жөндеу', filter: { statuses: ['IN_PROGRESS'] }, first: 100 },
      { query: 'школа', first: 100 },
      { query: 'мектеп ғимараты', first: 100 },
      { filter: { categories: ['GAS'], overdue: true }, first: 100, sort: 'RAISED_DESC' },
    ];
    for (const v of variables) {
      const [a, b] = await Promise.all([searchIssues(meili, v), searchIssues(fts5, v)]);
      expect(a.data.quarter).toBe('2026-Q3');
      expect(a.data.totalCount, JSON.stringify(v)).toBeGreaterThan(0);
      expect(a.data.totalCount, JSON.stringify(v)).toBe(b.data.totalCount);
      const numbers = (r: typeof a) => r.data.hits.map((h: any) => h.number).sort((x: number, y: number) => x - y);
      expect(numbers(a)).toEqual(numbers(b));
      if (v.sort) expect(a.data.hits.map((h: any) => h.number)).toEqual(b.data.hits.map((h: any) => h.number));
    }
    const staff = await searchIssues(meili, { query: 'су', first: 100 }, tokens.akimat);
    expect(staff.data.index).toBe('LIVE');
    expect(staff.data.totalCount).toBeGreaterThan(0);
    expect(staff.data.hits.every((h: any) => h.region.code === 'KZ-19')).toBe(true);
  });

  it('stays up when Meilisearch is down, says so, and catches up when it is back', async () => {
    const http = await serveHttp(meili);
    await server!.kill();

    // Writes still succeed: the change waits in the outbox.
    const fixture = await newIssue(meili, tokens.akimat, 'Бағдаршам жұмыс істемейді Түрген ауылында');
    const down = await searchIssues(meili, { query: 'бағдаршам' }, tokens.akimat);
    expect(down).toMatchObject({ typename: 'SearchUnavailableError', code: 'search/unavailable' });
    const res = await http.get('/api/search?q=су');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(((await res.json()) as any).error.code).toBe('search/unavailable');
    const status = (await (await http.get('/api/search/status')).json()) as any;
    expect(status).toMatchObject({ backend: 'meilisearch', available: false, pendingChanges: 1 });
    expect(status.message).toMatch(/unavailable/);
    // The rest of the API does not depend on search.
    const listed = await meili.gql(graphql('{ issues(first: 1) { totalCount } }'));
    expect(listed.data.issues.totalCount).toBeGreaterThan(0);
    // A quarter published during the outage is indexed when Meilisearch returns.
    await publishQuarter(meili, tokens.government, 2026, 2);

    await server!.restart();
    await waitFor(async () => (await searchIssues(meili, { query: 'бағдаршам' }, tokens.akimat)).data?.totalCount === 1, 'the live index to catch up');
    const found = await searchIssues(meili, { query: 'бағдаршам' }, tokens.akimat);
    expect(found.data.hits[0]!.number).toBe(fixture.number);
    const q2 = await searchIssues(meili, { filter: { quarter: '2026-Q2' }, first: 1 });
    expect(q2.data.totalCount).toBe(await count(meili, '2026-Q2'));
    await waitFor(async () => ((await (await http.get('/api/search/status')).json()) as any).pendingChanges === 0, 'the outbox to empty');
    expect((await http.get('/api/search/status')).status).toBe(200);
  });
});

async function count(app: TestApp, quarter: string): Promise<number> {
  const [year, q] = quarter.split('-Q').map(Number);
  const row = app.db.$client
    .prepare('select count(*) as n from publication_items i join publications p on p.id = i.publication_id where p.year = ? and p.quarter = ?')
    .get(year, q) as { n: number };
  return row.n;
}
