import { beforeAll, describe, expect, it } from 'vitest';
import { startPublicSite, type PublicSite } from '../web/helpers.ts';
import { csrfOf, StaffClient, tablesHash } from './helpers.ts';

// Sign-in, the session cookie, CSRF refusals, sign out (everywhere), password change, throttling.

let site: PublicSite;
beforeAll(async () => {
  // As behind a TLS-terminating proxy on loopback: X-Forwarded-Proto is believed from there only.
  site = await startPublicSite({ TRUST_PROXY: 'loopback' });
});

describe('signing in', () => {
  it('sets an HttpOnly, SameSite=Lax cookie (plain name over http) and goes back to the staff page asked for', async () => {
    const anon = new StaffClient(site.base);
    const first = await anon.get('/ru/staff/account');
    expect(first.status).toBe(303);
    expect(first.location).toBe('/ru/staff/sign-in?next=%2Fru%2Fstaff%2Faccount');

    const form = await anon.get(first.location!);
    expect(form.status).toBe(200);
    expect(form.headers.get('cache-control')).toBe('no-store');
    expect(form.headers.get('content-security-policy')).toContain("default-src 'self'");
    const token = /name="token" value="([^"]+)"/.exec(form.body)![1]!;
    const res = await anon.post('/ru/staff/sign-in', { token, next: '/ru/staff/account', email: 'energy@jauap.demo', password: 'jauap-demo-2026' });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/ru/staff/account');
    const cookie = anon.lastSetCookies.find((c) => c.startsWith('jauap_staff='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect(cookie).toMatch(/Path=\//);

    const account = await anon.get('/ru/staff/account');
    expect(account.status).toBe(200);
    expect(account.body).toContain('energy@jauap.demo');
    expect(account.headers.get('cache-control')).toBe('no-store');
  });

  it('names the cookie __Host- and marks it Secure when served over HTTPS (behind the local proxy)', async () => {
    const anon = new StaffClient(site.base);
    const form = await anon.request('/en/staff/sign-in', { headers: { 'x-forwarded-proto': 'https' } });
    const token = /name="token" value="([^"]+)"/.exec(form.body)![1]!;
    const host = new URL(site.base).host;
    const res = await anon.request('/en/staff/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-proto': 'https', origin: `https://${host}` },
      body: new URLSearchParams({ token, next: '/en/staff', email: 'energy@jauap.demo', password: 'jauap-demo-2026' }).toString(),
    });
    expect(res.status).toBe(303);
    const cookie = anon.lastSetCookies.find((c) => c.startsWith('__Host-jauap_staff='))!;
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
  });

  it('refuses a wrong password with one answer for every account, and never follows next= off the console', async () => {
    const anon = new StaffClient(site.base);
    const form = await anon.get('/en/staff/sign-in?next=https%3A%2F%2Fevil.example%2F');
    expect(form.body).toContain('name="next" value="/en/staff"');
    const token = /name="token" value="([^"]+)"/.exec(form.body)![1]!;
    const wrong = await anon.post('/en/staff/sign-in', { token, next: '//evil.example/', email: 'energy@jauap.demo', password: 'nope-nope-nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain('The email or password is wrong.');
    const ok = await anon.post('/en/staff/sign-in', { token, next: '//evil.example/', email: 'energy@jauap.demo', password: 'jauap-demo-2026' });
    expect(ok.location).toBe('/en/staff');
  });

  it('refuses a sign-in form that was not rendered here (missing token, foreign Origin)', async () => {
    const anon = new StaffClient(site.base);
    const missing = await anon.post('/en/staff/sign-in', { email: 'energy@jauap.demo', password: 'jauap-demo-2026' });
    expect(missing.status).toBe(403);
    const form = await anon.get('/en/staff/sign-in');
    const token = /name="token" value="([^"]+)"/.exec(form.body)![1]!;
    const foreign = await anon.post(
      '/en/staff/sign-in',
      { token, email: 'energy@jauap.demo', password: 'jauap-demo-2026' },
      { origin: 'https://evil.example' },
    );
    expect(foreign.status).toBe(403);
    expect(anon.cookies.size).toBe(0);
  });
});

describe('forms that change something', () => {
  it('refuse a missing, wrong or cross-origin CSRF token with 403 and change nothing', async () => {
    const staff = new StaffClient(site.base);
    await staff.signIn('water@jauap.demo');
    const page = await staff.get('/en/staff/account');
    const csrf = csrfOf(page.body);
    const before = tablesHash(site.app);
    const form = { currentPassword: 'jauap-demo-2026', newPassword: 'a-brand-new-password' };
    for (const [body, origin] of [
      [form, undefined],
      [{ ...form, _csrf: 'x'.repeat(43) }, undefined],
      [{ ...form, _csrf: csrf }, 'https://evil.example'],
      [{ ...form, _csrf: csrf }, 'null'],
    ] as const) {
      const res = await staff.post('/en/staff/account/password', body, { origin });
      expect(res.status).toBe(403);
      expect(res.body).toContain('Nothing was changed');
    }
    for (const path of ['/en/staff/sign-out', '/en/staff/sign-out-everywhere']) {
      expect((await staff.post(path, {})).status).toBe(403);
      expect((await staff.post(path, { _csrf: csrf }, { origin: 'https://evil.example' })).status).toBe(403);
    }
    expect(tablesHash(site.app)).toBe(before);
    expect((await staff.get('/en/staff/account')).status).toBe(200);
  });
});

describe('sessions', () => {
  it('signs out this session only', async () => {
    const one = new StaffClient(site.base);
    const two = new StaffClient(site.base);
    await one.signIn('government@jauap.demo');
    await two.signIn('government@jauap.demo');
    const out = await one.submit('/en/staff/account', '/en/staff/sign-out', {});
    expect(out.status).toBe(303);
    expect(out.location).toBe('/en/staff/sign-in?signed-out=1');
    expect((await one.get('/en/staff/account')).status).toBe(303);
    expect((await two.get('/en/staff/account')).status).toBe(200);
  });

  it('signs out everywhere: every session of the account stops working at once', async () => {
    const one = new StaffClient(site.base);
    const two = new StaffClient(site.base);
    await one.signIn('admin@jauap.demo');
    await two.signIn('admin@jauap.demo');
    const stolen = new Map(two.cookies);
    const out = await one.submit('/en/staff/account', '/en/staff/sign-out-everywhere', {});
    expect(out.status).toBe(303);
    expect((await one.get('/en/staff/account')).status).toBe(303);
    expect((await two.get('/en/staff/account')).status).toBe(303);
    const replay = new StaffClient(site.base);
    for (const [k, v] of stolen) replay.cookies.set(k, v);
    expect((await replay.get('/en/staff/account')).status).toBe(303);
  });

  it('expires: a session past its end redirects to sign-in', async () => {
    const staff = new StaffClient(site.base);
    await staff.signIn('akimat@jauap.demo');
    expect((await staff.get('/en/staff/account')).status).toBe(200);
    const now = site.app.clock.now();
    site.app.clock.set(new Date(now.getTime() + 15 * 86_400_000).toISOString());
    try {
      const res = await staff.get('/en/staff/account');
      expect(res.status).toBe(303);
      expect(res.location).toContain('/en/staff/sign-in?next=');
    } finally {
      site.app.clock.set(now.toISOString());
    }
  });

  it('changes the password: the old one stops working, other sessions end, this one goes on', async () => {
    const staff = new StaffClient(site.base);
    const other = new StaffClient(site.base);
    await staff.signIn('water@jauap.demo');
    await other.signIn('water@jauap.demo');
    const wrong = await staff.submit('/en/staff/account', '/en/staff/account/password', {
      currentPassword: 'not-it-at-all',
      newPassword: 'water-2026-new-password',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('currentPassword');
    const changed = await staff.submit('/en/staff/account', '/en/staff/account/password', {
      currentPassword: 'jauap-demo-2026',
      newPassword: 'water-2026-new-password',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toContain('Your password has changed');
    expect((await staff.get('/en/staff/account')).status).toBe(200);
    expect((await other.get('/en/staff/account')).status).toBe(303);
    await expect(new StaffClient(site.base).signIn('water@jauap.demo')).rejects.toThrow(/401/);
    await new StaffClient(site.base).signIn('water@jauap.demo', 'water-2026-new-password');
  });
});

describe('throttling', () => {
  it('refuses sign-in to an account after repeated failures, even with the right password', async () => {
    const anon = new StaffClient(site.base);
    const form = await anon.get('/en/staff/sign-in');
    const token = /name="token" value="([^"]+)"/.exec(form.body)![1]!;
    const attempt = (password: string) => anon.post('/en/staff/sign-in', { token, email: 'government@jauap.demo', password });
    for (let i = 0; i < 10; i++) expect((await attempt(`wrong-${i}-password`)).status).toBe(401);
    const refused = await attempt('jauap-demo-2026');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
