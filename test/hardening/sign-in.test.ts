import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { hashingLoad, MAX_CONCURRENT_HASHES } from '../../src/modules/accounts/password.ts';
import { pino } from 'pino';
import { createTestApp } from '../helpers/app.ts';
import { errorCode, expectType, graphql } from '../helpers/graphql.ts';

const app = createTestApp({ seed: 'demo' });

const signInField = (alias: string, email: string, password: string) =>
  `${alias}: signIn(email: "${email}", password: "${password}") { __typename ... on Error { code } }`;
const SIGN_IN = graphql(
  `mutation ($email: String!, $password: String!) { s: signIn(email: $email, password: $password) { __typename ... on Error { code } } }`,
);

describe('sign-in throttling', () => {
  it('counts every aliased attempt in one request: past 10, no password is even checked', async () => {
    const aliases = Array.from({ length: 20 }, (_, i) => signInField(`a${i}`, 'energy@jauap.demo', `wrong-password-${i}`));
    // One request with 20 aliased attempts: built at run time, so sent as text.
    const res = await app.gqlText(`mutation { ${aliases.join(' ')} }`);
    const codes = Object.values(res.data as Record<string, { code: string }>).map((r) => r.code);
    expect(codes.filter((c) => c === 'auth/invalid_credentials')).toHaveLength(10);
    expect(codes.filter((c) => c === 'auth/rate_limited')).toHaveLength(10);
    // The right password is refused too while the window lasts.
    const right = await app.gql(SIGN_IN, { email: 'energy@jauap.demo', password: 'jauap-demo-2026' });
    expect(errorCode(right.data.s)).toBe('auth/rate_limited');
  });

  it('holds across a restart: the counts live in the database', async () => {
    const config = loadConfig({ DATABASE_PATH: app.config.DATABASE_PATH, LOG_LEVEL: 'silent', SEED_DEMO: 'false' });
    const again = createApp(config, { logger: pino({ level: 'silent' }) });
    try {
      await expect(again.services.accounts.signIn('energy@jauap.demo', 'jauap-demo-2026', 'another-address')).rejects.toMatchObject({
        code: 'auth/rate_limited',
      });
    } finally {
      again.services.search.stopCatchUp();
      again.close();
    }
  });

  it('a success gives the attempt back: other accounts are unaffected and sign in', async () => {
    const ok = await app.gql(SIGN_IN, { email: 'water@jauap.demo', password: 'jauap-demo-2026' });
    expectType(ok.data.s, 'MutationSignInSuccess');
  });
});

describe('password hashing under parallel sign-ins', () => {
  it(`runs at most ${MAX_CONCURRENT_HASHES} scrypt computations at once; the others wait their turn`, async () => {
    let most = 0;
    let queued = 0;
    let sampling = true;
    const sample = () => {
      const load = hashingLoad();
      most = Math.max(most, load.running);
      queued = Math.max(queued, load.waiting);
      if (sampling) setImmediate(sample);
    };
    sample();
    const attempts = Array.from({ length: 8 }, (_, i) =>
      app.services.accounts.signIn(`nobody-${i}@example.kz`, 'not-the-password', `10.0.0.${i}`).catch((e: { code: string }) => e.code),
    );
    const codes = await Promise.all(attempts);
    sampling = false;
    expect(codes).toEqual(Array.from({ length: 8 }, () => 'auth/invalid_credentials'));
    expect(most).toBe(MAX_CONCURRENT_HASHES);
    expect(queued).toBeGreaterThan(0);
  });
});

describe('TRUST_PROXY', () => {
  it('believes nobody by default: a spoofed X-Forwarded-For does not give a client a fresh rate-limit budget', async () => {
    const { createServer } = await import('node:http');
    const server = createServer(app.http);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`;
    try {
      const lookUp = (spoofed: string) =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': spoofed },
          body: JSON.stringify({ query: '{ trackIssue(code: "AAAA-BBBB-CCCCC") { __typename ... on Error { code } } }' }),
        }).then((r) => r.json() as Promise<{ data: { trackIssue: { code: string } } }>);
      // Tracking allows 30 lookups a minute per client address; each try claims a new address.
      const codes: string[] = [];
      for (let i = 0; i < 31; i++) codes.push((await lookUp(`203.0.113.${i}`)).data.trackIssue.code);
      expect(codes.slice(0, 30).every((c) => c === 'tracking/not_found')).toBe(true);
      expect(codes[30]).toBe('tracking/rate_limited');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
  it('refuses `true` at start: it would trust any client', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY="true" must not be true/);
    expect(loadConfig({}).TRUST_PROXY).toBe('false');
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).TRUST_PROXY).toBe('10.0.0.0/8, 127.0.0.1');
  });
});
