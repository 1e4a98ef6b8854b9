import type Database from 'better-sqlite3';
import { FINISHED_STATUSES } from '../../src/modules/shared/enums.ts';
import { documentId } from '../../src/modules/search/search.port.ts';

// The live search documents of the copied problems, written in SQL into the slot that serves the
// live index (the FTS5 triggers fill the full-text table). The project's own rebuild writes the
// same rows through JavaScript and takes about seven times as long; the demo's documents are built
// by that rebuild first, and a check below compares a copy with what the rebuild would write.

export function appendLiveDocuments(sqlite: Database.Database, afterIssueId: number, today: string): number {
  const slot = (sqlite.prepare(`select active_slot as s from search_slots where index_name = 'live'`).get() as { s: string }).s;
  if (documentId(42, null) !== '42') throw new Error('live document ids are no longer the issue id: update bench/national/search-docs.ts');
  // Each unit's path up to its region, as the adapter stores it: "[unit, parent, …, region]".
  const parents = new Map(
    (sqlite.prepare('select id, parent_id from units').all() as { id: number; parent_id: number | null }[]).map((u) => [u.id, u.parent_id]),
  );
  sqlite.exec('drop table if exists temp.unit_paths; create temp table unit_paths (unit_id integer primary key, path text)');
  const insertPath = sqlite.prepare('insert into unit_paths values (?, ?)');
  for (const id of parents.keys()) {
    const path: number[] = [];
    for (let at: number | null | undefined = id; at != null && path.length < 16; at = parents.get(at)) path.push(at);
    insertPath.run(id, JSON.stringify(path));
  }
  const finished = FINISHED_STATUSES.map((s) => `'${s}'`).join(', ');
  const written = sqlite
    .prepare(`
    insert into search_documents (slot, doc_id, issue_id, quarter, title, text, language, category, status, region_id, unit_id,
      unit_path, organization_id, organization_kind, due_date, overdue, progress, raised_at, updated_at)
    select @slot, cast(i.id as text), i.id, null, i.title, i.text, i.language, i.category, i.status, i.region_id, i.unit_id,
      p.path, i.responsible_organization_id, o.kind, i.due_date,
      i.due_date is not null and i.due_date < @today and i.status not in (${finished}), i.progress, i.raised_at, i.updated_at
    from issues i join unit_paths p on p.unit_id = i.unit_id left join organizations o on o.id = i.responsible_organization_id
    where i.id > @after order by i.id`)
    .run({ slot, today, after: afterIssueId }).changes;
  sqlite.prepare('update search_slot_versions set version = version + 1 where slot = ?').run(slot);
  sqlite.exec('drop table temp.unit_paths');
  return written;
}

/** The stored document of one copied problem equals what the project's own code makes of it. */
export function checkLiveDocument(sqlite: Database.Database, expected: Record<string, unknown>): void {
  const stored = sqlite
    .prepare(`select d.* from search_documents d join search_slots s on s.index_name = 'live' and d.slot = s.active_slot where d.doc_id = ?`)
    .get(String(expected.id)) as Record<string, unknown> | undefined;
  if (!stored) throw new Error(`no live search document for problem ${String(expected.id)}`);
  const actual = {
    id: stored.doc_id,
    issueId: stored.issue_id,
    quarter: stored.quarter,
    title: stored.title,
    text: stored.text,
    language: stored.language,
    category: stored.category,
    status: stored.status,
    regionId: stored.region_id,
    unitId: stored.unit_id,
    unitPath: JSON.parse(String(stored.unit_path)),
    organizationId: stored.organization_id,
    organizationKind: stored.organization_kind,
    dueDate: stored.due_date,
    overdue: stored.overdue === 1,
    progress: stored.progress,
    raisedAt: stored.raised_at,
    updatedAt: stored.updated_at,
  };
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`the bulk search document differs from the adapter's:\n${JSON.stringify(actual)}\n${JSON.stringify(expected)}`);
  }
}
