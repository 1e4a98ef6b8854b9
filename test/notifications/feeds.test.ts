import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { serveHttp } from '../helpers/http.ts';
import { CITIZEN, issueIn, signInAll, type Fixture, type Tokens } from '../workflows/helpers.ts';

// The live Atom feeds of a problem and of a region, and their discovery links on the problem page.

const atom = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['entry', 'link'].includes(name) });

describe('live Atom feeds', () => {
  const app = createTestApp();
  let http: Awaited<ReturnType<typeof serveHttp>>;
  let tokens: Tokens;
  let issue: Fixture;

  beforeAll(async () => {
    http = await serveHttp(app);
    tokens = await signInAll(app);
    issue = await issueIn(app, tokens, 'RESOLVED', 'Көшеде <script>alert(1)</script> & шам жоқ');
  });

  it("a problem's feed carries its public history, newest first, escaped, without anything personal", async () => {
    const res = await http.get(`/feeds/issues/${issue.number}.atom?lang=ru`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await res.text();
    const { feed } = atom.parse(xml);
    expect(feed.id).toBe(`urn:jauap:feeds:issues:${issue.number}`);
    expect(feed.link.find((l: any) => l['@rel'] === 'self')['@href']).toBe(`${http.base}/feeds/issues/${issue.number}.atom?lang=ru`);
    const titles = feed.entry.map((e: any) => (typeof e.title === 'string' ? e.title : e.title['#text']));
    // Recorded, assigned, in progress, resolved: four entries, the resolution first.
    expect(feed.entry).toHaveLength(4);
    expect(titles[0]).toContain('Обновлён ход исполнения');
    expect(feed.entry[0].id).toMatch(new RegExp(`^urn:jauap:problem:${issue.number}:event:\\d+$`));
    expect(xml).not.toContain('<script>alert');
    expect(xml).toContain('Құбыр іске қосылды');
    for (const secret of [issue.trackingCode, issue.trackingCode.replace(/-/g, ''), CITIZEN.fullName, CITIZEN.iin, '555']) expect(xml).not.toContain(secret);
    // Unchanged problem, same bytes (and so the same ETag): `updated` is the newest event's time, never "now".
    const again = await http.get(`/feeds/issues/${issue.number}.atom?lang=ru`);
    expect(await again.text()).toBe(xml);
    expect(again.headers.get('etag')).toBe(res.headers.get('etag'));
  });

  it("a region's feed shows the newest events of its problems, and only its own", async () => {
    const { feed } = atom.parse(await (await http.get('/feeds/regions/KZ-19.atom?lang=en')).text());
    expect(feed.id).toBe('urn:jauap:feeds:regions:KZ-19');
    expect(feed.entry.length).toBeGreaterThan(0);
    expect(feed.entry.length).toBeLessThanOrEqual(50);
    expect(feed.entry[0].id).toMatch(new RegExp(`^urn:jauap:problem:${issue.number}:event:`));
    const ids = feed.entry.map((e: any) => Number(/problem:(\d+):/.exec(e.id)![1]));
    const regions = app.db.$client
      .prepare(`select distinct u.code from issues i join units u on u.id = i.region_id where i.id in (${ids.join(',')})`)
      .pluck()
      .all();
    expect(regions).toEqual(['KZ-19']);
    // Newest first: entry times never go up.
    const times = feed.entry.map((e: any) => Date.parse(e.updated));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const other = atom.parse(await (await http.get('/feeds/regions/KZ-75.atom?lang=en')).text());
    const otherIds = (other.feed.entry ?? []).map((e: any) => e.id);
    expect(otherIds.some((id: string) => id.startsWith(`urn:jauap:problem:${issue.number}:`))).toBe(false);
  });

  it('unknown problems, districts and malformed names are a 404 with a code', async () => {
    const district = app.db.$client.prepare("select code from units where kind = 'DISTRICT' limit 1").pluck().get() as string;
    for (const path of [
      '/feeds/issues/999999999.atom',
      '/feeds/issues/abc.atom',
      '/feeds/regions/KZ-00.atom',
      `/feeds/regions/${district}.atom`,
      '/feeds/regions/..%2F.atom',
    ]) {
      const res = await http.get(path);
      expect(res.status, path).toBe(404);
      expect((await res.json()).error.code).toMatch(/not_found$/);
    }
  });

  it('the problem page links both feeds with rel="alternate" and in its text', async () => {
    const page = await (await http.get(`/kk/problems/${issue.number}`)).text();
    expect(page).toContain(
      `<link rel="alternate" type="application/atom+xml" title="Осы мәселені бақылау (Atom)" href="/feeds/issues/${issue.number}.atom?lang=kk">`,
    );
    expect(page).toMatch(/<link rel="alternate" type="application\/atom\+xml" title="[^"]+" href="\/feeds\/regions\/KZ-19\.atom\?lang=kk">/);
    expect(page).toContain(`<a href="/feeds/issues/${issue.number}.atom?lang=kk" type="application/atom+xml">`);
  });
});
