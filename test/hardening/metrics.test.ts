import { beforeAll, describe, expect, it } from 'vitest';
import { serveHttp } from '../helpers/http.ts';
import { createTestApp } from '../helpers/app.ts';
import { startServer } from '../helpers/process.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { graphql } from '../helpers/graphql.ts';

const app = createTestApp({ seed: 'demo', env: { METRICS: 'on' } });

let base = '';
beforeAll(async () => {
  base = (await serveHttp(app)).base;
});

async function get(path: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${base}${path}`);
  return { status: res.status, text: await res.text() };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe('/metrics', () => {
  it('counts requests by route pattern, GraphQL operations and error codes, search calls, and reads database figures', async () => {
    await get('/kk/');
    await get('/kk/problems/1');
    await get('/ru/search?q=су');
    await app.gql(graphql('{ issues(first: 1) { totalCount } }'));
    await app.gql(graphql('{ issues(filter: { regionCodes: ["KZ-00"] }) { totalCount } }'));
    const { status, text } = await get('/metrics');
    expect(status).toBe(200);
    expect(text).toMatch(/jauap_http_request_duration_seconds_count\{method="GET",route="\/:lang\/problems\/:id",status="\d+"\} 1/);
    expect(text).toMatch(/jauap_graphql_operations_total\{type="query"\} 2/);
    expect(text).toMatch(/jauap_graphql_errors_total\{code="unit\/not_found"\} 1/);
    expect(text).toMatch(/jauap_search_duration_seconds_count\{engine="fts5",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/jauap_search_outbox_length \d+/);
    expect(text).toMatch(/jauap_sqlite_bytes\{file="database"\} [1-9]\d+/);
    expect(text).toMatch(/jauap_published_quarters [1-9]/);
    // Raw paths never become labels (a label per problem number would grow without bound).
    expect(text).not.toContain('/kk/problems/1"');
  });
});

describe('METRICS=HOST:PORT', () => {
  it('serves /metrics on its own listener and not on the public port', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jauap-metrics-'));
    const port = await freePort();
    const server = await startServer({ DATABASE_PATH: join(dir, 'm.db'), SEED_DEMO: 'false', LOG_LEVEL: 'info', METRICS: `127.0.0.1:${port}` });
    try {
      expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
      const own = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(own.status).toBe(200);
      expect(await own.text()).toContain('jauap_sqlite_bytes');
    } finally {
      server.child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
