import { beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/modules/operations/logger.ts';
import { createTestApp } from '../helpers/app.ts';
import { serveHttp } from '../helpers/http.ts';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.ts';
import { call, issueIn, signInAll, type Fixture, type Tokens } from '../workflows/helpers.ts';
import { confirmByLink, formToken, postForm, PUBLIC_BASE, subscribeFromTrackingPage, worker, type Http } from './helpers.ts';
import { graphql } from '../helpers/graphql.ts';

// A subscriber's address is personal data: it lives in email_recipients and nowhere else — not in
// any other table (search documents, snapshots, the outbox's rendered messages), not in any
// public page, feed, open-data file or GraphQL answer, and not in the logs.

const ADDRESSES = ['privacy.citizen@example.kz', 'privacy.journalist@example.kz', 'privacy.body-watcher@example.kz'];
const lines: string[] = [];
const logger = createLogger('debug', { write: (line: string) => void lines.push(line) });

describe('subscribers’ addresses stay private', () => {
  const app = createTestApp({ env: { PUBLIC_URL: PUBLIC_BASE }, logger });
  let http: Http;
  let smtp: TestSmtp;
  let tokens: Tokens;
  let issue: Fixture;
  const pages: string[] = [];

  beforeAll(async () => {
    http = await serveHttp(app);
    smtp = await startTestSmtp();
    tokens = await signInAll(app);
    issue = await issueIn(app, tokens, 'IN_PROGRESS', 'Аулада жарық жоқ');
    const subscribed = await subscribeFromTrackingPage(http, issue.trackingCode, ADDRESSES[0]!, 'kk');
    pages.push(await subscribed.text());
    for (const [address, field, code] of [
      [ADDRESSES[1]!, 'region', 'KZ-19'],
      [ADDRESSES[2]!, 'body', 'MIN-ENERGY'],
    ] as const) {
      const form = await (await http.get(`/en/follow?${field}=${code}`)).text();
      const res = await postForm(http, '/en/follow', { [field]: code, token: formToken(form, '/en/follow'), email: address, frequency: 'DAILY' });
      pages.push(await res.text());
    }
    await worker(app, smtp.url).deliverDue();
    for (const mail of smtp.received) pages.push(await (await confirmByLink(http, mail)).text());
    await call(app, 'updateIssueProgress', { input: { issueId: issue.id, progress: 70, publicNote: 'Жұмыс жүріп жатыр' } }, tokens.energy);
    app.clock.set(new Date(app.clock.now().getTime() + 86_400_001).toISOString());
    await app.services.notifications.writeDueDigests();
    await worker(app, smtp.url).deliverDue();
    expect(smtp.received.map((m) => m.to).sort()).toEqual([...ADDRESSES, ADDRESSES[0], ADDRESSES[1], ADDRESSES[2]].sort());
    await app.services.search.flush();
  });

  const leaked = (text: string) => ADDRESSES.filter((a) => text.toLowerCase().includes(a) || text.includes(a.split('@')[0]!));

  it('are in email_recipients and in no other table', () => {
    const db = app.db.$client;
    const tables = (db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").pluck().all() as string[]).filter(
      (t) => t !== 'email_recipients' && !/_(data|idx|docsize|config|content)$/.test(t),
    );
    expect(tables).toContain('outbox_messages');
    expect(tables).toContain('subscriptions');
    const found: string[] = [];
    for (const table of tables) {
      for (const row of db.prepare(`select * from "${table}"`).raw(true).iterate()) {
        const text = JSON.stringify(row);
        for (const a of leaked(text)) found.push(`${table}: ${a}`);
      }
    }
    expect(found).toEqual([]);
    expect(db.prepare('select count(*) from email_recipients').pluck().get()).toBe(ADDRESSES.length);
  });

  it('appear on no page, feed, download or GraphQL answer, nor on the pages that took them', async () => {
    const paths = [
      `/kk/problems/${issue.number}`,
      `/feeds/issues/${issue.number}.atom`,
      '/feeds/regions/KZ-19.atom',
      '/feeds/bodies/MIN-ENERGY.atom',
      '/feeds/publications.atom',
      '/kk/search.atom',
      '/kk/search',
      '/en/follow?region=KZ-19',
      '/open-data/index.json',
      '/metrics',
      `/api/search?q=${encodeURIComponent('жарық')}`,
    ];
    const index = JSON.parse(await (await http.get('/open-data/index.json')).text());
    const latest = index.publications[0].label;
    paths.push(`/open-data/quarters/${latest}.csv`, `/open-data/quarters/${latest}.json`, '/open311/v2/requests.json?page_size=1000');
    const bodies: string[] = [...pages];
    for (const path of paths) {
      const res = await http.get(path);
      expect(res.status, path).toBe(200);
      bodies.push(await res.text());
    }
    const gql = await app.gql(graphql(`{ issues(first: 5, orderBy: UPDATED_DESC) { edges { node { number title text updates { publicNote } } } } }`));
    expect(gql.errors).toBeUndefined();
    bodies.push(JSON.stringify(gql));
    const all = bodies.join('\n');
    expect(all).toContain('Аулада жарық жоқ');
    expect(leaked(all)).toEqual([]);
  });

  it('never reach the logs', () => {
    expect(lines.length).toBeGreaterThan(10);
    expect(leaked(lines.join('\n'))).toEqual([]);
  });
});
