import { z } from 'zod';
import { ISSUE_CATEGORIES, ISSUE_LANGUAGES, ISSUE_STATUSES, ORGANIZATION_KINDS } from '../shared/enums.ts';
import { DomainError } from '../shared/errors.ts';

// The SearchIndex port: what the search service needs from an engine, and the one document shape
// both engines index. The FTS5 adapter (embedded, the default) and the Meilisearch adapter both
// implement it and pass the same contract suite (test/search/contract.ts).

/** `live`: current problems, for signed-in staff. `published`: the published quarters, for everybody. */
export const SEARCH_INDEXES = ['live', 'published'] as const;
export type SearchIndexName = (typeof SEARCH_INDEXES)[number];

const isoInstant = z.iso.datetime({ offset: false });
const id = z.number().int().positive();

/**
 * A problem as search sees it: public fields only. The object is strict, so a document that
 * carries anything else (a citizen's name, phone, IIN, the tracking code) is refused at the port
 * before any engine sees it: personal data cannot reach an index by construction.
 */
export const searchDocumentSchema = z.strictObject({
  /** `123` in the live index, `2026Q3-123` in the published one (letters, digits and '-' only). */
  id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
  issueId: id,
  /** The published quarter, e.g. `2026-Q3`; null in the live index. */
  quarter: z
    .string()
    .regex(/^\d{4}-Q[1-4]$/)
    .nullable(),
  title: z.string().min(1).max(200),
  text: z.string().min(1).max(5000),
  /**
   * Names of the problem's category and responsible body in Kazakh, Russian and English (public
   * reference data), searched beside the words: «water», «вода», «су» all reach water supply.
   */
  labels: z.string().max(2000).default(''),
  language: z.enum(ISSUE_LANGUAGES),
  category: z.enum(ISSUE_CATEGORIES),
  status: z.enum(ISSUE_STATUSES),
  regionId: id,
  unitId: id,
  /** The unit and every unit above it, so "in this district" is one membership test. */
  unitPath: z.array(id).min(1),
  organizationId: id.nullable(),
  organizationKind: z.enum(ORGANIZATION_KINDS).nullable(),
  dueDate: z.iso.date().nullable(),
  /** As judged when the document was written: at the quarter's end for published documents. */
  overdue: z.boolean(),
  progress: z.number().int().min(0).max(100),
  raisedAt: isoInstant,
  updatedAt: isoInstant,
  /**
   * The problem's group of similar problems (two or more), by number: in the live index the group
   * it is in now, in the published index the group it was in when the quarter was published.
   * Search collapses on it; null: in no group, a result of its own.
   */
  groupId: id.nullable().default(null),
});
export type SearchDocument = z.infer<typeof searchDocumentSchema>;
export type SearchDocumentInput = z.input<typeof searchDocumentSchema>;

export function documentId(issueId: number, quarter: string | null): string {
  return quarter ? `${quarter.replace('-', '')}-${issueId}` : String(issueId);
}

export const SEARCH_SORTS = ['RELEVANCE', 'RAISED_DESC', 'RAISED_ASC', 'UPDATED_DESC', 'DUE_DATE_ASC'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export const SEARCH_FACETS = ['status', 'category', 'regionId', 'organizationId', 'organizationKind', 'overdue'] as const;
export type SearchFacet = (typeof SEARCH_FACETS)[number];

/** Every list narrows (values OR-ed within a list, lists AND-ed together); absent means "any". */
export interface SearchFilter {
  quarter?: string;
  regionIds?: number[];
  /** Documents in any of these units or anywhere below them. */
  unitIds?: number[];
  organizationIds?: number[];
  organizationKinds?: (typeof ORGANIZATION_KINDS)[number][];
  categories?: (typeof ISSUE_CATEGORIES)[number][];
  statuses?: (typeof ISSUE_STATUSES)[number][];
  overdue?: boolean;
  /** A staff member's scope: documents in one of these territories OR owed by one of these bodies. */
  scope?: { unitIds: number[]; organizationIds: number[] };
}

export interface SearchRequest {
  index: SearchIndexName;
  /** What the user typed; empty means "browse by the filters". */
  text: string;
  filter: SearchFilter;
  facets: SearchFacet[];
  sort: SearchSort;
  offset: number;
  limit: number;
  /**
   * When set, `overdue` is judged from dueDate and status against this date (YYYY-MM-DD): the live
   * index, whose stored flag ages. Without it the stored flag counts (published quarters are frozen).
   */
  today?: string;
  /**
   * One result per group of similar problems (the best-placed one, carrying how many matching
   * problems its group has); problems in no group stay results of their own. `total` counts results.
   */
  collapse?: boolean;
  /**
   * What a facet value counts: matching problems (default), or distinct groups among them, a
   * problem in no group counting as a group of its own.
   */
  facetsCount?: SearchFacetsCount;
}

export const SEARCH_FACET_COUNTS = ['problems', 'groups'] as const;
export type SearchFacetsCount = (typeof SEARCH_FACET_COUNTS)[number];

/** What collapses documents: their group, or the document itself when it is in none. */
export const collapseKey = (d: Pick<SearchDocument, 'id' | 'groupId'>) => (d.groupId !== null ? `g${d.groupId}` : `d${d.id}`);

/** A matched stretch of the original title or text, in UTF-16 code units (what JS strings index). */
export interface MatchRange {
  start: number;
  length: number;
}

export interface SearchHit {
  document: SearchDocument;
  matches: { title: MatchRange[]; text: MatchRange[] };
  /** With `collapse`: how many matching documents the hit stands for (1 for a problem in no group). */
  collapsed?: number;
}

export interface SearchResult {
  hits: SearchHit[];
  /** How many documents match in all (exact for FTS5; Meilisearch's exhaustive count). */
  total: number;
  /** Per requested facet: value -> count among all matching documents. */
  facets: Partial<Record<SearchFacet, Record<string, number>>>;
  /** "Did you mean": the query with its unknown words corrected, when it found little (search.suggest.ts). */
  suggestion?: string | null;
}

/** An index being built off to the side; the public keeps seeing the old one until `swap`. */
export interface IndexBuild {
  /** True when an interrupted build was kept (the caller continues after its last recorded row). */
  readonly resumed: boolean;
  add(documents: SearchDocument[]): Promise<void>;
  /** Makes the built index the served one, atomically, and discards the old one. */
  swap(): Promise<void>;
}

export interface SearchIndex {
  readonly backend: 'fts5' | 'meilisearch';
  /** Creates what is missing and reconciles engine settings; safe to call at every start. */
  prepare(): Promise<void>;
  upsert(index: SearchIndexName, documents: SearchDocument[]): Promise<void>;
  delete(index: SearchIndexName, ids: string[]): Promise<void>;
  search(request: SearchRequest): Promise<SearchResult>;
  /** `resume`: keep what an interrupted build of this index already wrote (the caller knows where it stopped). */
  startBuild(index: SearchIndexName, options: { resume: boolean }): Promise<IndexBuild>;
  count(index: SearchIndexName): Promise<number>;
  close(): Promise<void>;
}

/** The engine does not answer. Everything else keeps working; writes wait in the outbox. */
export class SearchUnavailableError extends DomainError {
  override name = 'SearchUnavailableError';
  constructor(message = 'Search is unavailable right now. Everything else works; please try again in a minute.') {
    super('search/unavailable', message);
  }
}

/** Checks documents at the port boundary (see searchDocumentSchema). Throws on the first bad one. */
export function parseDocuments(documents: unknown[]): SearchDocument[] {
  return documents.map((d, i) => {
    const parsed = searchDocumentSchema.safeParse(d);
    if (!parsed.success) {
      const problem = parsed.error.issues[0];
      throw new Error(`search document ${i} refused: ${problem?.path.join('.') || '(root)'} ${problem?.message ?? ''}`.trim());
    }
    return parsed.data;
  });
}
