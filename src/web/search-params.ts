import type { Request } from 'express';
import type { Language } from '../modules/shared/enums.ts';
import { parseSearchParams, searchQuery, type SearchParams } from '../modules/search/search.params.ts';
import { queryList, queryText } from './context.ts';

// A search as a shareable URL: /<lang>/search?q=су&region=KZ-19&status=IN_PROGRESS&sort=due_date_asc&page=2
// The parameters are read by the search module (search.params.ts); here, the page's links.

export {
  LIST_FILTERS,
  PAGE_SIZES,
  PER_PAGE,
  SORTS,
  searchQuery,
  toSearchInput,
  type ListParam,
  type SearchParams,
  type SortKey,
} from '../modules/search/search.params.ts';

/** Reads a search from the request's query string; null when the page number or sort is not understood. */
export function readSearchParams(req: Request): SearchParams | null {
  return parseSearchParams({ text: (name) => queryText(req, name), list: (name) => queryList(req, name) });
}

export const searchHref = (lang: Language, p: SearchParams, change: Partial<SearchParams> = {}) => `/${lang}/search${searchQuery(p, change)}`;
/** The same search as every result in a file: /api/search.csv or .json, names in the page's language. */
export const exportHref = (lang: Language, p: SearchParams, format: 'csv' | 'json') => {
  const query = searchQuery(p, { page: 1 });
  return `/api/search.${format}${query}${query ? '&' : '?'}lang=${lang}`;
};
// A feed and a digest tell of problems one by one: they leave the page's "one result per group" out.
const ungrouped = { collapse: false, facetsCount: undefined } as const;
export const atomHref = (lang: Language, p: SearchParams) => `/${lang}/search.atom${searchQuery(p, { page: 1, sort: p.sort, ...ungrouped })}`;
/** The form that subscribes an email address to this search's digest (the search without quarter, page or order). */
export const followHref = (lang: Language, p: SearchParams) =>
  `/${lang}/follow?search=${encodeURIComponent(searchQuery(p, { quarter: undefined, page: 1, sort: 'relevance', ...ungrouped }).replace(/^\?/, ''))}`;
