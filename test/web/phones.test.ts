import { describe, expect, it } from 'vitest';
import { expectAccessible, launchChromium, startPublicSite, type PublicSite } from './helpers.ts';

// The public pages measured in a real Chromium: no horizontal overflow on a 390 px phone for every
// kind of page, the first search result above the fold with the filters behind a button (and that
// button working without JavaScript), the widget inside its advertised 340×250 in each language,
// the focus ring's contrast, and axe on the new pages.

const site: PublicSite = await startPublicSite();
const { page } = await launchChromium({ javaScriptEnabled: true, locale: 'kk-KZ' });
const db = site.app.db.$client;
const latest = site.app.services.search.publishedQuarters()[0]!;
const meeting = (db.prepare('select meeting_id as id from issues group by meeting_id order by count(*) desc, meeting_id limit 1').get() as { id: number }).id;
const problem = (db.prepare("select id from issues where status = 'IN_PROGRESS' order by id limit 1").get() as { id: number }).id;
const body = [...(await site.app.services.openData.quarterDocument(latest))!.bodies].sort((a, b) => b.total - a.total)[0]!.organizationCode;

const PHONE = { width: 390, height: 844 };

/** How far the page and each scrolling table reach past their boxes, in CSS pixels. */
const overflow = () =>
  page.evaluate(() => ({
    page: document.documentElement.scrollWidth - window.innerWidth,
    tables: [...document.querySelectorAll('.table-wrap')].map((w) => w.scrollWidth - w.clientWidth),
  }));

describe('on a 390 px phone', () => {
  it('no page scrolls sideways and no table hides a column off the screen', async () => {
    await page.setViewportSize(PHONE);
    const paths = [
      '/',
      `/quarters/${latest}`,
      `/bodies/${body}`,
      `/problems/${problem}`,
      '/track',
      '/meetings',
      '/meetings?region=KZ-19',
      `/meetings/${meeting}`,
      '/search',
      `/search?q=${encodeURIComponent('су')}&per_page=100`,
      '/no-such-page',
    ];
    for (const lang of ['kk', 'ru', 'en']) {
      for (const path of paths) {
        await page.goto(`${site.base}/${lang}${path}`);
        const measured = await overflow();
        expect(measured.page, `${lang}${path}`).toBeLessThanOrEqual(0);
        for (const extra of measured.tables) expect(extra, `${lang}${path} table`).toBeLessThanOrEqual(0);
      }
    }
    // The key columns of a figures table stay on screen: every row shows overdue and resolved.
    await page.goto(`${site.base}/en/bodies/${body}`);
    const cells = page.locator('#figures ~ * table.cards td[data-label="Overdue"], table.cards td[data-label="Overdue"]');
    expect(await cells.count()).toBeGreaterThan(0);
    for (const box of await cells.evaluateAll((tds) => tds.map((td) => td.getBoundingClientRect().right))) expect(box).toBeLessThanOrEqual(PHONE.width);
  }, 120_000);

  it('shows the first search result without scrolling past the filters, which open from a button without JavaScript', async () => {
    await page.setViewportSize(PHONE);
    await page.route('**/assets/search.js*', (route) => route.abort());
    try {
      await page.goto(`${site.base}/kk/search?q=${encodeURIComponent('су')}`);
      const top = await page
        .locator('.hit')
        .first()
        .evaluate((hit) => hit.getBoundingClientRect().top);
      expect(top).toBeLessThan(PHONE.height);
      await expect.poll(() => page.locator('.search-facets .facet').first().isVisible()).toBe(false);
      await page.locator('summary.filters-button').click();
      await page.locator('summary', { hasText: 'Өңір' }).click();
      await page.getByLabel(/^Алматы облысы \d+$/).check();
      await page.getByRole('button', { name: 'Қолдану' }).click();
      await page.waitForURL((url) => url.searchParams.get('region') === 'KZ-19');
      const narrowed = await site.app.services.search.searchIssues(null, { query: 'су', filter: { regionCodes: ['KZ-19'] } });
      expect(await page.locator('#result-count').textContent()).toContain(`: ${narrowed.total}`);
      expect(await page.locator('summary.filters-button').textContent()).toContain('(1)');
      await expectAccessible(page);
    } finally {
      await page.unroute('**/assets/search.js*');
    }
  });

  it('keeps the filters beside the results on a wide screen', async () => {
    await page.setViewportSize({ width: 1200, height: 800 });
    await page.goto(`${site.base}/en/search`);
    expect(await page.locator('summary.filters-button').isVisible()).toBe(false);
    expect(await page.locator('#sort').isVisible()).toBe(true);
  });
});

describe('the home chart', () => {
  it('draws every status label inside the picture, in every language', async () => {
    await page.setViewportSize({ width: 1000, height: 800 });
    for (const lang of ['kk', 'ru', 'en']) {
      await page.goto(`${site.base}/${lang}/`);
      const lefts = await page.locator('figure.chart svg text[text-anchor="end"]').evaluateAll((texts) => texts.map((t) => (t as SVGTextElement).getBBox().x));
      expect(lefts.length).toBeGreaterThan(0);
      for (const x of lefts) expect(x, lang).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('the widget', () => {
  it('fits 340×250 in kk, ru and en, the longest body names included, its link to the full list in view', async () => {
    await page.setViewportSize({ width: 340, height: 250 });
    const published = new Set((await site.app.services.openData.quarterDocument(latest))!.bodies.map((b) => b.organizationCode));
    for (const lang of ['kk', 'ru', 'en'] as const) {
      const bodies = (db.prepare(`select code from organizations order by length(name_${lang}) desc`).all() as { code: string }[])
        .map((r) => r.code)
        .filter((code) => published.has(code))
        .slice(0, 3);
      for (const code of bodies) {
        await page.goto(`${site.base}/${lang}/widget/bodies/${code}`);
        const size = await page.evaluate(() => {
          const link = document.querySelector('.widget-link a')!.getBoundingClientRect();
          return { width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight, linkBottom: link.bottom, linkRight: link.right };
        });
        expect(size, `${lang} ${code}`).toEqual({ width: 340, height: 250, linkBottom: expect.any(Number), linkRight: expect.any(Number) });
        expect(size.linkBottom, `${lang} ${code}`).toBeLessThanOrEqual(250);
        expect(size.linkRight, `${lang} ${code}`).toBeLessThanOrEqual(340);
      }
    }
  });
});

describe('accessibility of the new pages', () => {
  it('has no serious or critical axe violations on meeting pages and the numbered search', async () => {
    await page.setViewportSize({ width: 1000, height: 800 });
    for (const path of [`/kk/meetings/${meeting}`, `/ru/meetings/${meeting}`, `/en/meetings/${meeting}`, '/en/search?page=3&per_page=50']) {
      await page.goto(`${site.base}${path}`);
      await expectAccessible(page);
    }
    await page.setViewportSize(PHONE);
    await page.goto(`${site.base}/kk/meetings/${meeting}`);
    await expectAccessible(page);
  });

  it('draws a focus ring of at least 3:1 against the page and against the header', async () => {
    await page.setViewportSize({ width: 1000, height: 800 });
    await page.goto(`${site.base}/en/meetings/${meeting}`);
    const contrast = (selector: string, background: string) =>
      page.evaluate(
        ([sel, bgSel]) => {
          const el = document.querySelector(sel) as HTMLElement;
          el.focus();
          const rgb = (value: string) =>
            value
              .match(/\d+(\.\d+)?/g)!
              .slice(0, 3)
              .map(Number);
          const luminance = (c: number[]) =>
            c
              .map((v) => v / 255)
              .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
              .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
          const ring = luminance(rgb(getComputedStyle(el).outlineColor));
          const back = luminance(rgb(getComputedStyle(document.querySelector(bgSel)!).backgroundColor));
          return { style: getComputedStyle(el).outlineStyle, ratio: (Math.max(ring, back) + 0.05) / (Math.min(ring, back) + 0.05) };
        },
        [selector, background] as const,
      );
    // Focus by keyboard, so :focus-visible applies.
    await page.keyboard.press('Tab');
    for (const [selector, background] of [
      ['main a[href*="/problems/"]', 'html'],
      ['.site-header .brand', '.site-header'],
      ['.site-nav a', '.site-nav'],
    ] as const) {
      await page.locator(selector).first().focus();
      const { style, ratio } = await contrast(selector, background);
      expect(style, selector).toBe('solid');
      expect(ratio, selector).toBeGreaterThanOrEqual(3);
    }
  });
});
