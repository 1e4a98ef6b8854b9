import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { contactValues, DEMO_CODE, DEMO_PROBLEM, startPublicSite, type PublicSite } from './helpers.ts';

// The public pages over HTTP, without a browser: languages, alternates, security headers, caching,
// size, personal data, the Atom feed of a search, and the pages every link leads to.

// At the top level, not in beforeAll: the helpers register their own afterAll clean-up.
const site: PublicSite = await startPublicSite();
const latest = site.app.services.search.publishedQuarters()[0]!;
const bodyCode = [...(await site.app.services.openData.quarterDocument(latest))!.bodies].sort((a, b) => b.total - a.total)[0]!.organizationCode;
/** A meeting at which problems were raised (looked up). */
const meetingId = (site.app.db.$client.prepare('select meeting_id as id from issues order by id limit 1').get() as { id: number }).id;

const text = async (path: string, headers: Record<string, string> = {}) => {
  const res = await site.get(path, headers);
  return { res, body: await res.text() };
};

/** One address of every kind of page, as a visitor reaches them. */
const pageTypes = () => [
  '/',
  `/quarters/2025-Q4`,
  `/bodies/${bodyCode}`,
  `/bodies/${bodyCode}?quarter=2025-Q4`,
  `/problems/${DEMO_PROBLEM}`,
  '/track',
  '/meetings',
  '/meetings?region=KZ-19',
  `/meetings/${meetingId}`,
  '/search',
  `/search?q=${encodeURIComponent('су')}`,
  `/search?q=${encodeURIComponent('вода')}&region=KZ-19&status=IN_PROGRESS&status=REOPENED&sort=due_date_asc`,
  '/search?page=5',
  '/regions',
  '/regions/KZ-19?quarter=2025-Q4',
  '/trends?region=KZ-19',
];

describe('languages', () => {
  it('sends / to the language the browser asks for, Kazakh by default', async () => {
    for (const [accept, lang] of [
      ['ru-RU,ru;q=0.9', 'ru'],
      ['en-GB,en;q=0.8', 'en'],
      ['de-DE, en;q=0.5', 'en'],
      ['de', 'kk'],
      ['', 'kk'],
      ['en;q=0.2, kk;q=0.9', 'kk'],
    ] as const) {
      const res = await site.get('/', accept ? { 'accept-language': accept } : {});
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(`/${lang}/`);
      expect(res.headers.get('vary')).toMatch(/accept-language/i);
    }
    expect((await site.get('/ru')).headers.get('location')).toBe('/ru/');
  });

  it('serves every page in kk, ru and en with a switcher and hreflang alternates', async () => {
    for (const path of pageTypes()) {
      for (const lang of ['kk', 'ru', 'en']) {
        const { res, body } = await text(`/${lang}${path}`);
        expect(res.status, `/${lang}${path}`).toBe(200);
        expect(body).toContain(`<html lang="${lang}">`);
        for (const other of ['kk', 'ru', 'en']) {
          expect(body).toContain(`<link rel="alternate" hreflang="${other}" href="${site.base}/${other}${path.replace(/&/g, '&amp;')}">`);
          expect(body).toMatch(new RegExp(`<a href="/${other}${escapeRegex(path.replace(/&/g, '&amp;'))}" hreflang="${other}" lang="${other}"`));
        }
        expect(body).toContain('hreflang="x-default"');
      }
    }
    const { body } = await text('/kk/');
    expect(body).toContain('Кездесулерде көтерілген мәселелер');
    expect((await text('/ru/')).body).toContain('Проблемы, поднятые на встречах');
    expect((await text('/en/')).body).toContain('Problems raised at meetings');
  });

  it('answers an unknown address with a 404 page in the language of its prefix', async () => {
    const { res, body } = await text('/ru/no-such-page');
    expect(res.status).toBe(404);
    expect(body).toContain('Страница не найдена');
    expect((await site.get('/kk/problems/999999')).status).toBe(404);
    expect((await site.get('/kk/bodies/NO-SUCH-BODY')).status).toBe(404);
    expect((await site.get('/kk/quarters/1999-Q1')).status).toBe(404);
    expect((await site.get('/kk/search?sort=sideways')).status).toBe(404);
  });
});

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('quality', () => {
  it('keeps every page under 100 KB, with no inline script or style', async () => {
    for (const path of [...pageTypes(), `/widget/bodies/${bodyCode}`, '/search/live?q=%D1%81%D1%83']) {
      const { res, body } = await text(`/kk${path}`);
      expect(res.status, path).toBe(200);
      expect(Buffer.byteLength(body), path).toBeLessThan(100 * 1024);
      expect(body, path).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
      expect(body, path).not.toMatch(/\sstyle="/i);
      expect(body, path).not.toMatch(/\son[a-z]+="/i);
    }
  });

  it('sends strict security headers, and lets only the widget be framed', async () => {
    const res = await site.get('/kk/');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    const widget = await site.get(`/kk/widget/bodies/${bodyCode}`);
    expect(widget.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(widget.headers.get('x-frame-options')).toBeNull();
    expect((await site.get('/assets/site.css')).headers.get('x-content-type-options')).toBe('nosniff');
  });

  it("caches published pages by the publications' content hash and revalidates with 304", async () => {
    for (const path of ['/kk/', `/kk/bodies/${bodyCode}`, `/kk/widget/bodies/${bodyCode}`, '/kk/search?q=%D1%81%D1%83', '/kk/search.atom']) {
      const first = await site.get(path);
      const etag = first.headers.get('etag');
      expect(etag, path).toMatch(/^W\/"/);
      expect(first.headers.get('cache-control'), path).toBe('public, max-age=300');
      // As a browser revalidates (fetch() alone would add "Cache-Control: no-cache", which forbids a 304).
      const again = await site.get(path, { 'if-none-match': etag!, 'cache-control': 'max-age=0' });
      expect(again.status, path).toBe(304);
    }
    // Another language or another query is another page.
    const kk = (await site.get('/kk/')).headers.get('etag');
    expect((await site.get('/ru/')).headers.get('etag')).not.toBe(kk);
    // Assets are immutable under their versioned address.
    const css = (await text('/kk/')).body.match(/href="(\/assets\/site\.css\?v=[0-9a-f]+)"/)![1]!;
    expect((await site.get(css)).headers.get('cache-control')).toContain('immutable');
  });

  it('shows no personal data (and stays under 100 KB) on any page', async () => {
    const contacts = contactValues(site.app);
    expect(contacts.length).toBeGreaterThan(300);
    const paths = new Set<string>(pageTypes().flatMap((p) => ['kk', 'ru', 'en'].map((l) => `/${l}${p}`)));
    const ids = site.app.db.$client.prepare('select id from issues').all() as { id: number }[];
    for (const { id } of ids) paths.add(`/kk/problems/${id}`);
    const doc = await site.app.services.openData.quarterDocument(latest);
    for (const b of doc!.bodies) {
      paths.add(`/ru/bodies/${b.organizationCode}`);
      paths.add(`/en/widget/bodies/${b.organizationCode}`);
    }
    for (const q of site.app.services.search.publishedQuarters()) paths.add(`/kk/quarters/${q}`);
    for (let page = 1; page <= 25; page++) paths.add(`/kk/search?page=${page}`);
    paths.add('/kk/search.atom');
    const regions = await site.app.services.geography.listRegions();
    for (const r of regions) paths.add(`/kk/meetings?region=${r.code}`);
    // Meeting pages where problems were raised, and the files of their problems (test/web/lists.test.ts crawls the rest).
    const meetings = site.app.db.$client.prepare('select distinct meeting_id as id from issues order by meeting_id limit 60').all() as { id: number }[];
    for (const { id } of meetings) paths.add(`/ru/meetings/${id}`);
    for (const { id } of meetings.slice(0, 20)) paths.add(`/api/meetings/${id}/problems.csv?lang=kk`);
    paths.add('/en/trends');
    let pages = '';
    for (const path of paths) {
      const { res, body } = await text(path);
      expect(res.status, path).toBe(200);
      expect(Buffer.byteLength(body), path).toBeLessThan(100 * 1024);
      pages += body;
    }
    // Tracking codes are the citizens' keys: printed on their receipts, never published. Every
    // 13- and 15-letter window of the pages' runs of capitals, digits and dashes is looked up, plain
    // and in its printed form: what pages.includes(code) for each code finds, in one pass.
    const codes = (site.app.db.$client.prepare('select tracking_code as code from issues').all() as { code: string }[]).map((r) => r.code);
    const forms = new Map(
      codes.flatMap(
        (code) =>
          [
            [code, code],
            [`${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`, code],
          ] as const,
      ),
    );
    const codesIn = (text: string) => {
      const found = new Set<string>();
      for (const [run] of text.matchAll(/[0-9A-Z-]{13,}/g)) {
        for (const width of [13, 15]) {
          for (let at = 0; at + width <= run.length; at++) {
            const code = forms.get(run.slice(at, at + width));
            if (code) found.add(code);
          }
        }
      }
      return [...found];
    };
    expect(codesIn(`<p>x${DEMO_CODE}y</p><p>${DEMO_CODE.replaceAll('-', '')}</p>`)).toHaveLength(1);
    expect(codesIn(pages)).toEqual([]);
    // And the tracking page as its citizen sees it.
    pages += await (await site.post('/kk/track', { code: DEMO_CODE })).text();
    expect(contacts.filter((value) => pages.includes(value))).toEqual([]);
  }, 120_000);
});

describe('published lists', () => {
  it('shows the latest quarter at a glance, with a chart and its text alternative, and the downloads', async () => {
    const { body } = await text('/en/');
    const overview = await site.app.services.openData.quarterDocument(latest);
    expect(body).toContain(`Problems raised at meetings, quarter ${latest}`);
    expect(body).toMatch(/<svg[^>]+role="img"[^>]+aria-labelledby="status-chart-title status-chart-desc"/);
    const inProgress = overview!.items.filter((i) => i.status === 'IN_PROGRESS').length;
    expect(body).toMatch(new RegExp(`<desc id="status-chart-desc">[^<]*In progress: ${inProgress}`));
    expect(body).toContain(`href="/open-data/quarters/${latest}.csv"`);
    expect(body).toContain('href="/en/quarters/2025-Q4"');
    const csv = await site.get(`/open-data/quarters/${latest}.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
  });

  it("lists a body's problems with plan and progress, its changes, figures and widget snippet", async () => {
    const { body } = await text(`/en/bodies/${bodyCode}`);
    const doc = await site.app.services.openData.bodyDocument(latest, bodyCode);
    for (const item of doc!.items.slice(0, 50)) expect(body).toContain(`href="/en/problems/${item.id}"`);
    expect(body).toContain('How it is being solved');
    expect(body).toContain(`Changes since the previous quarter (${doc!.previous})`);
    expect(body).toContain('Published figures');
    expect(body).toContain(`&lt;iframe src=&quot;${site.base}/en/widget/bodies/${bodyCode}&quot;`);
    expect(body).toContain(`/feeds/bodies/${bodyCode}.atom?lang=en`);
    const widget = await text(`/en/widget/bodies/${bodyCode}`);
    expect(widget.res.status).toBe(200);
    expect(widget.body).toContain(`${site.base}/en/bodies/${bodyCode}`);
  });
});

describe('search', () => {
  it('narrows by facets, keeps other values of a facet tickable, and pages through', async () => {
    const all = await site.app.services.search.searchIssues(null, { query: '', filter: {} });
    const almaty = await site.app.services.search.searchIssues(null, { query: '', filter: { regionCodes: ['KZ-19'] } });
    const { body } = await text('/en/search?region=KZ-19');
    expect(body).toContain(`Problems found: ${almaty.total}`);
    // The region facet still offers the other regions, counted without the region filter.
    const regions = all.facets.find((f) => f.field === 'regionId')!.values;
    expect(regions.length).toBeGreaterThan(1);
    for (const r of regions) expect(body).toContain(`value="${r.value}"`);
    expect(body).toMatch(/id="f-region-\d+" name="region" value="KZ-19" checked/);
    expect(body).toContain('rel="next"');
  });

  it('highlights matched words, Kazakh letters included', async () => {
    const { body } = await text(`/kk/search?q=${encodeURIComponent('құбыр')}`);
    expect(body).toMatch(/<mark>құбыр<\/mark>/i);
  });

  it('suggests a spelling, says what date the results are as of, and offers the search as CSV and JSON', async () => {
    const q = encodeURIComponent('кубр');
    const { body } = await text(`/en/search?q=${q}&region=KZ-19`);
    expect(body).toMatch(/Did you mean <a href="[^"]+">«құбыр»<\/a>/);
    expect(body).toMatch(/Quarter \d{4}-Q\d, as of /);
    const href = (format: string) => body.match(new RegExp(`href="(/api/search\\.${format}[^"]*)"`))![1]!.replace(/&amp;/g, '&');
    expect(href('csv')).toBe(`/api/search.csv?q=${q}&region=KZ-19&lang=en`);
    expect(href('json')).toBe(`/api/search.json?q=${q}&region=KZ-19&lang=en`);
    const json = (await (await site.get(href('json').replace(q, encodeURIComponent('құбыр')))).json()) as { total: number; exported: number };
    expect(json.total).toBeGreaterThan(0);
    expect(json.exported).toBe(json.total);
  });

  it('follows any search as Atom', async () => {
    const q = encodeURIComponent('су');
    const page = (await text(`/kk/search?q=${q}&region=KZ-19`)).body;
    const href = page.match(/<link rel="alternate" type="application\/atom\+xml" title="[^"]+" href="([^"]+)"/)![1]!.replace(/&amp;/g, '&');
    expect(href).toBe(`/kk/search.atom?q=${q}&region=KZ-19`);
    const { res, body } = await text(href);
    expect(res.headers.get('content-type')).toContain('application/atom+xml');
    const feed = new XMLParser({ ignoreAttributes: false }).parse(body).feed;
    expect(feed.title).toContain('су');
    const entries = [feed.entry].flat();
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) expect(e.link['@_href']).toMatch(new RegExp(`^${site.base}/kk/problems/\\d+$`));
  });
});

describe('tracking', () => {
  it('shows live status, plan, deadline and history for a code, never cached', async () => {
    // The README's code, typed as people do: lower case, spaces for dashes.
    const res = await site.post('/ru/track', { code: DEMO_CODE.toLowerCase().replace(/-/g, ' ') });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.text();
    expect(body).toContain('В работе');
    expect(body).toContain('Публичная история');
    const { due } = site.app.db.$client.prepare('select due_date as due from issues where id = ?').get(DEMO_PROBLEM) as { due: string };
    expect(body).toContain(`<time datetime="${due}">`);
    expect(body).toContain('<meta name="robots" content="noindex">');
    const wrong = await site.post('/ru/track', { code: 'AAAA-BBBB-CCCCC' });
    expect(wrong.status).toBe(404);
    expect(await wrong.text()).toContain('Проблема с таким кодом отслеживания не найдена');
  });

  it('refuses a confirmation without a token minted for this code, or from another site', async () => {
    const [resolved] = site.app.db.$client.prepare("select tracking_code as code from issues where status = 'RESOLVED' order by id desc limit 1").all() as {
      code: string;
    }[];
    const page = await (await site.post('/kk/track', { code: resolved!.code })).text();
    const token = page.match(/action="\/kk\/track\/confirm"[\s\S]*?name="token" value="([^"]+)"/)![1]!;
    expect((await site.post('/kk/track/confirm', { code: resolved!.code, token: 'forged' })).status).toBe(403);
    expect((await site.post('/kk/track/confirm', { code: DEMO_CODE, token })).status).toBe(403);
    expect((await site.post('/kk/track/confirm', { code: resolved!.code, token }, { origin: 'https://evil.example' })).status).toBe(403);
    const status = site.app.db.$client.prepare('select status from issues where tracking_code = ?').get(resolved!.code) as { status: string };
    expect(status.status).toBe('RESOLVED');
  });
});
