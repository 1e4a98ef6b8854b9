// npm run bench:reindex [-- --docs 20000] [--batch 2000]
// How the FTS5 reindex scales with the size of the index (not a test): generates a published
// quarter of realistic problems (corpus.ts) into bench/results/reindex-bench.db, rebuilds the
// published index and reports the CPU time of every batch. Flat batch times mean the write cost
// does not grow with the index; CPU time rather than wall time because the machine is shared.
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

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const DOCS = Number(option('docs', '20000'));
const BATCH = Number(option('batch', '2000'));
const DIR = resolve('bench/results');
const DB_PATH = `${DIR}/reindex-bench.db`;

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
  await generate();
  const app = createApp(loadConfig({ DATABASE_PATH: DB_PATH, LOG_LEVEL: 'warn', SEARCH_CATCH_UP_MS: '0', SEARCH_BACKEND: 'fts5' }), {
    logger: pino({ level: 'warn' }),
  });
  app.services.search.stopCatchUp();
  const batches: { indexed: number; cpuMs: number; wallMs: number }[] = [];
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  let wall = started;
  let cpu = process.cpuUsage();
  await app.services.search.rebuild('published', {
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
  app.close();
  const cpuOf = (i: number) => batches[i]?.cpuMs ?? 0;
  const result = {
    command: `npm run bench:reindex -- ${args.join(' ')}`.trim(),
    startedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version, loadAverageAtEnd: loadavg().map((l) => Math.round(l * 100) / 100) },
    documents: DOCS,
    batchSize: BATCH,
    wallSeconds: Math.round(seconds * 10) / 10,
    documentsPerSecond: Math.round(DOCS / seconds),
    cpuSeconds: Math.round((used.user + used.system) / 100_000) / 10,
    /** The CPU time of the last batch over the second one's: about 1 when the cost does not grow with the index. */
    lastToSecondBatchCpu: Math.round((cpuOf(batches.length - 1) / Math.max(cpuOf(1), 1)) * 100) / 100,
    batches,
  };
  writeFileSync(`${DIR}/reindex-bench.json`, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

await main();
