import { stringify } from 'csv-stringify/sync';
import { stringify as stringifyStream, type Stringifier } from 'csv-stringify';
import { neutraliseCsvCell, OPEN_DATA_CSV_COLUMNS, PUBLISHED_GROUP_COLUMN } from '../issues/issues.csv.ts';
import type { PublishedItem } from './freeze.ts';
import type { RoundItem } from './collect-round.ts';

// CSV per RFC 4180 (CRLF line ends, fields quoted when needed, a header row), UTF-8 with a byte
// order mark: Excel, which most readers in Kazakhstan open these files with, shows Cyrillic and
// Kazakh letters correctly only with it. csv-parse (`bom: true`), pandas (`utf-8-sig`) and the bulk
// update of the workflows issue all skip it.

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8; header=present';

/** The collection round's columns: the problem, where, which body, its state at the cutoff, the proposal. */
export const ROUND_CSV_COLUMNS = [
  'id',
  'title',
  'text',
  'category',
  'region_code',
  'unit_code',
  'organization_code',
  'status',
  'due_date',
  'resolution_plan',
  'proposal',
  'raised_at',
] as const;

/** Every CSV we write: header, BOM, CRLF, and formula-like cells neutralised (see issues.csv.ts). */
export const csvOptions = (columns: readonly string[]) => ({
  header: true,
  columns: [...columns],
  bom: true,
  record_delimiter: 'windows' as const,
  cast: { string: neutraliseCsvCell },
});

function toCsv(columns: readonly string[], records: Record<string, string>[]): string {
  return stringify(records, csvOptions(columns));
}

/** The published CSV: the open-data columns and, last, the group of similar problems (the bulk update ignores it). */
export const PUBLISHED_CSV_COLUMNS = [...OPEN_DATA_CSV_COLUMNS, PUBLISHED_GROUP_COLUMN] as const;

/** One published problem as a row of the published CSV (the columns the bulk update reads, and group_id). */
export function publishedItemRecord(item: PublishedItem): Record<(typeof PUBLISHED_CSV_COLUMNS)[number], string> {
  return {
    id: String(item.id),
    title: item.title,
    category: item.category,
    region_code: item.regionCode,
    unit_code: item.unitCode,
    organization_code: item.organizationCode,
    status: item.status,
    resolution_plan: item.resolutionPlan ?? '',
    due_date: item.dueDate ?? '',
    progress: String(item.progress),
    overdue: item.overdue ? 'true' : 'false',
    raised_at: item.raisedAt,
    updated_at: item.updatedAt,
    public_note: item.publicNote ?? '',
    group_id: item.groupId === null ? '' : String(item.groupId),
  };
}

/** The open-data CSV as a stream of records in, bytes out (the same bytes as the whole file at once). */
export function publishedItemsCsvStream(): Stringifier {
  return stringifyStream(csvOptions(PUBLISHED_CSV_COLUMNS));
}

export function roundItemsCsv(items: RoundItem[]): string {
  return toCsv(
    ROUND_CSV_COLUMNS,
    items.map((i) => ({
      id: String(i.id),
      title: i.title,
      text: i.text,
      category: i.category,
      region_code: i.regionCode,
      unit_code: i.unitCode,
      organization_code: i.organizationCode,
      status: i.status,
      due_date: i.dueDate ?? '',
      resolution_plan: i.resolutionPlan ?? '',
      proposal: i.proposal ?? '',
      raised_at: i.raisedAt,
    })),
  );
}
