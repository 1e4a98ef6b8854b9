import type { SearchSort } from '../search.port.ts';
import type { SlotValues } from './fts5-values.ts';

// One result per group of similar problems (SearchRequest.collapse) in the FTS5 adapter: each
// group is represented by its best-placed matching document, in the order the search asked for;
// a document in no group is a group of its own. One pass over the matches, then the usual top-N.

type DateSort = Exclude<SearchSort, 'RELEVANCE'>;

export interface Collapsed {
  /** The page: representatives' positions. */
  page: number[];
  /** Results in all: distinct groups among the matches. */
  total: number;
  /** Matching documents per collapse key (SlotValues.collapseKey). */
  counts: Map<number, number>;
}

/**
 * `ordered`: the matches are already in the requested order (relevance), so the first of each
 * group represents it. Otherwise `sort` orders them and the earliest of each group represents it.
 */
export function collapse(values: SlotValues, positions: number[], ordered: boolean, sort: DateSort, offset: number, limit: number): Collapsed {
  const counts = new Map<number, number>();
  const best = new Map<number, number>();
  const before = sortKey(values, sort);
  for (const at of positions) {
    const key = values.collapseKey(at);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const held = best.get(key);
    if (held === undefined || (!ordered && before(at, held) < 0)) best.set(key, at);
  }
  const representatives = [...best.values()];
  const page = ordered ? representatives.slice(offset, offset + limit) : values.top(representatives, sort, offset + limit).slice(offset);
  return { page, total: best.size, counts };
}

/** The same order as SlotValues.top: the date, then seq (newest first for the descending sorts). */
function sortKey(values: SlotValues, sort: DateSort): (a: number, b: number) => number {
  const key: Record<DateSort, (at: number) => number> = {
    RAISED_DESC: (at) => -values.raised[at]!,
    RAISED_ASC: (at) => values.raised[at]!,
    UPDATED_DESC: (at) => -values.updated[at]!,
    DUE_DATE_ASC: (at) => values.due[at] || Number.MAX_SAFE_INTEGER,
  };
  const by = key[sort];
  const newestFirst = sort === 'RAISED_DESC' || sort === 'UPDATED_DESC';
  return (a, b) => by(a) - by(b) || (newestFirst ? values.seq[b]! - values.seq[a]! : values.seq[a]! - values.seq[b]!);
}
