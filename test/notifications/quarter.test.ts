import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { serveHttp } from '../helpers/http.ts';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.ts';
import { clearPublications } from '../publication/helpers.ts';
import { confirmByLink, formToken, outboxRows, postForm, PUBLIC_BASE, worker, type Http } from './helpers.ts';

// A quarter's publication is news for the followers of every body in it: the message is written
// in the publication's own final transaction, with the body's figures as published.

describe("a body's followers hear of its published list", () => {
  const app = createTestApp({ env: { PUBLIC_URL: PUBLIC_BASE } });
  let http: Http;
  let smtp: TestSmtp;

  beforeAll(async () => {
    http = await serveHttp(app);
    smtp = await startTestSmtp();
    const form = await (await http.get('/ru/follow?body=MIN-ENERGY')).text();
    const res = await postForm(http, '/ru/follow', {
      body: 'MIN-ENERGY',
      token: formToken(form, '/ru/follow'),
      email: 'energy.watcher@example.kz',
      frequency: 'WEEKLY',
    });
    expect(res.status).toBe(200);
    await worker(app, smtp.url).deliverDue();
    expect((await confirmByLink(http, smtp.received[0]!)).status).toBe(200);
    smtp.received.length = 0;
  });

  it('one message per published quarter that lists the body, with the figures the quarter froze', async () => {
    clearPublications(app);
    const result = await app.services.publication.publishDue({ delayHours: 0 });
    expect(result.published.length).toBeGreaterThan(1);
    const quarters = app.db.$client
      .prepare(
        `select p.year || '-Q' || p.quarter as label, b.total, b.open, b.overdue, b.resolved from publications p
         join publication_bodies b on b.publication_id = p.id join organizations o on o.id = b.organization_id
         where o.code = 'MIN-ENERGY' and p.status = 'published' order by p.year, p.quarter`,
      )
      .all() as { label: string; total: number; open: number; overdue: number; resolved: number }[];
    expect(quarters.length).toBeGreaterThan(0);
    expect(outboxRows(app).filter((r) => r.kind === 'QUARTER')).toHaveLength(quarters.length);

    await worker(app, smtp.url, { perRecipientPerHour: 100 }).deliverDue();
    expect(smtp.received).toHaveLength(quarters.length);
    for (const q of quarters) {
      const mail = smtp.received.find((m) => m.subject.includes(q.label))!;
      expect(mail.subject).toBe(`Министерство энергетики Республики Казахстан: опубликован список за ${q.label}`);
      expect(mail.text).toContain(`Проблем: ${q.total}; открыто: ${q.open}; просрочено: ${q.overdue}; решено: ${q.resolved}.`);
      expect(mail.text).toContain(`${PUBLIC_BASE}/ru/bodies/MIN-ENERGY?quarter=${q.label}`);
      expect(mail.rawHeader('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    }
    // Publishing again publishes nothing, and writes nothing.
    await app.services.publication.publishDue({ delayHours: 0 });
    expect(outboxRows(app).filter((r) => r.kind === 'QUARTER')).toHaveLength(quarters.length);
  });
});
