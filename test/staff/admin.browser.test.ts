import { describe, expect, it } from 'vitest';
import { expectAccessible, launchChromium, startPublicSite, type PublicSite } from '../web/helpers.ts';
import { signInInChromium, StaffClient } from './helpers.ts';

// The administrator in a real Chromium (the page loads no script: plain forms): creates an account (and signs in with
// its temporary password), disables another whose open session stops at once; axe at desktop and
// phone widths on the users page.

const site: PublicSite = await startPublicSite();
const { page } = await launchChromium({ javaScriptEnabled: true, locale: 'ru-RU' });

async function accessibleAtBothWidths() {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await expectAccessible(page);
  }
  await page.setViewportSize({ width: 1000, height: 800 });
}

describe('the administrator', () => {
  it('creates a user who then signs in, and disables another whose session ends at once', async () => {
    const water = new StaffClient(site.base);
    await water.signIn('water@jauap.demo');
    expect((await water.get('/ru/staff/account')).status).toBe(200);

    await signInInChromium(page, site.base, 'admin@jauap.demo', undefined, 'ru');
    await page.getByRole('navigation', { name: 'Кабинет сотрудника' }).getByRole('link', { name: 'Пользователи' }).click();
    await page.waitForURL(/\/ru\/staff\/users$/);
    await accessibleAtBothWidths();

    await page.getByLabel('Электронная почта', { exact: true }).fill('aigerim@jauap.demo');
    await page.getByLabel('ФИО').fill('Айгерим Сәрсенова');
    await page.getByLabel('Роль', { exact: true }).selectOption('ORGANIZATION_STAFF');
    await page.getByLabel('Организация', { exact: true }).selectOption('MIN-ENERGY');
    await page.getByRole('button', { name: 'Создать учётную запись' }).click();
    expect(await page.getByRole('status').first().textContent()).toContain('Учётная запись aigerim@jauap.demo создана.');
    const password = (await page.locator('code.temporary-password').textContent())!;
    expect(password).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    expect(await page.getByRole('row', { name: /aigerim@jauap\.demo/ }).count()).toBe(1);
    await accessibleAtBothWidths();

    await page.getByRole('button', { name: 'Отключить — water@jauap.demo' }).click();
    await page.waitForURL(/\/ru\/staff\/users\?done=disable/);
    expect(await page.getByRole('status').first().textContent()).toContain('Учётная запись water@jauap.demo отключена');
    expect(await page.getByRole('row', { name: /water@jauap\.demo/ }).textContent()).toContain('Отключена с');
    expect((await water.get('/ru/staff/account')).status).toBe(303);

    await page.context().clearCookies();
    await signInInChromium(page, site.base, 'aigerim@jauap.demo', password, 'ru');
    await page.goto(`${site.base}/ru/staff/account`);
    expect(await page.locator('main').textContent()).toContain('aigerim@jauap.demo');
  }, 300_000);
});
