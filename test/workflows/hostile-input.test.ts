import { type DocumentNode, print } from 'graphql';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { M, writesSoFar, expectConsistent, issueIn, meetingInAlmatyOblast, signInAll, type Fixture, type Tokens } from './helpers.ts';
import { graphql } from '../helpers/graphql.ts';

// Random and hostile input to every mutation (wrong types, huge strings, SQL and HTML fragments,
// invalid dates, foreign ids): never an unmasked internal error, never a partial write.

const app = createTestApp({ seed: 'demo', env: { TRUST_PROXY: 'loopback' } });
const RUNS = 50;
let tokens: Tokens;
let pool: Record<'NEW' | 'ASSIGNED' | 'IN_PROGRESS' | 'RESOLVED', Fixture>;
let meeting: { meetingId: string; unitCode: string };
let foreignIds: string[];
let server: Server;
let url: string;

beforeAll(async () => {
  tokens = await signInAll(app);
  pool = {
    NEW: await issueIn(app, tokens, 'NEW'),
    ASSIGNED: await issueIn(app, tokens, 'ASSIGNED'),
    IN_PROGRESS: await issueIn(app, tokens, 'IN_PROGRESS'),
    RESOLVED: await issueIn(app, tokens, 'RESOLVED'),
  };
  meeting = await meetingInAlmatyOblast(app);
  const ids = await app.gql(graphql(`{ organizations(kind: [CENTRAL_EXECUTIVE_BODY]) { id } regions { id } meetings(first: 1) { edges { node { id } } } }`));
  foreignIds = [ids.data.organizations[0]!.id, ids.data.regions[0]!.id, ids.data.meetings.edges[0]!.node.id];
  server = app.http.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
afterAll(() => {
  // Some hostile calls got all the way to a write (and left the data consistent).
  expect(Object.keys(successes).length).toBeGreaterThan(0);
});

const NASTY = [
  "'; DROP TABLE issues; --",
  "' OR '1'='1",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '\u0000',
  'a\u0000b',
  '\u202Eevil',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: hostile input, on purpose
  '${jndi:ldap://x/a}',
  '{{7*7}}',
  '../../etc/passwd',
  '%00%27',
  'null',
  '',
  '   ',
  '\ud800',
  'ә'.repeat(5001),
  'x'.repeat(200_001),
];
const nastyString = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', minLength: 190, maxLength: 260 }),
);
const nastyDate = fc.oneof(
  fc.constantFrom('2026-02-30', '2026-13-01', '0000-00-00', '2026-1-1', '9999-12-31', '2026-11-26', 'yesterday', '2027-06-30T00:00:00Z'),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
);
/** Anything at all, of the wrong type as often as not. */
const anything = fc.oneof(
  nastyString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);
/** Mostly a valid value (so that some calls get deep enough to write), else hostile, wrong-typed or absent. */
const maybe = <T>(valid: fc.Arbitrary<T>, hostile: fc.Arbitrary<unknown> = nastyString) =>
  fc.oneof(
    { arbitrary: valid, weight: 8 },
    { arbitrary: hostile, weight: 1 },
    { arbitrary: anything, weight: 1 },
    { arbitrary: fc.constant(undefined), weight: 1 },
  );
const role = () => fc.constantFrom<keyof Tokens | 'anonymous'>('admin', 'akimat', 'energy', 'water', 'government', 'anonymous');
const issueId = () =>
  maybe(
    fc.constantFrom(...(['NEW', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED'] as const)).map((s) => pool[s].id),
    fc.oneof(
      fc.constantFrom(...foreignIds),
      fc.integer().map(String),
      fc.constantFrom('0', '-1', '1e9', 'SXNzdWU6LTE=', 'SXNzdWU6YWJj', '99999999999999999999'),
    ),
  );
const status = () =>
  maybe(fc.constantFrom('NEW', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'REOPENED', 'DECLINED'), fc.constantFrom('DONE', 'resolved', ''));
const orgCode = () => maybe(fc.constantFrom('MIN-ENERGY', 'MIN-WATER-RESOURCES', 'AKIMAT-KZ-19', 'AKIMAT-KZ-61', 'min-transport', 'NOPE'));

/** Drops undefined fields, so "absent" is tried as well as every wrong value. */
const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

async function send(document: DocumentNode, variables: unknown, who: keyof Tokens | 'anonymous', address?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (who !== 'anonymous') headers.authorization = `Bearer ${tokens[who]}`;
  if (address) headers['x-forwarded-for'] = address;
  // Hostile variables are arbitrary values, not the document's variables type: sent as text.
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query: print(document), variables }) });
  expect(res.status, 'a server error').toBeLessThan(500);
  return (await res.json()) as { data?: any; errors?: { message: string }[] };
}

const successes: Record<string, number> = {};

/** Runs one hostile call and checks the two promises: no internal error, no partial write. */
async function check(field: string, query: DocumentNode, variables: unknown, who: keyof Tokens | 'anonymous', address?: string) {
  const before = writesSoFar(app);
  const res = await send(query, variables, who, address);
  const messages = (res.errors ?? []).map((e) => e.message);
  expect(messages, JSON.stringify(variables).slice(0, 500)).not.toContain('Unexpected error.');
  const typename: string | undefined = res.data?.[field]?.__typename;
  if (typename?.endsWith('Success')) {
    successes[field] = (successes[field] ?? 0) + 1;
    if (field !== 'trackIssue') expect(writesSoFar(app), 'the observer saw the write').toBeGreaterThan(before);
    expectConsistent(app);
  } else {
    // Refused: not a single row of the workflow tables was written.
    expect(writesSoFar(app), `a refused ${field} wrote rows`).toBe(before);
  }
}

describe('hostile input never causes an internal error or a partial write', () => {
  it('recordMeeting', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          unitCode: maybe(fc.constantFrom('KZ-19-TALGAR', 'KZ-19', 'KZ-61', 'kz-19-ile')),
          akimUnitCode: maybe(fc.constantFrom('KZ-19', 'KZ-19-TALGAR-BELBULAK')),
          startAt: maybe(
            fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
            nastyDate,
          ),
          durationMinutes: maybe(fc.integer({ min: -10, max: 2000 })),
          kind: maybe(fc.constantFrom('SCHEDULED', 'ON_DEMAND')),
          onDemandReason: maybe(fc.constantFrom('POPULATION_DEMAND', 'NECESSITY')),
          akimName: maybe(fc.string()),
          venue: maybe(fc.string()),
          reportMinutes: maybe(fc.integer({ min: -5, max: 2000 })),
          videoConference: maybe(fc.boolean()),
        }),
        role(),
        async (input, who) => check('recordMeeting', M.recordMeeting, { input: defined(input) }, who),
      ),
      { numRuns: RUNS },
    );
  });

  it('recordIssue', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          meetingId: maybe(fc.constant(meeting.meetingId), fc.constantFrom(...foreignIds, '1', '0')),
          unitCode: maybe(fc.constant(meeting.unitCode)),
          category: maybe(fc.constantFrom('WATER_SUPPLY', 'ROADS')),
          language: maybe(fc.constantFrom('kk', 'ru')),
          title: maybe(fc.constant('Жол жоқ')),
          text: maybe(fc.constant('Ауылға жол салынбаған')),
          contact: maybe(
            fc
              .record({
                fullName: maybe(fc.constant('Азамат Тестов')),
                phone: maybe(fc.constantFrom('+7 701 123 45 67', '87011234567', '12345', '+1 202 555 0100')),
                iin: maybe(fc.constantFrom('900101400013', '900101400014', '12345678901')),
              })
              .map(defined),
          ),
        }),
        role(),
        async (input, who) => check('recordIssue', M.recordIssue, { input: defined(input) }, who),
      ),
      { numRuns: RUNS },
    );
  });

  it('assignIssue', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          issueId: issueId(),
          organizationCode: orgCode(),
          needsCentralDecision: maybe(fc.boolean()),
          centralDecisionProposal: maybe(fc.string()),
          dueDate: maybe(fc.constant('2027-06-30'), nastyDate),
          publicNote: maybe(fc.string()),
        }),
        role(),
        async (input, who) => check('assignIssue', M.assignIssue, { input: defined(input) }, who),
      ),
      { numRuns: RUNS },
    );
  });

  it('transferIssue', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ issueId: issueId(), toOrganizationCode: orgCode(), reason: maybe(fc.constant('Бұл біздің құзыретімізде емес')) }),
        role(),
        async (input, who) => check('transferIssue', M.transferIssue, { input: defined(input) }, who),
      ),
      { numRuns: RUNS },
    );
  });

  it('updateIssueProgress', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          issueId: issueId(),
          status: status(),
          resolutionPlan: maybe(fc.string({ minLength: 1 })),
          dueDate: maybe(fc.constant('2027-06-30'), nastyDate),
          progress: maybe(fc.integer({ min: -5, max: 105 }), fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 50.5, Number.MAX_SAFE_INTEGER)),
          publicNote: maybe(fc.string({ minLength: 1 })),
        }),
        role(),
        async (input, who) => check('updateIssueProgress', M.updateIssueProgress, { input: defined(input) }, who),
      ),
      { numRuns: RUNS },
    );
  });

  it('bulkUpdateIssues', async () => {
    const HEADER =
      'id,title,category,region_code,unit_code,organization_code,status,resolution_plan,due_date,progress,overdue,raised_at,updated_at,public_note';
    const cell = fc.oneof(nastyString, fc.constantFrom('', '"', '""', '"a,b"', '\n', '\r\n', ',', 'IN_PROGRESS', '50', '2027-01-31'));
    const row = fc.oneof(
      fc.array(cell, { minLength: 14, maxLength: 14 }).map((cells) => [String(pool.IN_PROGRESS.number), ...cells.slice(1)].join(',')),
      fc.array(cell, { minLength: 0, maxLength: 20 }).map((cells) => cells.join(',')),
    );
    const file = fc.oneof(
      fc.array(row, { maxLength: 5 }).map((rows) => [HEADER, ...rows].join('\n')),
      nastyString,
      fc.constantFrom(`\uFEFF${HEADER}\n1`, `${HEADER}\n"${'x'.repeat(30_000)}"`, HEADER.toUpperCase()),
    );
    await fc.assert(
      fc.asyncProperty(maybe(file), role(), async (csv, who) => check('bulkUpdateIssues', M.bulkUpdateIssues, defined({ csv }), who)),
      { numRuns: RUNS },
    );
  });

  for (const field of ['confirmResolution', 'disputeResolution', 'trackIssue'] as const) {
    it(field, async () => {
      const code = maybe(
        fc.constantFrom(...(['NEW', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED'] as const)).map((s) => pool[s].trackingCode),
        fc.oneof(nastyString, fc.constantFrom('0000-0000-00000', 'IIII-LLLL-OOOOO')),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.record({ code, comment: maybe(fc.string()), lang: maybe(fc.constantFrom('kk', 'ru', 'en'), fc.constantFrom('de', 'KK')) }),
          role(),
          fc.ipV4(),
          async (variables, who, address) => {
            const args = field === 'disputeResolution' ? variables : { code: variables.code, lang: variables.lang };
            const query = field === 'trackIssue' ? M.trackIssue : M[field];
            await check(field, query, defined(args), who, address);
          },
        ),
        { numRuns: RUNS },
      );
    });
  }
});
