import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { hashingLoad, MAX_CONCURRENT_HASHES } from '../../src/modules/accounts/password.ts';
import { pino } from 'pino';
import { createTestApp } from '../helpers/app.ts';

const app = createTestApp({ seed: 'demo' });

const signInField = (alias: string, email: string, password: string) =>
  `${alias}: signIn(email: "${email}", password: "${password}") { __typename ... on Error { code } }`;

describe('sign-in throttling', () => {
  it('counts every aliased attempt in one request: past 10, no password is even checked', async () => {
    const aliases = Array.from({ length: 20 }, (_, i) => signInField(`a${i}`, 'energy@jauap.demo', `wrong-password-${i}`));
    const res = await app.gql(`mutation { ${aliases.join(' ')} }`);
    const codes = Object.values(res.data as Record<string, { code: string }>).map((r) => r.code);
    expect(codes.filter((c) => c === 'auth/invalid_credentials')).toHaveLength(10);
    expect(codes.filter((c) => c === 'auth/throttled')).toHaveLength(10);
    // The right password is refused too while the window lasts.
    const right = await app.gql(`mutation { ${signInField('s', 'energy@jauap.demo', 'jauap-demo-2026')} }`);
    expect(right.data.s.code).toBe('auth/throttled');
  });

  it('holds across a restart: the counts live in the database', async () => {
    const config = loadConfig({ DATABASE_PATH: app.config.DATABASE_PATH, LOG_LEVEL: 'silent', SEED_DEMO: 'false' });
    const again = createApp(config, { logger: pino({ level: 'silent' }) });
    try {
      await expect(again.services.accounts.signIn('energy@jauap.demo', 'jauap-demo-2026', 'another-address')).rejects.toMatchObject({
        code: 'auth/throttled',
      });
    } finally {
      again.services.search.stopCatchUp();
      again.close();
    }
  });

  it('a success gives the attempt back: other accounts are unaffected and sign in', async () => {
    const ok = await app.gql(`mutation { ${signInField('s', 'water@jauap.demo', 'jauap-demo-2026')} }`);
    expect(ok.data.s.__typename).toBe('MutationSignInSuccess');
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
