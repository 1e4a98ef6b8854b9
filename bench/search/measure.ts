import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import type { Express } from 'express';

// Latency measurement: the public HTTP endpoint, one request at a time, timed by the client, and
// a raw FTS5 MATCH of the same words on the same table, timed in-process.

export interface Stats {
  count: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    count: sorted.length,
    meanMs: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
    p50Ms: round(at(50)),
    p95Ms: round(at(95)),
    p99Ms: round(at(99)),
    maxMs: round(sorted[sorted.length - 1]!),
  };
}

export async function listen(app: Express): Promise<{ base: string; close: () => Promise<void> }> {
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Scenario {
  query: string;
  region: string;
  status: string;
}

export function searchPath(s: Scenario): string {
  return `/api/search?q=${encodeURIComponent(s.query)}&region=${s.region}&status=${s.status}`;
}

/**
 * Times the HTTP endpoint for each scenario; returns the samples and the totals it reported. The
 * first `warmup` scenarios are run but not counted. Scenarios are all different, so no answer
 * comes from the adapter's cache.
 */
export async function timeHttp(base: string, scenarios: Scenario[], warmup: number) {
  const samples: number[] = [];
  const totals: number[] = [];
  for (let i = 0; i < scenarios.length; i++) {
    const s = scenarios[i]!;
    const started = performance.now();
    const res = await fetch(`${base}${searchPath(s)}`);
    const body = (await res.json()) as { total?: number; error?: unknown };
    const elapsed = performance.now() - started;
    if (!res.ok) throw new Error(`GET ${searchPath(s)} answered ${res.status}: ${JSON.stringify(body)}`);
    if (i >= warmup) {
      samples.push(elapsed);
      totals.push(body.total ?? 0);
    }
  }
  return { samples, totals };
}

/** The baseline: FTS5 alone, the words as typed (implicit AND), ranked, first page. */
export function timeRawMatch(sqlite: Database.Database, ftsTable: string, scenarios: Scenario[], warmup: number) {
  const statement = sqlite.prepare(`select rowid from "${ftsTable}" where "${ftsTable}" match ? order by rank limit 20`);
  const samples: number[] = [];
  const totals: number[] = [];
  for (let i = 0; i < scenarios.length; i++) {
    const s = scenarios[i]!;
    const match = s.query
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => `"${w}"`)
      .join(' ');
    const started = performance.now();
    const rows = statement.all(match);
    const elapsed = performance.now() - started;
    if (i >= warmup) {
      samples.push(elapsed);
      totals.push(rows.length);
    }
  }
  return { samples, totals };
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
