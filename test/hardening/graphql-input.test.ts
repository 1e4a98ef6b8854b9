import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { graphql } from '../helpers/graphql.ts';

// Hostile GraphQL input must come back as a typed 4xx-style error, never an internal error.
const app = createTestApp({ seed: 'demo' });

const internal = (errors: { message: string; extensions?: { code?: string } }[] | undefined) =>
  (errors ?? []).filter((e) => e.message === 'Unexpected error.' || e.extensions?.code === 'INTERNAL_SERVER_ERROR');

describe('Date scalar', () => {
  for (const bad of ['2026-13-01', '2026-02-30', '2026-00-10', '2026-1-01', '20261-01-01', 'yesterday']) {
    it(`refuses ${bad} with input/invalid`, async () => {
      const res = await app.gql(graphql(`query($d: Date!) { issues(first: 1, filter: { raisedFrom: $d }) { edges { node { id } } } }`), { d: bad });
      expect(internal(res.errors)).toEqual([]);
      expect(res.errors?.[0]?.extensions?.code).toBe('input/invalid');
      expect(res.data).toBeUndefined();
    });
  }
  it('accepts a real date', async () => {
    const res = await app.gql(graphql(`query($d: Date!) { issues(first: 1, filter: { raisedFrom: $d }) { totalCount } }`), { d: '2024-02-29' });
    expect(res.errors).toBeUndefined();
  });
});

describe('DateTime scalar', () => {
  const announce = graphql(`mutation($at: DateTime!) { announceMeeting(meetingId: "TWVldGluZzox", announcedAt: $at, channels: [MASS_MEDIA]) { __typename } }`);
  for (const bad of ['2026-02-30T10:00:00+05:00', '2026-11-25', '2026-11-25T10:00:00', '2026-11-25T24:00:00Z', '2026-11-25T10:00:00+15:00', 'now']) {
    it(`refuses ${bad} with input/invalid`, async () => {
      const res = await app.gql(announce, { at: bad });
      expect(internal(res.errors)).toEqual([]);
      expect(res.errors?.[0]?.extensions?.code).toBe('input/invalid');
    });
  }
  it('reads an offset instant exactly (no roll-over, no guessing)', async () => {
    const res = await app.gql(announce, { at: '2026-02-28T10:00:00+05:00' });
    // Anonymous: the value is accepted and the call reaches authorization.
    expect(res.errors).toBeUndefined();
    expect(res.data.announceMeeting.__typename).toMatch(/Error/);
  });
});

describe('node(id:) of a missing object', () => {
  it('is null, not an internal error', async () => {
    const missing = Buffer.from('Issue:99999').toString('base64');
    const res = await app.gql(graphql(`query($id: ID!) { node(id: $id) { id } nodes(ids: [$id]) { id } }`), { id: missing });
    expect(internal(res.errors)).toEqual([]);
    expect(res.data?.node).toBeNull();
  });
});

describe('node(id:) with ids that are not ours', () => {
  for (const id of ['not-an-id', Buffer.from('Nothing:1').toString('base64'), Buffer.from('Issue:abc').toString('base64'), '']) {
    it(`answers ${JSON.stringify(id)} without an internal error`, async () => {
      const res = await app.gql(graphql(`query($id: ID!) { node(id: $id) { id } }`), { id });
      expect(internal(res.errors)).toEqual([]);
      expect(res.data?.node ?? null).toBeNull();
    });
  }
});

describe('GET /graphql with broken parameters', () => {
  for (const [name, query] of [
    ['variables', 'query=%7B__typename%7D&variables=%7Bnot-json'],
    ['extensions', 'query=%7B__typename%7D&extensions=%7B'],
    ['variables as a list', 'query=%7B__typename%7D&variables=%5B1%5D'],
  ] as const) {
    it(`answers broken ${name} with 400`, async () => {
      const res = await app.yoga.fetch(`http://localhost/graphql?${query}`, { headers: { accept: 'application/graphql-response+json' } });
      expect(res.status).toBe(400);
      const body = await res.text();
      expect(body).not.toMatch(/\bat \w|\/work\/|node_modules/);
    });
  }
});

describe('GraphiQL', () => {
  it('is served from our own code, with a CSP that names its inline script by hash', async () => {
    const res = await app.yoga.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('renderYogaGraphiQL');
    // No script or stylesheet from another host: it must work without the internet.
    expect(html).not.toMatch(/<script[^>]+src=["']https?:|<link[^>]+href=["']https?:/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });
});

describe('queries graphql-armor refuses', () => {
  const post = (query: string, accept: string) =>
    app.yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify({ query }) });
  const tooDeep = `{ regions { ${'units { '.repeat(12)}code${' }'.repeat(12)} } }`;
  const tooManyAliases = `{ ${Array.from({ length: 40 }, (_, i) => `r${i}: regions { code }`).join(' ')} }`;
  for (const [name, query] of [
    ['too deep', tooDeep],
    ['too many aliases', tooManyAliases],
  ] as const) {
    it(`answers a ${name} query with 400 under application/graphql-response+json`, async () => {
      const res = await post(query, 'application/graphql-response+json');
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.data).toBeUndefined();
      expect(body.errors[0].message).toMatch(/depth|alias/i);
    });
  }
  it('keeps 200 for legacy application/json clients, as the GraphQL-over-HTTP spec asks', async () => {
    expect((await post(tooDeep, 'application/json')).status).toBe(200);
  });
});

describe('list arguments are capped', () => {
  const kinds = (n: number) => Array.from({ length: n }, () => 'CENTRAL_EXECUTIVE_BODY');
  it('refuses a literal list over the cap with a typed error, before any work', async () => {
    const res = await app.gqlText(`{ organizations(kind: [${kinds(500).join(', ')}]) { code } }`);
    expect(internal(res.errors)).toEqual([]);
    expect(res.errors?.[0]?.extensions?.code).toBe('input/too_many_items');
    expect(res.data).toBeUndefined();
    // 32,767 values are refused earlier still, by the token limit of the parser.
    const huge = await app.gqlText(`{ organizations(kind: [${kinds(32767).join(', ')}]) { code } }`);
    expect(internal(huge.errors)).toEqual([]);
    expect(huge.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });
  it('refuses variables over the cap, nested in an input object too', async () => {
    const ids = await app.gql(graphql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`), { ids: Array.from({ length: 5000 }, (_, i) => String(i)) });
    expect(ids.errors?.[0]?.extensions?.code).toBe('input/too_many_items');
    const statuses = await app.gql(graphql(`query($f: IssueFilter) { issues(first: 1, filter: $f) { totalCount } }`), {
      f: { statuses: Array.from({ length: 1000 }, () => 'NEW') },
    });
    expect(statuses.errors?.[0]).toMatchObject({
      message: '$f.statuses has 1000 items; at most 200 are accepted.',
      extensions: { code: 'input/too_many_items' },
    });
  });
  it('answers 400 under application/graphql-response+json', async () => {
    const res = await app.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: `{ organizations(kind: [${kinds(500).join(', ')}]) { code } }` }),
    });
    expect(res.status).toBe(400);
  });
  it('lets ordinary lists through', async () => {
    const res = await app.gql(graphql(`{ organizations(kind: [CENTRAL_EXECUTIVE_BODY, NATIONAL_HOLDING]) { code } }`));
    expect(res.errors).toBeUndefined();
    expect(res.data.organizations.length).toBeGreaterThan(10);
  });
});
