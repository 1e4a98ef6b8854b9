// npm run bench:where [-- --db PATH] [--repeat 20]
// What the regions view, a region's page and a region's trend cost on a published national database
// (bench:data, then bench:publish or `npm run publish`): the areas service's reads of the stored
// per-place figures (publication_areas) against the baseline measured in the same run, the same
// figures counted by one GROUP BY over the latest quarter's published items. Read-only; writes
// bench/results/bench-where.json.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_DB, RESULTS_DIR, intFlag, log, parseFlags, stringFlag } from '../national/options.ts';
import { openDatabase } from '../../src/db/client.ts';
import { createAreasRepo } from '../../src/modules/publication/areas.repo.ts';

const USAGE = 'usage: npm run bench:where [-- --db PATH] [--repeat 20]';
const flags = parseFlags(process.argv.slice(2), { db: 'value', repeat: 'value' }, USAGE);
const path = resolve(stringFlag(flags, 'db', DEFAULT_DB));
const repeat = intFlag(flags, 'repeat', 20, 1, 1000);
if (!existsSync(path)) throw new Error(`${path} does not exist: run npm run bench:data and publish a quarter first (${USAGE})`);

const db = openDatabase(path);
const areas = createAreasRepo(db);
const raw = new Database(path, { readonly: true });
const latest = raw
  .prepare("select id, year, quarter, item_count as items from publications where status = 'published' order by year desc, quarter desc limit 1")
  .get() as { id: number; year: number; quarter: number; items: number } | undefined;
if (!latest) throw new Error('nothing is published in this database');
const region = (
  raw.prepare('select region_id as id from publication_areas where publication_id = ? group by region_id order by sum(total) desc limit 1').get(latest.id) as {
    id: number;
  }
).id;

/** Median milliseconds of `work` over `repeat` runs (after one warm-up run). */
function median(work: () => unknown): number {
  work();
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]! * 1000) / 1000;
}

// The baseline: the regions' figures counted from the quarter's items, as a page would without stored figures.
const byItems = raw.prepare(
  `select region_id, count(*), sum(status not in ('RESOLVED', 'CLOSED', 'DECLINED')), sum(overdue), sum(status in ('RESOLVED', 'CLOSED')),
     sum(case when instr(history, 'DISPUTED') = 0 then 0 else exists (select 1 from json_each(history) h where json_extract(h.value, '$.kind') = 'DISPUTED') end)
   from publication_items where publication_id = ? group by region_id order by region_id`,
);
log(`latest quarter ${latest.year}-Q${latest.quarter}: ${latest.items} problems; ${repeat} runs each`);
const baselineMs = median(() => byItems.all(latest.id));
const regionsMs = median(() => areas.regionFigures(latest.id));
const regionMs = median(() => [areas.districtFigures(latest.id, region), areas.bodyFigures(latest.id, region)]);
const trendMs = median(() => areas.regionTrend(region));
const stored = areas
  .regionFigures(latest.id)
  .sort((a, b) => a.regionId - b.regionId)
  .map((r) => [r.regionId, r.total, r.open, r.overdue, r.resolved, r.disputed]);
const counted = (byItems.raw().all(latest.id) as number[][]).map((r) => r.map(Number));
const result = {
  db: path,
  quarter: `${latest.year}-Q${latest.quarter}`,
  problems: latest.items,
  areaRows: (raw.prepare('select count(*) as n from publication_areas where publication_id = ?').get(latest.id) as { n: number }).n,
  repeat,
  medianMs: { baselineGroupByItems: baselineMs, regionsView: regionsMs, regionPage: regionMs, regionTrend: trendMs },
  ratios: { regionsViewToBaseline: Math.round((regionsMs / baselineMs) * 10000) / 10000 },
  sameFigures: JSON.stringify(stored) === JSON.stringify(counted),
};
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(resolve(RESULTS_DIR, 'bench-where.json'), `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
