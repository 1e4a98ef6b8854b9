// npm run bench:reindex [-- --docs 20000] [--batch 2000] [--index published|live]
// How the FTS5 reindex scales with the size of the index (not a test). --index published (the
// default): generates a published quarter of realistic problems (corpus.ts) into
// bench/results/reindex-bench.db and rebuilds the published index. --index live: generates that
// many live problems with the national generator, a third of them grouped and all of them queued in
// the search outbox (reindex-live.ts), and rebuilds the live index as `npm run reindex -- live`
// does (batches of 5,000 unless --batch), outbox included. Reports the CPU time of every batch:
// flat batch times mean the write cost does not grow with the index; CPU time rather than wall
// time because the machine is shared. The live run's baseline, measured in the same run, is the
// CPU time of reading its source and making the documents without writing them.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { migrateDatabase, openDatabase } from '../../src/db/client.ts';
import { seedDatabase } from '../../src/modules/seeding/seed.service.ts';
import { loadReference, loadTemplates, makeProblem, rng } from './corpus.ts';
import { generateLiveSource, sourceReadCpuSeconds } from './reindex-live.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const chosenIndex = option('index', 'published');
if (chosenIndex !== 'published' && chosenIndex !== 'live') throw new Error('--index must be published or live');
const INDEX: 'published' | 'live' = chosenIndex;
const DOCS = Number(option('docs', '20000'));
const BATCH = Number(option('batch', INDEX === 'live' ? '5000' : '2000'));
const DIR = resolve('bench/results');
const DB_PATH = INDEX === 'live' ? `${DIR}/reindex-live-bench.db` : `${DIR}/reindex-bench.db`;

async function generate(): Promise<void> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${DB_PATH}${suffix}`, { force: true });
  const db = openDatabase(DB_PATH);
  migrateDatabase(db);
  await seedDatabase(db, { demo: false });
  const sqlite = db.$client;
  // Published rows without the live problems behind them (search reads only publication_items).
  sqlite.pragma('foreign_keys = OFF');
  const publication = sqlite
    .prepare(`insert into publications (year, quarter, period_end, published_at, content_hash, item_count) values (2026, 3, '2026-09-30', ?, 'bench', ?)`)
    .run(new Date().toISOString(), DOCS).lastInsertRowid;
  const insert = sqlite.prepare(`insert into publication_items (publication_id, issue_id, organization_id, region_id, unit_id, category, language,
      title, text, status, due_date, progress, overdue, raised_at, updated_at, history, change)
    values (${publication}, @issueId, @organizationId, @regionId, @unitId, @category, @language, @title, @text, @status, @dueDate,
      @progress, @overdue, @raisedAt, @updatedAt, '[]', 'UNCHANGED')`);
  const ref = loadReference(sqlite);
  const templates = loadTemplates();
  const r = rng(20261127);
  sqlite.transaction(() => {
    for (let id = 1; id <= DOCS; id++) insert.run(makeProblem(r, id, ref, templates));
  })();
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
}

async function main() {
  mkdirSync(DIR, { recursive: true });
  let documents = DOCS;
  if (INDEX === 'live') documents = generateLiveSource(DB_PATH, DOCS);
  else await generate();
  const baseline = INDEX === 'live' ? sourceReadCpuSeconds(DB_PATH, BATCH) : null;
  const app = createApp(loadConfig({ DATABASE_PATH: DB_PATH, LOG_LEVEL: 'warn', SEARCH_CATCH_UP_MS: '0', SEARCH_BACKEND: 'fts5' }), {
    logger: pino({ level: 'warn' }),
  });
  app.services.search.stopCatchUp();
  const batches: { indexed: number; cpuMs: number; wallMs: number }[] = [];
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  let wall = started;
  let cpu = process.cpuUsage();
  await app.services.search.rebuild(INDEX, {
    force: true,
    batchSize: BATCH,
    onProgress: (done) => {
      if (done === 0) return;
      const used = process.cpuUsage(cpu);
      const now = performance.now();
      batches.push({ indexed: done, cpuMs: Math.round((used.user + used.system) / 1000), wallMs: Math.round(now - wall) });
      cpu = process.cpuUsage();
      wall = now;
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpuStarted);
  const status = app.services.search.status();
  app.close();
  const cpuSeconds = (used.user + used.system) / 1e6;
  const cpuOf = (i: number) => batches[i]?.cpuMs ?? 0;
  const result = {
    command: `npm run bench:reindex -- ${args.join(' ')}`.trim(),
    startedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version, loadAverageAtEnd: loadavg().map((l) => Math.round(l * 100) / 100) },
    index: INDEX,
    documents,
    batchSize: BATCH,
    wallSeconds: Math.round(seconds * 10) / 10,
    documentsPerSecond: Math.round(documents / seconds),
    cpuSeconds: Math.round(cpuSeconds * 10) / 10,
    documentsPerCpuSecond: Math.round(documents / cpuSeconds),
    /** Live: changes still waiting in the outbox after the rebuild (0: the rebuild covered them). */
    ...(INDEX === 'live' && {
      outboxAfter: status.pendingChanges,
      sourceReadCpuSeconds: Math.round((baseline?.cpuSeconds ?? 0) * 10) / 10,
      /** The rebuild's CPU time over reading and making the same documents without writing them. */
      rebuildToSourceReadCpu: Math.round((cpuSeconds / Math.max(baseline?.cpuSeconds ?? 0, 0.001)) * 10) / 10,
    }),
    /** The CPU time of the last batch over the second one's: about 1 when the cost does not grow with the index. */
    lastToSecondBatchCpu: Math.round((cpuOf(batches.length - 1) / Math.max(cpuOf(1), 1)) * 100) / 100,
    batches,
  };
  writeFileSync(`${DIR}/${INDEX === 'live' ? 'reindex-live-bench' : 'reindex-bench'}.json`, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

await main();
