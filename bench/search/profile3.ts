import Database from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import { queryTerms, fold } from '../../src/modules/search/search.text.ts';
import { filterClauses, matchExpression } from '../../src/modules/search/adapters/fts5-query.ts';
import { kazakhQueries, loadTemplates, rng } from './corpus.ts';
import { stats } from './measure.ts';
const db = new Database('bench/results/search-bench.db');
const slot = (db.prepare(`select active_slot s from search_slots where index_name='published'`).get() as any).s;
const T = `search_fts_${slot}`;
const qs = kazakhQueries(loadTemplates(), rng(7), 200, fold);
const words = (q: string) => matchExpression(queryTerms(q), [])!;
const all = (q: string) => matchExpression(queryTerms(q), filterClauses({ quarter: '2026-Q3', regionIds: [4], statuses: ['IN_PROGRESS'] }, true))!;
const cand = db.prepare(`select rowid from ${T} where ${T} match ?`).pluck();
const ranked = db.prepare(`select rowid, rank from ${T} where ${T} match ? and rowid in (select value from json_each(?)) order by rank`);
const samples: number[] = []; let n = 0;
for (const q of qs) {
  const t = performance.now();
  const ids = cand.all(all(q)) as number[];
  const rows = ids.length ? ranked.all(words(q), JSON.stringify(ids)) : [];
  samples.push(performance.now() - t); n += rows.length;
}
console.log('two-step', JSON.stringify(stats(samples)), n / qs.length);
const s2: number[] = [];
for (const q of qs) { const t = performance.now(); cand.all(all(q)); s2.push(performance.now() - t); }
console.log('cand only', JSON.stringify(stats(s2)));
console.log(db.prepare(`explain query plan select rowid, rank from ${T} where ${T} match ? and rowid in (select value from json_each(?)) order by rank`).all('x', '[1]'));
