import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../helpers/process.ts';
import { templatePath } from '../helpers/paths.ts';
import { loadConfig } from '../../src/config.ts';

// WEB_WORKERS > 1: several processes share the port; the primary seeds and publishes, the workers
// serve, one that dies is replaced, and SIGTERM stops them all.

const dir = mkdtempSync(join(tmpdir(), 'jauap-workers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The pids of the workers that said they serve, in the order they said it. */
function workerPids(output: string): number[] {
  return output
    .split('\n')
    .filter((line) => line.includes('serving http://'))
    .map((line) => (JSON.parse(line) as { pid: number }).pid);
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600 && !check(); i++) await new Promise((r) => setTimeout(r, 100));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

const gql = (url: string, query: string, token?: string) =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  }).then((r) => r.json() as Promise<{ data?: any; errors?: unknown[] }>);

describe('WEB_WORKERS', () => {
  it('is a whole number from 1, and turns /metrics off by default (refused on) when above 1', () => {
    expect(loadConfig({}).WEB_WORKERS).toBe(1);
    expect(loadConfig({ WEB_WORKERS: '2' })).toMatchObject({ WEB_WORKERS: 2, METRICS: 'off' });
    expect(() => loadConfig({ WEB_WORKERS: '0' })).toThrow(/WEB_WORKERS="0" must be a whole number from 1 to 64/);
    expect(() => loadConfig({ WEB_WORKERS: '2', METRICS: 'on' })).toThrow(/METRICS="on" must be off when WEB_WORKERS is more than 1/);
  });

  it('serves from two processes sharing the database, replaces a dead worker, and stops on SIGTERM', async () => {
    const db = join(dir, 'demo.db');
    copyFileSync(templatePath('demo'), db);
    const server = await startServer({ DATABASE_PATH: db, SEED_DEMO: 'false', LOG_LEVEL: 'info', WEB_WORKERS: '2', PUBLISH_SCHEDULER: 'false' });
    try {
      await until(() => workerPids(server.output()).length === 2, 'two workers');
      const [first, second] = workerPids(server.output());
      expect(first).not.toBe(second);
      expect(first).not.toBe(server.child.pid);

      // A session written through one worker is read by whichever answers next.
      const signIn = await gql(
        server.url,
        'mutation { signIn(email: "admin@jauap.demo", password: "jauap-demo-2026") { __typename ... on MutationSignInSuccess { data { token } } } }',
      );
      const token = signIn.data.signIn.data.token as string;
      for (let i = 0; i < 6; i++) {
        const viewer = await gql(server.url, '{ viewer { email } }', token);
        expect(viewer).toEqual({ data: { viewer: { email: 'admin@jauap.demo' } } });
      }

      process.kill(first!, 'SIGKILL');
      await until(() => workerPids(server.output()).length === 3, 'a replacement worker');
      expect(server.output()).toContain('a worker died; starting another');
      const listed = await gql(server.url, '{ issues(first: 1) { edges { node { number } } } }');
      expect(listed.data.issues.edges).toHaveLength(1);

      const exited = once(server.child, 'exit');
      server.child.kill('SIGTERM');
      const [code] = await exited;
      expect(code).toBe(0);
      // The workers went with it.
      for (const pid of workerPids(server.output())) expect(() => process.kill(pid, 0)).toThrow();
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
  }, 120_000);
});
