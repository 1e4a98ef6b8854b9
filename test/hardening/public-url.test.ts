import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { serveHttp } from '../helpers/http.ts';
import { graphql } from '../helpers/graphql.ts';
import { StaffClient } from '../staff/helpers.ts';

// Every absolute link the server writes starts with PUBLIC_URL, whatever Host and X-Forwarded-*
// headers a client sends, even with TRUST_PROXY believing the loopback "proxy" the test is.

const PUBLIC_URL = 'https://jauap.example.kz';
const app = createTestApp({ seed: 'demo', env: { PUBLIC_URL: `${PUBLIC_URL}/`, TRUST_PROXY: 'loopback' } });
await app.services.publication.publishDue({ delayHours: 0 });
await app.services.search.quarterPublished();
const http = await serveHttp(app);
const port = Number(new URL(http.base).port);

const HOSTILE = {
  host: 'evil.example',
  'x-forwarded-host': 'evil-forwarded.example',
  'x-forwarded-proto': 'gopher',
  'x-forwarded-port': '6666',
  forwarded: 'host=evil-standard.example;proto=http',
};

/** A GET with headers fetch would not send (Host), straight over node:http. */
function hostileGet(path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: HOSTILE }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Absolute URLs in a body (JSON, XML, HTML with &amp;, iCalendar with folded lines unfolded). */
function absoluteUrls(body: string): string[] {
  const unfolded = body.replace(/\r?\n[ \t]/g, '');
  return [...unfolded.matchAll(/https?:\/\/[^\s"'<>\\,;]+/g)].map((m) => m[0]);
}

/** URLs that are the site's own: everything but XML namespaces and the links the data carries (broadcasts). */
const OURS = /\/(open-data|feeds|calendar|open311|kk|ru|en)\//;

function expectOnlyPublicLinks(path: string, body: string, atLeast: number) {
  expect(body, path).not.toMatch(/evil|gopher|:6666/);
  const ours = absoluteUrls(body).filter((u) => OURS.test(`${new URL(u).pathname}/`) || new URL(u).host === `127.0.0.1:${port}`);
  for (const url of ours) expect(url.startsWith(`${PUBLIC_URL}/`), `${path}: ${url}`).toBe(true);
  expect(ours.length, path).toBeGreaterThanOrEqual(atLeast);
}

describe('links under a hostile Host and X-Forwarded-* headers', () => {
  it('open data: the catalogue and both Atom feeds', async () => {
    const index = await hostileGet('/open-data/index.json');
    expect(index.status).toBe(200);
    expectOnlyPublicLinks('index.json', index.body, 3);
    const body = (JSON.parse(index.body) as { publications: { bodies: { organizationCode: string }[] }[] }).publications[0]!.bodies[0]!.organizationCode;
    for (const path of ['/feeds/publications.atom', `/feeds/bodies/${body}.atom`]) {
      const feed = await hostileGet(path);
      expect(feed.status, path).toBe(200);
      expectOnlyPublicLinks(path, feed.body, 2);
    }
  });

  it('the search feed and the pages (language alternates, the widget snippet)', async () => {
    const code = (await app.gql(graphql('{ organizations(kind: [LOCAL_EXECUTIVE_BODY]) { code } }'))).data.organizations[0]!.code;
    for (const path of ['/kk/search.atom', '/kk/', '/en/search?q=a', `/ru/bodies/${code}`, `/kk/widget/bodies/${code}`]) {
      const res = await hostileGet(path);
      expect(res.status, path).toBe(200);
      expectOnlyPublicLinks(path, res.body, 1);
    }
    // The page cache keys on the path: a hostile request first must not leave its links for the next visitor.
    const plain = await (await http.get('/kk/')).text();
    expectOnlyPublicLinks('/kk/ after a hostile request', plain, 3);
  });

  it('the iCalendar feeds name their source under PUBLIC_URL', async () => {
    const region = (await app.gql(graphql('{ regions { code } }'))).data.regions[0]!.code;
    for (const path of [`/calendar/regions/${region}.ics`, `/calendar/regions/${region}.ics?lang=ru`]) {
      const res = await hostileGet(path);
      expect(res.status, path).toBe(200);
      expectOnlyPublicLinks(path, res.body, 1);
      expect(res.body.replace(/\r?\n[ \t]/g, '')).toContain(`SOURCE;VALUE=URI:${PUBLIC_URL}/calendar/regions/${region}.ics`);
    }
  });

  it('Open311 answers carry no address from the request', async () => {
    for (const path of ['/open311/v2/services.json', '/open311/v2/requests.json', '/open311/v2/requests.xml', '/open311/v2/requests/1.json']) {
      const res = await hostileGet(path);
      expect(res.status, path).toBeLessThan(500);
      expect(res.body, path).not.toMatch(/evil|gopher/);
      expect(JSON.stringify(res.headers), path).not.toMatch(/evil|gopher/);
    }
  });
});

describe('the staff console with PUBLIC_URL in production', () => {
  const production = createTestApp({ seed: 'demo', env: { NODE_ENV: 'production', PUBLIC_URL } });

  it('takes a form only from the public origin, not from the address the request was sent to', async () => {
    const site = await serveHttp(production);
    const sign = async (origin: string) => {
      const client = new StaffClient(site.base);
      const form = await client.get('/en/staff/sign-in');
      const token = /name="token" value="([^"]+)"/.exec(form.body)![1]!;
      return client.post('/en/staff/sign-in', { token, next: '/en/staff', email: 'energy@jauap.demo', password: 'jauap-demo-2026' }, { origin });
    };
    expect((await sign(site.base)).status).toBe(403);
    expect((await sign('https://evil.example')).status).toBe(403);
    expect((await sign(PUBLIC_URL)).status).toBe(303);
  });
});
