import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTestApp, TEST_NOW } from '../helpers/app.ts';
import { runCommand } from '../helpers/process.ts';
import { TEST_SCRYPT_N } from '../helpers/paths.ts';
import { loadConfig } from '../../src/config.ts';
import { asType, errorCode, expectType, graphql } from '../helpers/graphql.ts';

const app = createTestApp({ seed: 'demo' });
const PASSWORD = 'jauap-demo-2026';

const SIGN_IN = graphql(`mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { __typename
  ... on MutationSignInSuccess { data { token expiresAt } } ... on Error { code message } } }`);
const VIEWER = graphql('{ viewer { email role organization { code } } }');

async function signIn(email: string, password = PASSWORD) {
  return (await app.gql(SIGN_IN, { e: email, p: password })).data.signIn;
}

describe('the demo accounts', () => {
  it('are one per role, and sign in with the documented password', async () => {
    const expected = [
      ['admin@jauap.demo', 'ADMIN', null],
      ['akimat@jauap.demo', 'AKIMAT_STAFF', 'AKIMAT-KZ-19'],
      ['energy@jauap.demo', 'ORGANIZATION_STAFF', 'MIN-ENERGY'],
      ['water@jauap.demo', 'ORGANIZATION_STAFF', 'MIN-WATER-RESOURCES'],
      ['government@jauap.demo', 'GOVERNMENT_STAFF', null],
    ] as const;
    for (const [email, role, code] of expected) {
      const session = await signIn(email);
      expectType(session, 'MutationSignInSuccess');
      const viewer = await app.gql(VIEWER, {}, { token: asType(session, 'MutationSignInSuccess').data.token });
      expect(viewer.data.viewer).toEqual({ email, role, organization: code ? { code } : null });
    }
  });

  it('keep only scrypt hashes of the passwords (at the cost the suite seeded them with)', () => {
    const hashes = app.db.$client.prepare('select password_hash from users').all() as { password_hash: string }[];
    for (const { password_hash } of hashes) {
      expect(password_hash).toMatch(new RegExp(`^scrypt\\$${TEST_SCRYPT_N}\\$8\\$1\\$`));
      expect(password_hash).not.toContain(PASSWORD);
    }
  });
});

describe("scrypt's cost", () => {
  // PASSWORD_SCRYPT_N unset: the default configuration, as a deployment runs it.
  const strong = createTestApp({ seed: 'reference', env: { PASSWORD_SCRYPT_N: '' } });
  it("is production's N=2^17 unless PASSWORD_SCRYPT_N lowers it, and production refuses a lower one", async () => {
    expect(strong.config.PASSWORD_SCRYPT_N).toBe(131072);
    await strong.services.accounts.createUser({ email: 'cost@example.kz', password: 'a-long-enough-password', displayName: 'Cost', role: 'GOVERNMENT_STAFF' });
    const row = strong.db.$client.prepare("select password_hash from users where email = 'cost@example.kz'").get() as { password_hash: string };
    expect(row.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    await expect(strong.services.accounts.signIn('cost@example.kz', 'a-long-enough-password')).resolves.toHaveProperty('token');
    expect(() => loadConfig({ NODE_ENV: 'production', PASSWORD_SCRYPT_N: '1024' })).toThrow('PASSWORD_SCRYPT_N="1024" must be at least 131072 in production');
    expect(() => loadConfig({ PASSWORD_SCRYPT_N: '3000' })).toThrow('PASSWORD_SCRYPT_N="3000" must be a power of two from 1024 to 1048576');
  });
});

describe('sessions', () => {
  it('are random bearer tokens stored only as a hash, valid for 14 days', async () => {
    const session = await signIn('Energy@Jauap.Demo');
    const { token, expiresAt } = asType(session, 'MutationSignInSuccess').data;
    expect(token.length).toBeGreaterThanOrEqual(40);
    expect(expiresAt).toBe(new Date(Date.parse(TEST_NOW) + 14 * 86_400_000).toISOString());
    const rows = app.db.$client.prepare('select token_hash from sessions').all() as { token_hash: string }[];
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
    expect(rows.some((r) => r.token_hash === createHash('sha256').update(token).digest('hex'))).toBe(true);

    app.clock.set(new Date(Date.parse(expiresAt) - 1000).toISOString());
    expect((await app.gql(VIEWER, {}, { token })).data.viewer!.email).toBe('energy@jauap.demo');
    app.clock.set(expiresAt);
    expect((await app.gql(VIEWER, {}, { token })).data.viewer).toBeNull();
    app.clock.set(TEST_NOW);
  });

  it('end with signOut: the token no longer works anywhere', async () => {
    const { token } = asType(await signIn('akimat@jauap.demo'), 'MutationSignInSuccess').data;
    const out = await app.gql(graphql('mutation { signOut }'), {}, { token });
    expect(out.data.signOut).toBe(true);
    expect((await app.gql(VIEWER, {}, { token })).data.viewer).toBeNull();
    const refused = await app.gql(
      graphql(`mutation { assignIssue(input: { issueId: "1", organizationCode: "MIN-ENERGY" }) { __typename ... on Error { code } } }`),
      {},
      { token },
    );
    expect(errorCode(refused.data.assignIssue)).toBe('auth/unauthenticated');
    expect((await app.gql(graphql('mutation { signOut }'), {}, { token })).data.signOut).toBe(false);
  });

  it('a wrong password and an unknown email get the same answer', async () => {
    const wrong = await signIn('admin@jauap.demo', 'not-the-password');
    const unknown = await signIn('nobody@jauap.demo', 'not-the-password');
    expect(wrong).toEqual(unknown);
    expect(wrong).toMatchObject({ __typename: 'SignInFailedError', code: 'auth/invalid_credentials' });
  });

  it('a made-up token is simply anonymous', async () => {
    const res = await app.gql(VIEWER, {}, { token: 'made-up-token' });
    expect(res).toEqual({ data: { viewer: null } });
  });
});

describe('npm run user:create', () => {
  // The password goes in on stdin, as an operator pipes it; `--password P` in a test's list is moved there.
  const create = (...args: string[]) => {
    const at = args.indexOf('--password');
    const password = at >= 0 ? args[at + 1] : undefined;
    const rest = at >= 0 ? [...args.slice(0, at), ...args.slice(at + 2)] : args;
    return runCommand(
      'src/cli/user-create.ts',
      rest,
      { DATABASE_PATH: app.config.DATABASE_PATH, SEED_DEMO: 'false' },
      password === undefined ? undefined : `${password}\n`,
    );
  };

  it('creates a staff account for an organisation or a region’s akimat, which can sign in', async () => {
    const org = await create(
      '--email',
      'Kegoc.Staff@Example.KZ',
      '--password',
      'a-long-password',
      '--role',
      'ORGANIZATION_STAFF',
      '--organization',
      'co-kegoc',
    );
    expect(org.code, org.stderr).toBe(0);
    expect(org.stdout).toMatch(/Created ORGANIZATION_STAFF kegoc\.staff@example\.kz/);
    const region = await create('--email', 'shymkent@example.kz', '--password', 'a-long-password', '--role', 'AKIMAT_STAFF', '--region', 'KZ-79');
    expect(region.code, region.stderr).toBe(0);
    expect(region.stdout).toMatch(/Created AKIMAT_STAFF shymkent@example\.kz/);
    const session = await signIn('kegoc.staff@example.kz', 'a-long-password');
    const viewer = await app.gql(VIEWER, {}, { token: asType(session, 'MutationSignInSuccess').data.token });
    expect(viewer.data.viewer).toEqual({ email: 'kegoc.staff@example.kz', role: 'ORGANIZATION_STAFF', organization: { code: 'CO-KEGOC' } });
  }, 60_000);

  it('refuses what does not fit the role, and duplicates, with a clear message', async () => {
    const cases: [string[], RegExp][] = [
      [['--email', 'x1@example.kz', '--password', 'a-long-password', '--role', 'AKIMAT_STAFF'], /organization: is required/],
      [['--email', 'x2@example.kz', '--password', 'a-long-password', '--role', 'ORGANIZATION_STAFF', '--organization', 'AKIMAT-KZ-19'], /must be a ministry/],
      [['--email', 'x4@example.kz', '--password', 'a-long-password', '--role', 'ADMIN', '--organization', 'MIN-ENERGY'], /must not be given/],
      [['--email', 'x5@example.kz', '--password', 'short', '--role', 'ADMIN'], /at least 10 characters/],
      [['--email', 'admin@jauap.demo', '--password', 'a-long-password', '--role', 'ADMIN'], /already taken/],
    ];
    const before = app.db.$client.prepare('select count(*) as n from users').get();
    // Each run starts a process (a few seconds): run them side by side.
    const results = await Promise.all(cases.map(([args]) => create(...args)));
    results.forEach((r, i) => {
      const [args, message] = cases[i]!;
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(message);
    });
    expect(app.db.$client.prepare('select count(*) as n from users').get()).toEqual(before);
  }, 90_000);

  it('never takes the password as an argument', async () => {
    const before = app.db.$client.prepare('select count(*) as n from users').get();
    const r = await runCommand('src/cli/user-create.ts', ['--email', 'argv@example.kz', '--password', 'a-long-password', '--role', 'ADMIN'], {
      DATABASE_PATH: app.config.DATABASE_PATH,
      SEED_DEMO: 'false',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--password is not accepted/);
    expect(app.db.$client.prepare('select count(*) as n from users').get()).toEqual(before);
  }, 60_000);
});
