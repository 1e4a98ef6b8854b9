import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, launchChromium, startPublicSite, type PublicSite } from '../web/helpers.ts';
import { issueIn, signInAll } from '../workflows/helpers.ts';
import { signInInChromium } from './helpers.ts';

// The ministry's path in a real Chromium, as in the README: sign in, the queue, one problem moved
// to In progress with a plan, a deadline and a public note that then shows on the public page and
// the tracking page; the CSV round trip; the update form by keyboard alone; axe-core on every
// staff page at desktop and phone widths.

const site: PublicSite = await startPublicSite();
// The demo gives the Ministry of Energy no ASSIGNED problem: the akimat of Almaty oblast records one
// and assigns it to the ministry through the API. `inProgress` is one of the ministry's own demo
// problems already in progress (its page carries the transfer form).
const assigned = (await issueIn(site.app, await signInAll(site.app), 'ASSIGNED', 'Ауылда газ қысымы төмен')).number;
const inProgress = (
  site.app.db.$client
    .prepare(
      "select i.id from issues i join organizations o on o.id = i.responsible_organization_id where o.code = 'MIN-ENERGY' and i.status = 'IN_PROGRESS' order by i.id limit 1",
    )
    .get() as { id: number }
).id;
const { page } = await launchChromium({ javaScriptEnabled: true, locale: 'kk-KZ' });
const cspViolations: string[] = [];
page.on('console', (message) => {
  if (/content security policy/i.test(message.text())) cspViolations.push(message.text());
});

/** axe at the desktop width the browser opened with, then at a phone's width. */
async function accessibleAtBothWidths(p: Page): Promise<void> {
  await expectAccessible(p);
  await p.setViewportSize({ width: 375, height: 740 });
  await expectAccessible(p);
  await p.setViewportSize({ width: 1000, height: 800 });
}

const code = (id: number) => (site.app.db.$client.prepare('select tracking_code as c from issues where id = ?').get(id) as { c: string }).c;

describe('the ministry of energy', () => {
  it('signs in, sees its queue, moves a problem to In progress with a public note, and the public sees it', async () => {
    await page.goto(`${site.base}/kk/staff`);
    expect(new URL(page.url()).pathname).toBe('/kk/staff/sign-in');
    await accessibleAtBothWidths(page);
    await signInInChromium(page, site.base, 'energy@jauap.demo');
    expect(new URL(page.url()).pathname).toBe('/kk/staff/queue');
    await accessibleAtBothWidths(page);

    // Overdue first, then the nearest deadline: the same order the service gives.
    const viewer = (await site.app.services.accounts.authenticate((await page.context().cookies()).find((c) => c.name === 'jauap_staff')!.value))!;
    const expected = (await site.app.services.issues.listQueue(viewer, { statuses: ['ASSIGNED', 'IN_PROGRESS', 'REOPENED'] })).items.map((i) => i.id);
    const shown = await page.locator('table.queue tbody th a').evaluateAll((links) => links.map((a) => Number(a.textContent!.replace(/\D/g, ''))));
    expect(shown).toEqual(expected);

    await page.getByRole('link', { name: `№ ${assigned}`, exact: true }).click();
    await page.waitForURL(new RegExp(`/kk/staff/issues/${assigned}$`));
    await accessibleAtBothWidths(page);
    await page.selectOption('#u-status', 'IN_PROGRESS');
    await page.fill('#u-plan', 'Газ құбырының қысымын реттейтін пункт орнатылады');
    await page.fill('#u-due', '2027-04-30');
    await page.fill('#u-progress', '15');
    await page.fill('#u-note', 'Реттеу пунктін орнату жұмыстары басталды');
    await page.getByRole('button', { name: 'Алдын ала қарау' }).click();
    await expect.poll(() => page.locator('#preview blockquote.note').textContent()).toBe('Реттеу пунктін орнату жұмыстары басталды');
    await accessibleAtBothWidths(page);
    await page.getByRole('button', { name: 'Сақтау' }).click();
    await page.waitForURL(new RegExp(`/kk/staff/issues/${assigned}\\?saved=1(#update-heading)?$`));
    expect(await page.locator('.notice').first().textContent()).toContain('Сақталды');

    await page.goto(`${site.base}/kk/problems/${assigned}`);
    expect(await page.locator('.history').textContent()).toContain('Реттеу пунктін орнату жұмыстары басталды');
    await page.goto(`${site.base}/kk/track`);
    await page.fill('#code', code(assigned));
    await page.locator('form.track-form button[type="submit"]').click();
    await page.waitForSelector('.tracked');
    expect(await page.locator('.tracked').textContent()).toContain('Реттеу пунктін орнату жұмыстары басталды');
  });

  it('downloads the queue as CSV, changes two rows, uploads, previews and applies', async () => {
    await page.goto(`${site.base}/kk/staff/queue`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV ретінде жүктеп алу' }).first().click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const [header, ...rows] = parse(csv, { bom: true }) as string[][];
    const col = (name: string) => header!.indexOf(name);
    const changed = rows.slice(0, 2).map((r) => r[0]);
    const target = rows[0]![col('progress')] === '80' ? '75' : '80'; // a value the row does not have already
    rows[0]![col('progress')] = target;
    rows[1]![col('public_note')] = 'Кесте бойынша жұмыс жүріп жатыр';
    const edited = stringify([header!, ...rows], { bom: true, record_delimiter: 'windows' });

    await page.goto(`${site.base}/kk/staff/queue/upload`);
    await accessibleAtBothWidths(page);
    await page.setInputFiles('#csv-file', { name: 'queue.csv', mimeType: 'text/csv', buffer: Buffer.from(edited) });
    await page.getByRole('button', { name: 'Жүктеп, алдын ала қарау' }).click();
    await page.waitForURL(/\/kk\/staff\/queue\/upload$/);
    expect(await page.locator('main').textContent()).toContain('Өзгереді: 2.');
    await accessibleAtBothWidths(page);
    await page.getByRole('button', { name: 'Барлық өзгерісті қолдану' }).click();
    await page.waitForURL(/\/kk\/staff\/queue\?applied=2/);
    expect(await page.locator('.notice').first().textContent()).toContain('2 мәселе жаңартылды');
    const progress = site.app.db.$client.prepare('select progress from issues where id = ?').get(Number(changed[0])) as { progress: number };
    expect(progress.progress).toBe(Number(target));
  });

  it('completes the update form with the keyboard alone', async () => {
    await page.goto(`${site.base}/kk/staff/issues/${assigned}`);
    // From the top of the page, Tab until the status field has focus (bounded).
    for (let i = 0; i < 80 && (await page.evaluate(() => document.activeElement?.id)) !== 'u-status'; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('u-status');
    await page.keyboard.press('Tab'); // plan (kept)
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('u-plan');
    await page.keyboard.press('Tab'); // due date: its segments take Tab presses of their own
    for (let i = 0; i < 6 && (await page.evaluate(() => document.activeElement?.id)) !== 'u-progress'; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('u-progress');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('35');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('u-note');
    await page.keyboard.type('Құбырлар жеткізілді');
    await page.keyboard.press('Tab'); // Preview
    await page.keyboard.press('Tab'); // Save
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Сақтау');
    // (The form posts to …/update#update-heading, so the page after the redirect keeps that fragment.)
    await Promise.all([page.waitForURL(/\?saved=1(#update-heading)?$/), page.keyboard.press('Enter')]);
    const row = site.app.db.$client.prepare('select progress from issues where id = ?').get(assigned) as { progress: number };
    expect(row.progress).toBe(35);
  });

  it('passes axe on the account page and the transfer form, filters the bodies, and broke no CSP rule', async () => {
    await page.goto(`${site.base}/kk/staff/account`);
    await accessibleAtBothWidths(page);
    await page.goto(`${site.base}/kk/staff/issues/${inProgress}`);
    await page.fill('#t-body-filter', 'су ресурс');
    const visible = await page.locator('#t-body option:not([hidden])').allTextContents();
    expect(visible.length).toBeGreaterThan(1);
    expect(visible.slice(1).filter((t) => !(/су/i.test(t) && /ресурс/i.test(t)))).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});

describe('other roles', () => {
  it('signs out, and a Government account gets its start page (axe-clean) and a 403 for the queue', async () => {
    await page.goto(`${site.base}/kk/staff/account`);
    await Promise.all([page.waitForURL(/\/kk\/staff\/sign-in\?signed-out=1$/), page.getByRole('button', { name: 'Шығу', exact: true }).click()]);
    await signInInChromium(page, site.base, 'government@jauap.demo');
    expect(new URL(page.url()).pathname).toBe('/kk/staff');
    await accessibleAtBothWidths(page);
    const refused = await page.goto(`${site.base}/kk/staff/queue`);
    expect(refused?.status()).toBe(403);
    await expectAccessible(page);
  });
});
