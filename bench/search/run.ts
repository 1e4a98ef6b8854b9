// npm run bench:search [-- --docs 1000000] [--queries 400] [--engines fts5,meilisearch] [--reuse]
// The search benchmark (not a test). Generates a published quarter of realistic problems into
// bench/results/search-bench.db, times the full reindex into each engine, then times two-word
// Kazakh queries with two facet filters (region, status) through GET /api/search against a raw
// FTS5 MATCH of the same words on the same table. Prints JSON and writes it to bench/results/.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { migrateDatabase, openDatabase } from '../../src/db/client.ts';
import { seedDatabase } from '../../src/modules/seeding/seed.service.ts';
import { fold } from '../../src/modules/search/search.text.ts';
import { meilisearchBinary, startMeilisearch } from '../../test/helpers/meilisearch.ts';
import { kazakhQueries, loadReference, loadTemplates, makeProblem, rng } from './corpus.ts';
import { fts5Sizes, meilisearchClients, meilisearchRawPost, meilisearchUsedBytes, meilisearchWithoutStems } from './extras.ts';
import { listen, median, stats, timeHttp, timeRawMatch, type Scenario } from './measure.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const DOCS = Number(option('docs', '1000000'));
const QUERIES = Number(option('queries', '400'));
const ENGINES = option('engines', 'fts5,meilisearch').split(',');
const REUSE = args.includes('--reuse');
/** Measure the index already built by an earlier run (with --reuse); its reindex time is not measured again. */
const SKIP_REINDEX = args.includes('--skip-reindex');
const BUILD_ONLY = args.includes('--build-only');
const WARMUP = 40;
const DIR = resolve('bench/results');
const DB_PATH = `${DIR}/search-bench.db`;
const log = (message: string) => process.stderr.write(`[bench] ${new Date().toISOString().slice(11, 19)} ${message}\n`);
const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;

/** Writes one published quarter (2026-Q3) of DOCS problems, 10,000 rows per transaction. */
async function generate(): Promise<number> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${DB_PATH}${suffix}`, { force: true });
  const db = openDatabase(DB_PATH);
  migrateDatabase(db);
  await seedDatabase(db, { demo: false });
  const sqlite = db.$client;
  // The benchmark writes the published rows without the live problems behind them (search reads
  // only publication_items); the foreign key to issues would refuse that.
  sqlite.pragma('foreign_keys = OFF');
  const started = performance.now();
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
  const write = sqlite.transaction((from: number, to: number) => {
    for (let id = from; id < to; id++) insert.run(makeProblem(r, id, ref, templates));
  });
  for (let from = 1; from <= DOCS; from += 10_000) {
    write(from, Math.min(DOCS + 1, from + 10_000));
    if ((from - 1) % 100_000 === 0) log(`generated ${from - 1 + 10_000 > DOCS ? DOCS : from - 1}/${DOCS}`);
  }
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
  return seconds(started);
}

function scenarios(): Scenario[] {
  const db = openDatabase(DB_PATH);
  const { regionCodes } = loadReference(db.$client);
  db.$client.close();
  const r = rng(7);
  const statuses = ['ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED'];
  const seen = new Set<string>();
  const list: Scenario[] = [];
  // Distinct scenarios only: a repeated one would be answered from the adapter's cache.
  for (const query of kazakhQueries(loadTemplates(), r, (QUERIES + WARMUP) * 3, fold)) {
    const s = { query, region: r.pick(regionCodes), status: r.pick(statuses) };
    const key = `${s.query}|${s.region}|${s.status}`;
    if (seen.has(key)) continue;
    seen.add(key);
    list.push(s);
    if (list.length === QUERIES + WARMUP) break;
  }
  return list;
}

async function runEngine(engine: string, env: Record<string, string>, list: Scenario[], meili?: { url: string; apiKey: string }) {
  const config = loadConfig({ DATABASE_PATH: DB_PATH, LOG_LEVEL: 'warn', SEARCH_CATCH_UP_MS: '0', ...env });
  const app = createApp(config, { logger: pino({ level: 'warn' }) });
  app.services.search.stopCatchUp();
  const extra: Record<string, unknown> = {};
  let bytesBefore = 0;
  if (meili && !SKIP_REINDEX) {
    log('meilisearch: posting the documents without stems (size before stemming)');
    extra.withoutStems = await meilisearchWithoutStems(meili.url, meili.apiKey, app.db);
    bytesBefore = await meilisearchUsedBytes(meili.url, meili.apiKey);
  }
  const started = performance.now();
  let shown = 0;
  if (!SKIP_REINDEX) log(`${engine}: reindexing the published index`);
  if (!SKIP_REINDEX)
    await app.services.search.rebuild('published', {
      force: true,
      batchSize: engine === 'fts5' ? 5_000 : 10_000,
      onProgress: (done, total) => {
        if (done - shown >= 100_000 || done === total) {
          shown = done;
          log(`${engine}: indexed ${done}/${total}`);
        }
      },
    });
  const reindexSeconds = seconds(started);
  const indexed = await app.services.search.indexedCount('published');
  if (meili && !SKIP_REINDEX) {
    log('meilisearch: posting the same documents straight to the documents API (reindex baseline)');
    const { raw, adapterIndexBytes } = await meilisearchRawPost(meili.url, meili.apiKey, app.db, bytesBefore);
    const adapterPerSecond = indexed / Math.max(reindexSeconds, 0.001);
    extra.reindexVersusRawPost = {
      raw,
      adapterDocumentsPerSecond: Math.round(adapterPerSecond),
      ratio: Math.round((adapterPerSecond / raw.documentsPerSecond) * 100) / 100,
      target: 0.8,
    };
    const before = (extra.withoutStems as { bytesPerDocument: number }).bytesPerDocument;
    const after = Math.round(adapterIndexBytes / Math.max(indexed, 1));
    extra.indexSize = { bytesPerDocumentWithoutStems: before, bytesPerDocumentWithStems: after, ratio: Math.round((after / Math.max(before, 1)) * 100) / 100 };
  }
  log(`${engine}: ${indexed} documents in ${reindexSeconds} s; timing ${list.length} queries`);
  if (BUILD_ONLY) {
    app.close();
    return { reindex: { documents: indexed, seconds: reindexSeconds }, http: null, raw: null };
  }
  const server = await listen(app.http);
  const http = await timeHttp(server.base, list, WARMUP);
  await server.close();
  let raw: ReturnType<typeof timeRawMatch> | null = null;
  if (engine === 'fts5') {
    const slot = (app.db.$client.prepare(`select active_slot as s from search_slots where index_name = 'published'`).get() as { s: string }).s;
    raw = timeRawMatch(app.db.$client, `search_fts_${slot}`, list, WARMUP);
    extra.indexSize = fts5Sizes(app.db.$client, slot);
  }
  if (meili) {
    log('meilisearch: the same searches through Node fetch and through the one-write client');
    extra.clients = await meilisearchClients(meili.url, meili.apiKey, 'bench_published', list, WARMUP);
  }
  app.close();
  return {
    reindex: SKIP_REINDEX
      ? 'not measured in this run (--skip-reindex)'
      : { documents: indexed, seconds: reindexSeconds, documentsPerSecond: Math.round(indexed / Math.max(reindexSeconds, 0.001)) },
    http: { ...stats(http.samples), medianTotalHits: median(http.totals) },
    raw: raw && { ...stats(raw.samples), medianRowsReturned: median(raw.totals) },
    ...extra,
  };
}

async function main() {
  mkdirSync(DIR, { recursive: true });
  const result: Record<string, unknown> = {
    command: `npm run bench:search -- ${args.join(' ')}`.trim(),
    startedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100) },
    documents: DOCS,
    scenario:
      'GET /api/search?q=<two Kazakh words, 25% typed without Kazakh letters>&region=<one of 20>&status=<one of 4>, one request at a time, client-timed; baseline: SELECT rowid FROM <published fts5 table> WHERE MATCH \'"w1" "w2"\' ORDER BY rank LIMIT 20, in-process',
  };
  if (REUSE && existsSync(DB_PATH)) log(`reusing ${DB_PATH}`);
  else {
    log(`generating ${DOCS} documents into ${DB_PATH}`);
    result.generateSeconds = await generate();
  }
  const list = scenarios();
  result.sampleQueries = list.slice(WARMUP, WARMUP + 5).map((s) => `/api/search?q=${s.query}&region=${s.region}&status=${s.status}`);
  const engines: Record<string, unknown> = {};
  result.engines = engines;
  const save = () => {
    writeFileSync(`${DIR}/search-bench.json`, `${JSON.stringify(result, null, 2)}\n`);
  };
  if (ENGINES.includes('fts5')) {
    const fts5 = await runEngine('fts5', { SEARCH_BACKEND: 'fts5' }, list);
    engines.fts5 = fts5;
    if (!fts5.http || !fts5.raw) return save();
    const ratio = Math.round((fts5.http.p95Ms / fts5.raw!.p95Ms) * 100) / 100;
    result.fts5VersusRawMatch = { p95RatioHttpToRaw: ratio, targets: { p95Ms: 15, ratio: 1.3 }, met: fts5.http.p95Ms <= 15 && ratio <= 1.3 };
    save();
  }
  if (ENGINES.includes('meilisearch')) {
    const binary = await meilisearchBinary();
    if (!binary) engines.meilisearch = { skipped: 'no verified binary: run .ci/install-meilisearch.sh' };
    else {
      const server = await startMeilisearch(binary);
      try {
        engines.meilisearch = await runEngine(
          'meilisearch',
          { SEARCH_BACKEND: 'meilisearch', MEILI_URL: server.url, MEILI_MASTER_KEY: server.apiKey, MEILI_INDEX_PREFIX: 'bench_' },
          list,
          { url: server.url, apiKey: server.apiKey },
        );
        const m = engines.meilisearch as { http: { p50Ms: number; p95Ms: number } | null };
        if (m.http)
          result.meilisearchTargets = {
            p50Ms: m.http.p50Ms,
            p95Ms: m.http.p95Ms,
            targets: { p50Ms: 10, p95Ms: 20 },
            met: m.http.p50Ms <= 10 && m.http.p95Ms <= 20,
          };
      } finally {
        await server.stop();
      }
    }
  }
  result.finishedAt = new Date().toISOString();
  save();
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
