import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { programArgs, type Runtime } from '../national/runtime.ts';

function processMemoryMb(pid: number): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(/\d+/.exec(status.split('\n').find((l) => l.startsWith(name)) ?? '')?.[0] ?? 0) / 1024;
    return { rss: Math.round(field('VmRSS:')), peak: Math.round(field('VmHWM:')) };
  } catch {
    return null;
  }
}

/** The direct children of a process (the workers of WEB_WORKERS > 1), from /proc. */
function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** A free loopback port: bound and released at once (the server binds it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

export interface RunningServer {
  url: string;
  child: ChildProcess;
  /** Resident memory now and at its peak (MB), from /proc, summed over the server's processes. */
  memoryMb(): { rss: number; peak: number; processes: number; largestPeak: number } | null;
  stop(): Promise<void>;
}

/**
 * The real server (compiled `dist/main.js`, or `src/main.ts` through tsx) in a child process against `dbPath`: no demo seeding and no
 * publication scheduler (the benchmark database has a due quarter that bench:publish measures).
 */
export async function startServer(dbPath: string, env: Record<string, string> = {}, runtime: Runtime = 'built'): Promise<RunningServer> {
  const port = await freePort();
  // Built: as `npm run serve` (heap cap); tsx: as `npm start`.
  const child = spawn(process.execPath, programArgs(runtime, 'main', { heapCap: runtime === 'built' }), {
    env: {
      ...process.env,
      DATABASE_PATH: dbPath,
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      PUBLISH_SCHEDULER: 'false',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode} before answering`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('the server did not answer /healthz within 180 s');
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    child,
    memoryMb() {
      // With WEB_WORKERS > 1 the server is this process and its workers: the sum, and the largest one.
      const pids = [child.pid!, ...childPids(child.pid!)];
      const each = pids.map(processMemoryMb).filter((m): m is { rss: number; peak: number } => m !== null);
      if (each.length === 0) return null;
      return {
        rss: each.reduce((sum, m) => sum + m.rss, 0),
        peak: each.reduce((sum, m) => sum + m.peak, 0),
        processes: each.length,
        largestPeak: Math.max(...each.map((m) => m.peak)),
      };
    },
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
      }),
  };
}
