import type Database from 'better-sqlite3';
import {
  parseDocuments,
  SEARCH_FACETS,
  type IndexBuild,
  type SearchDocument,
  type SearchFacet,
  type SearchIndex,
  type SearchIndexName,
  type SearchRequest,
  type SearchResult,
  type SearchSort,
} from '../search.port.ts';
import { findMatches, queryTerms } from '../search.text.ts';
import { expandTypos, filterClauses, highlightTerms, matchExpression, type ExpandedTerm } from './fts5-query.ts';
import { FINISHED_STATUSES } from '../../shared/enums.ts';

// The embedded engine: SQLite FTS5 in the application's own database, so search works with zero
// setup. Storage and its sync triggers are in drizzle/*_search_fts5/migration.sql; this file only
// reads and writes `search_documents` and asks the FTS5 tables.

interface DocumentRow {
  seq: number;
  doc_id: string;
  issue_id: number;
  quarter: string | null;
  title: string;
  text: string;
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
}

const COLUMNS =
  'seq, doc_id, issue_id, quarter, title, text, language, category, status, region_id, unit_id, unit_path, ' +
  'organization_id, organization_kind, due_date, overdue, progress, raised_at, updated_at';

function toDocument(r: DocumentRow): SearchDocument {
  return {
    id: r.doc_id,
    issueId: r.issue_id,
    quarter: r.quarter,
    title: r.title,
    text: r.text,
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
  };
}

const ORDER_SQL: Record<Exclude<SearchSort, 'RELEVANCE'>, string> = {
  RAISED_DESC: 'd.raised_at desc, d.seq desc',
  RAISED_ASC: 'd.raised_at asc, d.seq asc',
  UPDATED_DESC: 'd.updated_at desc, d.seq desc',
  DUE_DATE_ASC: 'd.due_date is null, d.due_date asc, d.seq asc',
};

/** Facet -> the column of the scan that holds its value. */
const FACET_COLUMN: Record<SearchFacet, number> = {
  status: 1,
  category: 2,
  regionId: 3,
  organizationId: 4,
  organizationKind: 5,
  overdue: 6,
};

const FINISHED = FINISHED_STATUSES.map((s) => `'${s}'`).join(', ');

export function createFts5SearchIndex(sqlite: Database.Database): SearchIndex {
  const activeSlot = sqlite.prepare<[string], { active_slot: string }>(
    'select active_slot from search_slots where index_name = ?',
  );
  const slotsRow = sqlite.prepare<[string], { active_slot: string; building_slot: string | null }>(
    'select active_slot, building_slot from search_slots where index_name = ?',
  );
  const upsertRow = sqlite.prepare(`
    insert into search_documents (slot, doc_id, issue_id, quarter, title, text, language, category, status,
      region_id, unit_id, unit_path, organization_id, organization_kind, due_date, overdue, progress, raised_at, updated_at)
    values (@slot, @id, @issueId, @quarter, @title, @text, @language, @category, @status,
      @regionId, @unitId, @unitPath, @organizationId, @organizationKind, @dueDate, @overdue, @progress, @raisedAt, @updatedAt)
    on conflict (slot, doc_id) do update set issue_id = excluded.issue_id, quarter = excluded.quarter,
      title = excluded.title, text = excluded.text, language = excluded.language, category = excluded.category,
      status = excluded.status, region_id = excluded.region_id, unit_id = excluded.unit_id, unit_path = excluded.unit_path,
      organization_id = excluded.organization_id, organization_kind = excluded.organization_kind,
      due_date = excluded.due_date, overdue = excluded.overdue, progress = excluded.progress,
      raised_at = excluded.raised_at, updated_at = excluded.updated_at`);
  const deleteRow = sqlite.prepare('delete from search_documents where slot = ? and doc_id = ?');
  const countRows = sqlite.prepare<[string], { n: number }>('select count(*) as n from search_documents where slot = ?');

  const slotOf = (index: SearchIndexName) => {
    const row = activeSlot.get(index);
    if (!row) throw new Error(`search_slots has no row for ${index}: is the database migrated?`);
    return row.active_slot;
  };

  const writeDocuments = sqlite.transaction((slot: string, documents: SearchDocument[]) => {
    for (const d of documents) {
      upsertRow.run({ ...d, slot, unitPath: JSON.stringify(d.unitPath), overdue: d.overdue ? 1 : 0 });
    }
  });

  /** Empties a slot: the FTS5 'delete-all' command first, so the per-row delete triggers find nothing to do. */
  const clearSlot = sqlite.transaction((slot: string) => {
    sqlite.prepare(`insert into "search_fts_${slot}" ("search_fts_${slot}") values ('delete-all')`).run();
    sqlite.prepare('delete from search_documents where slot = ?').run(slot);
  });

  function scan(request: SearchRequest, slot: string, match: string | null) {
    const { filter, today } = request;
    const where: string[] = [];
    const params: unknown[] = [];
    if (match) {
      where.push(`f."search_fts_${slot}" match ?`);
      params.push(match);
    } else {
      where.push('d.slot = ?');
      params.push(slot);
      if (filter.quarter) {
        where.push('d.quarter = ?');
        params.push(filter.quarter);
      }
    }
    const overdueSql = `(d.due_date is not null and d.due_date < ? and d.status not in (${FINISHED}))`;
    if (today && filter.overdue !== undefined) {
      where.push(filter.overdue ? overdueSql : `not ${overdueSql}`);
      params.push(today);
    }
    const overdueColumn = today ? overdueSql : 'd.overdue';
    if (today) params.unshift(today);
    const order =
      request.sort === 'RELEVANCE' ? (match ? 'f.rank, d.seq' : ORDER_SQL.RAISED_DESC) : ORDER_SQL[request.sort];
    const from = match ? `"search_fts_${slot}" f join search_documents d on d.seq = f.rowid` : 'search_documents d';
    const sql = `select d.seq, d.status, d.category, d.region_id, d.organization_id, d.organization_kind, ${overdueColumn}
      from ${from} where ${where.join(' and ')} order by ${order}`;
    const facets = request.facets.filter((f) => SEARCH_FACETS.includes(f));
    const counts = Object.fromEntries(facets.map((f) => [f, {} as Record<string, number>]));
    const page: number[] = [];
    let total = 0;
    for (const row of sqlite.prepare(sql).raw().iterate(...params) as IterableIterator<unknown[]>) {
      if (total >= request.offset && page.length < request.limit) page.push(row[0] as number);
      total++;
      for (const facet of facets) {
        const value = row[FACET_COLUMN[facet]];
        if (value === null || value === undefined) continue;
        const key = facet === 'overdue' ? String(value === 1) : String(value);
        counts[facet]![key] = (counts[facet]![key] ?? 0) + 1;
      }
    }
    return { page, total, facets: counts };
  }

  function loadDocuments(seqs: number[]): Map<number, DocumentRow> {
    if (seqs.length === 0) return new Map();
    const rows = sqlite
      .prepare<number[], DocumentRow>(`select ${COLUMNS} from search_documents where seq in (${seqs.map(() => '?').join(', ')})`)
      .all(...seqs);
    return new Map(rows.map((r) => [r.seq, r]));
  }

  return {
    backend: 'fts5',
    async prepare() {
      slotOf('live');
      slotOf('published');
    },
    async upsert(index, documents) {
      writeDocuments(slotOf(index), parseDocuments(documents));
    },
    async delete(index, ids) {
      const slot = slotOf(index);
      sqlite.transaction(() => ids.forEach((id) => deleteRow.run(slot, id)))();
    },
    async search(request: SearchRequest): Promise<SearchResult> {
      const slot = slotOf(request.index);
      let terms: ExpandedTerm[] = queryTerms(request.text);
      const filters = filterClauses(request.filter, !request.today);
      let result = scan(request, slot, matchExpression(terms, filters));
      if (result.total === 0 && terms.length > 0) {
        const corrected = expandTypos(sqlite, `search_vocab_${slot}`, terms);
        if (corrected) {
          terms = corrected;
          result = scan(request, slot, matchExpression(terms, filters));
        }
      }
      const rows = loadDocuments(result.page);
      const highlight = highlightTerms(terms);
      return {
        total: result.total,
        facets: result.facets,
        hits: result.page.flatMap((seq) => {
          const row = rows.get(seq);
          if (!row) return [];
          const document = toDocument(row);
          return [{ document, matches: { title: findMatches(document.title, highlight), text: findMatches(document.text, highlight) } }];
        }),
      };
    },
    async startBuild(index, { resume }): Promise<IndexBuild> {
      const slots = slotsRow.get(index);
      if (!slots) throw new Error(`search_slots has no row for ${index}`);
      const idle = slots.active_slot.endsWith('_a') ? `${index}_b` : `${index}_a`;
      const resumed = resume && slots.building_slot === idle;
      if (!resumed) {
        clearSlot(idle);
        sqlite.prepare('update search_slots set building_slot = ? where index_name = ?').run(idle, index);
      }
      return {
        resumed,
        async add(documents) {
          writeDocuments(idle, parseDocuments(documents));
        },
        async swap() {
          sqlite.transaction(() => {
            sqlite.prepare('update search_slots set active_slot = ?, building_slot = null where index_name = ?').run(idle, index);
          })();
          clearSlot(slots.active_slot);
        },
      };
    },
    async count(index) {
      return countRows.get(slotOf(index))?.n ?? 0;
    },
    async close() {},
  };
}
