import { z } from 'zod';
import type { Viewer } from '../accounts/viewer.ts';
import type { Clock } from '../shared/clock.ts';
import { todayIn } from '../shared/clock.ts';
// The live index's "overdue" is judged against the capital's today: "now" is after March 2024,
// when every region's today is the same day.
import { NATIONAL_ZONE } from '../shared/time-zones.ts';
import { ISSUE_CATEGORIES, ISSUE_STATUSES, ORGANIZATION_KINDS, type OrganizationKind } from '../shared/enums.ts';
import { InvalidInputError, NotFoundError } from '../shared/errors.ts';
import type { Trilingual } from '../shared/localized.ts';
import type { Unchecked } from '../shared/validation.ts';
import { isOverdue } from '../issues/issues.filter.ts';
import {
  SEARCH_FACETS,
  SEARCH_SORTS,
  type SearchDocument,
  type SearchFacet,
  type SearchFilter,
  type SearchHit,
  type SearchIndex,
  type SearchIndexName,
} from './search.port.ts';
import type { SearchRepo } from './search.repo.ts';
import { createSearchSync, type SearchSyncOptions } from './search.sync.ts';
import { markHtml, snippetHtml } from './search.text.ts';

// Who searches what: the public searches the published quarters (the latest by default); signed-in
// staff search the live index within their scope. Codes in, codes out: ids stay inside.

export const SEARCH_COLLAPSES = ['NONE', 'GROUP'] as const;
export const FACET_COUNTS = ['PROBLEMS', 'GROUPS'] as const;

const codes = z.array(z.string().trim().min(1).max(80)).max(50);
export const searchInputSchema = z.object({
  query: z.string().max(200, 'must be at most 200 characters').default(''),
  filter: z
    .object({
      quarter: z
        .string()
        .trim()
        .regex(/^(\d{4}-Q[1-4]|all)$/i, 'must look like 2026-Q3, or be "all"')
        .optional(),
      regionCodes: codes.optional(),
      unitCodes: codes.optional(),
      organizationCodes: codes.optional(),
      organizationKinds: z.array(z.enum(ORGANIZATION_KINDS)).optional(),
      categories: z.array(z.enum(ISSUE_CATEGORIES)).optional(),
      statuses: z.array(z.enum(ISSUE_STATUSES)).optional(),
      overdue: z.boolean().optional(),
    })
    .default({}),
  first: z.number().int().min(1, 'must be at least 1').max(100, 'must be at most 100').default(20),
  after: z.string().max(40).optional(),
  sort: z.enum(SEARCH_SORTS).default('RELEVANCE'),
  /** GROUP: one result per group of similar problems, carrying how many matches it stands for. */
  collapse: z.enum(SEARCH_COLLAPSES).default('NONE'),
  /** What facet values count; by default groups when collapsed, problems otherwise. */
  facetsCount: z.enum(FACET_COUNTS).optional(),
});
/** What the GraphQL field, the search page and saved searches send; searchInputSchema checks it. */
export type SearchInput = Unchecked<z.input<typeof searchInputSchema>>;

/** Deep pages cost the engine as much as everything before them; nobody reads result 10,001. */
export const MAX_RESULT_WINDOW = 10_000;

export const encodeCursor = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64url');
function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const m = /^offset:(\d{1,6})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw new InvalidInputError([{ path: 'after', message: 'is not a cursor returned by this search' }]);
  return Number(m[1]);
}

/** The last day of a quarter ("2026-Q3" -> "2026-09-30"): what a published problem's state is as of. */
export function quarterEnd(quarter: string): string {
  const [year, q] = [Number(quarter.slice(0, 4)), Number(quarter.slice(6))];
  return new Date(Date.UTC(year, q * 3, 0)).toISOString().slice(0, 10);
}

export interface Named extends Trilingual {
  code: string;
}
export interface SearchHitView {
  document: SearchDocument;
  /** In a collapsed search: how many matching problems this result stands for (its group's, or 1). */
  collapsed: number | null;
  /** The title, HTML-escaped, matched words in <mark>. */
  titleHtml: string;
  /** About 200 characters of the text around the first match, HTML-escaped, matches in <mark>. */
  snippetHtml: string;
  region: Named | null;
  unit: Named | null;
  organization: (Named & { kind: OrganizationKind }) | null;
}
export interface FacetValueView {
  value: string;
  count: number;
  /** Names for region and organisation facets. */
  names: Trilingual | null;
}
export interface SearchPage {
  index: SearchIndexName;
  /** The quarter searched; null for the live index and for all published quarters at once. */
  quarter: string | null;
  /** "Did you mean": the query with its unknown words corrected, when it found little. */
  suggestion: string | null;
  /** Results: problems, or in a collapsed search groups (a problem in no group counting as one). */
  total: number;
  collapse: (typeof SEARCH_COLLAPSES)[number];
  /** What the facet values count. */
  facetsCount: (typeof FACET_COUNTS)[number];
  hits: SearchHitView[];
  facets: { field: SearchFacet; values: FacetValueView[] }[];
  hasNextPage: boolean;
  endCursor: string | null;
}

interface Deps extends SearchSyncOptions {
  engine: SearchIndex;
  repo: SearchRepo;
  clock: Clock;
  isOpen: () => boolean;
}

export function createSearchService(deps: Deps) {
  const { engine, repo, clock } = deps;
  const sync = createSearchSync(deps);

  function requireIds(kind: 'unit' | 'organization', wanted: string[] | undefined): number[] | undefined {
    if (!wanted) return undefined;
    const upper = wanted.map((c) => c.toUpperCase());
    const found = kind === 'unit' ? repo.unitIdsByCodes(upper) : repo.organizationIdsByCodes(upper);
    return upper.map((code) => {
      const id = found.get(code);
      if (id === undefined) throw new NotFoundError(kind, `No ${kind === 'unit' ? 'region or unit' : 'organisation'} has the code ${code}.`);
      return id;
    });
  }

  /** Staff see what they act for: admins and the Government everything, others their territory or body. */
  function scopeOf(viewer: Viewer): SearchFilter['scope'] {
    if (viewer.role === 'ADMIN' || viewer.role === 'GOVERNMENT_STAFF') return undefined;
    const organizationIds = viewer.organizationId !== null ? [viewer.organizationId] : [];
    const unitIds = viewer.role === 'AKIMAT_STAFF' && viewer.unitId !== null ? [viewer.unitId] : [];
    return { unitIds, organizationIds };
  }

  /** Names for the page's places and bodies; in the live index, overdue as of today (the stored flag ages). */
  function dress(page: SearchHit[], today: string | null) {
    const units = new Map(repo.unitsByIds([...new Set(page.flatMap((h) => [h.document.regionId, h.document.unitId]))]).map((u) => [u.id, u]));
    const orgIds = [...new Set(page.flatMap((h) => (h.document.organizationId ? [h.document.organizationId] : [])))];
    const orgs = new Map(repo.organizationsByIds(orgIds).map((o) => [o.id, o]));
    return page.map(
      ({ document, matches, collapsed }): SearchHitView => ({
        document: today ? { ...document, overdue: isOverdue(document, today) } : document,
        collapsed: collapsed ?? null,
        titleHtml: markHtml(document.title, matches.title),
        snippetHtml: snippetHtml(document.text, matches.text),
        region: units.get(document.regionId) ?? null,
        unit: units.get(document.unitId) ?? null,
        organization: document.organizationId ? (orgs.get(document.organizationId) ?? null) : null,
      }),
    );
  }

  function facetViews(facets: Partial<Record<SearchFacet, Record<string, number>>>) {
    const regionIds = Object.keys(facets.regionId ?? {}).map(Number);
    const orgIds = Object.keys(facets.organizationId ?? {}).map(Number);
    const units = new Map(repo.unitsByIds(regionIds).map((u) => [String(u.id), u]));
    const orgs = new Map(repo.organizationsByIds(orgIds).map((o) => [String(o.id), o]));
    return SEARCH_FACETS.filter((f) => facets[f]).map((field) => ({
      field,
      values: Object.entries(facets[field]!)
        .map(([value, count]) => {
          const named = field === 'regionId' ? units.get(value) : field === 'organizationId' ? orgs.get(value) : undefined;
          return { value: named ? named.code : value, count, names: named ?? null };
        })
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)),
    }));
  }

  return {
    /**
     * One page of results. Anonymous callers, and anyone naming a quarter, search the published
     * quarters (the latest by default); staff otherwise search the live index within their scope.
     */
    async searchIssues(viewer: Viewer | null, input: SearchInput): Promise<SearchPage> {
      const parsed = searchInputSchema.safeParse(input);
      if (!parsed.success) {
        throw new InvalidInputError(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
      }
      const { query, filter: f, first, after, sort, collapse } = parsed.data;
      const facetsCount = parsed.data.facetsCount ?? (collapse === 'GROUP' ? 'GROUPS' : 'PROBLEMS');
      const offset = decodeCursor(after);
      if (offset + first > MAX_RESULT_WINDOW) {
        throw new InvalidInputError([{ path: 'after', message: `only the first ${MAX_RESULT_WINDOW} results can be paged through; narrow the search` }]);
      }
      const index: SearchIndexName = viewer && !f.quarter ? 'live' : 'published';
      const allQuarters = f.quarter?.toLowerCase() === 'all';
      let quarter: string | null = null;
      if (index === 'published') {
        const quarters = repo.publishedQuarters();
        const empty = { index, quarter: null, suggestion: null, total: 0, collapse, facetsCount, hits: [], facets: [], hasNextPage: false, endCursor: null };
        if (allQuarters && quarters.length === 0) return empty;
        if (!allQuarters) {
          quarter = f.quarter?.toUpperCase() ?? quarters[0] ?? null;
          if (f.quarter && !quarters.includes(quarter!)) throw new NotFoundError('quarter', `The quarter ${quarter} is not published.`);
          if (!quarter) return empty;
        }
      }
      const filter: SearchFilter = {
        quarter: quarter ?? undefined,
        regionIds: requireIds('unit', f.regionCodes),
        unitIds: requireIds('unit', f.unitCodes),
        organizationIds: requireIds('organization', f.organizationCodes),
        organizationKinds: f.organizationKinds,
        categories: f.categories,
        statuses: f.statuses,
        overdue: f.overdue,
        scope: index === 'live' && viewer ? scopeOf(viewer) : undefined,
      };
      const facets = SEARCH_FACETS.filter((facet) => index === 'published' || facet !== 'overdue');
      await sync.ensureFresh(index);
      const result = await sync.guarded(() =>
        engine.search({
          index,
          text: query,
          filter,
          facets,
          sort,
          offset,
          limit: first,
          today: index === 'live' ? todayIn(clock, NATIONAL_ZONE) : undefined,
          collapse: collapse === 'GROUP',
          facetsCount: facetsCount === 'GROUPS' ? 'groups' : 'problems',
        }),
      );
      const hasNextPage = offset + result.hits.length < Math.min(result.total, MAX_RESULT_WINDOW);
      return {
        index,
        quarter,
        suggestion: result.suggestion ?? null,
        total: result.total,
        collapse,
        facetsCount,
        hits: dress(result.hits, index === 'live' ? todayIn(clock, NATIONAL_ZONE) : null),
        facets: facetViews(result.facets),
        hasNextPage,
        endCursor: result.hits.length ? encodeCursor(offset + result.hits.length) : null,
      };
    },
    /** Published quarters, newest first: what the quarter filter accepts. */
    publishedQuarters: () => repo.publishedQuarters(),
    issuesWritten: sync.issuesWritten,
    deliverChanges: sync.deliverChanges,
    quarterPublished: sync.quarterPublished,
    rebuild: sync.rebuild,
    /** How many documents the engine serves in an index. */
    indexedCount: (index: SearchIndexName) => sync.guarded(() => engine.count(index)),
    catchUp: sync.catchUp,
    flush: sync.flush,
    status: sync.status,
    startCatchUp: sync.start,
    stopCatchUp: sync.stop,
  };
}
export type SearchService = ReturnType<typeof createSearchService>;
