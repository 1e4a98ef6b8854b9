import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, launchChromium, startPublicSite, type PublicSite } from './helpers.ts';

// The regions view, a region's page and the trends in a real Chromium: at 1280 and 390 px wide no
// page scrolls sideways, every letter of the map and the charts is at least 12 px tall and axe
// finds nothing serious (axe runs as a script in the page, so that browser has JavaScript on; the
// pages load none); and with JavaScript off a visitor moves between quarters, regions and trends
// with forms and links only.

// At the top level, not in beforeAll: the helpers register their own afterAll clean-up.
const site: PublicSite = await startPublicSite();
const { page } = await launchChromium({ javaScriptEnabled: true });
const { page: noScript } = await launchChromium({ javaScriptEnabled: false });
const quarters = site.app.services.search.publishedQuarters();

const PAGES = [
  '/regions',
  `/regions?quarter=${quarters[2]}`,
  '/regions/KZ-19',
  '/regions/KZ-71',
  '/trends',
  '/trends?region=KZ-19',
  '/trends?body=MIN-ENERGY',
  `/quarters/${quarters[0]}/changes/new`,
];
/** Pages with a map or charts. */
const withFigures = (path: string) => path.startsWith('/trends') || path.startsWith('/regions?') || path === '/regions';

/** The smallest rendered height of a letter in the page's SVG figures: font size times the drawing's scale. */
const smallestChartText = (p: Page) =>
  p.evaluate(() => {
    const sizes = [...document.querySelectorAll('figure svg text')].map((t) => {
      const ctm = (t as SVGTextElement).getScreenCTM();
      return parseFloat(getComputedStyle(t).fontSize) * (ctm ? Math.hypot(ctm.a, ctm.b) : 1);
    });
    return { count: sizes.length, smallest: Math.min(...sizes) };
  });

const overflow = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('regions and trends in Chromium', () => {
  it('fit 1280 and 390 px without sideways scrolling, with chart text at least 12 px, and pass axe', async () => {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const lang of ['kk', 'ru', 'en']) {
        for (const path of PAGES) {
          const res = await page.goto(`${site.base}/${lang}${path}`);
          expect(res?.status(), path).toBe(200);
          expect(await overflow(page), `${width}px /${lang}${path}`).toBeLessThanOrEqual(0);
          if (withFigures(path)) {
            const text = await smallestChartText(page);
            expect(text.count, path).toBeGreaterThan(10);
            expect(text.smallest, `${width}px /${lang}${path}`).toBeGreaterThanOrEqual(12);
          }
          // The map's tile labels fit their tiles.
          const spills = await page.evaluate(
            () =>
              [...document.querySelectorAll('.tile-map a')].filter((a) => {
                const tile = a.querySelector('rect')!.getBoundingClientRect();
                return [...a.querySelectorAll('text')].some((t) => t.getBoundingClientRect().width > tile.width);
              }).length,
          );
          expect(spills, `${width}px /${lang}${path}`).toBe(0);
          // axe once per page (the languages share the markup), on the phone layout.
          if (lang === 'kk' && width === 390) await expectAccessible(page);
        }
      }
    }
  }, 240_000);

  it('lets a visitor without JavaScript choose a quarter, open a region from the map and see its trend', async () => {
    await noScript.setViewportSize({ width: 390, height: 800 });
    await noScript.goto(`${site.base}/en/regions`);
    await noScript.getByLabel('Quarter', { exact: true }).selectOption(quarters[1]!);
    await noScript.getByRole('button', { name: 'Show' }).click();
    await noScript.waitForURL((url) => url.searchParams.get('quarter') === quarters[1]);
    expect(await noScript.locator('h1').textContent()).toContain(quarters[1]);
    await noScript.getByRole('link', { name: /^Astana City: Overdue \d+/ }).click();
    await noScript.waitForURL((url) => url.pathname === '/en/regions/KZ-71' && url.searchParams.get('quarter') === quarters[1]);
    expect(await noScript.locator('h1').textContent()).toBe(`Astana City: problems in quarter ${quarters[1]}`);
    await noScript.getByRole('link', { name: /How Astana City changed/ }).click();
    await noScript.waitForURL((url) => url.pathname === '/en/trends' && url.searchParams.get('region') === 'KZ-71');
    await noScript.getByLabel('A responsible body', { exact: true }).selectOption('MIN-ENERGY');
    await noScript.getByLabel('A region', { exact: true }).selectOption('');
    await noScript.getByRole('button', { name: 'Show' }).click();
    await noScript.waitForURL((url) => url.searchParams.get('body') === 'MIN-ENERGY');
    expect(await noScript.locator('h1').textContent()).toContain('Ministry of Energy');
    expect(await noScript.locator('table.cards tbody tr').count()).toBe(quarters.length);
  });
});
