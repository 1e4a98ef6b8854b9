// A /healthz probe in its own process (bench:api runs it during the mixed load, so the latency it
// sees is the server's and not the load generator's own event loop). Prints one JSON line.
import { request } from 'node:http';

const [url, everyMs, forMs] = [process.argv[2]!, Number(process.argv[3] ?? 100), Number(process.argv[4] ?? 30_000)];

function once(): Promise<{ ms: number; ok: boolean }> {
  const started = performance.now();
  return new Promise((done) => {
    const req = request(url, { timeout: 10_000 }, (res) => {
      res.resume().once('end', () => done({ ms: performance.now() - started, ok: res.statusCode === 200 }));
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => done({ ms: performance.now() - started, ok: false }));
    req.end();
  });
}

const latencies: number[] = [];
let failures = 0;
const until = Date.now() + forMs;
while (Date.now() < until) {
  const r = await once();
  latencies.push(r.ms);
  if (!r.ok) failures++;
  await new Promise((resolve) => setTimeout(resolve, everyMs));
}
latencies.sort((a, b) => a - b);
const at = (p: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? 0) * 10) / 10;
process.stdout.write(`${JSON.stringify({ probes: latencies.length, failures, p50Ms: at(50), p99Ms: at(99), maxMs: at(100) })}\n`);
