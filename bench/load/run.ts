// npm run bench:load [-- --db PATH] [--duration 30] [--connections 100] [--warmup 5] [--tsx]
// The load benchmark: the real server (a child process, no demo, no scheduler) on the national
// database, 100 connections × 30 s by default, each cycling through the mixed rotation of bench:api
// (home page, /api/search, GraphQL lists, search). Not a test: it reports what the server sustains
// and whether it stays healthy under it (errors, timeouts, non-2xx, memory before and after).
// Writes bench/results/bench-load.json and prints one line.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { DEFAULT_DB, RESULTS_DIR, intFlag, log, parseFlags, stringFlag } from '../national/options.ts';
import { organizationGlobalId, problemCount } from '../api/database.ts';
import { load, requestOnce } from '../api/measure.ts';
import { apiScenarios, mixedScenarios } from '../api/scenarios.ts';
import { startServer } from '../api/server.ts';
import { prepareRuntime, type Runtime } from '../national/runtime.ts';

const USAGE = 'usage: npm run bench:load [-- --db PATH] [--duration 30] [--connections 100] [--warmup 5] [--tsx]';
const flags = parseFlags(process.argv.slice(2), { db: 'value', duration: 'value', connections: 'value', warmup: 'value', tsx: 'flag' }, USAGE);
const dbPath = resolve(stringFlag(flags, 'db', DEFAULT_DB));
const duration = intFlag(flags, 'duration', 30, 1, 3600);
const connections = intFlag(flags, 'connections', 100, 1, 2000);
/** Seconds of the same load before measuring: a fresh process compiles and fills its caches first. */
const warmup = intFlag(flags, 'warmup', 5, 0, 600);

async function main(): Promise<void> {
  if (!existsSync(dbPath)) throw new Error(`${dbPath} does not exist: run npm run bench:data first, or give --db (${USAGE})`);
  const rotation = mixedScenarios(apiScenarios(organizationGlobalId(dbPath, 'MIN-ENERGY')));
  const problems = problemCount(dbPath);

  log(`starting the server on ${dbPath} (${problems} problems)`);
  const runtime: Runtime = flags.tsx === true ? 'tsx' : 'built';
  prepareRuntime(runtime);
  const server = await startServer(dbPath, {}, runtime);
  try {
    // Every scenario must answer before any load: a broken one would only measure an error page.
    for (const s of rotation) {
      const once = await requestOnce(server.url, s);
      if (!once.ok) throw new Error(`${s.name} fails before any load: ${once.detail}`);
    }
    const before = server.memoryMb();
    if (warmup > 0) {
      log(`warm-up: ${connections} connections × ${warmup} s (not measured)`);
      await load(server.url, rotation, connections, warmup);
    }
    log(`mixed: ${connections} connections × ${duration} s over ${rotation.map((s) => s.name).join(', ')}`);
    const m = await load(server.url, rotation, connections, duration);
    const after = server.memoryMb();
    const result = {
      benchmark: 'load',
      db: dbPath,
      problems,
      connections,
      durationSeconds: duration,
      warmupSeconds: warmup,
      scenarios: rotation.map((s) => s.name),
      requestsPerSecond: m.rps,
      requests: m.requests,
      p50Ms: m.p50Ms,
      p95Ms: m.p95Ms,
      p99Ms: m.p99Ms,
      maxMs: m.maxMs,
      non2xx: m.non2xx,
      errors: m.errors,
      timeouts: m.timeouts,
      serverRssMb: { before: before?.rss ?? null, after: after?.rss ?? null, peak: after?.peak ?? null },
      machine: { cpus: cpus().length, loadavg: loadavg().map((l) => Math.round(l * 100) / 100) },
      at: new Date().toISOString(),
    };
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(resolve(RESULTS_DIR, 'bench-load.json'), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(
      `load ${connections} connections × ${duration} s on ${problems} problems: ${m.rps} req/s (${m.requests} requests), ` +
        `p50 ${m.p50Ms} ms, p99 ${m.p99Ms} ms, max ${m.maxMs} ms, non-2xx ${m.non2xx}, errors ${m.errors}, timeouts ${m.timeouts}; ` +
        `server RSS ${result.serverRssMb.before} -> ${result.serverRssMb.after} MB (peak ${result.serverRssMb.peak}); bench/results/bench-load.json\n`,
    );
  } finally {
    await server.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:load failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
