import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_NOW } from '../helpers/app.ts';
import { serveHttp } from '../helpers/http.ts';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.ts';
import { call, issueIn, signInAll, type Fixture, type Tokens } from '../workflows/helpers.ts';
import { confirmByLink, formToken, outboxRows, postForm, PUBLIC_BASE, subscribeFromTrackingPage, worker, type Http } from './helpers.ts';

// The delivery worker's promises, each against a real SMTP server: nothing lost while the server
// is down, retries that back off, dead letters, the per-recipient limit, and digests that group.

const at = (ms: number) => new Date(Date.parse(TEST_NOW) + ms).toISOString();

describe('delivering the outbox', () => {
  const app = createTestApp({ env: { PUBLIC_URL: PUBLIC_BASE } });
  let http: Http;
  let smtp: TestSmtp;
  let tokens: Tokens;
  let issue: Fixture;
  let now = 0;
  const tick = (ms: number) => app.clock.set(at((now += ms)));
  const update = async (progress: number) => {
    const r = await call(app, 'updateIssueProgress', { input: { issueId: issue.id, progress } }, tokens.energy);
    expect(r.typename).toBe('MutationUpdateIssueProgressSuccess');
  };

  beforeAll(async () => {
    http = await serveHttp(app);
    smtp = await startTestSmtp();
    tokens = await signInAll(app);
    issue = await issueIn(app, tokens, 'IN_PROGRESS');
    await subscribeFromTrackingPage(http, issue.trackingCode, 'follower@example.kz', 'kk');
    await worker(app, smtp.url).deliverDue();
    expect((await confirmByLink(http, smtp.received[0]!)).status).toBe(200);
    smtp.received.length = 0;
  });

  it('SMTP down: messages wait with growing pauses; SMTP up: each arrives once', async () => {
    await smtp.stop();
    await update(11);
    await update(12);
    const w = worker(app, smtp.url, { baseBackoffMs: 60_000, maxAttempts: 5 });
    const first = await w.deliverDue();
    expect(first).toMatchObject({ claimed: 2, sent: 0, retried: 1 });
    let rows = outboxRows(app).filter((r) => r.kind === 'ISSUE_EVENT');
    // The first was tried (one attempt, a minute's pause); the second went back untried.
    expect(rows.map((r) => [r.status, r.attempts, r.nextAttemptAt])).toEqual([
      ['PENDING', 1, at(now + 60_000)],
      ['PENDING', 0, at(now + 60_000)],
    ]);
    expect(rows[0]!.lastError).toMatch(/ECONNREFUSED|connect/i);
    // Not due yet: nothing is tried.
    expect((await w.deliverDue()).claimed).toBe(0);
    tick(60_000);
    expect(await w.deliverDue()).toMatchObject({ claimed: 2, retried: 1 });
    rows = outboxRows(app).filter((r) => r.kind === 'ISSUE_EVENT');
    // Exponential: the second failure of the first message waits two minutes.
    expect(rows[0]).toMatchObject({ attempts: 2, nextAttemptAt: at(now + 120_000) });

    // Waiting messages are the backlog on /metrics.
    const metrics = await (await http.get('/metrics')).text();
    expect(metrics).toMatch(/jauap_email_outbox_messages\{status="PENDING"\} 2/);

    await smtp.start();
    tick(120_000);
    expect(await w.deliverDue()).toMatchObject({ sent: 2 });
    expect(smtp.received.map((m) => m.text.match(/Орындалуы: (\d+)%/)?.[1])).toEqual(['11', '12']);
    expect(await w.deliverDue()).toMatchObject({ claimed: 0 });
    expect(smtp.received).toHaveLength(2);
  });

  it('a 5xx refusal is a dead letter at once; 4xx ones after the last attempt', async () => {
    smtp.received.length = 0;
    smtp.refuseWith = 550;
    await update(21);
    const w = worker(app, smtp.url, { baseBackoffMs: 1_000, maxAttempts: 3 });
    expect(await w.deliverDue()).toMatchObject({ dead: 1 });
    expect(outboxRows(app).at(-1)).toMatchObject({ status: 'DEAD', attempts: 1 });

    smtp.refuseWith = 451;
    await update(22);
    for (let i = 0; i < 3; i++) {
      await w.deliverDue();
      tick(10_000);
    }
    expect(outboxRows(app).at(-1)).toMatchObject({ status: 'DEAD', attempts: 3 });
    expect(outboxRows(app).at(-1)!.lastError).toContain('451');
    smtp.refuseWith = null;
    tick(3_600_000);
    expect(await w.deliverDue()).toMatchObject({ claimed: 0 });
    expect(smtp.received).toHaveLength(0);
    expect(await (await http.get('/metrics')).text()).toMatch(/jauap_email_outbox_messages\{status="DEAD"\} 2/);
  });

  it('one address gets at most the hourly allowance; the rest waits for the hour to free up', async () => {
    smtp.received.length = 0;
    for (const p of [31, 32, 33, 34, 35]) await update(p);
    const w = worker(app, smtp.url, { perRecipientPerHour: 2 });
    expect(await w.deliverDue()).toMatchObject({ sent: 2 });
    expect(smtp.received).toHaveLength(2);
    tick(30 * 60_000);
    expect(await w.deliverDue()).toMatchObject({ sent: 0 });
    tick(31 * 60_000);
    expect(await w.deliverDue()).toMatchObject({ sent: 2 });
    tick(61 * 60_000);
    expect(await w.deliverDue()).toMatchObject({ sent: 1 });
    expect(smtp.received.map((m) => m.text.match(/Орындалуы: (\d+)%/)?.[1])).toEqual(['31', '32', '33', '34', '35']);
  });

  it("a region's daily digest groups the region's events, and only those, in one message", async () => {
    smtp.received.length = 0;
    const followPage = await (await http.get('/ru/follow?region=KZ-19')).text();
    expect(followPage).toContain('name="region" value="KZ-19"');
    const res = await postForm(http, '/ru/follow', {
      region: 'KZ-19',
      token: formToken(followPage, '/ru/follow'),
      email: 'journalist@example.kz',
      frequency: 'DAILY',
    });
    expect(res.status).toBe(200);
    await worker(app, smtp.url).deliverDue();
    const confirmation = smtp.received.at(-1)!;
    expect(confirmation.to).toBe('journalist@example.kz');
    expect((await confirmByLink(http, confirmation)).status).toBe(200);
    smtp.received.length = 0;

    // Before a day has passed, nothing is due.
    await update(41);
    await update(42);
    const elsewhere = await issueIn(app, tokens, 'NEW', 'Басқа өңірдің мәселесі');
    // The same fixture helper records in KZ-19; move this one's region to prove the digest filters.
    app.db.$client.prepare("update issues set region_id = (select id from units where code = 'KZ-75') where id = ?").run(elsewhere.number);
    await call(app, 'assignIssue', { input: { issueId: elsewhere.id, organizationCode: 'MIN-ENERGY' } }, tokens.akimat);
    expect(await app.services.notifications.writeDueDigests()).toBe(0);

    tick(86_400_000 + 1);
    expect(await app.services.notifications.writeDueDigests()).toBe(1);
    // A second pass the same day writes nothing more.
    expect(await app.services.notifications.writeDueDigests()).toBe(0);
    await worker(app, smtp.url).deliverDue();
    const digests = smtp.received.filter((m) => m.to === 'journalist@example.kz');
    expect(digests).toHaveLength(1);
    const digest = digests[0]!;
    expect(digest.subject).toBe('Алматинская область: изменений — 2');
    expect(digest.text.match(/Исполнение: \d+%/g)).toEqual(['Исполнение: 41%', 'Исполнение: 42%']);
    expect(digest.text).not.toContain('Басқа өңірдің');
    expect(digest.rawHeader('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');

    // Nothing new by the next day: no empty digest.
    tick(86_400_000 + 1);
    expect(await app.services.notifications.writeDueDigests()).toBe(0);
  });
});
