import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { serveHttp } from '../helpers/http.ts';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.ts';
import { call, issueIn, signInAll, type Fixture, type Tokens } from '../workflows/helpers.ts';
import { confirmByLink, PUBLIC_BASE, subscribeFromTrackingPage, worker, type Http } from './helpers.ts';

// The messages in each language, as received: text and HTML parts, and user text that looks like
// markup (a problem's title, a public note) shown as text in the HTML part.

const HOSTILE_TITLE = 'Су <img src=x onerror=alert(1)> & "құбыр"';
const HOSTILE_NOTE = '</p><script>steal()</script> 5 > 3 & 2 < 4';

describe('message templates', () => {
  const app = createTestApp({ env: { PUBLIC_URL: PUBLIC_BASE } });
  let http: Http;
  let smtp: TestSmtp;
  let tokens: Tokens;
  let issue: Fixture;

  beforeAll(async () => {
    http = await serveHttp(app);
    smtp = await startTestSmtp();
    tokens = await signInAll(app);
    issue = await issueIn(app, tokens, 'IN_PROGRESS', HOSTILE_TITLE);
    for (const lang of ['kk', 'ru', 'en']) await subscribeFromTrackingPage(http, issue.trackingCode, `${lang}.reader@example.kz`, lang);
    await worker(app, smtp.url).deliverDue();
    for (const mail of [...smtp.received]) expect((await confirmByLink(http, mail)).status).toBe(200);
    smtp.received.length = 0;
    const r = await call(app, 'updateIssueProgress', { input: { issueId: issue.id, progress: 80, publicNote: HOSTILE_NOTE } }, tokens.energy);
    expect(r.typename).toBe('MutationUpdateIssueProgressSuccess');
    await worker(app, smtp.url).deliverDue();
  });

  const mailTo = (lang: string) => smtp.received.find((m) => m.to === `${lang}.reader@example.kz`)!;

  it('writes each subscriber in the language they chose, in text and HTML', () => {
    expect(smtp.received).toHaveLength(3);
    const expected = {
      kk: { event: 'Орындалу барысы жаңартылды', progress: 'Орындалуы: 80%', note: 'Жариялы жазба', unsubscribe: 'Жазылымнан бас тарту' },
      ru: { event: 'Обновлён ход исполнения', progress: 'Исполнение: 80%', note: 'Публичная запись', unsubscribe: 'Отписаться' },
      en: { event: 'Progress updated', progress: 'Progress: 80%', note: 'Public note', unsubscribe: 'Unsubscribe' },
    };
    for (const [lang, words] of Object.entries(expected)) {
      const mail = mailTo(lang);
      expect(mail.subject, lang).toContain(words.event);
      for (const w of Object.values(words)) {
        expect(mail.text, lang).toContain(w);
        expect(mail.html, lang).toContain(w);
      }
      expect(mail.html).toContain(`<html lang="${lang}">`);
      expect(mail.text).toContain(`${PUBLIC_BASE}/${lang}/problems/${issue.number}`);
      expect(mail.rawHeader('List-Unsubscribe')).toContain(`${PUBLIC_BASE}/${lang}/subscriptions/unsubscribe?token=`);
    }
  });

  it('shows user text as text: nothing in the HTML part becomes markup', () => {
    for (const lang of ['kk', 'ru', 'en']) {
      const mail = mailTo(lang);
      // Plain text carries the words as written.
      expect(mail.text).toContain(HOSTILE_TITLE);
      expect(mail.text).toContain(HOSTILE_NOTE);
      // HTML: escaped, and no element the user's text tried to add.
      expect(mail.html).toContain('Су &lt;img src=x onerror=alert(1)&gt; &amp; &quot;құбыр&quot;');
      expect(mail.html).toContain('&lt;/p&gt;&lt;script&gt;steal()&lt;/script&gt; 5 &gt; 3 &amp; 2 &lt; 4');
      expect(mail.html).not.toMatch(/<img|<script|onerror=alert\(1\)>/);
      // The subject is a header, not HTML: it carries the title as written.
      expect(mail.subject).toContain(HOSTILE_TITLE);
    }
  });
});
