import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { ISSUE_STATUSES } from '../shared/enums.ts';
import { dueDate, text } from './issues.inputs.ts';
import type { CsvRowProblem } from './issues.errors.ts';
import type { ProgressChange } from './issues.inputs.ts';

/**
 * The columns of the open-data CSV of problems, in order. The publication's export writes exactly
 * these; the bulk update reads exactly these, so a body can download its list, edit it and upload it.
 */
export const OPEN_DATA_CSV_COLUMNS = [
  'id',
  'title',
  'category',
  'region_code',
  'unit_code',
  'organization_code',
  'status',
  'resolution_plan',
  'due_date',
  'progress',
  'overdue',
  'raised_at',
  'updated_at',
  'public_note',
] as const;
export type OpenDataCsvColumn = (typeof OPEN_DATA_CSV_COLUMNS)[number];

/** The published CSV ends with this column (the problem's group); the bulk update reads past it. */
export const PUBLISHED_GROUP_COLUMN = 'group_id';

/**
 * The staff's CSV (the queue download): the open-data columns plus the version of each problem
 * as downloaded. A row whose version is not the problem's current one is a conflict.
 */
export const STAFF_CSV_COLUMNS = [...OPEN_DATA_CSV_COLUMNS, 'version'] as const;

/** The columns a bulk update applies; the others are read for the header check and ignored. */
export const BULK_UPDATE_COLUMNS = ['id', 'status', 'resolution_plan', 'due_date', 'progress', 'public_note'] as const;

export const BULK_MAX_CHARS = 2_000_000;
export const BULK_MAX_ROWS = 5_000;

/**
 * What a row was based on: the problem's version (the staff CSV), or, in a file with the open-data
 * columns only, the `updated_at` of the problem as exported: a published snapshot is stale as soon
 * as the problem was written again after it.
 */
export type RowBasis = { version: number } | { updatedAt: string };

/** A row of the file as the bulk update understands it. An empty cell means "keep as it is". */
export interface BulkRow {
  row: number;
  issueId: number;
  change: ProgressChange;
  /** Null: no basis given (no version column and an empty updated_at), so no conflict check. */
  basis: RowBasis | null;
}

const CELL_RULES = {
  status: { field: 'status', schema: z.enum(ISSUE_STATUSES, { error: `must be one of ${ISSUE_STATUSES.join(', ')}` }) },
  resolution_plan: { field: 'resolutionPlan', schema: text(5000) },
  due_date: { field: 'dueDate', schema: dueDate },
  progress: {
    field: 'progress',
    schema: z
      .string()
      .regex(/^\d{1,3}$/, 'must be a whole number from 0 to 100')
      .transform(Number)
      .refine((n) => n <= 100, 'must be a whole number from 0 to 100'),
  },
  public_note: { field: 'publicNote', schema: text(2000) },
} as const;

/** Service field -> CSV column, to report a rule's complaint against the column the user edits. */
export const COLUMN_OF_FIELD: Record<string, string> = {
  issueId: 'id',
  status: 'status',
  resolutionPlan: 'resolution_plan',
  dueDate: 'due_date',
  progress: 'progress',
  publicNote: 'public_note',
};

/**
 * Reads the whole file: the header must be exactly OPEN_DATA_CSV_COLUMNS, every row as wide as the
 * header, every applied cell well-formed, no problem twice. Returns the rows and every problem found.
 */
/**
 * A cell that starts like a formula (= + - @, tab, carriage return) is run by spreadsheet programs
 * (OWASP "CSV injection"): exports put a ' in front, and the bulk update takes it away again, so a
 * downloaded file uploaded unchanged changes nothing. Text that already starts with quotes before
 * such a character gets one more, which keeps the escape reversible. The JSON downloads carry the
 * text as it is and remain the byte-exact source of the content hash.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
export const neutraliseCsvCell = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);
const restoreCsvCell = (value: string): string => (value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value);

export function parseBulkCsv(csv: string, options: { requireVersion?: boolean } = {}): { rows: BulkRow[]; problems: CsvRowProblem[] } {
  const problems: CsvRowProblem[] = [];
  if (csv.length > BULK_MAX_CHARS) {
    return { rows: [], problems: [{ row: 0, column: '', message: `the file is larger than ${BULK_MAX_CHARS} characters` }] };
  }
  let records: string[][];
  try {
    records = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true, max_record_size: 20_000 });
  } catch (err) {
    const lines = err && typeof err === 'object' && 'lines' in err && typeof err.lines === 'number' ? err.lines : 0;
    const reason = err instanceof Error ? err.message.replace(/^Invalid Record Length: |^Quote Not Closed: /, '') : 'unreadable';
    return { rows: [], problems: [{ row: lines, column: '', message: `the file is not valid CSV: ${reason}` }] };
  }
  const [header, ...data] = records;
  const given = header?.map((h) => h.trim()).join(',');
  const withVersion = given === STAFF_CSV_COLUMNS.join(',');
  // A published list as downloaded (with its trailing group_id) goes back up unchanged.
  const published = given === [...OPEN_DATA_CSV_COLUMNS, PUBLISHED_GROUP_COLUMN].join(',');
  if (!withVersion && (options.requireVersion || (given !== OPEN_DATA_CSV_COLUMNS.join(',') && !published))) {
    const expected = options.requireVersion ? STAFF_CSV_COLUMNS.join(',') : `${OPEN_DATA_CSV_COLUMNS.join(',')} (optionally followed by ,version)`;
    return { rows: [], problems: [{ row: 1, column: '', message: `the header must be exactly: ${expected}` }] };
  }
  const width = withVersion ? STAFF_CSV_COLUMNS.length : OPEN_DATA_CSV_COLUMNS.length + (published ? 1 : 0);
  if (data.length === 0) return { rows: [], problems: [{ row: 2, column: '', message: 'the file has no rows' }] };
  if (data.length > BULK_MAX_ROWS) {
    return { rows: [], problems: [{ row: BULK_MAX_ROWS + 2, column: '', message: `at most ${BULK_MAX_ROWS} rows per file` }] };
  }

  const rows: BulkRow[] = [];
  const firstRowOf = new Map<number, number>();
  data.forEach((cells, index) => {
    const row = index + 2;
    if (cells.length !== width) {
      problems.push({ row, column: '', message: `has ${cells.length} cells; the header has ${width}` });
      return;
    }
    const cell = (column: OpenDataCsvColumn | 'version') => restoreCsvCell(cells[(STAFF_CSV_COLUMNS as readonly string[]).indexOf(column)] ?? '');
    const before = problems.length;
    const idText = cell('id').trim();
    const issueId = /^\d{1,12}$/.test(idText) ? Number(idText) : 0;
    if (issueId <= 0) problems.push({ row, column: 'id', message: 'must be the number of a problem' });
    else if (firstRowOf.has(issueId)) problems.push({ row, column: 'id', message: `appears twice (also row ${firstRowOf.get(issueId)})` });
    else firstRowOf.set(issueId, row);
    const change: Record<string, unknown> = {};
    for (const [column, rule] of Object.entries(CELL_RULES)) {
      const value = cell(column as OpenDataCsvColumn);
      if (value.trim() === '') continue;
      const parsed = rule.schema.safeParse(rule.field === 'status' ? value.trim() : value);
      if (parsed.success) change[rule.field] = parsed.data;
      else problems.push({ row, column, message: parsed.error.issues[0]?.message ?? 'is invalid' });
    }
    let basis: RowBasis | null | undefined;
    if (withVersion) {
      const versionText = cell('version').trim();
      if (/^\d{1,9}$/.test(versionText) && Number(versionText) >= 1) basis = { version: Number(versionText) };
      else problems.push({ row, column: 'version', message: 'must be the version of the problem as you downloaded it' });
    } else {
      // Empty: an API client's write without a basis, like a mutation without `version`.
      const updatedAt = cell('updated_at').trim();
      if (updatedAt === '') basis = null;
      else if (!Number.isNaN(Date.parse(updatedAt))) basis = { updatedAt };
      else problems.push({ row, column: 'updated_at', message: 'must be the updated_at of the problem as exported, or empty' });
    }
    if (problems.length === before && basis !== undefined) rows.push({ row, issueId, change: change as ProgressChange, basis });
  });
  return { rows, problems };
}
