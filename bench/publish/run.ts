// npm run bench:publish [-- --db PATH] [--quarter 2026-Q3] [--keep] [--in-server [--workers N]] [--tsx]
// Publishes one quarter of the national database (bench:data) with the project's own publish CLI,
// in a child process, on a copy of the database, and measures its seconds and peak RSS. In the same
// run the baseline: the same rows written by one raw INSERT … SELECT with each problem's history
// aggregated in SQL (json_group_array) into a scratch table. Writes bench/results/bench-publish.json.
// --in-server: the server's own scheduler publishes instead of the CLI (WEB_WORKERS=--workers), while
// /healthz is probed every 100 ms; adds the probe's figures and the server's memory.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { localMidnightUtc, NATIONAL_ZONE } from '../../src/modules/shared/time-zones.ts';
import { DEFAULT_DB, RESULTS_DIR, intFlag, log, parseFlags, stringFlag } from '../national/options.ts';
import { startServer } from '../api/server.ts';
import { prepareRuntime, programArgs, type Runtime } from '../national/runtime.ts';
import { percentile } from '../api/measure.ts';
import { request } from 'node:http';

const USAGE = 'usage: npm run bench:publish [-- --db PATH] [--quarter 2026-Q3] [--keep] [--in-server [--workers N]] [--tsx]';
const flags = parseFlags(process.argv.slice(2), { db: 'value', quarter: 'value', keep: 'flag', 'in-server': 'flag', workers: 'value', tsx: 'flag' }, USAGE);
const inServer = flags['in-server'] === true;
const runtime: Runtime = flags.tsx === true ? 'tsx' : 'built';
const workers = intFlag(flags, 'workers', 1, 1, 64);
const source = resolve(stringFlag(flags, 'db', DEFAULT_DB));
const quarter = stringFlag(flags, 'quarter', '2026-Q3');
const match = /^(\d{4})-Q([1-4])$/.exec(quarter);
if (!match) throw new Error(`--quarter must look like 2026-Q3 (${USAGE})`);
if (!existsSync(source)) throw new Error(`${source} does not exist: run npm run bench:data first (${USAGE})`);
const [year, q] = [Number(match[1]), Number(match[2])];
const nextFirstDay = q === 4 ? `${year + 1}-01-01` : `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`;
/** The quarter ends at midnight in Kazakhstan: problems raised before then belong to it. */
const endExclusive = localMidnightUtc(nextFirstDay, NATIONAL_ZONE);

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Peak resident memory of a process so far (VmHWM), in MB; null once it is gone. */
function peakRssMb(pid: number): number | null {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmHWM:'));
    return line ? Number(line.replace(/\D+/g, '')) / 1024 : null;
  } catch {
    return null;
  }
}

/** The publish CLI in its own process (node directly, not npm, so the pid is the one that works). */
function publishInChild(dbPath: string): Promise<{ seconds: number; peakRssMb: number; exitCode: number | null; stderrTail: string }> {
  return new Promise((done, fail) => {
    const started = performance.now();
    // As `npm run publish:built` (or, with --tsx, `npm run publish`) runs it: the same heap cap.
    const child = spawn(process.execPath, [...programArgs(runtime, 'cli/publish', { heapCap: true }), '--quarter', quarter, '--leave-index-to-server'], {
      env: { ...process.env, DATABASE_PATH: dbPath, SEED_DEMO: 'false', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let peak = 0;
    let stderr = '';
    const timer = setInterval(() => (peak = Math.max(peak, peakRssMb(child.pid!) ?? 0)), 100);
    child.stderr.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    child.on('error', fail);
    child.on('exit', (code) => {
      clearInterval(timer);
      done({
        seconds: round((performance.now() - started) / 1000),
        peakRssMb: Math.round(peak),
        exitCode: code,
        stderrTail: stderr.trim().split('\n').slice(-3).join('\n'),
      });
    });
  });
}

/** One GET of /healthz: its latency, and whether it answered 200 within 10 s. */
function probeOnce(url: string): Promise<{ ms: number; ok: boolean }> {
  const started = performance.now();
  return new Promise((done) => {
    const req = request(url, { timeout: 10_000 }, (res) =>
      res.resume().once('end', () => done({ ms: performance.now() - started, ok: res.statusCode === 200 })),
    );
    req.once('timeout', () => req.destroy());
    req.once('error', () => done({ ms: performance.now() - started, ok: false }));
    req.end();
  });
}

/** The quarter's publication row says published: the scheduler finished it. */
function isPublished(dbPath: string): boolean {
  const sqlite = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const row = sqlite.prepare(`select status from publications where year = ? and quarter = ?`).get(year, q) as { status: string } | undefined;
    return row?.status === 'published';
  } finally {
    sqlite.close();
  }
}

/** The server (with its scheduler on) publishes the due quarter while /healthz is probed every 100 ms. */
async function publishInServer(dbPath: string) {
  const started = performance.now();
  const server = await startServer(
    dbPath,
    { PUBLISH_SCHEDULER: 'true', PUBLISH_DELAY_HOURS: '0', PUBLISH_CHECK_MINUTES: '1', WEB_WORKERS: String(workers), METRICS: 'off' },
    runtime,
  );
  const latencies: number[] = [];
  let failures = 0;
  try {
    while (!isPublished(dbPath)) {
      const r = await probeOnce(`${server.url}/healthz`);
      latencies.push(r.ms);
      if (!r.ok) failures++;
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (performance.now() - started > 3 * 3600_000) throw new Error('the server did not publish within 3 hours');
    }
    const seconds = round((performance.now() - started) / 1000);
    latencies.sort((a, b) => a - b);
    const memory = server.memoryMb();
    return {
      seconds,
      peakRssMb: memory?.largestPeak ?? 0,
      serverMemoryMb: memory,
      healthz: {
        probes: latencies.length,
        failures,
        p50Ms: round(percentile(latencies, 50)),
        p99Ms: round(percentile(latencies, 99)),
        maxMs: round(percentile(latencies, 100)),
      },
      exitCode: 0 as number | null,
      stderrTail: '',
    };
  } finally {
    await server.stop();
  }
}

/** The same rows in one statement: problems raised before the end with a responsible body, history as JSON. */
function baseline(dbPath: string): { seconds: number; rows: number } {
  const sqlite = new Database(dbPath);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  const started = performance.now();
  const rows = sqlite
    .prepare(`create table bench_baseline_items as
    select i.id, i.responsible_organization_id, i.region_id, i.unit_id, i.category, i.language, i.title, i.text, i.status,
      i.resolution_plan, i.due_date, i.progress, i.raised_at, i.updated_at,
      (select json_group_array(json_object('kind', u.kind, 'actor', u.actor, 'organizationId', u.organization_id,
          'statusBefore', u.status_before, 'statusAfter', u.status_after, 'progress', u.progress,
          'dueDateBefore', u.due_date_before, 'dueDateAfter', u.due_date_after, 'publicNote', u.public_note, 'at', u.at))
        from (select * from issue_updates x where x.issue_id = i.id and x.at < @end order by x.at, x.id) u) as history
    from issues i where i.raised_at < @end and i.responsible_organization_id is not null`)
    .run({ end: endExclusive }).changes;
  const count = (sqlite.prepare('select count(*) as n from bench_baseline_items').get() as { n: number }).n;
  const seconds = round((performance.now() - started) / 1000);
  sqlite.exec('drop table bench_baseline_items');
  sqlite.close();
  return { seconds, rows: rows || count };
}

async function main(): Promise<void> {
  prepareRuntime(runtime);
  const copy = resolve(dirname(source), `.bench-publish-${process.pid}.db`);
  log(`copying ${source} to ${copy}`);
  copyFileSync(source, copy);
  try {
    log(`baseline: raw INSERT … SELECT of ${quarter} with history aggregated in SQL`);
    const base = baseline(copy);
    log(
      `baseline: ${base.rows} rows in ${base.seconds} s; now ${inServer ? `the server's scheduler (WEB_WORKERS=${workers})` : `npm run ${runtime === 'built' ? 'publish:built' : 'publish'} -- --quarter ${quarter}`}`,
    );
    const run: Awaited<ReturnType<typeof publishInChild>> & Partial<Awaited<ReturnType<typeof publishInServer>>> = inServer
      ? await publishInServer(copy)
      : await publishInChild(copy);
    const sqlite = new Database(copy, { readonly: true });
    const problems = (sqlite.prepare('select count(*) as n from issues').get() as { n: number }).n;
    const items = (
      sqlite
        .prepare(`select count(*) as n from publication_items p join publications pub on pub.id = p.publication_id where pub.year = ? and pub.quarter = ?`)
        .get(year, q) as { n: number }
    ).n;
    sqlite.close();
    const result = {
      benchmark: 'publish',
      quarter,
      db: source,
      problems,
      items,
      exitCode: run.exitCode,
      seconds: run.seconds,
      peakRssMb: run.peakRssMb,
      runtime,
      ...(inServer ? { by: 'server', workers, healthz: run.healthz, serverMemoryMb: run.serverMemoryMb } : { by: 'cli' }),
      baselineSeconds: base.seconds,
      baselineRows: base.rows,
      ratio: base.seconds > 0 ? round(run.seconds / base.seconds, 2) : null,
      goals: { peakRssMb: 400, ratio: 3 },
      ...(run.exitCode === 0 ? {} : { error: run.stderrTail }),
      machine: { cpus: cpus().length, loadavg: loadavg().map((l) => round(l, 2)) },
      at: new Date().toISOString(),
    };
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(resolve(RESULTS_DIR, 'bench-publish.json'), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    if (run.exitCode !== 0) process.exitCode = 1;
  } finally {
    if (!flags.keep) for (const suffix of ['', '-wal', '-shm']) rmSync(`${copy}${suffix}`, { force: true });
    else log(`kept ${copy}`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:publish failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
