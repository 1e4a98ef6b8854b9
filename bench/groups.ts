// npm run bench:groups [-- --db FILE] [--problems N] [--new 300] [--allow-large] [--no-regroup]
// Similar-problem grouping: (1) grouping one new problem (the issues service's listener: stems,
// candidate lookup in the inverted table, comparison, joining) p50/p95 against inserting the
// problem's row itself, in the same run; (2) the full regroup against reading every problem's
// text once (its floor), in the same run. Works on a COPY: without --db the demo is seeded into a
// temporary file; --problems grows the copy to N problems (copies of its own problems, raised
// later in other places) to see how both scale. Refuses databases over 200,000 problems unless
// --allow-large (this is not a benchmark for the national 1M database on a shared machine).
// --no-regroup skips (1): for a database already regrouped by `npm run groups:regroup` (whose
// time is the full-regroup figure), so that the new-problem figure at a million does not wait for
// a second regroup of the copy.
// (3) scores the labelled pairs of test/groups/pairs.test.ts with this database's stem counts.
// Writes bench/results/bench-groups.json and prints it.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { seedDatabase } from '../src/modules/seeding/seed.service.ts';
import { RESULTS_DIR, intFlag, log, parseFlags, stringFlag } from './national/options.ts';
import type { IssueCategory } from '../src/modules/shared/enums.ts';
import { LABELLED_PAIRS } from '../test/groups/labelled-pairs.ts';

const USAGE = 'usage: npm run bench:groups [-- --db FILE] [--problems N] [--new 300] [--allow-large] [--no-regroup]';
const flags = parseFlags(process.argv.slice(2), { db: 'value', problems: 'value', new: 'value', 'allow-large': 'flag', 'no-regroup': 'flag' }, USAGE);
const skipRegroup = flags['no-regroup'] === true;
const source = stringFlag(flags, 'db', '');
const grow = intFlag(flags, 'problems', 0, 0, 2_000_000);
const fresh = intFlag(flags, 'new', 300, 20, 100_000);
const LARGE = 200_000;

const dir = mkdtempSync(join(tmpdir(), 'jauap-bench-groups-'));
const dbPath = join(dir, 'bench.db');
if (source) {
  log(`copying ${source}`);
  copyFileSync(source, dbPath);
}
const app = createApp(loadConfig({ DATABASE_PATH: dbPath, LOG_LEVEL: 'silent', SEED_DEMO: 'false', SEARCH_CATCH_UP_MS: '0' }), {
  logger: pino({ level: 'silent' }),
});
app.services.search.stopCatchUp();
const db = app.db.$client;
if (!source) {
  log('seeding the demo into a temporary database');
  await seedDatabase(app.db, { demo: true, progress: false });
}
const count = () => db.prepare('select count(*) from issues').pluck().get() as number;
if (count() > LARGE && !flags['allow-large']) {
  process.stderr.write(`the database has ${count()} problems: over ${LARGE}, refused without --allow-large (${USAGE})\n`);
  app.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(2);
}

/** Copies `n` existing problems as new ones (same texts and categories, another place, raised later): the same problems raised again. */
function copyProblems(n: number, raisedAt: string): number[] {
  const first = db.prepare('select coalesce(max(id), 0) + 1 from issues').pluck().get() as number;
  db.prepare(
    `insert into issues (id, tracking_code, meeting_id, unit_id, region_id, category, language, title, text, status, raised_at, updated_at, recorded_by_organization_id)
     select @first + n - 1, 'BENCH-' || (@first + n - 1), meeting_id, unit_id, region_id, category, language, title, text, 'NEW', @at, @at, recorded_by_organization_id
     from (select *, row_number() over (order by (id * 2654435761 + @first) % 4294967296) as n from issues) where n <= @n`,
  ).run({ first, at: raisedAt, n });
  return Array.from({ length: Math.min(n, count() - first + 1) }, (_, i) => first + i);
}

if (grow > count()) {
  log(`growing the copy to ${grow} problems`);
  while (count() < grow) copyProblems(Math.min(grow - count(), count()), '2026-11-21T06:00:00.000Z');
}
const problems = count();
const loadBefore = loadavg().map((l) => Number(l.toFixed(2)));

async function fullRegroup() {
  log(`full regroup of ${problems} problems`);
  // The floor of a regroup: every problem's text read once.
  let started = performance.now();
  let chars = 0;
  for (const row of db.prepare('select title, text from issues order by id').raw().iterate() as Iterable<[string, string]>)
    chars += row[0].length + row[1].length;
  const readAllMs = performance.now() - started;
  log(`read ${chars} characters of titles and texts in ${Math.round(readAllMs)} ms`);
  started = performance.now();
  const regroup = await app.services.groups.regroup();
  const regroupMs = performance.now() - started;
  return {
    ms: Math.round(regroupMs),
    perProblemMs: Number((regroupMs / problems).toFixed(3)),
    groups: regroup.groups,
    grouped: regroup.grouped,
    baselineReadAllTextsMs: Math.round(readAllMs),
    ratioToBaseline: Number((regroupMs / readAllMs).toFixed(1)),
  };
}
if (skipRegroup && (db.prepare('select count(*) from issue_group_terms').pluck().get() as number) === 0) {
  process.stderr.write('--no-regroup: the database has never been grouped (run npm run groups:regroup on it first)\n');
  app.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(2);
}
const regroup = skipRegroup ? null : await fullRegroup();

log(`grouping ${fresh} new problems one at a time`);
// Each new problem repeats a problem drawn from the database: the same problem raised again elsewhere.
const sources = db.prepare('select id from issues order by (id * 2654435761) % 4294967296 limit ?').pluck().all(fresh) as number[];
const insertOne = db.prepare(
  `insert into issues (tracking_code, meeting_id, unit_id, region_id, category, language, title, text, status, raised_at, updated_at, recorded_by_organization_id)
   select 'BENCH-NEW-' || @n, meeting_id, unit_id, region_id, category, language,
     title, text,
     'NEW', '2026-11-22T06:00:00.000Z', '2026-11-22T06:00:00.000Z', recorded_by_organization_id from issues where id = @id`,
);
const insertMs: number[] = [];
const groupMs: number[] = [];
let joined = 0;
for (let n = 0; n < fresh; n++) {
  let t = performance.now();
  const id = Number(insertOne.run({ n, id: sources[n % sources.length] }).lastInsertRowid);
  insertMs.push(performance.now() - t);
  t = performance.now();
  const result = app.services.groups.issueChanged(id!);
  groupMs.push(performance.now() - t);
  if (result?.groupId) joined++;
}

// (3) The hand-labelled pairs of test/groups/pairs.test.ts, scored with this database's stem counts
// (the idf): the test uses the demo's; here the figures at this database's size.
let truePositives = 0;
let falsePositives = 0;
let falseNegatives = 0;
for (const pair of LABELLED_PAIRS) {
  const category = pair.category as IssueCategory;
  const { sameProblem } = app.services.groups.compare({ ...pair.a, category }, { ...pair.b, category });
  if (sameProblem && pair.same) truePositives++;
  if (sameProblem && !pair.same) falsePositives++;
  if (!sameProblem && pair.same) falseNegatives++;
}
const labelledPairs = {
  pairs: LABELLED_PAIRS.length,
  precision: Number((truePositives / (truePositives + falsePositives)).toFixed(3)),
  recall: Number((truePositives / (truePositives + falseNegatives)).toFixed(3)),
  problemsCounted: db.prepare("select problems from issue_group_stems where stem = ''").pluck().get() as number,
};

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(3));
};
const result = {
  benchmark: 'groups',
  at: new Date().toISOString(),
  machine: { cpus: cpus().length, loadavgAtStart: loadBefore, loadavg: loadavg().map((l) => Number(l.toFixed(2))) },
  database: source || '(demo, seeded for this run)',
  problems,
  regroup: regroup ?? 'skipped (--no-regroup)',
  newProblem: {
    count: fresh,
    joinedAGroup: joined,
    groupingMs: { p50: quantile(groupMs, 0.5), p95: quantile(groupMs, 0.95), max: quantile(groupMs, 1) },
    baselineInsertRowMs: { p50: quantile(insertMs, 0.5), p95: quantile(insertMs, 0.95) },
    ratioP95ToBaseline: Number((quantile(groupMs, 0.95) / quantile(insertMs, 0.95)).toFixed(1)),
  },
  labelledPairs,
};
app.close();
rmSync(dir, { recursive: true, force: true });
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(join(RESULTS_DIR, 'bench-groups.json'), `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
