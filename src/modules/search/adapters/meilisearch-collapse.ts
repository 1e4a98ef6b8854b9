import type { Index } from 'meilisearch';
import type { SearchFacet, SearchResult } from '../search.port.ts';

// One result per group of similar problems, and facets that count groups, in the Meilisearch
// adapter. The search itself collapses with Meilisearch's `distinct` search parameter on
// `groupKey` (filterable, see INDEX_SETTINGS). What `distinct` does not give is asked separately,
// with the same query string and filter as the answer:
// - how many matches each result stands for: one search limited to the page's groups, counting
//   `groupKey` as a facet;
// - facet counts: Meilisearch counts facets after `distinct`, over each group's one representative,
//   so a group whose members lie in three regions would count in one. Counting problems asks
//   without `distinct`; counting groups asks, per facet value, how many distinct groups match with
//   that value (one multi-search, `hitsPerPage: 0`: the exact total of distinct results). That is
//   one search per value shown, the price of an exact count; FTS5 counts the same in memory.

export const DISTINCT_ATTRIBUTE = 'groupKey';

export interface AskedWith {
  query: string;
  filter: string[];
}

/** Matching documents per group key among the given keys. */
export async function countsOfGroups(index: Index, asked: AskedWith, keys: string[]): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const response = await index.search(asked.query, {
    limit: 0,
    filter: [...asked.filter, `${DISTINCT_ATTRIBUTE} IN [${keys.map((k) => JSON.stringify(k)).join(', ')}]`],
    facets: [DISTINCT_ATTRIBUTE],
    matchingStrategy: 'all',
  });
  return new Map(Object.entries(response.facetDistribution?.[DISTINCT_ATTRIBUTE] ?? {}));
}

/** Facet counts of matching problems (without `distinct`). */
export async function problemFacets(index: Index, asked: AskedWith, facets: SearchFacet[]): Promise<SearchResult['facets']> {
  if (facets.length === 0) return {};
  const response = await index.search(asked.query, { limit: 0, filter: asked.filter, facets, matchingStrategy: 'all' });
  return (response.facetDistribution ?? {}) as SearchResult['facets'];
}

/** Per facet value present among the matches, the number of distinct groups matching with it. */
export async function groupFacets(
  search: (queries: Parameters<Index['search']>[1][], query: string) => Promise<number[]>,
  asked: AskedWith,
  byProblem: SearchResult['facets'],
): Promise<SearchResult['facets']> {
  const wanted = Object.entries(byProblem).flatMap(([facet, counts]) => Object.keys(counts ?? {}).map((value) => ({ facet, value })));
  if (wanted.length === 0) return Object.fromEntries(Object.keys(byProblem).map((f) => [f, {}]));
  const totals = await search(
    wanted.map(({ facet, value }) => ({
      filter: [...asked.filter, `${facet} = ${valueLiteral(facet, value)}`],
      distinct: DISTINCT_ATTRIBUTE,
      page: 1,
      hitsPerPage: 0,
      matchingStrategy: 'all' as const,
    })),
    asked.query,
  );
  const out: Record<string, Record<string, number>> = Object.fromEntries(Object.keys(byProblem).map((f) => [f, {}]));
  wanted.forEach(({ facet, value }, i) => {
    out[facet]![value] = totals[i]!;
  });
  return out as SearchResult['facets'];
}

/** Ids and booleans are compared as numbers and booleans; codes are quoted. */
function valueLiteral(facet: string, value: string): string {
  if (facet === 'regionId' || facet === 'organizationId') return String(Number(value));
  if (facet === 'overdue') return value === 'true' ? 'true' : 'false';
  return JSON.stringify(value);
}
