import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { graphql, type VariablesOf } from '../helpers/graphql.ts';

// Shared by the workflow tests: signing in as the demo accounts, making problems in a known state
// through the public API, and fingerprints of the tables a refused write must leave alone.

export const DEMO_PASSWORD = 'jauap-demo-2026';
export const DEMO = {
  admin: 'admin@jauap.demo',
  akimat: 'akimat@jauap.demo',
  energy: 'energy@jauap.demo',
  water: 'water@jauap.demo',
  government: 'government@jauap.demo',
} as const;

/** A citizen whose details must never leave the staff side. */
export const CITIZEN = { fullName: 'Айгүл Сейтқалиқызы Тестова', phone: '+7 701 555 12 34', iin: '900101400013' };
export const CITIZEN_PHONE_STORED = '+77015551234';

export async function signIn(app: TestApp, email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await app.gql(
    graphql(
      'mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { __typename ... on MutationSignInSuccess { data { token } } ... on Error { code } } }',
    ),
    { e: email, p: password },
  );
  const signedIn = res.data?.signIn;
  const token = signedIn?.__typename === 'MutationSignInSuccess' ? signedIn.data.token : undefined;
  if (!token) throw new Error(`sign-in failed for ${email}: ${JSON.stringify(res)}`);
  return token;
}

const WATCHED = ['issues', 'issue_contacts', 'issue_assignments', 'issue_updates', 'meetings'];

/** A sha256 of every row of the tables a workflow writes: equal before and after = nothing changed. */
export function tablesHash(app: TestApp): string {
  const hash = createHash('sha256');
  for (const table of WATCHED) {
    hash.update(table);
    for (const row of app.db.$client.prepare(`select * from ${table} order by rowid`).raw(true).iterate()) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

/**
 * Rows of the workflow tables written so far, counted by TEMP triggers on the app's own connection
 * (test-only observers: nothing in the schema changes). Cheap enough to check around every call of a
 * property test, and exact, unlike SQLite's total_changes(), which other domains' background writes
 * (the search index) also move.
 */
export function writesSoFar(app: TestApp): number {
  const db = app.db.$client;
  db.exec(
    'create temp table if not exists workflow_writes (n integer not null); insert into workflow_writes select 0 where not exists (select 1 from workflow_writes);',
  );
  for (const table of WATCHED) {
    for (const event of ['insert', 'update', 'delete']) {
      db.exec(`create temp trigger if not exists watch_${table}_${event} after ${event} on main.${table} begin update workflow_writes set n = n + 1; end;`);
    }
  }
  return (db.prepare('select n from workflow_writes').get() as { n: number }).n;
}

export const ISSUE_FIELDS = graphql(`fragment IssueFields on Issue { id number status progress resolutionPlan dueDate overdue transferCount bounced
  disputeCount responsibleOrganization { code } needsCentralDecision centralDecisionProposal }`);

/** The typed result of a mutation: `{ typename, code?, data? }`, or the GraphQL errors. */
export function result(res: { data?: any; errors?: any[] }, field: string): { typename: string; code?: string; data?: any; rows?: any[]; problems?: any[] } {
  if (res.errors?.length) return { typename: 'GraphQLError', code: res.errors[0].message };
  const value = res.data?.[field];
  return { typename: value?.__typename, code: value?.code, data: value?.data, rows: value?.rows, problems: value?.problems };
}

const ERR = graphql(`fragment Err on Error { code message ... on InvalidInputError { problems { path message } } }`);

export const M = {
  recordMeeting: graphql(
    `mutation ($input: RecordMeetingInput!) { recordMeeting(input: $input) { __typename ...Err ... on MutationRecordMeetingSuccess { data { id status } } } }`,
    [ERR],
  ),
  recordIssue: graphql(
    `mutation ($input: RecordIssueInput!) { recordIssue(input: $input) { __typename ...Err ... on MutationRecordIssueSuccess { data { trackingCode issue { ...IssueFields } } } } }`,
    [ERR, ISSUE_FIELDS],
  ),
  assignIssue: graphql(
    `mutation ($input: AssignIssueInput!) { assignIssue(input: $input) { __typename ...Err ... on MutationAssignIssueSuccess { data { ...IssueFields } } } }`,
    [ERR, ISSUE_FIELDS],
  ),
  transferIssue: graphql(
    `mutation ($input: TransferIssueInput!) { transferIssue(input: $input) { __typename ...Err ... on MutationTransferIssueSuccess { data { ...IssueFields } } } }`,
    [ERR, ISSUE_FIELDS],
  ),
  updateIssueProgress: graphql(
    `mutation ($input: UpdateIssueProgressInput!) { updateIssueProgress(input: $input) { __typename ...Err ... on MutationUpdateIssueProgressSuccess { data { ...IssueFields } } } }`,
    [ERR, ISSUE_FIELDS],
  ),
  bulkUpdateIssues: graphql(
    `mutation ($csv: String!) { bulkUpdateIssues(csv: $csv) { __typename ...Err ... on CsvRejectedError { rows { row column message } } ... on MutationBulkUpdateIssuesSuccess { data { updatedCount unchangedCount updated { ...IssueFields } } } } }`,
    [ERR, ISSUE_FIELDS],
  ),
  confirmResolution: graphql(
    `mutation ($code: String!) { confirmResolution(code: $code) { __typename ...Err ... on RateLimitedError { retryAfterSeconds } ... on MutationConfirmResolutionSuccess { data { status } } } }`,
    [ERR],
  ),
  disputeResolution: graphql(
    `mutation ($code: String!, $comment: String) { disputeResolution(code: $code, comment: $comment) { __typename ...Err ... on RateLimitedError { retryAfterSeconds } ... on MutationDisputeResolutionSuccess { data { status } } } }`,
    [ERR],
  ),
  trackIssue: graphql(
    `query ($code: String!, $lang: Language) { trackIssue(code: $code, lang: $lang) { __typename ...Err ... on RateLimitedError { retryAfterSeconds }
    ... on QueryTrackIssueSuccess { data { number status statusLabel responsibleOrganization resolutionPlan dueDate progress overdue canConfirmOrDispute
      routing { organization fromOrganization reason } history { kind label organization status statusLabel progress dueDate publicNote at } } } } }`,
    [ERR],
  ),
};

/** Runs a mutation picked by name and returns its result; the variables are typed from its document. */
export async function call<Name extends keyof typeof M>(app: TestApp, name: Name, variables: VariablesOf<(typeof M)[Name]>, token?: string) {
  return callByName(app, name, variables, token);
}

/** `call` for a test that picks the mutation at run time (the authorization matrix) and builds its variables per case. */
export async function callByName(app: TestApp, name: keyof typeof M, variables: object, token?: string) {
  return result(await app.gqlText(M[name], variables, { token }), name);
}

/** A HELD demo meeting in the demo akimat's oblast (KZ-19), and a unit within its akim's territory. */
export async function meetingInAlmatyOblast(app: TestApp): Promise<{ meetingId: string; unitCode: string }> {
  const res = await app.gql(
    graphql(`{ meetings(first: 50, filter: { regionCodes: ["KZ-19"], statuses: [HELD] }) { edges { node { id unit { code } akimUnit { code } } } } }`),
  );
  const node = res.data?.meetings?.edges?.[0]?.node;
  if (!node) throw new Error(`no held meeting in KZ-19: ${JSON.stringify(res)}`);
  return { meetingId: node.id, unitCode: node.unit.code };
}

export interface Fixture {
  id: string;
  number: number;
  trackingCode: string;
}

/** A NEW problem recorded by the demo akimat, with the test citizen's contact. */
export async function newIssue(app: TestApp, akimatToken: string, title = 'Ауылда ауыз су жоқ'): Promise<Fixture> {
  const { meetingId, unitCode } = await meetingInAlmatyOblast(app);
  const r = await call(
    app,
    'recordIssue',
    {
      input: { meetingId, unitCode, category: 'WATER_SUPPLY', title, text: `${title}: құбыр 1970 жылы салынған.`, contact: CITIZEN },
    },
    akimatToken,
  );
  expect(r.typename, JSON.stringify(r)).toBe('MutationRecordIssueSuccess');
  return { id: r.data.issue.id, number: r.data.issue.number, trackingCode: r.data.trackingCode };
}

export interface Tokens {
  admin: string;
  akimat: string;
  energy: string;
  water: string;
  government: string;
}

export async function signInAll(app: TestApp): Promise<Tokens> {
  const [admin, akimat, energy, water, government] = await Promise.all(Object.values(DEMO).map((e) => signIn(app, e)));
  return { admin: admin!, akimat: akimat!, energy: energy!, water: water!, government: government! };
}

export type FixtureState = 'NEW' | 'ASSIGNED' | 'IN_PROGRESS' | 'RESOLVED';

/** A problem routed to the Ministry of Energy and moved on to `state`, through the API. */
export async function issueIn(app: TestApp, tokens: Tokens, state: FixtureState, title?: string): Promise<Fixture> {
  const fixture = await newIssue(app, tokens.akimat, title);
  await advanceIssue(app, tokens, fixture.id, state);
  return fixture;
}

/** A NEW problem routed by the akimat to the Ministry of Energy, which then moves it on to `state`. */
export async function advanceIssue(app: TestApp, tokens: Tokens, issueId: string, state: FixtureState): Promise<void> {
  if (state === 'NEW') return;
  const assigned = await call(app, 'assignIssue', { input: { issueId, organizationCode: 'MIN-ENERGY' } }, tokens.akimat);
  expect(assigned.typename, JSON.stringify(assigned)).toBe('MutationAssignIssueSuccess');
  if (state === 'ASSIGNED') return;
  const started = await call(
    app,
    'updateIssueProgress',
    { input: { issueId, status: 'IN_PROGRESS', resolutionPlan: 'Жаңа құбыр тартылады', dueDate: '2027-06-30', progress: 10 } },
    tokens.energy,
  );
  expect(started.typename, JSON.stringify(started)).toBe('MutationUpdateIssueProgressSuccess');
  if (state === 'IN_PROGRESS') return;
  const resolved = await call(app, 'updateIssueProgress', { input: { issueId, status: 'RESOLVED', publicNote: 'Құбыр іске қосылды' } }, tokens.energy);
  expect(resolved.typename, JSON.stringify(resolved)).toBe('MutationUpdateIssueProgressSuccess');
}

/** Invariants every committed write keeps; a partial write would break one of them. */
export function expectConsistent(app: TestApp): void {
  const db = app.db.$client;
  const q = (sql: string) => db.prepare(sql).all();
  // Every problem recorded through the API (after the demo's last day) has a contact; some demo
  // problems were raised collectively and have none.
  expect(
    q(`select id from issues i where i.created_at > '2026-11-20T18:00:00.000Z' and not exists (select 1 from issue_contacts c where c.issue_id = i.id)`),
  ).toEqual([]);
  // Every problem has a history, and its status is the status its last entry reached.
  expect(q(`select id from issues i where not exists (select 1 from issue_updates u where u.issue_id = i.id)`)).toEqual([]);
  expect(
    q(`select i.id from issues i where i.status <> (select u.status_after from issue_updates u where u.issue_id = i.id order by u.at desc, u.id desc limit 1)`),
  ).toEqual([]);
  // Exactly one open assignment for a routed problem, naming its responsible body; none for a new one.
  expect(
    q(`select i.id from issues i where i.status <> 'NEW' and (select count(*) from issue_assignments a where a.issue_id = i.id and a.ended_at is null) <> 1`),
  ).toEqual([]);
  expect(
    q(
      `select i.id from issues i join issue_assignments a on a.issue_id = i.id and a.ended_at is null where a.organization_id <> i.responsible_organization_id`,
    ),
  ).toEqual([]);
  expect(q(`select id from issues where status = 'NEW' and responsible_organization_id is not null`)).toEqual([]);
}
