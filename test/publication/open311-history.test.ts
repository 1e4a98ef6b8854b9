import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { serveHttp } from '../helpers/http.ts';
import { call, CITIZEN, issueIn, signInAll, type Fixture } from '../workflows/helpers.ts';
import { PUBLISH } from './helpers.ts';

// Open311's history extension: with extensions=true each request carries `updates`, its public
// history as published for the quarter, in JSON and in XML, and nothing personal.

const app = createTestApp();
let fixture: Fixture;
let http: Awaited<ReturnType<typeof serveHttp>>;

beforeAll(async () => {
  const tokens = await signInAll(app);
  fixture = await issueIn(app, tokens, 'IN_PROGRESS', 'Ауылда су құбыры ағып жатыр');
  const noted = await call(
    app,
    'updateIssueProgress',
    { input: { issueId: fixture.id, progress: 40, publicNote: 'Құбырдың 200 метрі ауыстырылды' } },
    tokens.energy,
  );
  expect(noted.typename, JSON.stringify(noted)).toBe('MutationUpdateIssueProgressSuccess');
  const resolved = await call(
    app,
    'updateIssueProgress',
    { input: { issueId: fixture.id, status: 'RESOLVED', publicNote: 'Құбыр толық ауыстырылды' } },
    tokens.energy,
  );
  expect(resolved.typename, JSON.stringify(resolved)).toBe('MutationUpdateIssueProgressSuccess');
  app.clock.set('2027-01-05T06:00:00.000Z');
  const government = (await signInAll(app)).government;
  const published = await app.gql(PUBLISH, { y: 2026, q: 4 }, { token: government });
  expect(published.data.publishQuarter.__typename, JSON.stringify(published)).toBe('MutationPublishQuarterSuccess');
  http = await serveHttp(app);
});

describe('Open311 request history (extensions=true)', () => {
  it("lists the public history in JSON, oldest first, in the region's offset", async () => {
    const [request] = (await (await http.get(`/open311/v2/requests/${fixture.number}.json?extensions=true`)).json()) as any[];
    const updates = request.updates as { updated_datetime: string; status: string; description: string }[];
    expect(updates.map((u) => [u.status, u.description])).toEqual([
      ['open', ''],
      ['open', ''],
      ['open', ''],
      ['open', 'Құбырдың 200 метрі ауыстырылды'],
      ['closed', 'Құбыр толық ауыстырылды'],
    ]);
    for (const u of updates) expect(u.updated_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+05:00$/);
    expect(updates.map((u) => u.updated_datetime)).toEqual([...updates.map((u) => u.updated_datetime)].sort());
    expect(request.status).toBe('closed');
    const list = (await (await http.get(`/open311/v2/requests.json?extensions=true&service_request_id=${fixture.number}`)).json()) as any[];
    expect(list[0].updates).toEqual(updates);
  });

  it('writes the same history in XML, one <update> per entry', async () => {
    const xml = await (await http.get(`/open311/v2/requests/${fixture.number}.xml?extensions=true`)).text();
    const block = /<updates>(.*)<\/updates>/.exec(xml)?.[1] ?? '';
    expect(block.match(/<update>/g)).toHaveLength(5);
    expect(block).toContain('<status>closed</status><description>Құбыр толық ауыстырылды</description>');
    expect(block).toMatch(
      /<update><updated_datetime>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+05:00<\/updated_datetime><status>open<\/status><description><\/description><\/update>/,
    );
  });

  it("leaves the spec's fields alone without the parameter, refuses a bad value, and holds nothing personal", async () => {
    const [plain] = (await (await http.get(`/open311/v2/requests/${fixture.number}.json`)).json()) as any[];
    expect(plain).not.toHaveProperty('updates');
    const bad = await http.get(`/open311/v2/requests.json?extensions=yes`);
    expect(bad.status).toBe(400);
    for (const path of [`/open311/v2/requests/${fixture.number}.json?extensions=true`, `/open311/v2/requests.xml?extensions=true&page_size=1000`]) {
      const body = await (await http.get(path)).text();
      for (const secret of [CITIZEN.fullName, CITIZEN.iin, '7015551234', 'energy@jauap.demo']) expect(body, path).not.toContain(secret);
    }
  });
});
