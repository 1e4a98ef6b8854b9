import { describe, expect, it } from 'vitest';
import { TEST_NOW } from '../helpers/app.ts';
import { expectAccessible, launchChromium, startPublicSite, type PublicSite } from '../web/helpers.ts';
import { signInInChromium } from './helpers.ts';

// The Government office in a real Chromium (the pages load no script; axe needs JavaScript on to
// run in the page): every page passes axe at desktop
// and phone widths, and a due quarter is published from the publication page (the job runs in
// the background; the page reports it on reload).

const site: PublicSite = await startPublicSite();
const { page } = await launchChromium({ javaScriptEnabled: true, locale: 'kk-KZ' });
const PAGES = ['/staff/regions', '/staff/rounds', '/staff/publication', '/staff/responsiveness'];

async function accessibleAtBothWidths(path: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${site.base}${path}`);
    expect(new URL(page.url()).pathname).toBe(path);
    await expectAccessible(page);
  }
  await page.setViewportSize({ width: 1000, height: 800 });
}

describe('the Government office', () => {
  it('opens each of its pages from the menu; each passes axe at 1280 and 390 px', async () => {
    await signInInChromium(page, site.base, 'government@jauap.demo');
    const menu = page.getByRole('navigation', { name: 'Қызметкер кабинеті' });
    for (const label of ['Өңірлер', 'Мәселелерді жинау', 'Жариялау', 'Жауаптылық']) expect(await menu.getByRole('link', { name: label }).count()).toBe(1);
    for (const path of PAGES) await accessibleAtBothWidths(`/kk${path}`);
  }, 300_000);

  it('publishes a due quarter from the publication page and sees it listed', async () => {
    site.app.clock.set('2027-01-05T06:00:00.000Z');
    try {
      // The session from November has expired by January: sign in again.
      await page.context().clearCookies();
      await signInInChromium(page, site.base, 'government@jauap.demo', undefined, 'en');
      await page.goto(`${site.base}/en/staff/publication`);
      expect(await page.locator('main').textContent()).toContain('Due now: 2026-Q4.');
      await Promise.all([page.waitForURL(/\/en\/staff\/publication\?started=2026-Q4$/), page.getByRole('button', { name: 'Publish 2026-Q4 now' }).click()]);
      expect(await page.getByRole('status').first().textContent()).toContain('Publication of 2026-Q4 has started.');
      await expectAccessible(page);
      await expect
        .poll(
          async () => {
            await page.goto(`${site.base}/en/staff/publication`);
            return page.locator('main').textContent();
          },
          { timeout: 30_000, interval: 300 },
        )
        .toMatch(/Publication finished .*: 2026-Q4\./);
      expect(await page.getByRole('row', { name: /2026-Q4/ }).count()).toBe(1);
      expect(await page.getByRole('button', { name: /Publish/ }).count()).toBe(0);
      expect(await page.locator('main').textContent()).toContain('Nothing is due. The next quarter, 2027-Q1');
      await expectAccessible(page);
    } finally {
      site.app.clock.set(TEST_NOW);
    }
  }, 300_000);
});
