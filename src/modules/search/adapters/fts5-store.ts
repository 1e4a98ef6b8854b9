import type Database from 'better-sqlite3';
import type { SearchDocument, SearchIndexName } from '../search.port.ts';
import { indexStems, labelTerms } from '../search.stem.ts';
import { loadSlotValues, type SlotValues } from './fts5-values.ts';

// The FTS5 adapter's storage: rows of `search_documents` per slot, each slot's FTS5 table written
// beside them, which slot serves each index, and the in-memory filter columns of a slot, kept
// current by this process's writes and reloaded when another process wrote.
//
// The FTS5 rows are written by two statements per batch (delete the replaced rowids, insert the
// batch's rows in rowid order), never row by row: FTS5 flushes its pending terms to a new segment
// at every statement savepoint and whenever a rowid goes backwards, so per-row statements (or
// triggers, which run inside them) left one segment per document, and merging those costs more
// the larger the index (docs/search.md, "Writes").

export interface DocumentRow {
  seq: number;
  doc_id: string;
  issue_id: number;
  quarter: string | null;
  title: string;
  text: string;
  labels: string;
  language: SearchDocument['language'];
  category: SearchDocument['category'];
  status: SearchDocument['status'];
  region_id: number;
  unit_id: number;
  unit_path: string;
  organization_id: number | null;
  organization_kind: SearchDocument['organizationKind'];
  due_date: string | null;
  overdue: number;
  progress: number;
  raised_at: string;
  updated_at: string;
  group_id: number | null;
}

const COLUMNS =
  'seq, doc_id, issue_id, quarter, title, text, labels, language, category, status, region_id, unit_id, unit_path, ' +
  'organization_id, organization_kind, due_date, overdue, progress, raised_at, updated_at, group_id';

export function toDocument(r: DocumentRow): SearchDocument {
  return {
    id: r.doc_id,
    issueId: r.issue_id,
    quarter: r.quarter,
    title: r.title,
    text: r.text,
    labels: r.labels,
    language: r.language,
    category: r.category,
    status: r.status,
    regionId: r.region_id,
    unitId: r.unit_id,
    unitPath: JSON.parse(r.unit_path) as number[],
    organizationId: r.organization_id,
    organizationKind: r.organization_kind,
    dueDate: r.due_date,
    overdue: r.overdue === 1,
    progress: r.progress,
    raisedAt: r.raised_at,
    updatedAt: r.updated_at,
    groupId: r.group_id,
  };
}

function toRow(d: SearchDocument, slot: string) {
  return {
    slot,
    doc_id: d.id,
    issue_id: d.issueId,
    quarter: d.quarter,
    title: d.title,
    text: d.text,
    labels: d.labels,
    title_stems: indexStems(d.title),
    text_stems: indexStems(d.text),
    label_terms: labelTerms(d.labels),
    language: d.language,
    category: d.category,
    status: d.status,
    region_id: d.regionId,
    unit_id: d.unitId,
    unit_path: JSON.stringify(d.unitPath),
    organization_id: d.organizationId,
    organization_kind: d.organizationKind,
    due_date: d.dueDate,
    overdue: d.overdue ? 1 : 0,
    progress: d.progress,
    raised_at: d.raisedAt,
    updated_at: d.updatedAt,
    group_id: d.groupId,
  };
}

/** A transaction's pending FTS5 terms before they are written out (a rebuild batch's fit). */
const BUILD_HASH_BYTES = 64 * 1024 * 1024;

/** The slot's FTS5 table, quoted (also the name of its command column). */
function ftsTable(slot: string): string {
  if (!/^(live|published)_[ab]$/.test(slot)) throw new Error(`unknown search slot ${slot}`);
  return `"search_fts_${slot}"`;
}

export function createSlotStore(sqlite: Database.Database) {
  const slotsRow = sqlite.prepare<[string], { active_slot: string; building_slot: string | null }>(
    'select active_slot, building_slot from search_slots where index_name = ?',
  );
  const upsert = sqlite.prepare<ReturnType<typeof toRow>, { seq: number }>(`
    insert into search_documents (slot, doc_id, issue_id, quarter, title, text, labels, title_stems, text_stems, label_terms,
      language, category, status, region_id, unit_id, unit_path, organization_id, organization_kind, due_date, overdue, progress,
      raised_at, updated_at, group_id)
    values (@slot, @doc_id, @issue_id, @quarter, @title, @text, @labels, @title_stems, @text_stems, @label_terms, @language, @category, @status,
      @region_id, @unit_id, @unit_path, @organization_id, @organization_kind, @due_date, @overdue, @progress, @raised_at, @updated_at, @group_id)
    on conflict (slot, doc_id) do update set issue_id = excluded.issue_id, quarter = excluded.quarter,
      title = excluded.title, text = excluded.text, labels = excluded.labels, title_stems = excluded.title_stems,
      text_stems = excluded.text_stems, label_terms = excluded.label_terms, language = excluded.language, category = excluded.category,
      status = excluded.status, region_id = excluded.region_id, unit_id = excluded.unit_id, unit_path = excluded.unit_path,
      organization_id = excluded.organization_id, organization_kind = excluded.organization_kind,
      due_date = excluded.due_date, overdue = excluded.overdue, progress = excluded.progress,
      raised_at = excluded.raised_at, updated_at = excluded.updated_at, group_id = excluded.group_id
    returning seq`);
  const remove = sqlite.prepare<[string, string], { seq: number }>('delete from search_documents where slot = ? and doc_id = ? returning seq');
  const existing = sqlite
    .prepare<[string, string], number>('select seq from search_documents where slot = ? and doc_id in (select value from json_each(?))')
    .pluck();
  const ftsStatements = new Map<string, { drop: Database.Statement<[string]>; fill: Database.Statement<[string]> }>();
  /** The slot's FTS5 statements: drop rowids, and index the listed `search_documents` rows (seqs as JSON). */
  function fts(slot: string) {
    let statements = ftsStatements.get(slot);
    if (!statements) {
      const table = ftsTable(slot);
      statements = {
        drop: sqlite.prepare(`delete from ${table} where rowid in (select value from json_each(?) order by value)`),
        fill: sqlite.prepare(`
          insert into ${table} (rowid, title, text, title_folded, text_folded, title_stems, text_stems, label_terms)
          select seq, title, text, title_folded, text_folded, title_stems, text_stems, label_terms
          from search_documents where seq in (select value from json_each(?)) order by seq`),
      };
      ftsStatements.set(slot, statements);
    }
    return statements;
  }
  /**
   * Readies a slot being built for large transactions. FTS5 keeps a transaction's terms in memory
   * and writes them out as a new segment whenever they outgrow `hashsize` (1 MB by default): a
   * batch of rebuild documents, with their folded and stemmed columns and the prefix indexes, made
   * several segments, and every segment is merged again and again as the index grows (a rebuild's
   * cost per batch grew with the index). With room for a whole batch, each transaction writes one
   * segment. The limit is the slot's FTS5 configuration (kept after the swap, where an outbox
   * delivery is one segment too); it bounds the memory of one transaction's pending terms.
   */
  function prepareBuild(slot: string): void {
    const table = ftsTable(slot);
    sqlite.prepare(`insert into ${table} (${table}, rank) values ('hashsize', ${BUILD_HASH_BYTES})`).run();
  }
  const bump = sqlite.prepare<[string], { version: number }>('update search_slot_versions set version = version + 1 where slot = ? returning version');
  const versionOf = sqlite.prepare<[string], { version: number }>('select version from search_slot_versions where slot = ?');
  const countRows = sqlite.prepare<[string], { n: number }>('select count(*) as n from search_documents where slot = ?');
  const byIds = sqlite.prepare<[string], DocumentRow>(`select ${COLUMNS} from search_documents where seq in (select value from json_each(?))`);
  const cache = new Map<string, SlotValues>();

  /** After a write of ours: patch the cached columns, unless another process wrote in between. */
  function patched(slot: string, version: number, patch: (values: SlotValues) => void): void {
    const values = cache.get(slot);
    if (values && values.version === version - 1) {
      patch(values);
      values.version = version;
    } else cache.delete(slot);
  }

  // The FTS5 statements come last in each transaction: once FTS5 takes part in it, every later
  // statement's savepoint would flush its pending terms again.
  const writeTx = sqlite.transaction((slot: string, documents: SearchDocument[]) => {
    const replaced = existing.all(slot, JSON.stringify(documents.map((d) => d.id)));
    const rows = documents.map((d) => {
      const row = toRow(d, slot);
      return { ...row, seq: upsert.get(row)!.seq };
    });
    const version = bump.get(slot)!.version;
    const { drop, fill } = fts(slot);
    if (replaced.length > 0) drop.run(JSON.stringify(replaced));
    if (rows.length > 0) fill.run(JSON.stringify(rows.map((r) => r.seq)));
    return { rows, version };
  });
  const removeTx = sqlite.transaction((slot: string, ids: string[]) => {
    const seqs = ids.flatMap((id) => remove.all(slot, id).map((r) => r.seq));
    const version = bump.get(slot)!.version;
    if (seqs.length > 0) fts(slot).drop.run(JSON.stringify(seqs));
    return { seqs, version };
  });
  /** The FTS5 'delete-all' command empties the slot's index in one step. */
  const clearTx = sqlite.transaction((slot: string) => {
    sqlite.prepare(`insert into "search_fts_${slot}" ("search_fts_${slot}") values ('delete-all')`).run();
    sqlite.prepare('delete from search_documents where slot = ?').run(slot);
    bump.get(slot);
  });

  return {
    slots(index: SearchIndexName) {
      const row = slotsRow.get(index);
      if (!row) throw new Error(`search_slots has no row for ${index}: is the database migrated?`);
      return row;
    },
    write(slot: string, documents: SearchDocument[]): void {
      const { rows, version } = writeTx(slot, documents);
      patched(slot, version, (values) => rows.forEach((r) => values.set(r)));
    },
    remove(slot: string, ids: string[]): void {
      const { seqs, version } = removeTx(slot, ids);
      patched(slot, version, (values) => seqs.forEach((s) => values.remove(s)));
    },
    prepareBuild,
    clear(slot: string): void {
      clearTx(slot);
      cache.delete(slot);
    },
    /** Serves `slot` for `index` from the next query on: one UPDATE, so the swap is atomic. */
    activate(index: SearchIndexName, slot: string): void {
      sqlite.prepare('update search_slots set active_slot = ?, building_slot = null where index_name = ?').run(slot, index);
    },
    markBuilding(index: SearchIndexName, slot: string): void {
      sqlite.prepare('update search_slots set building_slot = ? where index_name = ?').run(slot, index);
    },
    /** The slot's filter columns, current as of its version in the database. */
    values(slot: string): SlotValues {
      const version = versionOf.get(slot)?.version ?? 0;
      let values = cache.get(slot);
      if (!values || values.version !== version) {
        values = loadSlotValues(sqlite, slot, version);
        cache.set(slot, values);
      }
      return values;
    },
    documents(seqs: number[]): Map<number, DocumentRow> {
      if (seqs.length === 0) return new Map();
      const rows = byIds.all(JSON.stringify(seqs));
      return new Map(rows.map((r) => [r.seq, r]));
    },
    count: (slot: string) => countRows.get(slot)?.n ?? 0,
  };
}
export type SlotStore = ReturnType<typeof createSlotStore>;
