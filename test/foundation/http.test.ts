import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { startServer } from '../helpers/process.ts';

describe('the HTTP server', () => {
  it('serves /healthz and GraphQL, logs requests, and stops gracefully on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jauap-http-'));
    const { child, url, output } = await startServer({ DATABASE_PATH: join(dir, 'db.sqlite'), SEED_DEMO: 'false', LOG_LEVEL: 'info' });
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: 'ok' });
    const gql = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer secret-token-value' },
      body: JSON.stringify({ query: '{ regions { code } }' }),
    });
    expect(gql.status).toBe(200);
    const body = await gql.json();
    expect(body.data.regions).toHaveLength(20);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
    expect(output()).toMatch(/"url":"\/healthz"/);
    expect(output()).toMatch(/shutting down/);
    expect(output()).not.toContain('secret-token-value');
  });
});
