import { describe, expect, it } from 'vitest';
import { expectAccessible, launchChromium, startPublicSite, type PublicSite } from '../web/helpers.ts';
import { signInInChromium } from '../staff/helpers.ts';
import { graphql } from '../helpers/graphql.ts';
import { DEMO, signIn } from '../workflows/helpers.ts';

// Groups in a real Chromium: the problem page's section, the group page and the home page's list
// pass axe at desktop and phone widths; the ministry takes a wrongly grouped problem out on its
// staff page (a plain form) and the public problem page no longer counts it.

const site: PublicSite = await startPublicSite();
const { app } = site;
const { page } = await launchChromium({ javaScriptEnabled: true, locale: 'ru-RU' });

async function accessibleAtBothWidths() {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await expectAccessible(page);
    // Nothing wider than the screen on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), `${page.url()} at ${width}px`).toBe(true);
  }
  await page.setViewportSize({ width: 1000, height: 800 });
}

function energyMember(): { group: number; member: number; size: number } {
  return app.db.$client
    .prepare(
      `select g.id as "group", g.size as size, i.id as member from issue_groups g join issue_group_members m on m.group_id = g.id
       join issues i on i.id = m.issue_id join organizations o on o.id = i.responsible_organization_id
       where o.code = 'MIN-ENERGY' and g.size >= 3 order by g.size desc, g.id limit 1`,
    )
    .get() as { group: number; member: number; size: number };
}

describe('groups in the browser', () => {
  it('the problem page, the group page and the home page list are accessible at 1280 and 390 px', async () => {
    const { group, member, size } = energyMember();
    await page.goto(`${site.base}/kk/problems/${member}`);
    expect(await page.locator('#similar').textContent()).toBe('Дәл осы мәселе басқа жерлерде');
    expect(await page.locator('.group-summary .lead').textContent()).toContain(`${size} рет көтерілді`);
    await accessibleAtBothWidths();

    await page.locator('.group-summary a', { hasText: 'Бүкіл топ' }).click();
    await page.waitForURL(new RegExp(`/kk/groups/${group}$`));
    expect(await page.locator('h1').textContent()).toContain(`№ ${group} топ`);
    await accessibleAtBothWidths();
    await page.goto(`${site.base}/en/groups/${group}`);
    expect(await page.locator('h2#where').textContent()).toBe('Where');
    await accessibleAtBothWidths();

    await page.goto(`${site.base}/ru/`);
    expect(await page.locator('#most-raised').textContent()).toContain('Чаще всего поднимаемые проблемы');
    await accessibleAtBothWidths();
  });

  it('the ministry takes a problem out of its group on its staff page; the public page updates', async () => {
    const { group, member, size } = energyMember();
    await signInInChromium(page, site.base, 'energy@jauap.demo', undefined, 'ru');
    await page.goto(`${site.base}/ru/staff/issues/${member}`);
    expect(await page.locator('#group-heading').textContent()).toBe('Похожие проблемы (группа)');
    await accessibleAtBothWidths();
    await page.getByLabel('Публичная запись (необязательно)').nth(1).fill('Это другая проблема');
    await Promise.all([page.waitForURL(/group=saved/), page.getByRole('button', { name: 'Исключить из группы' }).click()]);
    expect(await page.getByRole('status').first().textContent()).toContain('Группа изменена.');
    expect(await page.locator('section[aria-labelledby="group-heading"]').textContent()).toContain('Исключена из группы сотрудником');
    await accessibleAtBothWidths();

    await page.goto(`${site.base}/ru/problems/${member}`);
    expect(await page.locator('#similar').count()).toBe(0);
    await page.goto(`${site.base}/ru/groups/${group}`);
    expect(await page.locator('.lead').first().textContent()).toContain(`Поднималась ${size - 1} раз`);
  });

  it('a dissolved group’s page (410) lists where its problems went, accessible at 1280 and 390 px', async () => {
    const admin = await signIn(app, DEMO.admin);
    const group = app.db.$client.prepare('select id from issue_groups where size = 2 order by id limit 1').pluck().get() as number;
    const [, second] = app.services.groups.memberViews(group, 2);
    const res = await app.gql(
      graphql(`mutation ($input: RemoveIssueFromGroupInput!) { removeIssueFromGroup(input: $input) { __typename } }`),
      { input: { issueId: String(second!.id), currentGroupNumber: group } },
      { token: admin },
    );
    expect(res.data.removeIssueFromGroup.__typename).toBe('MutationRemoveIssueFromGroupSuccess');
    const response = await page.goto(`${site.base}/ru/groups/${group}`);
    expect(response?.status()).toBe(410);
    expect(await page.locator('h1').textContent()).toBe(`Группы № ${group} больше нет`);
    expect(await page.locator('.group-members li').count()).toBe(2);
    await accessibleAtBothWidths();
  });
});
