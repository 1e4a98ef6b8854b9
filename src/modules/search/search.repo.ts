import type { Db } from '../../db/client.ts';
import { isOverdue } from '../issues/issues.filter.ts';
import { CATEGORY_NAMES } from '../shared/labels.ts';
import type { IssueCategory, IssueStatus, OrganizationKind } from '../shared/enums.ts';
import { documentId, type SearchDocument, type SearchIndexName } from './search.port.ts';

// Reads that make search documents (from `issues` for the live index, from `publication_items`
// for the published one), the outbox and rebuild bookkeeping, and the names that dress up hits.
// Plain SQL on the raw client: these are bulk reads in source order, and the search tables are
// not drizzle's (the FTS5 migration is hand-written).

interface SourceRow {
  cursor: number;
  issue_id: number;
  year: number | null;
  quarter: number | null;
  title: string;
  text: string;
  language: 'kk' | 'ru';
  category: IssueCategory;
  status: IssueStatus;
  region_id: number;
  unit_id: number;
  organization_id: number | null;
  organization_kind: OrganizationKind | null;
  due_date: string | null;
  overdue: number | null;
  progress: number;
  raised_at: string;
  updated_at: string;
  organization_names: string | null;
  group_id: number | null;
}

/** The body's names in the three languages, for the document's labels. */
const ORGANIZATION_NAMES = `o.name_kk || ' ' || o.name_ru || ' ' || o.name_en as organization_names`;

/** The problem's public group now: one of two or more problems (groups.read-repo.ts MIN_SHOWN_SIZE). */
const LIVE_GROUP = `(select m.group_id from issue_group_members m join issue_groups g on g.id = m.group_id and g.size >= 2
    where m.issue_id = i.id) as group_id`;

const LIVE_SELECT = `
  select i.id as cursor, i.id as issue_id, null as year, null as quarter, i.title, i.text, i.language, i.category,
    i.status, i.region_id, i.unit_id, i.responsible_organization_id as organization_id, o.kind as organization_kind,
    i.due_date, null as overdue, i.progress, i.raised_at, i.updated_at, ${ORGANIZATION_NAMES}, ${LIVE_GROUP}
  from issues i left join organizations o on o.id = i.responsible_organization_id`;

const PUBLISHED_SELECT = `
  select p.id as cursor, p.issue_id, pub.year, pub.quarter, p.title, p.text, p.language, p.category, p.status,
    p.region_id, p.unit_id, p.organization_id, o.kind as organization_kind, p.due_date, p.overdue, p.progress,
    p.raised_at, p.updated_at, ${ORGANIZATION_NAMES}, p.group_id
  from publication_items p join publications pub on pub.id = p.publication_id and pub.status = 'published'
  left join organizations o on o.id = p.organization_id`;

export interface OutboxEntry {
  issueId: number;
  version: number;
}

export interface RebuildRow {
  indexName: SearchIndexName;
  requestedAt: string;
  startedAt: string | null;
  cursor: number | null;
  heartbeatAt: string | null;
  holder: string | null;
}

export function createSearchRepo(db: Db) {
  const sqlite = db.$client;
  // Searches run these on every request; the connection compiles each SQL text once (db/statement-cache.ts).
  const sql = <P extends unknown[] = unknown[], R = unknown>(text: string) => sqlite.prepare<P, R>(text);
  let parents = new Map<number, number | null>();

  /** The unit and its ancestors, from a cached copy of the (small, rarely changing) unit tree. */
  function unitPath(unitId: number): number[] {
    if (!parents.has(unitId)) {
      const rows = sql<[], { id: number; parent_id: number | null }>('select id, parent_id from units').all();
      parents = new Map(rows.map((r) => [r.id, r.parent_id]));
    }
    const path: number[] = [];
    for (let at: number | null | undefined = unitId; at != null && path.length < 16; at = parents.get(at)) path.push(at);
    return path;
  }

  function toDocument(r: SourceRow, today: string): SearchDocument {
    const quarter = r.year !== null ? `${r.year}-Q${r.quarter}` : null;
    return {
      id: documentId(r.issue_id, quarter),
      issueId: r.issue_id,
      quarter,
      title: r.title,
      text: r.text,
      labels: [...Object.values(CATEGORY_NAMES[r.category]), r.organization_names ?? ''].join(' ').trim().slice(0, 2000),
      language: r.language,
      category: r.category,
      status: r.status,
      regionId: r.region_id,
      unitId: r.unit_id,
      unitPath: unitPath(r.unit_id),
      organizationId: r.organization_id,
      organizationKind: r.organization_kind,
      dueDate: r.due_date,
      overdue: r.overdue !== null ? r.overdue === 1 : isOverdue({ dueDate: r.due_date, status: r.status }, today),
      progress: r.progress,
      raisedAt: r.raised_at,
      updatedAt: r.updated_at,
      groupId: r.group_id,
    };
  }

  const liveByIds = (ids: number[]) => sql<[string], SourceRow>(`${LIVE_SELECT} where i.id in (select value from json_each(?))`).all(JSON.stringify(ids));
  const liveAfter = sql<[number, number], SourceRow>(`${LIVE_SELECT} where i.id > ? order by i.id limit ?`);
  const publishedAfter = sql<[number, number], SourceRow>(`${PUBLISHED_SELECT} where p.id > ? order by p.id limit ?`);

  return {
    /** Live documents of these problems; a problem that no longer exists has none. */
    liveDocuments(issueIds: number[], today: string): SearchDocument[] {
      return issueIds.length ? liveByIds(issueIds).map((r) => toDocument(r, today)) : [];
    },
    /** The next batch of an index's source, in source order after `cursor`, and the new cursor. */
    sourceBatch(index: SearchIndexName, cursor: number, limit: number, today: string) {
      const rows = (index === 'live' ? liveAfter : publishedAfter).all(cursor, limit);
      return { documents: rows.map((r) => toDocument(r, today)), cursor: rows[rows.length - 1]?.cursor ?? cursor };
    },
    sourceCount(index: SearchIndexName): number {
      const table = index === 'live' ? 'issues' : 'publication_items';
      return sql<[], { n: number }>(`select count(*) as n from ${table}`).get()?.n ?? 0;
    },
    /** How many source rows an interrupted rebuild had already written (for its progress bar). */
    sourceCountUpTo(index: SearchIndexName, cursor: number): number {
      const table = index === 'live' ? 'issues' : 'publication_items';
      return sql<[number], { n: number }>(`select count(*) as n from ${table} where id <= ?`).get(cursor)?.n ?? 0;
    },
    /** Published quarters, newest first, as `2026-Q3`. */
    publishedQuarters(): string[] {
      return sql<[], { year: number; quarter: number }>("select year, quarter from publications where status = 'published' order by year desc, quarter desc")
        .all()
        .map((r) => `${r.year}-Q${r.quarter}`);
    },

    /** What the published index must reflect: the newest publication (quarters are immutable once written). */
    publishedSourceMark(): string {
      return String(sql<[], { id: number | null }>("select max(id) as id from publications where status = 'published'").get()?.id ?? 0);
    },
    builtMark(index: SearchIndexName): string | undefined {
      return sql<[string], { mark: string }>('select source_mark as mark from search_index_state where index_name = ?').get(index)?.mark;
    },
    setBuiltMark(index: SearchIndexName, mark: string, at: string): void {
      sql(
        `insert into search_index_state (index_name, source_mark, built_at) values (?, ?, ?)
         on conflict (index_name) do update set source_mark = excluded.source_mark, built_at = excluded.built_at`,
      ).run(index, mark, at);
    },

    enqueue(issueIds: number[], at: string): void {
      const stmt = sql(
        `insert into search_outbox (issue_id, version, enqueued_at) values (?, 1, ?)
         on conflict (issue_id) do update set version = version + 1`,
      );
      sqlite.transaction(() => issueIds.forEach((id) => stmt.run(id, at)))();
    },
    pending(afterIssueId: number, limit: number): OutboxEntry[] {
      return sql<[number, number], OutboxEntry>('select issue_id as issueId, version from search_outbox where issue_id > ? order by issue_id limit ?').all(
        afterIssueId,
        limit,
      );
    },
    /** Forgets entries that reached the index, unless they changed again meanwhile. */
    acknowledge(entries: OutboxEntry[]): void {
      const stmt = sql('delete from search_outbox where issue_id = ? and version = ?');
      sqlite.transaction(() => entries.forEach((e) => stmt.run(e.issueId, e.version)))();
    },
    /**
     * Notes the outbox as a fresh live rebuild starts reading. Each entry commits with its change,
     * so every change noted here is in what the rebuild reads; after the swap those entries need
     * no second delivery (a temporary table: a crash forgets it, and the entries are delivered).
     */
    noteOutboxAtRebuild(): void {
      sqlite.exec(`create temp table if not exists search_outbox_at_rebuild (issue_id integer primary key, version integer not null);
        delete from temp.search_outbox_at_rebuild;
        insert into temp.search_outbox_at_rebuild (issue_id, version) select issue_id, version from main.search_outbox;`);
    },
    /** Forgets the entries noted at the rebuild's start that did not change again since; returns how many. */
    acknowledgeRebuilt(): number {
      const forgotten = sql(`delete from main.search_outbox where exists (select 1 from temp.search_outbox_at_rebuild n
          where n.issue_id = search_outbox.issue_id and n.version = search_outbox.version)`).run().changes;
      sql('delete from temp.search_outbox_at_rebuild').run();
      return forgotten;
    },
    pendingCount(): number {
      return sql<[], { n: number }>('select count(*) as n from search_outbox').get()?.n ?? 0;
    },

    rebuild(index: SearchIndexName): RebuildRow | undefined {
      return sql<[string], RebuildRow>(
        `select index_name as indexName, requested_at as requestedAt, started_at as startedAt, cursor,
           heartbeat_at as heartbeatAt, holder from search_rebuilds where index_name = ?`,
      ).get(index);
    },
    requestRebuild(index: SearchIndexName, at: string): void {
      sql('insert into search_rebuilds (index_name, requested_at) values (?, ?) on conflict (index_name) do nothing').run(index, at);
    },
    startRebuild(index: SearchIndexName, at: string, resume: boolean, holder: string): void {
      sql(
        `insert into search_rebuilds (index_name, requested_at, started_at, cursor, heartbeat_at, holder) values (?, ?, ?, 0, ?, ?)
         on conflict (index_name) do update set started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at,
           holder = excluded.holder, cursor = case when ? then coalesce(cursor, 0) else 0 end`,
      ).run(index, at, at, at, holder, resume ? 1 : 0);
    },
    advanceRebuild(index: SearchIndexName, cursor: number, at: string): void {
      sql('update search_rebuilds set cursor = ?, heartbeat_at = ? where index_name = ?').run(cursor, at, index);
    },
    finishRebuild(index: SearchIndexName): void {
      sql('delete from search_rebuilds where index_name = ?').run(index);
    },

    unitsByIds(ids: number[]) {
      if (ids.length === 0) return [];
      return sql<[string], { id: number; code: string; nameKk: string; nameRu: string; nameEn: string }>(
        `select id, code, name_kk as nameKk, name_ru as nameRu, name_en as nameEn from units where id in (select value from json_each(?))`,
      ).all(JSON.stringify(ids));
    },
    organizationsByIds(ids: number[]) {
      if (ids.length === 0) return [];
      return sql<[string], { id: number; code: string; kind: OrganizationKind; nameKk: string; nameRu: string; nameEn: string }>(
        `select id, code, kind, name_kk as nameKk, name_ru as nameRu, name_en as nameEn from organizations
         where id in (select value from json_each(?))`,
      ).all(JSON.stringify(ids));
    },
    unitIdsByCodes(codes: string[]): Map<string, number> {
      if (codes.length === 0) return new Map();
      const rows = sql<[string], { id: number; code: string }>(`select id, code from units where code in (select value from json_each(?))`).all(
        JSON.stringify(codes),
      );
      return new Map(rows.map((r) => [r.code, r.id]));
    },
    organizationIdsByCodes(codes: string[]): Map<string, number> {
      if (codes.length === 0) return new Map();
      const rows = sql<[string], { id: number; code: string }>(`select id, code from organizations where code in (select value from json_each(?))`).all(
        JSON.stringify(codes),
      );
      return new Map(rows.map((r) => [r.code, r.id]));
    },
  };
}
export type SearchRepo = ReturnType<typeof createSearchRepo>;
