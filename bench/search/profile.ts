import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createFts5SearchIndex } from '../../src/modules/search/adapters/fts5.ts';
import { fold } from '../../src/modules/search/search.text.ts';
import { kazakhQueries, loadReference, loadTemplates, rng } from './corpus.ts';
import { stats } from './measure.ts';
const app = createApp(loadConfig({ DATABASE_PATH: 'bench/results/search-bench.db', LOG_LEVEL: 'warn', SEARCH_CATCH_UP_MS: '0' }), { logger: pino({ level: 'warn' }) });
const engine = createFts5SearchIndex(app.db.$client);
const ref = loadReference(app.db.$client);
const r = rng(7);
const qs = kazakhQueries(loadTemplates(), r, 200, fold).map((q) => ({ q, region: r.pick(ref.regionCodes), status: r.pick(['ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED']) }));
const regionId = new Map((app.db.$client.prepare('select code, id from units where parent_id is null').all() as any[]).map((x) => [x.code, x.id]));
const variants: Record<string, (s: typeof qs[number]) => Promise<unknown>> = {
  engineNoFacets: (s) => engine.search({ index: 'published', text: s.q, filter: { quarter: '2026-Q3', regionIds: [regionId.get(s.region)], statuses: [s.status as any] }, facets: [], sort: 'RELEVANCE', offset: 0, limit: 20 }),
  engineFacets: (s) => engine.search({ index: 'published', text: s.q, filter: { quarter: '2026-Q3', regionIds: [regionId.get(s.region)], statuses: [s.status as any] }, facets: ['status', 'category', 'regionId', 'organizationId', 'organizationKind', 'overdue'], sort: 'RELEVANCE', offset: 0, limit: 20 }),
  engineNoFilter: (s) => engine.search({ index: 'published', text: s.q, filter: { quarter: '2026-Q3' }, facets: [], sort: 'RELEVANCE', offset: 0, limit: 20 }),
  service: (s) => app.services.search.searchIssues(null, { query: s.q, filter: { regionCodes: [s.region], statuses: [s.status as any] } }),
};
for (const [name, run] of Object.entries(variants)) {
  const samples: number[] = []; let zero = 0;
  for (const s of qs) { const t = performance.now(); const res: any = await run(s); samples.push(performance.now() - t); if ((res.total ?? 0) === 0) zero++; }
  console.log(name, JSON.stringify(stats(samples)), 'zero', zero);
}
app.close();
