import { parse as parseCsv } from 'csv-parse/sync';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { DEMO_CODE, DEMO_PROBLEM, expectAccessible, launchChromium, startPublicSite, trackingCodes, type PublicSite } from './helpers.ts';

// The public pages in a real Chromium with JavaScript on: a Kazakh-speaking visitor's first search
// (typed, not submitted), facets, a problem, the language switch, the feed and the CSV; axe-core
// on every kind of page; the widget framed by another site. One browser for the whole file.

// At the top level, not in beforeAll: the helpers register their own afterAll clean-up.
const site: PublicSite = await startPublicSite();
const { page } = await launchChromium({ javaScriptEnabled: true, locale: 'kk-KZ' });
const cspViolations: string[] = [];
page.on('console', (message) => {
  if (/content security policy/i.test(message.text())) cspViolations.push(message.text());
});

const searchTotal = async (query: string, filter: Record<string, unknown> = {}) => (await site.app.services.search.searchIssues(null, { query, filter })).total;

describe('a visitor in Kazakh', () => {
  it('searches as they type, narrows by facets, follows the search as Atom, downloads the CSV, opens a problem and switches language', async () => {
    await page.goto(`${site.base}/`);
    expect(new URL(page.url()).pathname).toBe('/kk/');
    expect(await page.getAttribute('html', 'lang')).toBe('kk');
    await expect.poll(() => page.locator('h1').textContent()).toContain('Кездесулерде көтерілген мәселелер');

    await page.getByRole('navigation', { name: 'Негізгі мәзір' }).getByRole('link', { name: 'Іздеу' }).click();
    await page.waitForURL(/\/kk\/search$/);
    await page.waitForSelector('form[data-enhanced="true"]');
    // A reload would lose this: search as you type must not navigate.
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

    const query = 'құбыр';
    await page.locator('#q').pressSequentially(query, { delay: 40 });
    await page.waitForFunction((q) => new URL(location.href).searchParams.get('q') === q, query);
    const total = await searchTotal(query);
    expect(total).toBeGreaterThan(0);
    await expect.poll(() => page.locator('#result-count').textContent()).toContain(`: ${total}`);
    expect(await page.locator('.hits mark').count()).toBeGreaterThan(0);
    expect(await page.locator('#search-announce').textContent()).toContain(String(total));

    await page.locator('summary', { hasText: 'Өңір' }).click();
    await page.getByLabel(/^Алматы облысы \d+$/).check();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('region') === 'KZ-19');
    const inAlmaty = await searchTotal(query, { regionCodes: ['KZ-19'] });
    await expect.poll(() => page.locator('#result-count').textContent()).toContain(`: ${inAlmaty}`);
    for (const meta of await page.locator('.hit .meta:nth-of-type(3)').allTextContents()) expect(meta).toContain('Алматы облысы');

    await page.getByLabel(/^Шешілу үстінде \d+$/).check();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('status') === 'IN_PROGRESS');
    const narrowed = await searchTotal(query, { regionCodes: ['KZ-19'], statuses: ['IN_PROGRESS'] });
    await expect.poll(() => page.locator('#result-count').textContent()).toContain(`: ${narrowed}`);
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    // The address bar is the shareable search.
    const shared = new URL(page.url());
    expect([shared.searchParams.get('q'), shared.searchParams.get('region'), shared.searchParams.get('status')]).toEqual([query, 'KZ-19', 'IN_PROGRESS']);

    const atom = await page.locator('.feed-link a[type="application/atom+xml"]').getAttribute('href');
    expect(atom).toBe(`/kk/search.atom${shared.search}`);
    const feed = await page.request.get(`${site.base}${atom}`);
    expect(feed.headers()['content-type']).toContain('application/atom+xml');
    expect(((await feed.text()).match(/<entry>/g) ?? []).length).toBe(Math.min(narrowed, 50));
    // Every result of the search on the screen, as CSV.
    const csvHref = await page.locator('.feed-link a[type="text/csv"]').getAttribute('href');
    expect(csvHref).toBe(`/api/search.csv${shared.search}&lang=kk`);
    const csv = await page.request.get(`${site.base}${csvHref}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(parseCsv(await csv.text(), { bom: true, columns: true })).toHaveLength(narrowed);

    await expectAccessible(page);
    const first = page.locator('.hits h3 a').first();
    const number = (await first.getAttribute('href'))!.split('/').pop();
    await first.click();
    await page.waitForURL(new RegExp(`/kk/problems/${number}$`));
    await expect.poll(() => page.locator('#history').textContent()).toBe('Ашық тарихы');

    await page.getByRole('navigation', { name: 'Тіл' }).getByRole('link', { name: 'Русский' }).click();
    await page.waitForURL(new RegExp(`/ru/problems/${number}$`));
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    expect(await page.locator('#history').textContent()).toBe('Публичная история');
    await expectAccessible(page);
  });
});

describe('accessibility', () => {
  it('has no serious or critical axe violations on any kind of page (all in Kazakh, the main ones in English)', async () => {
    const [resolved] = trackingCodes(site.app, 'RESOLVED', 1);
    const every = [
      '/',
      '/quarters/2025-Q4',
      '/bodies/AKIMAT-KZ-19',
      '/widget/bodies/AKIMAT-KZ-19',
      `/problems/${DEMO_PROBLEM}`,
      '/meetings',
      '/meetings?region=KZ-19',
      `/search?q=${encodeURIComponent('су')}&status=IN_PROGRESS`,
      '/no-such-page',
    ];
    const pages = [...every.map((p) => `/kk${p}`), '/en/', `/en/bodies/AKIMAT-KZ-19`, `/en/search?q=${encodeURIComponent('вода')}`];
    for (const path of pages) {
      await page.goto(`${site.base}${path}`);
      await expectAccessible(page);
    }
    // The tracking form, a result, and a result with the confirm and dispute forms.
    for (const [lang, code] of [
      ['kk', DEMO_CODE],
      ['en', resolved!.code],
    ] as const) {
      await page.goto(`${site.base}/${lang}/track`);
      await expectAccessible(page);
      await page.locator('#code').fill(code);
      await page.locator('.track-form button').click();
      await page.waitForSelector('.tracked');
      await expectAccessible(page);
    }
  }, 120_000);
});

describe('the widget', () => {
  it('can be framed by another site, unlike the other pages', async () => {
    const bodyPage = `${site.base}/kk/bodies/AKIMAT-KZ-19`;
    await page.goto(bodyPage);
    const snippet = await page.locator('#widget-code').inputValue();
    expect(snippet).toMatch(new RegExp(`^<iframe src="${site.base}/kk/widget/bodies/AKIMAT-KZ-19" title="[^"]+"`));
    // Another origin (another port) embeds the snippet, and tries to embed a page.
    const foreign = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><html lang="en"><title>A body's website</title><h1>Akimat</h1>${snippet}<iframe src="${site.base}/kk/" title="page"></iframe>`);
    });
    await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
    try {
      await page.goto(`http://localhost:${(foreign.address() as AddressInfo).port}/`);
      const widget = page.frameLocator('iframe[src*="/widget/"]');
      await expect.poll(() => widget.locator('h1').textContent(), { timeout: 10_000 }).toContain('Алматы облысының әкімдігі');
      expect(await widget.locator('a[target="_blank"]').getAttribute('href')).toBe(bodyPage);
      const framedPage = page.frames().find((f) => f.url().endsWith('/kk/') || f.url().startsWith('chrome-error:'));
      expect(framedPage).toBeDefined();
      // Chromium shows its own error page in place of ours.
      expect(await framedPage!.locator('.site-header').count()).toBe(0);
      await expect.poll(() => cspViolations.some((m) => m.includes('frame-ancestors'))).toBe(true);
    } finally {
      foreign.closeAllConnections();
      foreign.close();
    }
  });

  it('met no Content-Security-Policy refusal on any page (other than the framing refused above)', () => {
    expect(cspViolations.filter((m) => !m.includes('frame-ancestors'))).toEqual([]);
  });
});
