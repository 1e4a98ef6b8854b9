// npm run bench:api [-- --db PATH] [--seconds 10] [--connections 10] [--mixed-seconds 30] [--mixed-connections 100] [--workers 1] [--only TEXT] [--no-mixed] [--cold] [--tsx]
// Starts the real server (a child process, no demo, no scheduler) on the national database and
// measures each scenario with autocannon against `{ __typename }` on the same server in the same
// run; counts the SQL statements each scenario runs (once, in-process, on the same database); then
// a mixed run of pages, search and API (100 connections × 30 s by default) with a /healthz probe.
// The server keeps anonymous answers and pages while the database is unchanged, as in production, so
// a repeated scenario measures that cache; `--cold` turns both caches off and measures the work of
// every request (written to bench-api-cold.json). Writes bench/results/bench-api.json and prints a table.
import { createServer } from 'node:http';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pino } from 'pino';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { DEFAULT_DB, RESULTS_DIR, intFlag, log, parseFlags, stringFlag } from '../national/options.ts';
import { load, probe, requestOnce, type Measured } from './measure.ts';
import { apiScenarios, mixedScenarios, TYPENAME, type Scenario } from './scenarios.ts';
import { startServer } from './server.ts';
import { prepareRuntime, type Runtime } from '../national/runtime.ts';
import { organizationGlobalId, problemCount } from './database.ts';

const USAGE =
  'usage: npm run bench:api [-- --db PATH] [--seconds 10] [--connections 10] [--mixed-seconds 30] [--mixed-connections 100] [--workers 1] [--only TEXT] [--no-mixed] [--cold] [--tsx]';
const flags = parseFlags(
  process.argv.slice(2),
  {
    db: 'value',
    seconds: 'value',
    connections: 'value',
    'mixed-seconds': 'value',
    'mixed-connections': 'value',
    workers: 'value',
    only: 'value',
    'no-mixed': 'flag',
    cold: 'flag',
    tsx: 'flag',
  },
  USAGE,
);
const dbPath = resolve(stringFlag(flags, 'db', DEFAULT_DB));
const seconds = intFlag(flags, 'seconds', 10, 1, 600);
const connections = intFlag(flags, 'connections', 10, 1, 1000);
const mixedSeconds = intFlag(flags, 'mixed-seconds', 30, 1, 600);
const mixedConnections = intFlag(flags, 'mixed-connections', 100, 1, 2000);
/** WEB_WORKERS of the server measured (1: one process, as `npm start`). */
const workers = intFlag(flags, 'workers', 1, 1, 64);
const only = typeof flags.only === 'string' ? flags.only : null;
/** Without the response and page caches: every request does its whole work. */
const cold = flags.cold === true;
const runtime: Runtime = flags.tsx === true ? 'tsx' : 'built';

/**
 * One request per scenario through an in-process app on the same database, counting statements: the
 * work of the request itself, so without the caches (a kept answer runs only the change stamp).
 */
async function countStatements(scenarios: Scenario[]): Promise<Map<string, { statements: number; ok: boolean; detail: string }>> {
  let statements = 0;
  const config = loadConfig({
    DATABASE_PATH: dbPath,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    SEARCH_CATCH_UP_MS: '0',
    GRAPHQL_CACHE_MB: '0',
    PAGE_CACHE_MB: '0',
  });
  const app = createApp(config, {
    logger: pino({ level: 'silent' }),
    onStatement: () => statements++,
  });
  const server = createServer(app.http);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const out = new Map<string, { statements: number; ok: boolean; detail: string }>();
  try {
    for (const s of scenarios) {
      // The first call warms caches (prepared statements, the search index's columns); the second is counted.
      let result = { statements: 0, ok: false, detail: '' };
      for (let pass = 0; pass < 2; pass++) {
        statements = 0;
        result = { ...(await requestOnce(base, s)), statements };
      }
      out.set(s.name, result);
    }
  } finally {
    await new Promise((r) => server.close(r));
    app.close();
  }
  return out;
}

const pad = (s: string | number, n: number) => String(s).padStart(n);

async function main(): Promise<void> {
  if (!existsSync(dbPath)) throw new Error(`${dbPath} does not exist: run npm run bench:data first (${USAGE})`);
  const all = apiScenarios(organizationGlobalId(dbPath, 'MIN-ENERGY'));
  const scenarios = only ? all.filter((s) => s.name.includes(only)) : all;
  const problems = problemCount(dbPath);

  log(`counting statements of ${scenarios.length + 1} scenarios in-process (this also applies pending migrations)`);
  const counted = await countStatements([TYPENAME, ...scenarios]);
  const broken = [...counted.entries()].filter(([, c]) => !c.ok);
  if (broken.length) throw new Error(`scenarios fail before any load:\n${broken.map(([n, c]) => `  ${n}: ${c.detail}`).join('\n')}`);

  prepareRuntime(runtime);
  log(`starting the server (${runtime}) on ${dbPath} with WEB_WORKERS=${workers}`);
  const server = await startServer(
    dbPath,
    {
      WEB_WORKERS: String(workers),
      ...(workers > 1 ? { METRICS: 'off' } : {}),
      ...(cold ? { GRAPHQL_CACHE_MB: '0', PAGE_CACHE_MB: '0' } : {}),
    },
    runtime,
  );
  try {
    log(`typename: ${connections} connections × ${seconds} s`);
    const typename = await load(server.url, [TYPENAME], connections, seconds);
    const results: (Measured & { name: string; query: string; statements: number; rpsRatio: number })[] = [];
    for (const s of scenarios) {
      log(`${s.name}: ${connections} connections × ${seconds} s`);
      const m = await load(server.url, [s], connections, seconds);
      results.push({
        name: s.name,
        query: s.query ?? `${s.method} ${s.path}`,
        ...m,
        statements: counted.get(s.name)!.statements,
        rpsRatio: Math.round((m.rps / typename.rps) * 1000) / 1000,
      });
    }
    let mixed = null;
    if (!flags['no-mixed']) {
      const rotation = mixedScenarios(all);
      log(`mixed: ${mixedConnections} connections × ${mixedSeconds} s over ${rotation.map((s) => s.name).join(', ')}`);
      const health = probe(`${server.url}/healthz`, 100, mixedSeconds * 1000);
      const [m, h] = await Promise.all([load(server.url, rotation, mixedConnections, mixedSeconds), health]);
      mixed = { connections: mixedConnections, seconds: mixedSeconds, scenarios: rotation.map((s) => s.name), ...m, healthz: h };
    }
    const result = {
      benchmark: 'api',
      db: dbPath,
      problems,
      workers,
      caches: cold ? 'off' : 'on',
      runtime,
      connections,
      seconds,
      typename: { p50Ms: typename.p50Ms, p95Ms: typename.p95Ms, p99Ms: typename.p99Ms, rps: typename.rps, statements: counted.get(TYPENAME.name)!.statements },
      scenarios: results,
      mixed,
      serverMemoryMb: server.memoryMb(),
      goals: { issuesP95Ms: 25, issuesRpsRatio: 0.4, mixed: { errors: 0, timeouts: 0, p99Ms: 250 } },
      machine: { cpus: cpus().length, loadavg: loadavg().map((l) => Math.round(l * 100) / 100) },
      at: new Date().toISOString(),
    };
    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = cold ? 'bench-api-cold.json' : 'bench-api.json';
    writeFileSync(resolve(RESULTS_DIR, file), `${JSON.stringify(result, null, 2)}\n`);

    const width = Math.max(...results.map((r) => r.name.length), 10);
    const lines = [
      `${'scenario'.padEnd(width)}  ${pad('p50 ms', 8)} ${pad('p95 ms', 8)} ${pad('req/s', 8)} ${pad('×typename', 9)} ${pad('stmts', 5)}`,
      `${'typename'.padEnd(width)}  ${pad(typename.p50Ms, 8)} ${pad(typename.p95Ms, 8)} ${pad(typename.rps, 8)} ${pad('1', 9)} ${pad(result.typename.statements, 5)}`,
      ...results.map((r) => `${r.name.padEnd(width)}  ${pad(r.p50Ms, 8)} ${pad(r.p95Ms, 8)} ${pad(r.rps, 8)} ${pad(r.rpsRatio, 9)} ${pad(r.statements, 5)}`),
    ];
    if (mixed) {
      lines.push(
        `mixed ${mixed.connections} connections × ${mixed.seconds} s: ${mixed.rps} req/s, p50 ${mixed.p50Ms} ms, p99 ${mixed.p99Ms} ms, max ${mixed.maxMs} ms, ` +
          `errors ${mixed.errors}, timeouts ${mixed.timeouts}, non-2xx ${mixed.non2xx}; /healthz probe p99 ${mixed.healthz.p99Ms} ms (max ${mixed.healthz.maxMs}, failures ${mixed.healthz.failures})`,
      );
    }
    lines.push(`server memory: ${JSON.stringify(result.serverMemoryMb)} MB; caches ${result.caches}; results in bench/results/${file}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await server.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:api failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
