import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { serveHttp } from '../helpers/http.ts';
import { graphql } from '../helpers/graphql.ts';

// The decree obliges ministries, national holdings and national companies to publish their list
// every quarter; akimats' (and other bodies') lists are an extra the product publishes the same way.

const app = createTestApp();

/** A body of the given kind that has a published list (looked up, not pinned to demo data). */
async function publishedBodyOf(kinds: string[]): Promise<string> {
  const res = await app.gql(graphql(`{ publications { year quarter bodies { organization { code kind } } } }`));
  for (const p of res.data.publications) {
    const body = p.bodies.find((b: { organization: { kind: string } }) => kinds.includes(b.organization.kind));
    if (body) return body.organization.code;
  }
  throw new Error(`no published body of kinds ${kinds.join(', ')}`);
}

describe('who must publish every quarter', () => {
  it('says in the API which bodies the decree obliges', async () => {
    const res = await app.gql(graphql(`{ organizations { code kind publishesUnderDecree } }`));
    const orgs = res.data.organizations as { code: string; kind: string; publishesUnderDecree: boolean }[];
    expect(orgs.length).toBeGreaterThan(0);
    for (const o of orgs) expect(o.publishesUnderDecree, o.code).toBe(['CENTRAL_EXECUTIVE_BODY', 'NATIONAL_HOLDING', 'NATIONAL_COMPANY'].includes(o.kind));
    expect(orgs.some((o) => o.kind === 'LOCAL_EXECUTIVE_BODY' && !o.publishesUnderDecree)).toBe(true);
  });

  it("labels a ministry's list as the decree's and an akimat's as an extra, in kk, ru and en", async () => {
    const http = await serveHttp(app);
    const ministry = await publishedBodyOf(['CENTRAL_EXECUTIVE_BODY']);
    const akimat = await publishedBodyOf(['LOCAL_EXECUTIVE_BODY']);
    const page = async (lang: string, code: string) => (await http.get(`/${lang}/bodies/${encodeURIComponent(code)}`)).text();

    const ministryEn = await page('en', ministry);
    expect(ministryEn).toContain('The list the decree obliges this body to publish every quarter');
    const akimatEn = await page('en', akimat);
    expect(akimatEn).toContain('The decree obliges only ministries, national holdings and national companies to publish such a list every quarter');
    expect(akimatEn).not.toContain('The list the decree obliges this body');
    expect(akimatEn).toContain('akimats&#39; lists are published here as well');

    expect(await page('ru', akimat)).toContain('Указ обязывает ежеквартально публиковать такой список только министерства');
    expect(await page('ru', ministry)).toContain('Список, который Указ обязывает этот орган публиковать ежеквартально');
    expect(await page('kk', akimat)).toContain('тек министрліктерге, ұлттық холдингтер мен ұлттық компанияларға міндеттейді');
    expect(await page('kk', ministry)).toContain('Жарлық осы органға әр тоқсан сайын жариялауды міндеттейтін тізім');
  });
});
