import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { ISSUE_CATEGORIES } from '../../src/modules/shared/enums.ts';
import { createTestApp } from '../helpers/app.ts';
import { clearPublications, PUBLISH, serveHttp, signIn } from './helpers.ts';
import { asType, graphql } from '../helpers/graphql.ts';

// Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2), read side, over the latest publication.

const app = createTestApp({ seed: 'demo' });
const http = await serveHttp(app);
const xml = new XMLParser({ isArray: (name) => ['service', 'request', 'error'].includes(name), parseTagValue: false });

/** The spec's fields of a service and of a service request (lat/long, zipcode and media_url left out). */
const SERVICE_FIELDS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'];
const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
];
const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+05:00$/;

const json = async (path: string) => {
  const res = await http.get(path);
  return { res, body: await res.json() };
};

async function allRequests(query = ''): Promise<any[]> {
  const out: any[] = [];
  for (let page = 1; ; page += 1) {
    const { res, body } = await json(`/open311/v2/requests.json?page_size=100&page=${page}${query}`);
    expect(res.status).toBe(200);
    out.push(...body);
    if (out.length >= Number(res.headers.get('x-total-count'))) return out;
  }
}

describe('Open311 GeoReport v2', () => {
  beforeAll(() => clearPublications(app));

  it('answers with an empty list before anything is published', async () => {
    const { res, body } = await json('/open311/v2/requests.json');
    expect(res.status).toBe(200);
    expect(body).toEqual([]);
    expect(res.headers.get('x-total-count')).toBe('0');
  });

  it('lists the categories as services, in JSON and in XML', async () => {
    const { res, body } = await json('/open311/v2/services.json?lang=en');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(body.map((s: any) => s.service_code)).toEqual([...ISSUE_CATEGORIES]);
    for (const service of body) {
      expect(Object.keys(service)).toEqual(SERVICE_FIELDS);
      expect(service).toMatchObject({ metadata: 'false', type: 'realtime' });
    }
    expect(body.find((s: any) => s.service_code === 'ROADS').service_name).toBe('Roads');
    const res2 = await http.get('/open311/v2/services.xml', { 'accept-language': 'ru' });
    expect(res2.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const parsed = xml.parse(await res2.text());
    expect(parsed.services.service.length).toBe(ISSUE_CATEGORIES.length);
    expect(Object.keys(parsed.services.service[0])).toEqual(SERVICE_FIELDS);
    expect(parsed.services.service.find((s: any) => s.service_code === 'ROADS').service_name).toBe('Дороги');
  });

  describe('service requests from the latest publication', () => {
    let latest: { label: string; itemCount: number };

    beforeAll(async () => {
      const government = await signIn(app, 'government@jauap.demo');
      const res = await app.gql(PUBLISH, { y: 2026, q: 3 }, { token: government });
      latest = asType(res.data.publishQuarter, 'MutationPublishQuarterSuccess').data;
      expect(latest.label).toBe('2026-Q3');
    });

    it("returns every published problem with exactly the spec's fields, page by page", async () => {
      const { res, body } = await json('/open311/v2/requests.json');
      expect(body.length).toBe(Math.min(100, latest.itemCount));
      expect(res.headers.get('x-total-count')).toBe(String(latest.itemCount));
      const all = await allRequests();
      expect(all.length).toBe(latest.itemCount);
      expect(new Set(all.map((r) => r.service_request_id)).size).toBe(latest.itemCount);
      for (const r of all) {
        expect(Object.keys(r)).toEqual(REQUEST_FIELDS);
        expect(['open', 'closed']).toContain(r.status);
        expect(ISSUE_CATEGORIES).toContain(r.service_code);
        expect(r.requested_datetime).toMatch(W3C);
        expect(r.updated_datetime).toMatch(W3C);
        if (r.expected_datetime) expect(r.expected_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T23:59:59\+05:00$/);
        expect(r).not.toHaveProperty('lat');
        expect(r).not.toHaveProperty('long');
      }
      // Newest first, by the time the problem was raised.
      const times = all.map((r) => Date.parse(r.requested_datetime));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
    });

    it('matches the published quarter item by item', async () => {
      const items = (
        await app.gql(
          graphql(`{ publication(year: 2026, quarter: 3) { items(first: 100) { edges { node {
        number status resolutionPlan dueDate publicNote category text organization { code name(lang: ru) } unit { code } } } } } }`),
        )
      ).data.publication!.items.edges;
      for (const { node } of items.slice(0, 20)) {
        const { res, body } = await json(`/open311/v2/requests/${node.number}.json?lang=ru`);
        expect(res.status).toBe(200);
        expect(body).toHaveLength(1);
        expect(body[0]).toMatchObject({
          service_request_id: String(node.number),
          status: ['RESOLVED', 'CLOSED', 'DECLINED'].includes(node.status) ? 'closed' : 'open',
          status_notes: node.publicNote ?? '',
          service_code: node.category,
          description: node.text,
          agency_responsible: node.organization.name,
          service_notice: node.resolutionPlan ?? '',
          expected_datetime: node.dueDate ? `${node.dueDate}T23:59:59+05:00` : '',
          address_id: node.unit.code,
        });
      }
      const res = await http.get(`/open311/v2/requests/${items[0]!.node.number}.xml`);
      const parsed = xml.parse(await res.text());
      expect(parsed.service_requests.request).toHaveLength(1);
      expect(Object.keys(parsed.service_requests.request[0])).toEqual(REQUEST_FIELDS);
      expect(parsed.service_requests.request[0].service_request_id).toBe(String(items[0]!.node.number));
    });

    it('filters by service_code, status, start_date and end_date', async () => {
      const roads = await allRequests('&service_code=ROADS,WATER_SUPPLY');
      expect(roads.length).toBeGreaterThan(0);
      expect(roads.every((r) => ['ROADS', 'WATER_SUPPLY'].includes(r.service_code))).toBe(true);

      const closed = await allRequests('&status=closed');
      const open = await allRequests('&status=open');
      expect(closed.every((r) => r.status === 'closed')).toBe(true);
      expect(open.every((r) => r.status === 'open')).toBe(true);
      expect(closed.length + open.length).toBe(latest.itemCount);
      const finished = (
        await app.gql(graphql('{ publication(year: 2026, quarter: 3) { items(filter: { statuses: [RESOLVED, CLOSED, DECLINED] }) { totalCount } } }'))
      ).data.publication!.items.totalCount;
      expect(closed.length).toBe(finished);
      expect((await allRequests('&status=open,closed')).length).toBe(latest.itemCount);

      // A bare date is that day in Kazakhstan; a date-time is taken with its offset.
      const spring = await allRequests('&start_date=2026-03-01&end_date=2026-05-31');
      expect(spring.length).toBeGreaterThan(0);
      for (const r of spring) expect(r.requested_datetime.slice(0, 10) >= '2026-03-01' && r.requested_datetime.slice(0, 10) <= '2026-05-31').toBe(true);
      const all = await allRequests();
      const expected = all.filter((r) => r.requested_datetime.slice(0, 10) >= '2026-03-01' && r.requested_datetime.slice(0, 10) <= '2026-05-31');
      expect(spring.length).toBe(expected.length);
      const since = await allRequests('&start_date=2026-09-01T00:00:00%2B05:00');
      expect(since.every((r) => r.requested_datetime >= '2026-09-01T00:00:00+05:00')).toBe(true);
      // With service_request_id, the other filters are ignored (the spec).
      const ids = all.slice(0, 3).map((r) => r.service_request_id);
      const { body } = await json(`/open311/v2/requests.json?service_request_id=${ids.join(',')}&status=closed&service_code=LAND`);
      expect(body.map((r: any) => r.service_request_id).sort()).toEqual([...ids].sort());
    });

    it('pages without overlap (page and page_size, an extension)', async () => {
      const one = (await json('/open311/v2/requests.json?page_size=10&page=1')).body;
      const two = (await json('/open311/v2/requests.json?page_size=10&page=2')).body;
      expect(one).toHaveLength(10);
      expect(two).toHaveLength(10);
      const ids = new Set([...one, ...two].map((r: any) => r.service_request_id));
      expect(ids.size).toBe(20);
      const beyond = await json(`/open311/v2/requests.json?page_size=1000&page=${Math.ceil(latest.itemCount / 1000) + 1}`);
      expect(beyond.body).toEqual([]);
    });

    it("reports errors in the spec's format", async () => {
      const missing = await http.get('/open311/v2/requests/99999999.json');
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual([{ code: 404, description: expect.any(String) }]);
      const missingXml = await http.get('/open311/v2/requests/99999999.xml');
      expect(xml.parse(await missingXml.text()).errors.error[0].code).toBe('404');
      for (const query of [
        'status=pending',
        'service_code=NOPE',
        'start_date=yesterday',
        'page_size=5000',
        'page=0',
        'start_date=2026-05-01&end_date=2026-04-01',
      ]) {
        const res = await http.get(`/open311/v2/requests.json?${query}`);
        expect(res.status, query).toBe(400);
        expect((await res.json())[0].code).toBe(400);
      }
      expect((await http.get('/open311/v2/unknown.json')).status).toBe(404);
    });

    it("answers impossible dates with 400 in the spec's format, never cached", async () => {
      for (const query of ['start_date=2026-13-01', 'end_date=2026-02-30', 'start_date=2026-02-30T10:00:00%2B05:00', 'start_date=2026-06-01T24:00:00Z']) {
        for (const format of ['json', 'xml']) {
          const res = await http.get(`/open311/v2/requests.${format}?${query}`);
          expect(res.status, `${format} ${query}`).toBe(400);
          expect(res.headers.get('cache-control'), query).toBe('no-store');
          const body = await res.text();
          expect(body).not.toMatch(/RangeError|\bat \w/);
          if (format === 'json') expect(JSON.parse(body)[0].code).toBe(400);
          else expect(xml.parse(body).errors.error[0].code).toBe('400');
        }
      }
      // W3C's offset without a colon is still understood.
      expect((await http.get('/open311/v2/requests.json?start_date=2026-09-01T00:00:00%2B0500')).status).toBe(200);
    });
  });
});
