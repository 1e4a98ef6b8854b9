import { request as httpRequest, createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';

// Under load the event loop stays fair: GraphQL and the JSON search pass a gate (HEAVY_CONCURRENCY)
// that health checks do not and pages pass a gate of their own, a request that waited too long is told 503 + Retry-After,
// and pages built from published data are answered from memory until the next publication.

const app = createTestApp({ seed: 'demo', env: { HEAVY_CONCURRENCY: '1', HEAVY_QUEUE_TIMEOUT_MS: '300' } });
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer(app.http);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const gqlBody = JSON.stringify({ query: '{ issues(first: 1) { edges { node { id } } } }' });

describe('fair under load', () => {
  it('a GraphQL request beyond the gate waits, then gets 503 with Retry-After; /healthz answers meanwhile', async () => {
    // Holds the only slot: yoga waits for a request body that never ends.
    const held = httpRequest(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(gqlBody.length) } });
    held.on('error', () => undefined);
    held.write(gqlBody.slice(0, 5));
    await new Promise((r) => setTimeout(r, 50));

    const answered: string[] = [];
    const waiting = fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: gqlBody }).then((r) => {
      answered.push('graphql');
      return r;
    });
    const health = await fetch(`${base}/healthz`);
    answered.push('healthz');
    expect(health.status).toBe(200);
    // The health check did not wait for the queued request's turn (nor for its 503).
    expect(answered).toEqual(['healthz']);
    // Pages have a gate of their own: a slot held at the API's gate does not stop them.
    const page = await fetch(`${base}/en/`);
    expect(page.status).toBe(200);
    expect(answered).toEqual(['healthz']);

    const busy = await waiting;
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('1');
    expect(((await busy.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('BUSY');

    // Once the slot is free again, requests pass.
    held.end(gqlBody.slice(5));
    await new Promise((r) => held.once('response', (res) => res.resume().once('end', r)));
    const next = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: gqlBody });
    expect(next.status).toBe(200);
    expect(((await next.json()) as { data: { issues: { edges: unknown[] } } }).data.issues.edges).toHaveLength(1);
  });

  it('a search page is rendered once per publication and then answered from memory, with its ETag', async () => {
    app.resetQueries();
    const first = await fetch(`${base}/kk/search?q=%D1%81%D1%83`);
    const firstBody = await first.text();
    const firstQueries = app.queries.length;
    expect(first.status).toBe(200);

    app.resetQueries();
    const second = await fetch(`${base}/kk/search?q=%D1%81%D1%83`);
    expect(second.status).toBe(200);
    expect(await second.text()).toBe(firstBody);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    // Only the publication fingerprint is read: no search, no rendering queries.
    expect(app.queries.length).toBeLessThan(firstQueries);

    // (fetch adds Cache-Control: no-cache to a conditional request, which forbids a 304: plain http.)
    const revalidated = await new Promise<number>((done, fail) => {
      httpRequest(`${base}/kk/search?q=%D1%81%D1%83`, { headers: { 'if-none-match': first.headers.get('etag')! } }, (res) => {
        res.resume();
        done(res.statusCode ?? 0);
      })
        .on('error', fail)
        .end();
    });
    expect(revalidated).toBe(304);

    // Another language is another page.
    const russian = await fetch(`${base}/ru/search?q=%D1%81%D1%83`);
    expect(await russian.text()).not.toBe(firstBody);
  });
});
