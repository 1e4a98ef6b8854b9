import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/modules/seeding/demo-accounts.ts';
import type { TestApp } from '../helpers/app.ts';

// Helpers for the staff console's tests: a tiny cookie jar that signs in over HTTP like a
// browser (it fetches the form, keeps the cookie, sends Origin and the CSRF field), the same in
// Chromium, and a hash of the tables a forged request must not change.

export { DEMO_PASSWORD };

export interface StaffResponse {
  status: number;
  headers: Headers;
  body: string;
  location: string | null;
}

export const csrfOf = (page: string): string => {
  const found = /name="_csrf" value="([^"]+)"/.exec(page);
  if (!found) throw new Error('no CSRF field on this page');
  return found[1]!;
};

export class StaffClient {
  readonly cookies = new Map<string, string>();
  /** The raw Set-Cookie headers of the last response (for asserting flags). */
  lastSetCookies: string[] = [];

  constructor(readonly base: string) {}

  async request(path: string, init: RequestInit = {}): Promise<StaffResponse> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(`${this.base}${path}`, { ...init, headers, redirect: 'manual' });
    this.lastSetCookies = res.headers.getSetCookie();
    for (const line of this.lastSetCookies) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = /expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0/i.test(line) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: res.status, headers: res.headers, body: await res.text(), location: res.headers.get('location') };
  }

  get(path: string): Promise<StaffResponse> {
    return this.request(path);
  }

  /** A form POST as a browser on this site sends it (Origin included unless `origin: null`). */
  post(path: string, form: Record<string, string>, options: { origin?: string | null } = {}): Promise<StaffResponse> {
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    const origin = options.origin === undefined ? this.base : options.origin;
    if (origin !== null) headers.origin = origin;
    return this.request(path, { method: 'POST', headers, body: new URLSearchParams(form).toString() });
  }

  /** A multipart upload of one file (as the CSV upload form sends it). */
  upload(
    path: string,
    fields: Record<string, string>,
    file: { name: string; content: string },
    options: { origin?: string | null } = {},
  ): Promise<StaffResponse> {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([file.content], { type: 'text/csv' }), file.name);
    const origin = options.origin === undefined ? this.base : options.origin;
    return this.request(path, { method: 'POST', body: form, headers: origin === null ? {} : { origin } });
  }

  /** POSTs a form with the CSRF field of the page at `formPage` (as a browser submitting that page's form). */
  async submit(formPage: string, action: string, form: Record<string, string>, options: { origin?: string | null } = {}): Promise<StaffResponse> {
    const page = await this.get(formPage);
    return this.post(action, { _csrf: csrfOf(page.body), ...form }, options);
  }

  async signIn(email: string, password = DEMO_PASSWORD, lang = 'en'): Promise<StaffResponse> {
    const form = await this.get(`/${lang}/staff/sign-in`);
    const token = /name="token" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    const res = await this.post(`/${lang}/staff/sign-in`, { token, next: `/${lang}/staff`, email, password });
    if (res.status !== 303) throw new Error(`sign-in as ${email} failed: ${res.status}`);
    return res;
  }
}

/** A digest of every row of the tables a staff write could touch: equal before and after = nothing changed. */
export function tablesHash(app: TestApp, tables = ['issues', 'issue_updates', 'issue_assignments', 'sessions', 'users']): string {
  const hash = createHash('sha256');
  for (const table of tables) {
    for (const row of app.db.$client.prepare(`select * from ${table} order by rowid`).all()) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

/** Signs in through the real form in Chromium (typing, as a person would). */
export async function signInInChromium(page: Page, base: string, email: string, password = DEMO_PASSWORD, lang = 'kk'): Promise<void> {
  await page.goto(`${base}/${lang}/staff`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL((url) => !url.pathname.endsWith('/sign-in')), page.click('form.staff-form button[type="submit"]')]);
}
