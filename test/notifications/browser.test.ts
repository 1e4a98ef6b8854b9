import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { serveHttp } from '../helpers/http.ts';
import { startTestSmtp } from '../helpers/smtp.ts';
import { expectAccessible, launchChromium } from '../web/helpers.ts';
import { issueIn, signInAll, call } from '../workflows/helpers.ts';
import { PUBLIC_BASE, worker } from './helpers.ts';

// Following by email in a real Chromium, with axe-core on every page (none of which has a script): the
// tracking page's form, the confirmation link, the region's digest form, and unsubscribing.

const app = createTestApp({ env: { PUBLIC_URL: PUBLIC_BASE } });
const http = await serveHttp(app);
const smtp = await startTestSmtp();
// axe needs JavaScript in the page; these pages load no script of their own (plain POST forms), and
// the test checks that none is on them.
const { page } = await launchChromium({ javaScriptEnabled: true, locale: 'kk-KZ' });
const noScripts = async () => expect(await page.locator('script').count()).toBe(0);
const tokens = await signInAll(app);
const issue = await issueIn(app, tokens, 'IN_PROGRESS');
const local = (url: string) => url.replace(PUBLIC_BASE, http.base);
const linkIn = (text: string, path: string) => local(new RegExp(`${PUBLIC_BASE.replace(/\./g, '\\.')}/[a-z]{2}${path}\\?token=[A-Za-z0-9._-]+`).exec(text)![0]);

describe('following by email, with plain forms', () => {
  it('a citizen subscribes on the tracking page, confirms, gets the news and unsubscribes', async () => {
    await page.goto(`${http.base}/kk/track`);
    await page.getByLabel('Қадағалау коды').fill(issue.trackingCode);
    await page.getByRole('button', { name: 'Мәртебесін көрсету' }).click();
    await page.getByRole('heading', { name: 'Осы мәселе туралы жаңалықтарды email арқылы алу' }).waitFor();
    await noScripts();
    await expectAccessible(page);
    await page.getByLabel('Email мекенжайыңыз').fill('browser.citizen@example.kz');
    await page.getByLabel('Хаттардың тілі').selectOption('ru');
    await page.getByRole('button', { name: 'Жазылу' }).click();
    await expect.poll(() => page.locator('[role="status"]').textContent()).toContain('растау сілтемесін жібердік');
    await expectAccessible(page);

    await worker(app, smtp.url).deliverDue();
    const confirmation = smtp.received.at(-1)!;
    expect(confirmation.subject).toContain('Подтвердите подписку');
    await page.goto(linkIn(confirmation.text, '/subscriptions/confirm'));
    await expectAccessible(page);
    await page.getByRole('button').filter({ hasText: 'Подписаться' }).click();
    await page.getByRole('heading', { name: 'Подписка подтверждена' }).waitFor();
    await expectAccessible(page);

    await call(app, 'updateIssueProgress', { input: { issueId: issue.id, progress: 55, publicNote: 'Трубы закуплены' } }, tokens.energy);
    await worker(app, smtp.url).deliverDue();
    const news = smtp.received.at(-1)!;
    expect(news.text).toContain('Трубы закуплены');
    await page.goto(linkIn(news.text, '/subscriptions/unsubscribe'));
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Отписаться' }).click();
    await expect.poll(() => page.locator('[role="status"]').textContent()).toContain('Вы отписаны');
    await expectAccessible(page);
  });

  it("anyone follows a region's digest from the problem page", async () => {
    await page.goto(`${http.base}/en/problems/${issue.number}`);
    await expectAccessible(page);
    await page.getByRole('link', { name: /^Follow .* by email$/ }).click();
    await page.waitForURL(/\/en\/follow\?region=KZ-19$/);
    await noScripts();
    await expectAccessible(page);
    await page.getByLabel('Your email address').fill('browser.journalist@example.kz');
    await page.getByLabel('Daily').check();
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await expect.poll(() => page.locator('[role="status"]').textContent()).toContain('we sent a confirmation link');
    await expectAccessible(page);
    expect(await page.content()).not.toContain('browser.journalist@example.kz');
    expect(app.db.$client.prepare("select scope, frequency, language, status from subscriptions where scope = 'REGION'").all()).toEqual([
      { scope: 'REGION', frequency: 'DAILY', language: 'en', status: 'PENDING' },
    ]);
  });
});
