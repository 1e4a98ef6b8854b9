import type { SearchFacet } from './search.port.ts';
import { encodeCursor, type SearchInput } from './search.service.ts';

// A search as a query string: q=су&region=KZ-19&status=IN_PROGRESS&sort=due_date_asc&page=2, the
// same parameter names as the JSON API (/api/search), repeated for several values. The search page
// reads its URL with it and a saved search (an email digest) is stored and run as one, so both
// run the same search.

export const SORTS = {
  relevance: 'RELEVANCE',
  raised_desc: 'RAISED_DESC',
  raised_asc: 'RAISED_ASC',
  updated_desc: 'UPDATED_DESC',
  due_date_asc: 'DUE_DATE_ASC',
} as const;
export type SortKey = keyof typeof SORTS;
export const PER_PAGE = 20;
/** The page sizes a reader may choose (?per_page=); the first is the default. */
export const PAGE_SIZES = [PER_PAGE, 50, 100] as const;

/** The multi-valued filters: URL parameter, service facet, and how values are spelled. */
export const LIST_FILTERS = [
  { param: 'region', facet: 'regionId' },
  { param: 'organization', facet: 'organizationId' },
  { param: 'kind', facet: 'organizationKind' },
  { param: 'status', facet: 'status' },
  { param: 'category', facet: 'category' },
] as const satisfies readonly { param: string; facet: SearchFacet }[];
export type ListParam = (typeof LIST_FILTERS)[number]['param'];

export interface SearchParams {
  q: string;
  quarter?: string;
  lists: Record<ListParam, string[]>;
  overdue: boolean;
  sort: SortKey;
  page: number;
  perPage: number;
  /** collapse=group: one result per group of similar problems. */
  collapse: boolean;
  /** facets_count=groups|problems; absent: groups when collapsed, problems otherwise. */
  facetsCount?: 'groups' | 'problems';
}

const isSort = (value: string | undefined): value is SortKey => value !== undefined && value in SORTS;

/** How a search's parameters are read: the first non-empty value of one, every value of a repeatable one. */
export interface ParamReader {
  text(name: string): string | undefined;
  list(name: string): string[];
}

/** Reads a query string ("q=су&status=IN_PROGRESS") the way the page reads its URL. */
export function queryStringReader(query: string): ParamReader {
  const params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  return {
    text: (name) =>
      params
        .getAll(name)
        .map((v) => v.trim())
        .find((v) => v !== ''),
    list: (name) =>
      params
        .getAll(name)
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter(Boolean),
  };
}

/** Reads a search from its parameters; null when the page number or sort is not understood. */
export function parseSearchParams(read: ParamReader): SearchParams | null {
  const sort = read.text('sort')?.toLowerCase();
  const page = read.text('page') ?? '1';
  const perPage = Number(read.text('per_page') ?? PER_PAGE);
  if ((sort !== undefined && !isSort(sort)) || !/^\d{1,4}$/.test(page) || Number(page) < 1) return null;
  if (!(PAGE_SIZES as readonly number[]).includes(perPage)) return null;
  const upper = (values: string[]) => [...new Set(values.map((v) => v.toUpperCase()))].slice(0, 50);
  const facetsCount = read.text('facets_count')?.toLowerCase();
  return {
    collapse: read.text('collapse')?.toLowerCase() === 'group',
    facetsCount: facetsCount === 'groups' || facetsCount === 'problems' ? facetsCount : undefined,
    q: (read.text('q') ?? '').slice(0, 200),
    quarter: read.text('quarter')?.toUpperCase(),
    lists: Object.fromEntries(LIST_FILTERS.map((f) => [f.param, upper(read.list(f.param))])) as Record<ListParam, string[]>,
    overdue: read.text('overdue') === 'true',
    sort: sort ?? 'relevance',
    page: Number(page),
    perPage,
  };
}

/** The service's input for this search; `without` drops one filter (for that facet's own counts). */
export function toSearchInput(p: SearchParams, options: { without?: ListParam; first?: number; page?: number; sort?: SortKey } = {}): SearchInput {
  const list = (param: ListParam) => (param === options.without || p.lists[param].length === 0 ? undefined : p.lists[param]);
  const first = options.first ?? p.perPage;
  const page = options.page ?? p.page;
  return {
    query: p.q,
    filter: {
      quarter: p.quarter,
      regionCodes: list('region'),
      organizationCodes: list('organization'),
      organizationKinds: list('kind'),
      statuses: list('status'),
      categories: list('category'),
      overdue: p.overdue ? true : undefined,
    },
    first,
    after: page > 1 ? encodeCursor((page - 1) * first) : undefined,
    sort: SORTS[options.sort ?? p.sort],
    collapse: p.collapse ? 'GROUP' : 'NONE',
    facetsCount: p.facetsCount === 'groups' ? 'GROUPS' : p.facetsCount === 'problems' ? 'PROBLEMS' : undefined,
  };
}

/** The query string of a search (defaults left out), optionally changed. */
export function searchQuery(p: SearchParams, change: Partial<SearchParams> = {}): string {
  const s = { ...p, ...change };
  const params = new URLSearchParams();
  if (s.q) params.set('q', s.q);
  if (s.quarter) params.set('quarter', s.quarter);
  for (const f of LIST_FILTERS) for (const v of s.lists[f.param]) params.append(f.param, v);
  if (s.overdue) params.set('overdue', 'true');
  if (s.sort !== 'relevance') params.set('sort', s.sort);
  if (s.page > 1) params.set('page', String(s.page));
  if (s.perPage !== PER_PAGE) params.set('per_page', String(s.perPage));
  if (s.collapse) params.set('collapse', 'group');
  if (s.facetsCount) params.set('facets_count', s.facetsCount);
  const text = params.toString();
  return text ? `?${text}` : '';
}
