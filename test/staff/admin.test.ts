import { beforeAll, describe, expect, it } from 'vitest';
import { startPublicSite, type PublicSite } from '../web/helpers.ts';
import { csrfOf, StaffClient, tablesHash } from './helpers.ts';
import { asType, expectType, graphql } from '../helpers/graphql.ts';

// User administration over HTTP: only admins (checked by the service as well as the route), CSRF
// refusals change nothing, a created account can sign in, disabling kills a session at once, and a
// reset password is shown once and replaces the old one.

let site: PublicSite;
let admin: StaffClient;
beforeAll(async () => {
  site = await startPublicSite();
  admin = new StaffClient(site.base);
  await admin.signIn('admin@jauap.demo');
});

const userId = (email: string) => (site.app.db.$client.prepare('select id from users where email = ?').get(email) as { id: number }).id;
const temporaryPassword = (body: string) => /<code class="temporary-password">([^<]+)<\/code>/.exec(body)?.[1];

async function createUser(fields: Record<string, string>) {
  return admin.submit('/en/staff/users', '/en/staff/users', fields);
}

describe('who may manage users', () => {
  it('sends anonymous callers to sign in, refuses every other role (403), and the service refuses them too', async () => {
    const anon = new StaffClient(site.base);
    expect((await anon.get('/kk/staff/users')).location).toBe('/kk/staff/sign-in?next=%2Fkk%2Fstaff%2Fusers');
    expect((await anon.post('/en/staff/users', { email: 'x@y.kz' })).status).toBe(303);
    const id = String(userId('water@jauap.demo'));
    for (const email of ['government@jauap.demo', 'akimat@jauap.demo', 'energy@jauap.demo']) {
      const other = new StaffClient(site.base);
      await other.signIn(email);
      expect((await other.get('/en/staff/users')).status).toBe(403);
      const csrf = csrfOf((await other.get('/en/staff/account')).body);
      const before = tablesHash(site.app);
      for (const action of ['disable', 'reset-password', 'revoke-sessions']) {
        expect((await other.post(`/en/staff/users/${id}/${action}`, { _csrf: csrf })).status).toBe(403);
      }
      expect((await other.post('/en/staff/users', { _csrf: csrf, email: 'sneaky@jauap.demo', displayName: 'S', role: 'ADMIN' })).status).toBe(403);
      expect(tablesHash(site.app)).toBe(before);
    }
    // The service refuses them too: the GraphQL mutations are the same calls.
    const token = (await site.app.services.accounts.signIn('government@jauap.demo', 'jauap-demo-2026')).token;
    const before = tablesHash(site.app);
    for (const auth of [{ token }, {}]) {
      const res = await site.app.gql(
        graphql(`mutation { disableStaffAccount(email: "water@jauap.demo") { __typename ... on Error { code } }
          createStaffAccount(input: { email: "a@b.kz", displayName: "A", role: ADMIN }) { __typename ... on Error { code } }
          resetStaffPassword(email: "water@jauap.demo") { __typename ... on Error { code } } }`),
        {},
        auth,
      );
      const code = 'token' in auth ? 'auth/forbidden' : 'auth/unauthenticated';
      expect(res.data).toEqual({
        disableStaffAccount: { __typename: 'NotAuthorizedError', code },
        createStaffAccount: { __typename: 'NotAuthorizedError', code },
        resetStaffPassword: { __typename: 'NotAuthorizedError', code },
      });
    }
    expect(tablesHash(site.app)).toBe(before);
  });

  it('lists every account with role, organisation, state and last sign-in', async () => {
    const page = await admin.get('/en/staff/users');
    expect(page.status).toBe(200);
    for (const email of ['admin@jauap.demo', 'akimat@jauap.demo', 'energy@jauap.demo', 'water@jauap.demo', 'government@jauap.demo'])
      expect(page.body).toContain(email);
    expect(page.body).toContain('MIN-ENERGY');
    expect(page.body).toContain('AKIMAT-KZ-19');
    expect(page.body).not.toMatch(/scrypt\$/);
  });
});

describe('CSRF', () => {
  it('refuses forged writes (missing, wrong token, another origin) and changes nothing', async () => {
    const csrf = csrfOf((await admin.get('/en/staff/users')).body);
    const id = String(userId('energy@jauap.demo'));
    const before = tablesHash(site.app);
    const writes: [string, Record<string, string>][] = [
      ['/en/staff/users', { email: 'forged@jauap.demo', displayName: 'Forged', role: 'ADMIN' }],
      ...['disable', 'enable', 'reset-password', 'revoke-sessions'].map((a): [string, Record<string, string>] => [`/en/staff/users/${id}/${a}`, {}]),
    ];
    for (const [path, form] of writes) {
      expect((await admin.post(path, form)).status, path).toBe(403);
      expect((await admin.post(path, { ...form, _csrf: 'x'.repeat(43) })).status, path).toBe(403);
      expect((await admin.post(path, { ...form, _csrf: csrf }, { origin: 'https://evil.example' })).status, path).toBe(403);
    }
    expect(tablesHash(site.app)).toBe(before);
  });
});

describe('creating, disabling, resetting', () => {
  it('creates an account whose temporary password signs in (shown once, stored only as a hash)', async () => {
    const res = await createUser({ email: 'New.Person@Jauap.demo', displayName: 'Жаңа Қызметкер', role: 'ORGANIZATION_STAFF', organizationCode: 'MIN-ENERGY' });
    expect(res.status).toBe(201);
    expect(res.body).toContain('Account new.person@jauap.demo created.');
    const password = temporaryPassword(res.body)!;
    expect(password).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    const stored = site.app.db.$client.prepare("select password_hash from users where email = 'new.person@jauap.demo'").get() as { password_hash: string };
    expect(stored.password_hash).toMatch(/^scrypt\$/);
    expect(stored.password_hash).not.toContain(password);
    expect(temporaryPassword((await admin.get('/en/staff/users')).body)).toBeUndefined();

    const person = new StaffClient(site.base);
    await person.signIn('new.person@jauap.demo', password);
    const account = await person.get('/en/staff/account');
    expect(account.status).toBe(200);
    expect(account.body).toContain('Organisation staff');
  });

  it('explains refusals of the accounts service and creates nothing', async () => {
    const before = tablesHash(site.app);
    const cases: [Record<string, string>, string][] = [
      [{ email: 'x1@jauap.demo', displayName: 'X', role: 'AKIMAT_STAFF', organizationCode: 'MIN-ENERGY' }, 'must be an akimat'],
      [{ email: 'x2@jauap.demo', displayName: 'X', role: 'ORGANIZATION_STAFF', organizationCode: '' }, 'is required for ORGANIZATION_STAFF'],
      [{ email: 'x3@jauap.demo', displayName: 'X', role: 'GOVERNMENT_STAFF', organizationCode: 'MIN-ENERGY' }, 'must not be given'],
      [{ email: 'energy@jauap.demo', displayName: 'X', role: 'ORGANIZATION_STAFF', organizationCode: 'MIN-ENERGY' }, 'is already taken'],
      [{ email: 'not-an-email', displayName: 'X', role: 'ADMIN', organizationCode: '' }, 'email'],
      [{ email: 'x4@jauap.demo', displayName: 'X', role: 'ORGANIZATION_STAFF', organizationCode: 'NO-SUCH-BODY' }, 'No organisation has the code'],
      [{ email: 'x5@jauap.demo', displayName: 'X', role: 'KING', organizationCode: '' }, 'role'],
    ];
    for (const [form, message] of cases) {
      const res = await createUser(form);
      expect(res.status, message).toBe(400);
      expect(res.body).toContain('Nothing was saved');
      expect(res.body).toContain(message);
      expect(temporaryPassword(res.body)).toBeUndefined();
    }
    expect(tablesHash(site.app)).toBe(before);
  });

  it('creates akimat staff for a region akimat, also through GraphQL with a region code', async () => {
    const res = await createUser({ email: 'shymkent@jauap.demo', displayName: 'Ш', role: 'AKIMAT_STAFF', organizationCode: 'AKIMAT-KZ-79' });
    expect(res.status).toBe(201);
    const token = (await site.app.services.accounts.signIn('admin@jauap.demo', 'jauap-demo-2026')).token;
    const created = await site.app.gql(
      graphql(`mutation { createStaffAccount(input: { email: "abai@jauap.demo", displayName: "А", role: AKIMAT_STAFF, regionCode: "kz-10" }) {
        __typename ... on MutationCreateStaffAccountSuccess { data { temporaryPassword user { email role disabledAt } } } ... on Error { code } } }`),
      {},
      { token },
    );
    expectType(created.data.createStaffAccount, 'MutationCreateStaffAccountSuccess');
    expect(created.data.createStaffAccount.data.user).toEqual({ email: 'abai@jauap.demo', role: 'AKIMAT_STAFF', disabledAt: null });
    const org = site.app.db.$client
      .prepare('select o.code from users u join organizations o on o.id = u.organization_id where u.email = ?')
      .get('abai@jauap.demo') as { code: string };
    expect(org.code).toBe('AKIMAT-KZ-10');
    const abai = new StaffClient(site.base);
    await abai.signIn('abai@jauap.demo', created.data.createStaffAccount.data.temporaryPassword);
    const disabled = await site.app.gql(
      graphql(`mutation { disableStaffAccount(email: "abai@jauap.demo") { __typename ... on MutationDisableStaffAccountSuccess { data { disabledAt } } } }`),
      {},
      { token },
    );
    expect(asType(disabled.data.disableStaffAccount, 'MutationDisableStaffAccountSuccess').data.disabledAt).toBeTruthy();
    expect((await abai.get('/en/staff/account')).status).toBe(303);
  });

  it('disabling an account ends its session at once; enabling lets it sign in again', async () => {
    const water = new StaffClient(site.base);
    await water.signIn('water@jauap.demo');
    expect((await water.get('/en/staff/account')).status).toBe(200);
    const id = userId('water@jauap.demo');
    const res = await admin.submit('/en/staff/users', `/en/staff/users/${id}/disable`, {});
    expect(res.status).toBe(303);
    const shown = await admin.get(res.location!);
    expect(shown.body).toContain('Account water@jauap.demo disabled; its sessions have ended.');
    expect(shown.body).toMatch(/Disabled since/);

    const next = await water.get('/en/staff/account');
    expect(next.status).toBe(303);
    expect(next.location).toContain('/en/staff/sign-in');
    await expect(water.signIn('water@jauap.demo')).rejects.toThrow(/401/);

    const enabled = await admin.submit('/en/staff/users', `/en/staff/users/${id}/enable`, {});
    expect((await admin.get(enabled.location!)).body).toContain('Account water@jauap.demo enabled.');
    const again = new StaffClient(site.base);
    await again.signIn('water@jauap.demo');
    expect((await again.get('/en/staff/account')).status).toBe(200);
  });

  it('an admin cannot disable their own account', async () => {
    const before = tablesHash(site.app);
    const res = await admin.submit('/en/staff/users', `/en/staff/users/${userId('admin@jauap.demo')}/disable`, {});
    expect(res.status).toBe(400);
    expect(res.body).toContain('you cannot disable your own account');
    expect(tablesHash(site.app)).toBe(before);
  });

  it('reset password shows a temporary password once, the old one stops working and sessions end', async () => {
    const energy = new StaffClient(site.base);
    await energy.signIn('energy@jauap.demo');
    const res = await admin.submit('/en/staff/users', `/en/staff/users/${userId('energy@jauap.demo')}/reset-password`, {});
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toContain('New temporary password for energy@jauap.demo');
    const password = temporaryPassword(res.body)!;
    expect(password).toBeTruthy();
    expect(temporaryPassword((await admin.get('/en/staff/users')).body)).toBeUndefined();

    expect((await energy.get('/en/staff/account')).status).toBe(303);
    await expect(new StaffClient(site.base).signIn('energy@jauap.demo')).rejects.toThrow(/401/);
    const fresh = new StaffClient(site.base);
    await fresh.signIn('energy@jauap.demo', password);
    expect((await fresh.get('/en/staff/account')).status).toBe(200);
  });

  it('revoking sessions ends every session of the account and says how many', async () => {
    const one = new StaffClient(site.base);
    const two = new StaffClient(site.base);
    await one.signIn('government@jauap.demo');
    await two.signIn('government@jauap.demo');
    const res = await admin.submit('/en/staff/users', `/en/staff/users/${userId('government@jauap.demo')}/revoke-sessions`, {});
    expect(res.status).toBe(303);
    expect((await admin.get(res.location!)).body).toMatch(/Sessions of government@jauap\.demo ended: [2-9]/);
    expect((await one.get('/en/staff/regions')).status).toBe(303);
    expect((await two.get('/en/staff/regions')).status).toBe(303);
  });

  it('an unknown account or action is a 404 and changes nothing', async () => {
    const before = tablesHash(site.app);
    expect((await admin.submit('/en/staff/users', '/en/staff/users/999999/disable', {})).status).toBe(404);
    expect((await admin.submit('/en/staff/users', `/en/staff/users/${userId('energy@jauap.demo')}/delete`, {})).status).toBe(404);
    expect(tablesHash(site.app)).toBe(before);
  });
});
