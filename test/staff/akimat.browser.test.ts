import { describe, expect, it } from 'vitest';
import { expectAccessible, launchChromium, startPublicSite, type PublicSite } from '../web/helpers.ts';
import { signInInChromium } from './helpers.ts';

// The akimat's main path in Chromium, in Kazakh: a problem raised at a held meeting is recorded,
// its slip is shown and printed, and the problem is routed. axe-core on every akimat page at a
// desktop and a phone width.

const site: PublicSite = await startPublicSite();
const { page } = await launchChromium({ javaScriptEnabled: true, locale: 'kk-KZ' });

const DESKTOP = { width: 1000, height: 800 };
const PHONE = { width: 390, height: 844 };

async function accessibleAtBothWidths(): Promise<void> {
  for (const size of [DESKTOP, PHONE]) {
    await page.setViewportSize(size);
    await expectAccessible(page);
  }
  await page.setViewportSize(DESKTOP);
}

describe('the akimat in Chromium', () => {
  it('records a problem at a held meeting, prints its slip and routes it; every page passes axe', async () => {
    await signInInChromium(page, site.base, 'akimat@jauap.demo');

    for (const path of ['/kk/staff/calendar', '/kk/staff/calendar?year=2027', '/kk/staff/compliance', '/kk/staff/meetings/new', '/kk/staff/routing']) {
      await page.goto(`${site.base}${path}`);
      expect(await page.locator('h1').count(), path).toBe(1);
      await accessibleAtBothWidths();
    }

    await page.goto(`${site.base}/kk/staff/meetings?status=HELD`);
    await accessibleAtBothWidths();
    await page.locator('table.items tbody tr th a').first().click();
    await page.waitForURL(/\/kk\/staff\/meetings\/\d+$/);
    await accessibleAtBothWidths();
    await page.getByRole('link', { name: 'Осы кездесуде көтерілген мәселені енгізу' }).click();
    await page.waitForURL(/\/problems\/new$/);
    await accessibleAtBothWidths();

    await page.getByLabel('Санаты').selectOption('ELECTRICITY');
    await page.getByLabel('Тақырыбы').fill('Көшеде жарық жоқ');
    await page.getByLabel('Тұрғын не айтты').fill('Кешке көшеде бірде-бір шам жанбайды, балалар қараңғыда жүреді.');
    await page.getByLabel('Аты-жөні').fill('Ерлан Әбдіқадыров');
    await page.getByLabel('Телефон').fill('8 (705) 111-22-33');
    await page.getByLabel('ЖСН (міндетті емес)').fill('900101400013');
    await Promise.all([page.waitForURL(/\/problems$/), page.getByRole('button', { name: 'Енгізу және талонды көрсету' }).click()]);

    const code = (await page.locator('.slip-code').first().textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]+$/);
    const number = Number(/№ (\d+)/.exec((await page.locator('h1').textContent())!)![1]);
    expect(await page.locator('button[data-print]').isVisible()).toBe(true);
    await accessibleAtBothWidths();

    // Printed: the slip alone, without the console's header, navigation and the one-time warning.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.slip').isVisible()).toBe(true);
    expect(await page.locator('.slip-code').first().isVisible()).toBe(true);
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.locator('.no-print').first().isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A5' });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    await page.emulateMedia({ media: 'screen' });

    // Leaving the page: the code is nowhere to be seen again.
    await page.getByRole('link', { name: 'Кездесуге оралу' }).click();
    expect(await page.content()).not.toContain(code);
    // Back to the slip: the answer was never stored (no-store), so the browser has nothing to show.
    await expect(page.goBack()).rejects.toThrow(/ERR_CACHE_MISS/);
    // Chromium is still settling on its error page: read it once it stops navigating.
    await expect
      .poll(async () => {
        try {
          return (await page.content()).includes(code);
        } catch {
          return null;
        }
      })
      .toBe(false);

    await page.goto(`${site.base}/kk/staff/routing`);
    await page.locator(`a[href="/kk/staff/routing/${number}"]`).click();
    await page.waitForURL(new RegExp(`/routing/${number}$`));
    await accessibleAtBothWidths();
    expect(await page.content()).not.toContain(code);
    // The filter box narrows the bodies as one types (the select alone works without it).
    await page.getByLabel('Органды атауы бойынша табу').fill('энергетика');
    expect(await page.locator('#organizationCode').inputValue()).toBe('MIN-ENERGY');
    await Promise.all([page.waitForURL(/\/kk\/staff\/routing\?routed=/), page.getByRole('button', { name: 'Мәселені жіберу' }).click()]);
    expect(await page.locator('.notice').textContent()).toContain(`№ ${number} мәселе жіберілді`);
    const [routed] = site.app.db.$client.prepare('select status from issues where id = ?').all(number) as { status: string }[];
    expect(routed!.status).toBe('ASSIGNED');
  });
});
