import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommand, startServer } from '../helpers/process.ts';
import { templatePath } from '../helpers/paths.ts';
import { loadConfig } from '../../src/config.ts';

const dir = mkdtempSync(join(tmpdir(), 'jauap-production-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function demoCopy(name: string): string {
  const path = join(dir, name);
  copyFileSync(templatePath('demo'), path);
  return path;
}

describe('production defaults', () => {
  it('never seeds the demo or serves GraphiQL unless asked', () => {
    const production = loadConfig({ NODE_ENV: 'production' });
    expect(production).toMatchObject({ SEED_DEMO: false, GRAPHIQL: false, METRICS: 'off' });
    expect(loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'true', GRAPHIQL: 'true' })).toMatchObject({ SEED_DEMO: true, GRAPHIQL: true });
    expect(loadConfig({})).toMatchObject({ NODE_ENV: 'development', SEED_DEMO: true, GRAPHIQL: true });
    expect(() => loadConfig({ METRICS: 'sometimes' })).toThrow(/METRICS="sometimes" must be on, off, or HOST:PORT/);
    expect(() => loadConfig({ NODE_ENV: 'staging' })).toThrow('NODE_ENV="staging" must be development, production or test');
    expect(() => loadConfig({ GRAPHQL_BODY_LIMIT_BYTES: '12' })).toThrow(/GRAPHQL_BODY_LIMIT_BYTES="12" must be a whole number of bytes/);
  });

  it('takes PUBLIC_URL as an http(s) origin, with the trailing slash dropped, and refuses anything else', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://Jauap.Example.kz/' }).PUBLIC_URL).toBe('https://jauap.example.kz');
    expect(loadConfig({ PUBLIC_URL: 'http://10.0.0.5:8080' }).PUBLIC_URL).toBe('http://10.0.0.5:8080');
    expect(loadConfig({}).PUBLIC_URL).toBeUndefined();
    for (const [value, why] of [
      ['jauap.example.kz', 'must be an http(s) origin'],
      ['ftp://jauap.example.kz', 'must be an http(s) origin'],
      ['https://jauap.example.kz/?a=1', 'no query or fragment'],
      ['https://jauap.example.kz/#top', 'no query or fragment'],
      ['https://jauap.example.kz/jauap/', 'no path'],
      ['https://user:secret@jauap.example.kz', 'no user or password'],
    ]) {
      expect(() => loadConfig({ PUBLIC_URL: value! }), value).toThrow(
        `PUBLIC_URL=${JSON.stringify(value)} must be an http(s) origin such as https://jauap.example.kz`,
      );
      expect(() => loadConfig({ PUBLIC_URL: value! }), value).toThrow(why!);
    }
    // The server needs it in production; the CLI commands do not build links.
    expect(() => loadConfig({ NODE_ENV: 'production' }, { serving: true })).toThrow('PUBLIC_URL="" is required in production');
    expect(loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://jauap.example.kz' }, { serving: true }).PUBLIC_URL).toBe('https://jauap.example.kz');
  });

  it('refuses to serve in production without PUBLIC_URL: one line naming it, exit 1', async () => {
    const refused = await runCommand('src/main.ts', [], { NODE_ENV: 'production', DATABASE_PATH: join(dir, 'no-url.db'), PORT: '0', LOG_LEVEL: 'silent' });
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toEqual([
      'Invalid configuration: PUBLIC_URL="" is required in production: the address the public uses, such as https://jauap.example.kz',
    ]);
  });

  it('starts on an empty database with no demo data and no GraphiQL', async () => {
    const server = await startServer({
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://jauap.example.kz',
      DATABASE_PATH: join(dir, 'empty.db'),
      LOG_LEVEL: 'info',
    });
    try {
      const count = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ issues(first: 1) { totalCount } }' }),
      });
      expect(await count.json()).toEqual({ data: { issues: { totalCount: 0 } } });
      const graphiql = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(await graphiql.text()).not.toContain('renderYogaGraphiQL');
    } finally {
      server.child.kill('SIGTERM');
    }
  });

  it('refuses to start while demo accounts can sign in, until they are disabled', async () => {
    const db = demoCopy('demo.db');
    const refused = await runCommand('src/main.ts', [], {
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://jauap.example.kz',
      DATABASE_PATH: db,
      PORT: '0',
      LOG_LEVEL: 'silent',
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Refusing to start in production');
    expect(refused.stderr).toContain('admin@jauap.demo');
    expect(refused.stderr).toContain('npm run accounts:disable-demo');

    const disabled = await runCommand('src/cli/disable-demo-accounts.ts', [], { DATABASE_PATH: db, SEED_DEMO: 'false' });
    expect(disabled.stdout).toMatch(/Disabled 5 demo account\(s\): .*energy@jauap\.demo/);

    const server = await startServer({ NODE_ENV: 'production', PUBLIC_URL: 'https://jauap.example.kz', DATABASE_PATH: db, LOG_LEVEL: 'info' });
    try {
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation { signIn(email: "energy@jauap.demo", password: "jauap-demo-2026") { __typename ... on Error { code } } }',
        }),
      });
      expect((await res.json()).data.signIn.code).toBe('auth/invalid_credentials');
    } finally {
      server.child.kill('SIGTERM');
    }
  });
});

describe('request body limit', () => {
  it('answers a body over GRAPHQL_BODY_LIMIT_BYTES with 413 and a body under it normally', async () => {
    const server = await startServer({ DATABASE_PATH: join(dir, 'limit.db'), SEED_DEMO: 'false', LOG_LEVEL: 'info', GRAPHQL_BODY_LIMIT_BYTES: '2048' });
    try {
      const big = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ __typename }`, variables: { padding: 'x'.repeat(4000) } }),
      });
      expect(big.status).toBe(413);
      expect((await big.json()).errors[0].extensions.code).toBe('request/too_large');
      const small = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ __typename }` }),
      });
      expect(small.status).toBe(200);
    } finally {
      server.child.kill('SIGTERM');
    }
  });
});
