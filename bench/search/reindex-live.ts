import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../src/db/client.ts';
import { createSearchRepo } from '../../src/modules/search/search.repo.ts';

// The live index's source for bench:reindex --index live: problems from the national generator
// (bench/national/generate.ts, --no-search), a third of them in groups of four (so each document's
// public group is looked up as in production), and every problem queued in the search outbox, as
// a full regroup leaves it (docs/search.md, "Rebuild speed").

/** Generates `problems` live problems into `path` (replacing it) and returns how many there are. */
export function generateLiveSource(path: string, problems: number): number {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/national/generate.ts', '--problems', String(problems), '--out', path, '--no-search'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (run.status !== 0) throw new Error(`bench/national/generate.ts failed (exit ${run.status})`);
  const db = openDatabase(path);
  const sqlite = db.$client;
  const at = new Date().toISOString();
  const first = (sqlite.prepare('select coalesce(max(id), 0) + 1 from issue_groups').pluck().get() as number) ?? 1;
  sqlite.transaction(() => {
    sqlite.exec(`
      create temp table grouped as select id as issue_id, ${first} + id / 12 as group_id, category from issues
        where id % 3 = 0 and id not in (select issue_id from issue_group_members);
      insert into issue_groups (id, category, size, updated_at)
        select group_id, min(category), count(*), '${at}' from temp.grouped group by group_id;
      insert into issue_group_members (issue_id, group_id, source, score, at)
        select issue_id, group_id, 'AUTO', 0.5, '${at}' from temp.grouped;
      drop table temp.grouped;
      insert into search_outbox (issue_id, version, enqueued_at) select id, 1, '${at}' from issues where true
        on conflict (issue_id) do update set version = version + 1;
    `);
  })();
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const count = sqlite.prepare('select count(*) from issues').pluck().get() as number;
  sqlite.close();
  return count;
}

/**
 * The baseline measured in the same run: the CPU time of reading the whole source and making its
 * documents (what a rebuild does before it writes anything), in batches of `batch`.
 */
export function sourceReadCpuSeconds(path: string, batch: number): { cpuSeconds: number; wallSeconds: number; documents: number } {
  const db = openDatabase(path);
  const repo = createSearchRepo(db);
  const today = new Date().toISOString().slice(0, 10);
  const started = performance.now();
  const cpu = process.cpuUsage();
  let cursor = 0;
  let documents = 0;
  for (;;) {
    const next = repo.sourceBatch('live', cursor, batch, today);
    if (next.documents.length === 0) break;
    documents += next.documents.length;
    cursor = next.cursor;
  }
  const used = process.cpuUsage(cpu);
  const wallSeconds = (performance.now() - started) / 1000;
  db.$client.close();
  return { cpuSeconds: (used.user + used.system) / 1e6, wallSeconds, documents };
}
