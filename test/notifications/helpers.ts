import { expect } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import type { serveHttp } from '../helpers/http.ts';
import type { ReceivedMail } from '../helpers/smtp.ts';
import { createSmtpTransport } from '../../src/modules/notifications/mail-transport.ts';
import type { DeliveryOptions } from '../../src/modules/notifications/delivery.ts';

export const PUBLIC_BASE = 'http://jauap.test';
export type Http = Awaited<ReturnType<typeof serveHttp>>;

/** A delivery worker of the app over a real SMTP connection to `url`. */
export function worker(app: TestApp, url: string, options: Partial<DeliveryOptions> = {}) {
  return app.services.outbox.delivery(createSmtpTransport(url, { timeoutMs: 5_000 }), { from: 'Jauap <no-reply@jauap.test>', ...options });
}

/** A link from a message, made to point at the test's server. */
export function linkIn(text: string, path: string, http: Http): string {
  const m = new RegExp(`${PUBLIC_BASE.replace(/\./g, '\\.')}(/[a-z]{2}${path}\\?token=[A-Za-z0-9._-]+)`).exec(text);
  expect(m, `no ${path} link in: ${text}`).not.toBeNull();
  return `${http.base}${m![1]}`;
}

export async function postForm(http: Http, path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(path.startsWith('http') ? path : `${http.base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

/** The hidden token of the form whose action is `action` in a page. */
export function formToken(page: string, action: string): string {
  const at = page.indexOf(`action="${action}"`);
  expect(at, `no form posting to ${action}`).toBeGreaterThan(-1);
  const m = /name="token" value="([^"]+)"/.exec(page.slice(at));
  return m![1]!;
}

/** Subscribes `email` to the problem from the tracking page, as a citizen's browser would. */
export async function subscribeFromTrackingPage(http: Http, trackingCode: string, email: string, language: string, pageLang = 'kk') {
  const tracked = await (await postForm(http, `/${pageLang}/track`, { code: trackingCode })).text();
  const token = formToken(tracked, `/${pageLang}/track/subscribe`);
  const code = /name="code" value="([^"]+)"/.exec(tracked.slice(tracked.indexOf(`/${pageLang}/track/subscribe`)))![1]!;
  return postForm(http, `/${pageLang}/track/subscribe`, { code, token, email, language });
}

/** Opens a confirmation link and presses its button. */
export async function confirmByLink(http: Http, mail: ReceivedMail) {
  const link = linkIn(mail.text, '/subscriptions/confirm', http);
  const page = await (await fetch(link)).text();
  const token = /name="token" value="([^"]+)"/.exec(page)![1]!;
  const path = new URL(link).pathname;
  return postForm(http, path, { token });
}

export const outboxRows = (app: TestApp) =>
  app.db.$client
    .prepare(
      'select id, kind, status, attempts, next_attempt_at as nextAttemptAt, subscription_id as subscriptionId, last_error as lastError from outbox_messages order by id',
    )
    .all() as {
    id: number;
    kind: string;
    status: string;
    attempts: number;
    nextAttemptAt: string;
    subscriptionId: number;
    lastError: string | null;
  }[];
