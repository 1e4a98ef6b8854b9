import { describe, expect, it } from 'vitest';
import { DEMO_CODE, DEMO_PROBLEM, launchChromium, startPublicSite, trackingCodes, type PublicSite } from './helpers.ts';

// The same site in a Chromium with JavaScript switched off, as on a phone that blocks scripts or
// never loaded them: search with facets by submitting the form, the tracking flow with confirm
// and dispute, a body's page with its widget, and the language switch. One browser for the file.

// At the top level, not in beforeAll: the helpers register their own afterAll clean-up.
const site: PublicSite = await startPublicSite();
const { page } = await launchChromium({ javaScriptEnabled: false });

const countText = () => page.locator('#result-count').textContent();

describe('without JavaScript', () => {
  it('searches in Kazakh with facets and pages through the results', async () => {
    await page.goto(`${site.base}/kk/search`);
    await page.locator('#q').fill('су');
    await page.locator('.query-row button').click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'су');
    const all = await site.app.services.search.searchIssues(null, { query: 'су' });
    expect(await countText()).toContain(`: ${all.total}`);

    await page.locator('summary', { hasText: 'Өңір' }).click();
    await page.getByLabel(/^Алматы облысы \d+$/).check();
    await page.getByLabel(/^Жабылды \d+$/).check();
    await page.getByLabel(/^Шешілу үстінде \d+$/).check();
    await page.getByRole('button', { name: 'Қолдану' }).click();
    await page.waitForURL((url) => url.searchParams.get('region') === 'KZ-19');
    const url = new URL(page.url());
    expect(url.searchParams.getAll('status').sort()).toEqual(['CLOSED', 'IN_PROGRESS']);
    expect(url.searchParams.get('q')).toBe('су');
    const narrowed = await site.app.services.search.searchIssues(null, {
      query: 'су',
      filter: { regionCodes: ['KZ-19'], statuses: ['IN_PROGRESS', 'CLOSED'] },
    });
    expect(await countText()).toContain(`: ${narrowed.total}`);
    expect(await page.locator('.hit').count()).toBe(Math.min(narrowed.total, 20));

    await page.goto(`${site.base}/kk/search`);
    await page.getByRole('link', { name: 'Келесі' }).click();
    await page.waitForURL((u) => u.searchParams.get('page') === '2');
    expect(await page.locator('.hit').count()).toBe(20);
  });

  it('tracks a problem by its code: status, plan, deadline and history', async () => {
    await page.goto(`${site.base}/kk/`);
    await page.getByRole('link', { name: 'Мәселемді қадағалау' }).click();
    await page.locator('#code').fill(DEMO_CODE.toLowerCase().replace(/-/g, ' '));
    await page.getByRole('button', { name: 'Мәртебесін көрсету' }).click();
    await page.waitForSelector('.tracked');
    // The code went in the POST body, not the address.
    expect(page.url()).toBe(`${site.base}/kk/track`);
    const facts = await page.locator('.tracked dl.facts').textContent();
    expect(facts).toContain('Шешілу үстінде');
    // Its deadline and responsible body, as the demo has them (the README's problem, looked up).
    const { due, body } = site.app.db.$client
      .prepare('select i.due_date as due, o.name_kk as body from issues i join organizations o on o.id = i.responsible_organization_id where i.id = ?')
      .get(DEMO_PROBLEM) as { due: string; body: string };
    expect(facts).toContain(new Intl.DateTimeFormat('kk-KZ', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${due}T00:00:00Z`)));
    expect(facts).toContain(body);
    const updates = (await site.app.services.issues.trackIssue(DEMO_CODE, 'test')).updates.length;
    expect(await page.locator('.tracked ol.history > li').count()).toBe(updates);
    expect(await page.locator('.answer').count()).toBe(0);

    await page.getByRole('link', { name: 'Басқа кодты қадағалау' }).click();
    await page.locator('#code').fill('AAAA-BBBB-CCCCC');
    await page.getByRole('button', { name: 'Мәртебесін көрсету' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Мұндай қадағалау коды бар мәселе табылмады');
  });

  it('confirms one resolution and disputes another, with a public comment', async () => {
    const [toConfirm, toDispute] = trackingCodes(site.app, 'RESOLVED', 2);
    for (const { code } of [toConfirm!, toDispute!]) {
      await page.goto(`${site.base}/ru/track`);
      await page.locator('#code').fill(code);
      await page.getByRole('button', { name: 'Показать статус' }).click();
      await page.waitForSelector('.answer');
      if (code === toConfirm!.code) {
        await page.getByRole('button', { name: 'Да, решена' }).click();
        expect(await page.getByRole('status').textContent()).toContain('Вы подтвердили решение');
        expect(await page.locator('.tracked dl.facts').textContent()).toContain('Закрыта');
      } else {
        await page.getByLabel(/Что ещё не так/).fill('Вода так и не появилась');
        await page.getByRole('button', { name: 'Нет, не решена' }).click();
        expect(await page.getByRole('status').textContent()).toContain('Проблема открыта повторно');
        expect(await page.locator('.tracked ol.history').textContent()).toContain('Вода так и не появилась');
      }
      expect(await page.locator('.answer').count()).toBe(0);
    }
    expect((await site.app.services.issues.findIssue(toConfirm!.id))?.status).toBe('CLOSED');
    expect((await site.app.services.issues.findIssue(toDispute!.id))?.status).toBe('REOPENED');
    // The public page shows the citizen's comment in the history, and the new status.
    await page.goto(`${site.base}/ru/problems/${toDispute!.id}`);
    expect(await page.locator('ol.history').textContent()).toContain('Вода так и не появилась');
    expect(await page.locator('dl.facts').first().textContent()).toContain('Открыта повторно');
  });

  it("shows a body's list, its quarters and its widget", async () => {
    await page.goto(`${site.base}/kk/bodies/AKIMAT-KZ-19`);
    const latest = site.app.services.search.publishedQuarters()[0]!;
    const doc = await site.app.services.openData.bodyDocument(latest, 'AKIMAT-KZ-19');
    expect(await page.locator('table.items tbody tr').count()).toBe(Math.min(doc!.items.length, 50));
    expect(await page.locator('#widget-code').inputValue()).toContain(`<iframe src="${site.base}/kk/widget/bodies/AKIMAT-KZ-19"`);
    const preview = page.frameLocator('iframe.widget-preview');
    expect(await preview.locator('.tiles li').first().textContent()).toContain(String(doc!.figures.total));

    await page.locator('#quarter').selectOption('2025-Q4');
    await page.getByRole('button', { name: 'Көрсету' }).click();
    await page.waitForURL((url) => url.searchParams.get('quarter') === '2025-Q4');
    expect(await page.locator('#list').textContent()).toContain('2025-Q4');
  });

  it("opens a meeting from the calendar, its problems and the list's CSV", async () => {
    await page.goto(`${site.base}/en/meetings?region=KZ-19`);
    // A held meeting at which problems were raised (the upcoming ones have none yet).
    const hrefs = await page.locator('ol.meetings .when a').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
    const raised = new Set((site.app.db.$client.prepare('select distinct meeting_id as id from issues').all() as { id: number }[]).map((r) => r.id));
    const id = hrefs.map((href) => Number(href.split('/').pop())).find((n) => raised.has(n))!;
    expect(id).toBeDefined();
    await page.locator(`ol.meetings .when a[href="/en/meetings/${id}"]`).first().click();
    await page.waitForURL(`${site.base}/en/meetings/${id}`);
    const record = (await site.app.services.meetingRecords.findMeetingRecord(id))!;
    expect(await page.locator('h1').textContent()).toContain(record.unit.nameEn);
    expect(await page.locator('table.items tbody tr').count()).toBe(record.problems.length);
    expect(record.problems.length).toBeGreaterThan(0);
    const csv = await page.request.get(`${site.base}${await page.locator('.downloads a[type="text/csv"]').getAttribute('href')}`);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect((await csv.text()).trim().split('\r\n').length).toBe(record.problems.length + 1);
  });

  it('switches language from any page, keeping the page', async () => {
    await page.goto(`${site.base}/kk/meetings?region=KZ-19`);
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(`${site.base}/en/meetings?region=KZ-19`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe("Akims' meetings with the population");
    const ics = await page.locator('.subscribe a').getAttribute('href');
    expect(ics).toBe('/calendar/regions/KZ-19.ics?lang=en');
    const feed = await page.request.get(`${site.base}${ics}`);
    expect(feed.headers()['content-type']).toContain('text/calendar');
  });
});
