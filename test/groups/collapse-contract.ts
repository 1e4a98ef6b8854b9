import { beforeAll, describe, expect, it } from 'vitest';
import {
  collapseKey,
  type SearchDocument,
  type SearchFacet,
  type SearchFilter,
  type SearchIndex,
  type SearchRequest,
} from '../../src/modules/search/search.port.ts';
import { fixtureDocuments } from '../search/fixtures.ts';

// Search collapsed to one result per group of similar problems, and facets that count groups: the
// same cases against both engines (search-collapse.fts5.test.ts, search-collapse.meilisearch.test.ts).
// What a collapsed answer must be is worked out from the same engine's uncollapsed answer (every
// match), so each engine is held to its own matches, and the browse cases to the documents.

/** Water supply, roads and sports problems each form a group; the rest are in none. Their regions differ. */
const GROUPS: Partial<Record<SearchDocument['category'], number>> = { WATER_SUPPLY: 501, ROADS: 502, SPORTS_CULTURE: 503 };
const grouped = (docs: SearchDocument[]) => docs.map((d) => ({ ...d, groupId: GROUPS[d.category] ?? null }));
const LIVE = grouped(fixtureDocuments(null));
const Q3 = grouped(fixtureDocuments('2026-Q3'));
const FACETS: SearchFacet[] = ['status', 'category', 'regionId', 'organizationId', 'organizationKind'];

const ask = (overrides: Partial<SearchRequest>): SearchRequest => ({
  index: 'live',
  text: '',
  filter: {},
  facets: FACETS,
  sort: 'RELEVANCE',
  offset: 0,
  limit: 100,
  ...overrides,
});

/** Per facet value, how many distinct groups (a document in no group counting as one) the documents have. */
function groupFacets(docs: SearchDocument[], facets: SearchFacet[]) {
  const out: Record<string, Record<string, number>> = {};
  for (const facet of facets) {
    const keys = new Map<string, Set<string>>();
    for (const d of docs) {
      const value = d[facet];
      if (value === null) continue;
      const set = keys.get(String(value)) ?? new Set<string>();
      set.add(collapseKey(d));
      keys.set(String(value), set);
    }
    out[facet] = Object.fromEntries([...keys].map(([v, set]) => [v, set.size]));
  }
  return out;
}

/** The collapsed answer implied by the full list of matches in order: first of each group, and counts. */
function collapsedFrom(ordered: SearchDocument[]) {
  const counts = new Map<string, number>();
  const first: SearchDocument[] = [];
  for (const d of ordered) {
    const key = collapseKey(d);
    if (!counts.has(key)) first.push(d);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return { first, counts };
}

export function collapseContract(label: string, engine: () => SearchIndex) {
  let index: SearchIndex;
  const search = (overrides: Partial<SearchRequest>) => index.search(ask(overrides));

  beforeAll(async () => {
    index = engine();
    await index.prepare();
    await index.upsert('live', LIVE);
    await index.upsert('published', Q3);
  });

  describe(`${label}: one result per group`, () => {
    it('browsing newest first: each group once, as its newest problem, with its count; ungrouped problems stay single', async () => {
      const newestFirst = [...LIVE].sort((a, b) => b.raisedAt.localeCompare(a.raisedAt));
      const want = collapsedFrom(newestFirst);
      const result = await search({ sort: 'RAISED_DESC', collapse: true });
      expect(result.total).toBe(want.first.length);
      expect(result.total).toBe(LIVE.filter((d) => d.groupId === null).length + 3);
      expect(result.hits.map((h) => h.document.issueId)).toEqual(want.first.map((d) => d.issueId));
      for (const hit of result.hits) expect(hit.collapsed).toBe(want.counts.get(collapseKey(hit.document)));
      expect(result.hits.find((h) => h.document.groupId === 501)?.collapsed).toBe(LIVE.filter((d) => d.category === 'WATER_SUPPLY').length);
      // Uncollapsed, nothing says "collapsed".
      expect((await search({ sort: 'RAISED_DESC' })).hits.every((h) => h.collapsed === undefined)).toBe(true);
    });

    it('pages through collapsed results without repeating a group', async () => {
      const all = await search({ sort: 'RAISED_ASC', collapse: true });
      const pages = [];
      for (let offset = 0; offset < all.total; offset += 7) pages.push(...(await search({ sort: 'RAISED_ASC', collapse: true, offset, limit: 7 })).hits);
      expect(pages.map((h) => h.document.id)).toEqual(all.hits.map((h) => h.document.id));
      expect(new Set(pages.map((h) => collapseKey(h.document))).size).toBe(all.total);
    });

    const cases: [string, SearchFilter][] = [
      ['су', {}],
      ['вода', {}],
      ['жол', {}],
      ['', { regionIds: [1] }],
      ['су', { statuses: ['IN_PROGRESS', 'ASSIGNED'] }],
    ];
    for (const [text, filter] of cases) {
      it(`«${text}» ${JSON.stringify(filter)}: the groups of the matches, each counted once, relevance order kept`, async () => {
        const full = await search({ text, filter, limit: 100 });
        expect(full.total).toBeGreaterThan(0);
        const want = collapsedFrom(full.hits.map((h) => h.document));
        const result = await search({ text, filter, collapse: true });
        expect(result.total).toBe(want.first.length);
        expect(result.hits.map((h) => collapseKey(h.document))).toEqual(want.first.map(collapseKey));
        for (const hit of result.hits) expect(hit.collapsed).toBe(want.counts.get(collapseKey(hit.document)));
        // The facets of a collapsed search count groups when asked, problems otherwise.
        const byGroup = await search({ text, filter, collapse: true, facetsCount: 'groups' });
        expect(byGroup.facets).toEqual(
          groupFacets(
            full.hits.map((h) => h.document),
            FACETS,
          ),
        );
        const byProblem = await search({ text, filter, collapse: true, facetsCount: 'problems' });
        expect(byProblem.facets).toEqual(full.facets);
        // Counting groups does not need collapsed results.
        const uncollapsed = await search({ text, filter, facetsCount: 'groups' });
        expect(uncollapsed.total).toBe(full.total);
        expect(uncollapsed.facets).toEqual(byGroup.facets);
      });
    }

    it('counting groups: a group whose problems lie in two regions counts once in each, and once in all', async () => {
      const result = await search({ facetsCount: 'groups', limit: 1 });
      const want = groupFacets(LIVE, FACETS);
      expect(result.facets).toEqual(want);
      const water = LIVE.filter((d) => d.groupId === 501);
      const regions = new Set(water.map((d) => d.regionId));
      expect(regions.size).toBeGreaterThan(1);
      expect(result.facets.category?.WATER_SUPPLY).toBe(1);
      const problems = await search({ limit: 1 });
      expect(problems.facets.category?.WATER_SUPPLY).toBe(water.length);
    });

    it('in a published quarter, by the group each problem had when published', async () => {
      const newestFirst = [...Q3].sort((a, b) => b.raisedAt.localeCompare(a.raisedAt));
      const want = collapsedFrom(newestFirst);
      const result = await search({
        index: 'published',
        filter: { quarter: '2026-Q3' },
        sort: 'RAISED_DESC',
        collapse: true,
        facetsCount: 'groups',
        facets: [...FACETS, 'overdue'],
      });
      expect(result.hits.map((h) => h.document.id)).toEqual(want.first.map((d) => d.id));
      expect(result.facets).toEqual(groupFacets(Q3, [...FACETS, 'overdue']));
      expect(result.hits.find((h) => h.document.groupId === 502)?.document.groupId).toBe(502);
    });

    it('a document leaving its group becomes a result of its own', async () => {
      const moved = { ...LIVE.find((d) => d.groupId === 503)!, groupId: null };
      await index.upsert('live', [moved]);
      const result = await search({ sort: 'RAISED_DESC', collapse: true });
      expect(result.hits.some((h) => h.document.id === moved.id && h.collapsed === 1)).toBe(true);
      expect(result.hits.find((h) => h.document.groupId === 503)?.collapsed).toBe(LIVE.filter((d) => d.groupId === 503).length - 1);
      await index.upsert('live', [{ ...moved, groupId: 503 }]);
    });
  });
}
