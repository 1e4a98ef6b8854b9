// npm run bench:data [-- --problems 1000000] [--meetings N] [--out PATH] [--seed N] [--from DATE] [--no-search]
// The national-scale database: a migrated database with the reference data and the demo (through
// the project's own migrate and seed services), whose meetings and problems (with contacts,
// assignments and history) are then multiplied in SQL, spread over the 20 regions by population
// and shifted back in time by up to the days between --from and the demo's first meeting.
// The demo published 2025-Q1 … 2026-Q3; 2026-Q3 is removed again so that `npm run bench:publish`
// can publish it. --from defaults to 2025-01-01, the first published quarter: publications form a
// chain without gaps, so problems raised earlier (e.g. --from 2022-03-01) make publishing 2026-Q3
// first publish every quarter from 2022-Q2 on. Ends with ANALYZE, a foreign-key check and the live
// search index holding every problem (--no-search: only the demo's). Progress on stderr, a summary as JSON on stdout.
import { SingleBar, Presets } from 'cli-progress';
import { existsSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { migrateDatabase, openDatabase, type Db } from '../../src/db/client.ts';
import { seedDatabase } from '../../src/modules/seeding/seed.service.ts';
import { createServices } from '../../src/services.ts';
import { systemClock } from '../../src/modules/shared/clock.ts';
import { createSearchRepo } from '../../src/modules/search/search.repo.ts';
import { todayIn } from '../../src/modules/shared/clock.ts';
import { NATIONAL_ZONE } from '../../src/modules/shared/time-zones.ts';
import { createMultiplier } from './multiply.ts';
import { appendLiveDocuments, checkLiveDocument } from './search-docs.ts';
import { DEFAULT_DB, intFlag, log, parseFlags, stringFlag } from './options.ts';

const USAGE = 'usage: npm run bench:data [-- --problems 1000000] [--meetings N] [--out PATH] [--seed N] [--from YYYY-MM-DD] [--no-search]';
/** The quarter bench:publish measures: left unpublished here. */
const BENCH_QUARTER = { year: 2026, quarter: 3 };
const BULK_TABLES = ['meetings', 'meeting_broadcasts', 'meeting_audience', 'issues', 'issue_contacts', 'issue_assignments', 'issue_updates'];

const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;

function progressBar(label: string, total: number) {
  if (process.stderr.isTTY) {
    const bar = new SingleBar(
      { format: `${label.padEnd(10)} [{bar}] {percentage}% {value}/{total} {eta_formatted} left`, hideCursor: true },
      Presets.shades_classic,
    );
    bar.start(total, 0);
    return { update: (n: number) => bar.update(n), stop: () => bar.stop() };
  }
  let lastShown = -1;
  return {
    update: (n: number) => {
      const pct = Math.floor((n / total) * 10);
      if (pct !== lastShown) log(`${label} ${n}/${total}`);
      lastShown = pct;
    },
    stop: () => undefined,
  };
}

/** Secondary indexes of the bulk tables: dropped while rows are appended, built once at the end. */
function dropIndexes(db: Db): { name: string; sql: string }[] {
  const list = db.$client
    .prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${BULK_TABLES.map(() => '?').join(', ')})`)
    .all(...BULK_TABLES) as { name: string; sql: string }[];
  for (const index of list) db.$client.exec(`drop index \`${index.name}\``);
  return list;
}

async function main(): Promise<void> {
  const flags = parseFlags(
    process.argv.slice(2),
    { problems: 'value', meetings: 'value', out: 'value', seed: 'value', from: 'value', 'no-search': 'flag' },
    USAGE,
  );
  const problems = intFlag(flags, 'problems', 1_000_000, 1, 20_000_000);
  const meetings = intFlag(flags, 'meetings', Math.round(problems * 0.06), 1, 2_000_000);
  const seed = intFlag(flags, 'seed', 1, 0, 2 ** 31 - 1);
  const out = resolve(stringFlag(flags, 'out', DEFAULT_DB));
  const from = stringFlag(flags, 'from', '2025-01-01');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || Number.isNaN(Date.parse(from))) throw new Error(`--from must be a date such as 2022-03-01 (${USAGE})`);
  const started = performance.now();
  const timings: Record<string, number> = {};

  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${out}${suffix}`, { force: true });
  let step = performance.now();
  const db = openDatabase(out);
  migrateDatabase(db);
  await seedDatabase(db, { demo: true });
  const sqlite = db.$client;
  const removed = sqlite.prepare('delete from publications where year = ? and quarter = ?').run(BENCH_QUARTER.year, BENCH_QUARTER.quarter).changes;
  // The demo's own search indexes, through the project's rebuild (this also fixes which slot serves).
  const services = createServices({ db, clock: systemClock, search: { catchUpMs: 0 } });
  if (!flags['no-search']) for (const index of ['live', 'published'] as const) await services.search.rebuild(index, { force: true });
  const demoMaxId = (sqlite.prepare('select coalesce(max(id), 0) as id from issues').get() as { id: number }).id;
  log(
    `migrated and seeded the demo${removed ? `; removed the demo's ${BENCH_QUARTER.year}-Q${BENCH_QUARTER.quarter} publication so it can be published again` : ''}`,
  );
  timings.seed = seconds(step);

  // Bulk mode: rows are built to satisfy every foreign key (checked at the end), and a crash here
  // only loses a file that is regenerated anyway.
  sqlite.pragma('foreign_keys = OFF');
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -131072');
  const indexes = dropIndexes(db);

  step = performance.now();
  const multiplier = createMultiplier(sqlite, { problems, meetings, seed, from });
  multiplier.prepareHelpers();
  const meetingCount = multiplier.writeMeetings();
  timings.meetings = seconds(step);
  log(`meetings: ${meetingCount} (${multiplier.meetingCopies} copies of the demo's)`);

  step = performance.now();
  const copies = multiplier.problemCopies;
  const perChunk = Math.max(1, Math.round(50_000 / Math.max(1, (sqlite.prepare('select max(id) as n from issues').get() as { n: number }).n)));
  const bar = progressBar('problems', copies);
  for (let first = 1; first <= copies; first += perChunk) {
    multiplier.writeProblemCopies(first, Math.min(copies, first + perChunk - 1));
    bar.update(Math.min(copies, first + perChunk - 1));
  }
  bar.stop();
  multiplier.dropHelpers();
  timings.problems = seconds(step);

  step = performance.now();
  const indexBar = progressBar('indexes', indexes.length);
  indexes.forEach((index, i) => {
    sqlite.exec(index.sql);
    indexBar.update(i + 1);
  });
  indexBar.stop();
  timings.indexes = seconds(step);

  step = performance.now();
  log('ANALYZE and foreign-key check');
  sqlite.exec('analyze');
  const broken = BULK_TABLES.flatMap((t) => sqlite.prepare(`pragma foreign_key_check(\`${t}\`)`).all());
  if (broken.length) throw new Error(`foreign keys broken: ${JSON.stringify(broken.slice(0, 5))}`);
  timings.analyze = seconds(step);

  if (!flags['no-search']) {
    step = performance.now();
    const written = appendLiveDocuments(sqlite, demoMaxId, todayIn(systemClock, NATIONAL_ZONE));
    const sample = (sqlite.prepare('select max(id) as id from issues').get() as { id: number }).id;
    checkLiveDocument(sqlite, createSearchRepo(db).liveDocuments([sample], todayIn(systemClock, NATIONAL_ZONE))[0] as unknown as Record<string, unknown>);
    log(`live search documents: ${written} appended`);
    timings.search = seconds(step);
  }
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('wal_checkpoint(TRUNCATE)');

  const counts = Object.fromEntries(
    ['meetings', 'issues', 'issue_contacts', 'issue_assignments', 'issue_updates', 'publications'].map((t) => [
      t,
      (sqlite.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n,
    ]),
  );
  sqlite.close();
  const summary = {
    out,
    seed,
    from,
    problems: counts.issues,
    counts,
    unpublishedQuarter: `${BENCH_QUARTER.year}-Q${BENCH_QUARTER.quarter}`,
    sizeMb: existsSync(out) ? Math.round(statSync(out).size / 1e6) : null,
    seconds: seconds(started),
    timings,
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:data failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
