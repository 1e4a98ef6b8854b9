import { request } from 'node:http';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { serveHttp } from '../helpers/http.ts';
import { CONTROL, databaseHash, expectClean, IMPOSSIBLE_DATES, IMPOSSIBLE_DATE_TIMES, nastyString, PROPERTY, rowWrites, runs, type Answer } from './hostile.ts';
import { graphql } from '../helpers/graphql.ts';

// Every GET route a visitor reaches (pages, /api/search, open data, Open311, feeds, calendars,
// assets, GET /graphql), with hostile query strings and hostile path segments (malformed percent
// escapes among them). No answer may be a 5xx, show a stack or a path, or write a row.

const app = createTestApp({ seed: 'demo' });
await app.services.publication.publishDue({ delayHours: 0 });
await app.services.search.quarterPublished();
const http = await serveHttp(app);
const port = Number(new URL(http.base).port);

/** Real segments (looked up, not pinned) so that some requests reach the data. */
const real = { quarter: '', region: '', organization: '', unit: '', problem: '' };
let hashBefore = '';
beforeAll(async () => {
  hashBefore = databaseHash(app);
  const res = await app.gql(
    graphql(`{ latestPublication { year quarter } regions { code units { code } } organizations { code } issues(first: 1) { edges { node { number } } } }`),
  );
  const p = res.data.latestPublication;
  real.quarter = `${p!.year}-Q${p!.quarter}`;
  real.region = res.data.regions[0]!.code;
  real.unit = res.data.regions.find((r) => r.units.length)?.units[0]?.code ?? real.region;
  real.organization = res.data.organizations[0]!.code;
  real.problem = String(res.data.issues.edges[0]!.node.number);
});

/** Route templates; `{x}` is a path segment, filled with a real value or a hostile one. */
const ROUTES = [
  '/',
  '/{lang}/',
  '/{lang}/quarters/{quarter}',
  '/{lang}/bodies/{organization}',
  '/{lang}/widget/bodies/{organization}',
  '/{lang}/problems/{problem}',
  '/{lang}/track',
  '/{lang}/meetings',
  '/{lang}/search',
  '/{lang}/search/live',
  '/{lang}/search.atom',
  '/{lang}/staff/sign-in',
  '/{lang}/staff/queue',
  '/api/search',
  '/api/search/status',
  '/open-data/index.json',
  '/open-data/quarters/{quarter}.{format}',
  '/open-data/quarters/{quarter}/bodies/{organization}.{format}',
  '/open-data/rounds/{round}.{format}',
  '/feeds/publications.atom',
  '/feeds/bodies/{organization}.atom',
  '/open311/v2/services.{format311}',
  '/open311/v2/requests.{format311}',
  '/open311/v2/requests/{problem}.{format311}',
  '/calendar/regions/{region}.ics',
  '/calendar/units/{unit}.ics',
  '/assets/{asset}',
  '/healthz',
  '/graphql',
] as const;

/** Every query parameter any route reads, and a few it does not. */
const PARAMS = [
  'q',
  'quarter',
  'region',
  'organization',
  'unit',
  'kind',
  'status',
  'category',
  'overdue',
  'sort',
  'page',
  'per_page',
  'lang',
  'page_size',
  'start_date',
  'end_date',
  'service_code',
  'service_request_id',
  'jurisdiction_id',
  'next',
  'saved',
  'v',
  'year',
  'query',
  'variables',
  'extensions',
  'operationName',
  '__proto__',
  'constructor',
  'a[b]',
  'x',
];

/** Percent-encodes every byte but unreserved ones (a lone surrogate becomes U+FFFD's bytes; encodeURIComponent would throw). */
const enc = (s: string) =>
  [...Buffer.from(s, 'utf8')]
    .map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('');

const MALFORMED_ESCAPES = ['%', '%E0%A4%A', '%zz', '%C0%AF', '%ED%A0%80', '%00', '%2e%2e%2f', '..%2f..%2f', '%252e', '%F0%9F', '%u0041'];

/** A path or query piece: raw (may be a malformed escape) or an encoded hostile string. */
const segment = fc.oneof(
  { arbitrary: fc.constantFrom(...MALFORMED_ESCAPES), weight: 3 },
  { arbitrary: nastyString.map((s) => enc(s.slice(0, 2_000)).replace(/%25/g, () => '%')), weight: 1 },
  { arbitrary: nastyString.map((s) => enc(s.slice(0, 2_000))), weight: 3 },
  { arbitrary: fc.constantFrom(...CONTROL).map(enc), weight: 1 },
);

function fill(template: string, hostile: Record<string, string | undefined>, lang: string, formats: [string, string]): string {
  const realValues: Record<string, string> = {
    lang,
    quarter: real.quarter,
    organization: real.organization,
    problem: real.problem,
    region: real.region,
    unit: real.unit,
    round: `${real.quarter.slice(0, 4)}-H1`,
    asset: 'site.css',
    format: formats[0],
    format311: formats[1],
  };
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => hostile[name] ?? realValues[name]!);
}

const queryValue = fc.oneof(
  { arbitrary: segment, weight: 4 },
  { arbitrary: fc.constantFrom(...IMPOSSIBLE_DATES, ...IMPOSSIBLE_DATE_TIMES).map(enc), weight: 1 },
  {
    arbitrary: fc.constantFrom('IN_PROGRESS', 'open', 'closed', 'true', '1', '0', '-1', '99999999999', 'raised_desc', 'ru', 'xml', '{', '%7Bnot-json'),
    weight: 2,
  },
  { arbitrary: fc.constantFrom('{ issues(first: 1) { totalCount } }', '{ __schema { types { name } } }', 'mutation { signOut }').map(enc), weight: 1 },
);

const queryString = fc
  .array(fc.tuple(fc.constantFrom(...PARAMS), queryValue), { maxLength: 6 })
  .chain((pairs) =>
    fc
      .constantFrom('', '?', '&&')
      .map((lead) => (pairs.length ? `?${lead.replace('?', '')}${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&')}` : lead && `?${lead}`)),
  );

/** A GET straight over node:http, so malformed escapes reach the server as written. */
function get(path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { accept: '*/*' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function checkGet(path: string) {
  expectClean(`GET ${path}`, await get(path));
}

describe('every GET route with hostile input', () => {
  it('every query parameter of every route', async () => {
    const before = rowWrites(app);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), fc.constantFrom('kk', 'ru', 'en'), queryString, async (route, lang, query) => {
        await checkGet(`${fill(route, {}, lang, ['json', 'json'])}${query}`);
      }),
      { ...PROPERTY, numRuns: runs(120) },
    );
    expect(rowWrites(app)).toBe(before);
  });

  it('every path segment of every route, with malformed escapes', async () => {
    const before = rowWrites(app);
    const names = ['lang', 'quarter', 'organization', 'problem', 'region', 'unit', 'round', 'asset', 'format', 'format311'] as const;
    const hostile = fc.record(Object.fromEntries(names.map((n) => [n, segment])), { requiredKeys: [] }) as fc.Arbitrary<Record<string, string | undefined>>;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        hostile,
        fc.constantFrom(['csv', 'json'], ['json', 'xml']) as fc.Arbitrary<[string, string]>,
        async (route, parts, formats) => {
          await checkGet(fill(route, parts, 'kk', formats));
        },
      ),
      { ...PROPERTY, numRuns: runs(120) },
    );
    expect(rowWrites(app)).toBe(before);
  });

  it('paths nobody routes, with escapes anywhere', async () => {
    const pathOf = fc.array(fc.oneof(segment, fc.constantFrom('kk', 'open-data', 'feeds', 'open311', 'v2', 'calendar', 'assets', 'staff', '..', '.', '')), {
      minLength: 1,
      maxLength: 5,
    });
    await fc.assert(
      fc.asyncProperty(pathOf, async (parts) => checkGet(`/${parts.join('/')}`)),
      { ...PROPERTY, numRuns: runs(60) },
    );
  });

  it('left every table as it found it', () => expect(databaseHash(app)).toBe(hashBefore));
});
