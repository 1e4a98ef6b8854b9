import type { Index } from 'meilisearch';

// Meilisearch applies typo tolerance to the last word even as a prefix, and a quoted word (exact) is
// never a prefix. FTS5 matches a prefix with no typo until a query finds nothing at all. With the
// other words quoted, only the prefix can carry a typo, and the `typo` ranking rule (right after
// `words`, which `matchingStrategy: 'all'` makes equal for every hit) puts the hits without one
// first: these find where they end and turn the other hits into a filter on `id`.

type Hit = { id?: unknown; _rankingScoreDetails?: { typo?: { typoCount?: number } } };

/** How many hits `query` has under `filter`, and how many with no typo (they come first by relevance). */
export async function typoFreeCount(index: Index, query: string, filter: string[] | undefined): Promise<{ exact: number; total: number }> {
  const counted = await index.search(query, { page: 1, hitsPerPage: 0, filter, matchingStrategy: 'all' });
  const total = (counted as { totalHits?: number }).totalHits ?? 0;
  const typos = async (at: number) => {
    const { hits } = await index.search(query, {
      offset: at,
      limit: 1,
      filter,
      matchingStrategy: 'all',
      attributesToRetrieve: ['id'],
      showRankingScoreDetails: true,
    });
    return ((hits[0] as Hit | undefined)?._rankingScoreDetails?.typo?.typoCount ?? 0) > 0;
  };
  if (total === 0 || !(await typos(total - 1))) return { exact: total, total };
  // The first hit with a typo, between low (none before it) and high (has one).
  let low = 0;
  let high = total - 1;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (await typos(middle)) high = middle;
    else low = middle + 1;
  }
  return { exact: low, total };
}

/**
 * A filter expression that keeps only the first `exact` of `total` hits by relevance: their ids, or
 * the others' ids excluded, whichever list is shorter.
 */
export async function typoFreeFilter(index: Index, query: string, filter: string[] | undefined, exact: number, total: number): Promise<string> {
  const keep = exact <= total - exact;
  const { hits } = await index.search(query, {
    offset: keep ? 0 : exact,
    limit: keep ? exact : total - exact,
    filter,
    matchingStrategy: 'all',
    attributesToRetrieve: ['id'],
  });
  const ids = hits.map((h) => JSON.stringify(String((h as Hit).id)));
  if (keep) return ids.length ? `id IN [${ids.join(', ')}]` : 'regionId = 0';
  return `id NOT IN [${ids.join(', ')}]`;
}
