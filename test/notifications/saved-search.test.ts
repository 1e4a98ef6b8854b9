import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_NOW } from '../helpers/app.ts';
import { serveHttp } from '../helpers/http.ts';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.ts';
import { clearPublications } from '../publication/helpers.ts';
import { publishQuarter, searchIssues } from '../search/helpers.ts';
import { signInAll } from '../workflows/helpers.ts';
import { confirmByLink, formToken, linkIn, postForm, PUBLIC_BASE, worker, type Http } from './helpers.ts';

// A saved search followed by email: the search page links the form, the subscription is confirmed
// by its link, and once a quarter is published the digest lists the matches new or changed in it,
// as the search page finds them, with a one-click unsubscribe.

describe('following a saved search by email', () => {
  const app = createTestApp({ env: { PUBLIC_URL: PUBLIC_BASE } });
  let http: Http;
  let smtp: TestSmtp;
  let government: string;

  beforeAll(async () => {
    http = await serveHttp(app);
    smtp = await startTestSmtp();
    government = (await signInAll(app)).government;
    clearPublications(app);
    await publishQuarter(app, government, 2026, 2);
    await app.services.search.rebuild('published');
  }, 120_000);

  it('subscribes from the search page, confirms, and gets the quarter’s new and changed matches', async () => {
    const searchPage = await (await http.get('/ru/search?q=%D1%81%D1%83&overdue=true&page=1&sort=raised_desc')).text();
    const href = /href="(\/ru\/follow\?search=[^"]+)"/.exec(searchPage)?.[1];
    expect(href, 'the search page links the email form').toBeDefined();
    const followPage = await (await http.get(href!.replace(/&amp;/g, '&'))).text();
    // The saved search keeps the words and filters, not the page or the order.
    expect(followPage).toContain('name="search" value="q=%D1%81%D1%83&amp;overdue=true"');
    const res = await postForm(http, '/ru/follow', {
      search: 'q=%D1%81%D1%83&overdue=true',
      token: formToken(followPage, '/ru/follow'),
      email: 'Reporter@Example.kz',
      frequency: 'WEEKLY',
    });
    expect(res.status).toBe(200);
    // Double opt-in: only the confirmation until its link is used.
    await worker(app, smtp.url).deliverDue();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.to).toBe('reporter@example.kz');
    expect(smtp.received[0]!.subject).toContain('су · overdue true');
    app.clock.set(new Date(Date.parse(TEST_NOW) + 86_400_000).toISOString());
    expect(await app.services.notifications.writeDueDigests()).toBe(0);
    expect((await confirmByLink(http, smtp.received[0]!)).status).toBe(200);
    smtp.received.length = 0;

    // Nothing published since the confirmation: nothing to say a week later.
    app.clock.set(new Date(Date.parse(TEST_NOW) + 9 * 86_400_000).toISOString());
    expect(await app.services.notifications.writeDueDigests()).toBe(0);

    await publishQuarter(app, government, 2026, 3);
    await app.services.search.rebuild('published');
    // What the digest must list: the search page's matches in 2026-Q3 that changed since 2026-Q2.
    const found = await searchIssues(app, { query: 'су', filter: { quarter: '2026-Q3', overdue: true }, first: 100 });
    const ids = found.data.hits.map((h: { number: number }) => h.number) as number[];
    const changed = app.db.$client
      .prepare(`select issue_id from publication_items i join publications p on p.id = i.publication_id
        where p.year = 2026 and p.quarter = 3 and i.change != 'UNCHANGED' and issue_id in (select value from json_each(?)) order by issue_id`)
      .pluck()
      .all(JSON.stringify(ids)) as number[];
    expect(changed.length, 'the demo has changed matches in 2026-Q3').toBeGreaterThan(0);

    app.clock.set(new Date(Date.parse(TEST_NOW) + 17 * 86_400_000).toISOString());
    expect(await app.services.notifications.writeDueDigests()).toBe(1);
    expect(await app.services.notifications.writeDueDigests()).toBe(0);
    await worker(app, smtp.url).deliverDue();
    expect(smtp.received).toHaveLength(1);
    const digest = smtp.received[0]!;
    expect(digest.to).toBe('reporter@example.kz');
    expect(digest.subject).toBe(`поиск «су · overdue true»: изменений — ${changed.length}`);
    const listed = [...digest.text.matchAll(/\/ru\/problems\/(\d+)/g)].map((m) => Number(m[1]));
    expect([...new Set(listed)].sort((a, b) => a - b)).toEqual(changed.slice(0, 30));
    expect(digest.text).toContain('/ru/search?q=%D1%81%D1%83&overdue=true&quarter=2026-Q3');
    expect(digest.rawHeader('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');

    // One click unsubscribes: nothing more is written.
    const unsubscribe = linkIn(digest.text, '/subscriptions/unsubscribe', http);
    expect((await postForm(http, unsubscribe, { 'List-Unsubscribe': 'One-Click' })).status).toBe(200);
    const status = app.db.$client.prepare(`select status from subscriptions where scope = 'SEARCH'`).pluck().get();
    expect(status).toBe('UNSUBSCRIBED');
  }, 180_000);

  it('refuses a search the page would not run, and changes nothing', async () => {
    const followPage = await http.get('/ru/follow?search=sort%3Dnonsense');
    expect(followPage.status).toBe(404);
    await expect(
      app.services.notifications.subscribe({ email: 'a@example.kz', language: 'ru', frequency: 'DAILY', target: { scope: 'SEARCH', query: 'region=NOWHERE' } }),
    ).rejects.toThrow();
    expect(app.db.$client.prepare(`select count(*) from subscriptions where scope = 'SEARCH' and status = 'PENDING'`).pluck().get()).toBe(0);
  });
});
