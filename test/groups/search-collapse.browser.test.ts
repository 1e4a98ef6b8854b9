import { describe, expect, it } from 'vitest';
import { expectAccessible, launchChromium, startPublicSite, type PublicSite } from '../web/helpers.ts';

// The search page's "one result per group" in a real Chromium, with and without JavaScript: the
// checkbox collapses the results, each group's result links its group page, and the collapsed
// page passes axe at desktop and phone widths.

const site: PublicSite = await startPublicSite();
// At the top level, not in a test: the helpers register their own clean-up.
const browsers = {
  false: await launchChromium({ javaScriptEnabled: false, locale: 'en-US' }),
  true: await launchChromium({ javaScriptEnabled: true, locale: 'en-US' }),
};

async function accessibleAtBothWidths(page: Awaited<ReturnType<typeof launchChromium>>['page']) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await expectAccessible(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), `${page.url()} at ${width}px`).toBe(true);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('search: one result per group, in the browser', () => {
  for (const javaScriptEnabled of [false, true]) {
    it(`${javaScriptEnabled ? 'with' : 'without'} JavaScript: ticking the box collapses the results and each group links its page`, async () => {
      const { page } = browsers[`${javaScriptEnabled}`];
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${site.base}/en/search`);
      const before = await page.locator('#result-count').textContent();
      await page.locator('#collapse').check();
      if (javaScriptEnabled) await page.waitForFunction(() => document.querySelector('.group-note') !== null);
      else await Promise.all([page.waitForURL(/collapse=group/), page.getByRole('button', { name: 'Apply', exact: true }).click()]);
      expect(await page.locator('#result-count').textContent()).not.toBe(before);
      const note = page.locator('.group-note a', { hasText: /raised \d+ times/ }).first();
      await expect.poll(() => note.count()).toBe(1);
      // axe runs in the page: only where scripts run (the markup is the same without them).
      if (javaScriptEnabled) await accessibleAtBothWidths(page);
      const href = await note.getAttribute('href');
      expect(href).toMatch(/^\/en\/groups\/\d+$/);
      await note.click();
      await page.waitForURL(new RegExp(`${href}$`));
      expect(await page.locator('h1').textContent()).toContain('Group No.');
    });
  }
});
