import type { Settings } from 'meilisearch';
import { FINISHED_STATUSES } from '../../shared/enums.ts';
import { collapseKey, type SearchDocument, type SearchFilter, type SearchSort } from '../search.port.ts';
import { indexStems, labelTerms } from '../search.stem.ts';
import { fold } from '../search.text.ts';

// What the Meilisearch adapter stores and how it asks: the index settings it reconciles at start,
// the stored shape of a document (the port's document plus folded text and numeric dates), and
// the filter syntax.

/**
 * `sort` first: with a sort requested, results are ordered by it (as in FTS5); without one the rule
 * is a no-op and relevance decides. Title above text through the order of searchable attributes.
 * Meilisearch does not fold Kazakh letters (кубыр does not find құбыр), so only folded copies are
 * searched, and the query is folded the same way.
 */
export const INDEX_SETTINGS = {
  searchableAttributes: ['titleFolded', 'titleStems', 'textFolded', 'textStems', 'labelTerms'],
  // groupKey: the `distinct` attribute of a collapsed search must be filterable (meilisearch-collapse.ts).
  filterableAttributes: ['category', 'id', 'dueDay', 'groupKey', 'organizationId', 'organizationKind', 'overdue', 'quarter', 'regionId', 'status', 'unitPath'],
  sortableAttributes: ['dueDay', 'raisedAtTs', 'updatedAtTs'],
  rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
  faceting: { maxValuesPerFacet: 500 },
  pagination: { maxTotalHits: 10_000 },
} satisfies Settings;

export type StoredDocument = SearchDocument & {
  titleFolded: string;
  textFolded: string;
  /** Kazakh and Russian stems of the words (search.stem.ts): the query sends each word's stem. */
  titleStems: string;
  textStems: string;
  /** The category's and body's names, folded, and their stems. */
  labelTerms: string;
  /** YYYYMMDD as a number: Meilisearch compares numbers, not dates. */
  dueDay: number | null;
  raisedAtTs: number;
  updatedAtTs: number;
  /** `g<group>`, or `d<id>` for a document in no group: every document has one, so distinct never merges ungrouped ones. */
  groupKey: string;
};

const dayNumber = (date: string) => Number(date.replaceAll('-', ''));

export function toStored(d: SearchDocument): StoredDocument {
  return {
    ...d,
    titleFolded: fold(d.title),
    textFolded: fold(d.text),
    titleStems: indexStems(d.title),
    textStems: indexStems(d.text),
    labelTerms: labelTerms(d.labels),
    dueDay: d.dueDate ? dayNumber(d.dueDate) : null,
    raisedAtTs: Date.parse(d.raisedAt),
    updatedAtTs: Date.parse(d.updatedAt),
    groupKey: collapseKey(d),
  };
}

export const DOCUMENT_FIELDS = [
  'id',
  'issueId',
  'quarter',
  'title',
  'text',
  'labels',
  'language',
  'category',
  'status',
  'regionId',
  'unitId',
  'unitPath',
  'organizationId',
  'organizationKind',
  'dueDate',
  'overdue',
  'progress',
  'raisedAt',
  'updatedAt',
  'groupId',
] as const satisfies readonly (keyof SearchDocument)[];

export function fromStored(hit: Record<string, unknown>): SearchDocument {
  return Object.fromEntries(DOCUMENT_FIELDS.map((k) => [k, hit[k] ?? null])) as SearchDocument;
}

export const SORTS: Record<SearchSort, string[] | undefined> = {
  RELEVANCE: undefined,
  RAISED_DESC: ['raisedAtTs:desc'],
  RAISED_ASC: ['raisedAtTs:asc'],
  UPDATED_DESC: ['updatedAtTs:desc'],
  // Meilisearch puts documents without the attribute last, whatever the direction.
  DUE_DATE_ASC: ['dueDay:asc'],
};

const str = (v: string) => JSON.stringify(v);
/** No document has region 0: how an empty list ("none of these") is said. */
const MATCH_NOTHING = 'regionId = 0';
const anyOf = (attribute: string, values: (string | number)[]) =>
  `${attribute} IN [${values.map((v) => (typeof v === 'number' ? String(v) : str(v))).join(', ')}]`;

/** The filter as Meilisearch expressions, AND-ed. Values are quoted: codes never reach it raw. */
export function toFilter(filter: SearchFilter, today: string | undefined): string[] {
  const out: string[] = [];
  if (filter.quarter) out.push(`quarter = ${str(filter.quarter)}`);
  const lists: [string, (string | number)[] | undefined][] = [
    ['regionId', filter.regionIds],
    ['unitPath', filter.unitIds],
    ['organizationId', filter.organizationIds],
    ['organizationKind', filter.organizationKinds],
    ['category', filter.categories],
    ['status', filter.statuses],
  ];
  for (const [attribute, values] of lists) {
    if (values) out.push(values.length ? anyOf(attribute, values) : MATCH_NOTHING);
  }
  if (filter.overdue !== undefined) {
    if (today) {
      const overdue = `(dueDay < ${dayNumber(today)} AND ${anyOf('status', [...FINISHED_STATUSES]).replace(' IN ', ' NOT IN ')})`;
      out.push(filter.overdue ? overdue : `NOT ${overdue}`);
    } else out.push(`overdue = ${filter.overdue}`);
  }
  if (filter.scope) {
    const parts = [
      filter.scope.unitIds.length ? anyOf('unitPath', filter.scope.unitIds) : null,
      filter.scope.organizationIds.length ? anyOf('organizationId', filter.scope.organizationIds) : null,
    ].filter((p): p is string => p !== null);
    out.push(parts.length ? `(${parts.join(' OR ')})` : MATCH_NOTHING);
  }
  return out;
}

/** Meilisearch reports match positions in UTF-8 bytes; the port speaks UTF-16 code units. */
export function byteRangesToChars(value: string, ranges: { start: number; length: number }[] | undefined) {
  if (!ranges?.length) return [];
  const bytes = Buffer.from(value, 'utf8');
  return ranges.map((r) => {
    const start = bytes.subarray(0, r.start).toString('utf8').length;
    const length = bytes.subarray(r.start, r.start + r.length).toString('utf8').length;
    return { start, length };
  });
}
