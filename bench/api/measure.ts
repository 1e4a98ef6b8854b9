import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import type { Scenario } from './scenarios.ts';

export interface Measured {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  rps: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const round = (n: number) => Math.round(n * 10) / 10;

export function toRequest(s: Scenario) {
  return s.method === 'POST'
    ? { method: 'POST' as const, path: s.path, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: s.query }) }
    : { method: 'GET' as const, path: s.path };
}

/** One request of a scenario: ok when the status is 2xx and a GraphQL answer has no errors. */
export async function requestOnce(url: string, s: Scenario): Promise<{ ok: boolean; detail: string }> {
  const res = await fetch(
    `${url}${s.path}`,
    s.method === 'POST' ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: s.query }) } : {},
  );
  const text = await res.text();
  const gqlErrors = s.query ? (JSON.parse(text) as { errors?: unknown[] }).errors : undefined;
  const ok = res.ok && !gqlErrors;
  return { ok, detail: ok ? '' : `${res.status} ${text.slice(0, 300)}` };
}

/**
 * `connections` clients for `seconds`, each cycling through `scenarios`. Every response's latency
 * is kept (autocannon's own summary has no p95).
 */
export function load(url: string, scenarios: Scenario[], connections: number, seconds: number, timeoutSeconds = 10): Promise<Measured> {
  return new Promise((done, fail) => {
    const latencies: number[] = [];
    const instance = autocannon(
      { url, connections, duration: seconds, timeout: timeoutSeconds, requests: scenarios.map(toRequest) },
      (err: Error | null, result: autocannon.Result) => {
        if (err) return fail(err);
        latencies.sort((a, b) => a - b);
        const answered = latencies.length;
        done({
          p50Ms: round(percentile(latencies, 50)),
          p95Ms: round(percentile(latencies, 95)),
          p99Ms: round(percentile(latencies, 99)),
          maxMs: round(latencies[latencies.length - 1] ?? 0),
          rps: round(answered / (result.duration || seconds)),
          requests: answered,
          errors: result.errors,
          timeouts: result.timeouts,
          non2xx: result.non2xx,
        });
      },
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  });
}

/** GET `url` every `everyMs` for `forMs` from a separate process (bench/api/probe.ts). */
export function probe(url: string, everyMs: number, forMs: number): Promise<{ p50Ms: number; p99Ms: number; maxMs: number; failures: number; probes: number }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/api/probe.ts', url, String(everyMs), String(forMs)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done(JSON.parse(out)) : fail(new Error(`the /healthz probe exited with ${code}`))));
  });
}
