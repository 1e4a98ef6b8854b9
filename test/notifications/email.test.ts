import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_NOW } from '../helpers/app.ts';
import { serveHttp } from '../helpers/http.ts';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.ts';
import { call, issueIn, signInAll, type Fixture, type Tokens } from '../workflows/helpers.ts';
import { confirmByLink, linkIn, outboxRows, postForm, PUBLIC_BASE, subscribeFromTrackingPage, worker, type Http } from './helpers.ts';

// The whole path, against a real SMTP server on 127.0.0.1: a citizen subscribes on the tracking
// page, confirms by the link, the ministry updates the problem, and the message arrives in the
// citizen's language with RFC 8058 unsubscribe headers; then the one-click unsubscribe.

describe('email news of a problem, from the tracking page to the inbox', () => {
  const app = createTestApp({ env: { PUBLIC_URL: PUBLIC_BASE } });
  let http: Http;
  let smtp: TestSmtp;
  let tokens: Tokens;
  let issue: Fixture;
  const citizen = 'Citizen.One@Example.kz';

  beforeAll(async () => {
    http = await serveHttp(app);
    smtp = await startTestSmtp();
    tokens = await signInAll(app);
    issue = await issueIn(app, tokens, 'IN_PROGRESS');
  });

  it('asks for confirmation first, and sends nothing else until it is given', async () => {
    const res = await subscribeFromTrackingPage(http, issue.trackingCode, citizen, 'ru');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('role="status"');
    // The page never repeats the address.
    expect(page.toLowerCase()).not.toContain(citizen.toLowerCase());

    // A staff update before the confirmation: no message for this subscriber.
    const update = await call(app, 'updateIssueProgress', { input: { issueId: issue.id, progress: 20, publicNote: 'Смета готова' } }, tokens.energy);
    expect(update.typename).toBe('MutationUpdateIssueProgressSuccess');
    expect(outboxRows(app).map((r) => r.kind)).toEqual(['CONFIRM']);

    const report = await worker(app, smtp.url).deliverDue();
    expect(report).toMatchObject({ claimed: 1, sent: 1 });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toBe('citizen.one@example.kz');
    expect(mail.subject).toBe(`Подтвердите подписку: проблема № ${issue.number}`);
    expect(mail.text).toContain('Чтобы подтвердить, откройте ссылку');
    // A confirmation carries no unsubscribe header: there is nothing to leave yet.
    expect(mail.rawHeader('List-Unsubscribe')).toBeUndefined();
    expect(outboxRows(app)[0]).toMatchObject({ status: 'SENT', attempts: 1 });
  });

  it('a forged or mangled confirmation link confirms nothing', async () => {
    const link = linkIn(smtp.received[0]!.text, '/subscriptions/confirm', http);
    const forged = link.replace(/token=(\d+)\./, (_, id) => `token=${Number(id) + 1}.`);
    expect((await fetch(forged)).status).toBe(404);
    expect((await postForm(http, '/ru/subscriptions/confirm', { token: 'x.y' })).status).toBe(404);
    expect(app.db.$client.prepare("select count(*) from subscriptions where status = 'ACTIVE'").pluck().get()).toBe(0);
  });

  it("after confirmation, the ministry's update arrives in the citizen's language with List-Unsubscribe", async () => {
    const confirmed = await confirmByLink(http, smtp.received[0]!);
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('Подписка подтверждена');

    const note = 'Подрядчик <b>выбран</b> & "работы" начаты';
    const update = await call(
      app,
      'updateIssueProgress',
      { input: { issueId: issue.id, progress: 40, dueDate: '2027-05-31', publicNote: note } },
      tokens.energy,
    );
    expect(update.typename).toBe('MutationUpdateIssueProgressSuccess');
    const rows = outboxRows(app);
    expect(rows.map((r) => [r.kind, r.status])).toEqual([
      ['CONFIRM', 'SENT'],
      ['ISSUE_EVENT', 'PENDING'],
    ]);

    await worker(app, smtp.url).deliverDue();
    expect(smtp.received).toHaveLength(2);
    const mail = smtp.received[1]!;
    expect(mail.to).toBe('citizen.one@example.kz');
    expect(mail.subject).toMatch(new RegExp(`^№ ${issue.number}: Обновлён ход исполнения \\(Министерство энергетики`));
    expect(mail.text).toContain('Исполнение: 40%');
    expect(mail.text).toContain('Срок: 2027-06-30 → 2027-05-31');
    expect(mail.text).toContain(`Публичная запись: ${note}`);
    expect(mail.text).toContain(`${PUBLIC_BASE}/ru/problems/${issue.number}`);
    // The HTML part shows the note as text, never as markup.
    expect(mail.html).toContain('Подрядчик &lt;b&gt;выбран&lt;/b&gt; &amp; &quot;работы&quot; начаты');
    expect(mail.html).not.toContain('<b>выбран');
    // RFC 8058: an HTTPS-able URL in List-Unsubscribe and the one-click POST marker.
    expect(mail.rawHeader('List-Unsubscribe')).toMatch(new RegExp(`^<${PUBLIC_BASE}/ru/subscriptions/unsubscribe\\?token=\\d+\\.[A-Za-z0-9_-]{43}>$`));
    expect(mail.rawHeader('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@jauap>$/);
    expect(mail.text).toContain('Отписаться: ');
  });

  it('the one-click unsubscribe POST (RFC 8058) stops the messages, and repeating it is harmless', async () => {
    const header = smtp.received[1]!.rawHeader('List-Unsubscribe')!;
    const url = header.slice(1, -1).replace(PUBLIC_BASE, http.base);
    // What a mail provider sends: no cookie, no Origin of ours, only this body.
    const res = await postForm(http, url, { 'List-Unsubscribe': 'One-Click' });
    expect(res.status).toBe(200);
    expect((await postForm(http, url, { 'List-Unsubscribe': 'One-Click' })).status).toBe(200);
    const page = await (await fetch(url)).text();
    expect(page).toContain('Вы отписаны');

    const before = outboxRows(app).length;
    await call(app, 'updateIssueProgress', { input: { issueId: issue.id, progress: 50 } }, tokens.energy);
    expect(outboxRows(app)).toHaveLength(before);
    await worker(app, smtp.url).deliverDue();
    expect(smtp.received).toHaveLength(2);
  });

  it('subscribing again needs a new confirmation; one address gets at most three a day however often the form is sent', async () => {
    for (let i = 0; i < 5; i++) expect((await subscribeFromTrackingPage(http, issue.trackingCode, citizen, 'en')).status).toBe(200);
    const confirmations = outboxRows(app).filter((r) => r.kind === 'CONFIRM');
    // The first one a day ago counts too: three in all.
    expect(confirmations).toHaveLength(3);
    const subscriptions = app.db.$client.prepare('select status, language from subscriptions').all();
    expect(subscriptions).toEqual([{ status: 'PENDING', language: 'en' }]);
  });

  it('a bad address or a forged form changes nothing', async () => {
    const before = app.db.$client.prepare('select count(*) from email_recipients').pluck().get();
    const bad = await subscribeFromTrackingPage(http, issue.trackingCode, 'not an address', 'kk');
    expect(bad.status).toBe(400);
    const forged = await postForm(http, '/kk/track/subscribe', { code: issue.trackingCode, token: '1.abc', email: 'x@example.kz', language: 'kk' });
    expect(forged.status).toBe(403);
    const crossSite = await postForm(
      http,
      '/kk/track/subscribe',
      { code: issue.trackingCode, token: '1.abc', email: 'x@example.kz', language: 'kk' },
      { origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);
    expect(app.db.$client.prepare('select count(*) from email_recipients').pluck().get()).toBe(before);
  });

  it('a message is written in the transaction of its cause: a refused update writes none', async () => {
    // Re-subscribe and confirm through the newest confirmation, in English.
    app.clock.set(new Date(Date.parse(TEST_NOW) + 2 * 86_400_000).toISOString());
    await subscribeFromTrackingPage(http, issue.trackingCode, citizen, 'en');
    await worker(app, smtp.url).deliverDue();
    const last = smtp.received.at(-1)!;
    expect(last.subject).toBe(`Confirm your subscription: problem No. ${issue.number}`);
    expect((await confirmByLink(http, last)).status).toBe(200);
    const before = outboxRows(app).length;
    // A stale version: the update is refused, and no message is written with it.
    const refused = await call(app, 'updateIssueProgress', { input: { issueId: issue.id, version: 1, progress: 60 } }, tokens.energy);
    expect(refused.typename).not.toBe('MutationUpdateIssueProgressSuccess');
    expect(outboxRows(app)).toHaveLength(before);
    const accepted = await call(app, 'updateIssueProgress', { input: { issueId: issue.id, progress: 60 } }, tokens.energy);
    expect(accepted.typename).toBe('MutationUpdateIssueProgressSuccess');
    expect(outboxRows(app)).toHaveLength(before + 1);
    await worker(app, smtp.url).deliverDue();
    expect(smtp.received.at(-1)!.subject).toMatch(new RegExp(`^№ ${issue.number}: Progress updated`));
  });
});
