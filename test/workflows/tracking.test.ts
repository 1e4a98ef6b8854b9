import { type DocumentNode, print } from 'graphql';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { createServices } from '../../src/services.ts';
import { CITIZEN, CITIZEN_PHONE_STORED, M, issueIn, newIssue, signInAll, tablesHash, type Tokens } from './helpers.ts';
import { asType, errorCode, expectType, graphql } from '../helpers/graphql.ts';

// Behind a proxy on loopback (TRUST_PROXY=loopback), as in production behind nginx.
const app = createTestApp({ seed: 'demo', env: { TRUST_PROXY: 'loopback' } });
let tokens: Tokens;
let server: Server;
let url: string;
beforeAll(async () => {
  tokens = await signInAll(app);
  server = app.http.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** Over real HTTP, from a client address given by the proxy header the app trusts from loopback. */
async function overHttp(address: string, document: DocumentNode, variables: Record<string, unknown>) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ query: print(document), variables }),
  });
  return (await res.json()) as any;
}

// Crockford base32 without I, L, O, U.
const CODE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{5}$/;

describe('tracking codes', () => {
  it('are grouped, unambiguous, distinct, and at least 60 random bits (13 symbols of 32)', async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 25; i++) codes.add((await newIssue(app, tokens.akimat, `Мәселе ${i}`)).trackingCode);
    expect(codes.size).toBe(25);
    for (const code of codes) expect(code).toMatch(CODE);
    expect(13 * Math.log2(32)).toBeGreaterThanOrEqual(60);
  });

  it('are never on the public Issue type, in lists or in the staff view of a problem', async () => {
    const f = await newIssue(app, tokens.akimat);
    const raw = f.trackingCode.replace(/-/g, '');
    const introspected = (await app.gqlText('{ __type(name: "Issue") { fields { name } } }')).data as { __type: { fields: { name: string }[] } };
    const issueFields = introspected.__type.fields.map((x) => x.name);
    expect(issueFields.filter((n: string) => /tracking/i.test(n))).toEqual([]);
    const staff = await app.gql(
      graphql(`query ($id: ID!) { issue(id: $id) { title contact { fullName } } issues(first: 100) { edges { node { title } } } }`),
      { id: f.id },
      { token: tokens.akimat },
    );
    expect(JSON.stringify(staff)).not.toContain(raw);
  });

  it('are read in any case, with spaces or dashes, and with O/I/L typed for 0/1', async () => {
    const f = await issueIn(app, tokens, 'IN_PROGRESS');
    const raw = f.trackingCode.replace(/-/g, '');
    const variants = [
      f.trackingCode,
      raw,
      raw.toLowerCase(),
      ` ${raw.slice(0, 4)} ${raw.slice(4, 8)} ${raw.slice(8)} `,
      raw.replace(/0/g, 'o').replace(/1/g, 'l'),
    ];
    for (const code of variants) {
      const r = await app.gql(M.trackIssue, { code });
      const tracked = r.data.trackIssue;
      expect(tracked.__typename === 'QueryTrackIssueSuccess' ? tracked.data.number : undefined, code).toBe(f.number);
    }
  });

  it('give one and the same answer for a wrong, an unknown and a malformed code', async () => {
    const f = await newIssue(app, tokens.akimat);
    const raw = f.trackingCode.replace(/-/g, '');
    const wrongLast = raw.slice(0, -1) + (raw.endsWith('0') ? '1' : '0');
    const answers = [];
    for (const code of [wrongLast, '0000-0000-00000', 'not a code', '', 'Z'.repeat(10_000), "' or 1=1 --"]) {
      answers.push(JSON.stringify((await app.gql(M.trackIssue, { code })).data.trackIssue));
    }
    expect(new Set(answers).size).toBe(1);
    expect(JSON.parse(answers[0]!)).toMatchObject({ __typename: 'NotFoundError', code: 'tracking/not_found' });
  });

  it('show the status, plan, deadline, progress and history in kk, ru and en, and nothing personal', async () => {
    const f = await issueIn(app, tokens, 'IN_PROGRESS');
    const labels: Record<string, string> = {};
    for (const lang of ['kk', 'ru', 'en'] as const) {
      const r = await app.gql(M.trackIssue, { code: f.trackingCode, lang });
      const view = asType(r.data.trackIssue, 'QueryTrackIssueSuccess').data;
      expect(view).toMatchObject({ status: 'IN_PROGRESS', resolutionPlan: 'Жаңа құбыр тартылады', dueDate: '2027-06-30', progress: 10 });
      labels[lang] = view.statusLabel;
      const body = JSON.stringify(r);
      for (const secret of [CITIZEN.fullName, CITIZEN_PHONE_STORED, CITIZEN.iin]) expect(body).not.toContain(secret);
    }
    expect(labels).toEqual({ kk: 'Шешілу үстінде', ru: 'В работе', en: 'In progress' });
    // Accept-Language is the default when no lang is given.
    const byHeader = await app.gql(M.trackIssue, { code: f.trackingCode }, { lang: 'ru-RU,ru;q=0.9' });
    expect(asType(byHeader.data.trackIssue, 'QueryTrackIssueSuccess').data.statusLabel).toBe('В работе');
  });
});

describe('rate limiting of lookups', () => {
  it('refuses the 31st lookup in a minute from one address with retry-after, and not other addresses', async () => {
    const f = await newIssue(app, tokens.akimat);
    const codes = [f.trackingCode, 'AAAA-BBBB-CCCCC'];
    for (let i = 0; i < 30; i++) {
      const r = await overHttp('203.0.113.7', M.trackIssue, { code: codes[i % 2] });
      expect(r.data.trackIssue.__typename).not.toBe('RateLimitedError');
    }
    const refused = await overHttp('203.0.113.7', M.trackIssue, { code: f.trackingCode });
    expect(refused.data.trackIssue).toMatchObject({ __typename: 'RateLimitedError', code: 'tracking/rate_limited' });
    expect(refused.data.trackIssue.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.data.trackIssue.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Confirming and disputing are lookups too, and refused the same way, writing nothing.
    const before = tablesHash(app);
    const confirm = await overHttp('203.0.113.7', M.confirmResolution, { code: f.trackingCode });
    expect(errorCode(confirm.data.confirmResolution)).toBe('tracking/rate_limited');
    expect(tablesHash(app)).toBe(before);
    // Another address has its own budget.
    const other = await overHttp('198.51.100.9', M.trackIssue, { code: f.trackingCode });
    expectType(other.data.trackIssue, 'QueryTrackIssueSuccess');
  });

  it('takes its limits from the services options', async () => {
    const f = await newIssue(app, tokens.akimat);
    const services = createServices({ db: app.db, clock: app.clock, issues: { trackingLimits: { points: 2, durationSeconds: 3600 } } });
    await services.issues.trackIssue(f.trackingCode, '192.0.2.1');
    await expect(services.issues.trackIssue('AAAA-BBBB-CCCCC', '192.0.2.1')).rejects.toMatchObject({ code: 'tracking/not_found' });
    await expect(services.issues.trackIssue(f.trackingCode, '192.0.2.1')).rejects.toMatchObject({
      code: 'tracking/rate_limited',
      retryAfterSeconds: expect.any(Number),
    });
  });

  it('tells the onIssueChanged listeners about every committed write, and only those', async () => {
    const changed: number[] = [];
    const services = createServices({ db: app.db, clock: app.clock, issues: { onIssueChanged: [(id) => changed.push(id)] } });
    const viewer = await services.accounts.authenticate(tokens.akimat);
    const f = await issueIn(app, tokens, 'ASSIGNED');
    await expect(services.issues.assignIssue(viewer, { issueId: f.number, organizationCode: 'MIN-ENERGY' })).rejects.toMatchObject({
      code: 'issue/forbidden_transition',
    });
    expect(changed).toEqual([]);
    const energy = await services.accounts.authenticate(tokens.energy);
    await services.issues.updateIssueProgress(energy, { issueId: f.number, progress: 5 });
    expect(changed).toEqual([f.number]);
  });
});
