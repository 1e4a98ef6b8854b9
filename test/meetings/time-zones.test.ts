import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { serveHttp } from '../helpers/http.ts';
import { call, CITIZEN, signIn } from '../workflows/helpers.ts';
import { clearPublications, COLLECT, PUBLISH } from '../publication/helpers.ts';
import { asType, expectType, graphql } from '../helpers/graphql.ts';

// Before 1 March 2024 Almaty city (Asia/Almaty) was on UTC+6 and Aktobe region (Asia/Aqtobe) on
// UTC+5; since then both are on UTC+5. Every date of a problem is its own region's date.

const app = createTestApp();
let admin: string;
const akimat: Record<string, string> = {};

async function akimatOf(regionCode: string): Promise<string> {
  const email = `akimat-${regionCode.toLowerCase()}@tz.test`;
  const created = await app.gql(
    graphql(
      `mutation ($input: CreateStaffAccountInput!) { createStaffAccount(input: $input) { __typename ... on MutationCreateStaffAccountSuccess { data { temporaryPassword } } ... on Error { code message } } }`,
    ),
    { input: { email, displayName: `Akimat ${regionCode}`, role: 'AKIMAT_STAFF', regionCode } },
    { token: admin },
  );
  const account = created.data?.createStaffAccount;
  const password = account?.__typename === 'MutationCreateStaffAccountSuccess' ? account.data.temporaryPassword : undefined;
  if (!password) throw new Error(JSON.stringify(created));
  return signIn(app, email, password);
}

/** A problem raised at `at` (a meeting held then in the region's main city or district). */
async function raise(regionCode: string, at: string, title: string): Promise<{ id: string; number: number }> {
  app.clock.set(new Date(Date.parse(at) + 60_000).toISOString());
  const unitCode = regionCode === 'KZ-75' ? 'KZ-75-ALMALY' : 'KZ-15-AKTOBE';
  const meeting = await call(
    app,
    'recordMeeting',
    { input: { unitCode, startAt: at, durationMinutes: 60, kind: 'ON_DEMAND', onDemandReason: 'NECESSITY' } },
    akimat[regionCode],
  );
  expect(meeting.typename, JSON.stringify(meeting)).toBe('MutationRecordMeetingSuccess');
  const issue = await call(
    app,
    'recordIssue',
    { input: { meetingId: meeting.data.id, unitCode, category: 'ROADS', title, text: `${title}.`, contact: CITIZEN } },
    akimat[regionCode],
  );
  expect(issue.typename, JSON.stringify(issue)).toBe('MutationRecordIssueSuccess');
  return { id: issue.data.issue.id, number: issue.data.issue.number };
}

async function assign(regionCode: string, issueId: string, dueDate: string, at: string) {
  app.clock.set(at);
  const r = await call(
    app,
    'assignIssue',
    {
      input: { issueId, organizationCode: 'MIN-TRANSPORT', dueDate, needsCentralDecision: true, centralDecisionProposal: 'Республикалық бюджеттен қаржы бөлу' },
    },
    akimat[regionCode],
  );
  expect(r.typename, JSON.stringify(r)).toBe('MutationAssignIssueSuccess');
}

const overdueOf = async (id: string) =>
  asType((await app.gql(graphql(`query ($id: ID!) { node(id: $id) { __typename ... on Issue { overdue } } }`), { id })).data.node, 'Issue').overdue;
const numbers = async (filter: Record<string, unknown>) =>
  (
    (await app.gql(graphql(`query ($f: IssueFilter) { issues(first: 50, filter: $f) { edges { node { number } } } }`), { f: filter })).data.issues.edges as {
      node: { number: number };
    }[]
  )
    .map((e) => e.node.number)
    .sort((a, b) => a - b);

beforeAll(async () => {
  admin = await signIn(app, 'admin@jauap.demo');
  akimat['KZ-75'] = await akimatOf('KZ-75');
  akimat['KZ-15'] = await akimatOf('KZ-15');
});

describe('time zones of the regions', () => {
  it('gives every region its tz database zone', async () => {
    const res = await app.gql(graphql('{ regions { code timeZone } }'));
    const zones = Object.fromEntries((res.data.regions as { code: string; timeZone: string }[]).map((r) => [r.code, r.timeZone]));
    expect(Object.keys(zones)).toHaveLength(20);
    expect(zones).toMatchObject({
      'KZ-71': 'Asia/Almaty',
      'KZ-75': 'Asia/Almaty',
      'KZ-79': 'Asia/Almaty',
      'KZ-19': 'Asia/Almaty',
      'KZ-63': 'Asia/Almaty',
      'KZ-15': 'Asia/Aqtobe',
      'KZ-23': 'Asia/Atyrau',
      'KZ-27': 'Asia/Oral',
      'KZ-39': 'Asia/Qostanay',
      'KZ-43': 'Asia/Qyzylorda',
      'KZ-47': 'Asia/Aqtau',
    });
  });

  it('knows the raised-on day of each region on both sides of 1 March 2024', async () => {
    // 18:30Z on 28 February: 00:30 on the 29th in Almaty (UTC+6), 23:30 on the 28th in Aktobe (UTC+5).
    const almaty = await raise('KZ-75', '2024-02-28T18:30:00.000Z', 'Алматыда жол бұзылған');
    const aktobe = await raise('KZ-15', '2024-02-28T18:30:00.000Z', 'Ақтөбеде жол бұзылған');
    // 18:30Z on 29 February: Almaty has just moved to UTC+5 (at 18:00Z), so 23:30 on the 29th in both.
    const almatyAfter = await raise('KZ-75', '2024-02-29T18:30:00.000Z', 'Алматыда бағдаршам жоқ');
    const aktobeAfter = await raise('KZ-15', '2024-02-29T18:30:00.000Z', 'Ақтөбеде бағдаршам жоқ');
    app.clock.set('2024-03-05T06:00:00.000Z');
    const mine = [almaty, aktobe, almatyAfter, aktobeAfter].map((p) => p.number).sort((a, b) => a - b);
    expect(await numbers({ raisedFrom: '2024-02-29', raisedTo: '2024-02-29' })).toEqual(
      [almaty.number, almatyAfter.number, aktobeAfter.number].sort((a, b) => a - b),
    );
    expect(await numbers({ raisedFrom: '2024-02-28', raisedTo: '2024-02-28' })).toEqual([aktobe.number]);
    expect(await numbers({ raisedFrom: '2024-02-29', raisedTo: '2024-02-29', regionCodes: ['KZ-75'] })).toEqual(
      [almaty.number, almatyAfter.number].sort((a, b) => a - b),
    );
    expect(await numbers({ raisedFrom: '2024-02-28', raisedTo: '2024-03-01' })).toEqual(mine);
  });

  it("judges overdue against each region's today, before and after the change", async () => {
    const almaty = await raise('KZ-75', '2024-02-10T06:00:00.000Z', 'Алматыда көпір сынған');
    const aktobe = await raise('KZ-15', '2024-02-10T06:00:00.000Z', 'Ақтөбеде көпір сынған');
    await assign('KZ-75', almaty.id, '2024-02-27', '2024-02-10T07:00:00.000Z');
    await assign('KZ-15', aktobe.id, '2024-02-27', '2024-02-10T07:00:00.000Z');

    // The last minute of 27 February in Aktobe, the first of the 28th in Almaty: only Almaty's is late.
    app.clock.set('2024-02-27T18:30:00.000Z');
    expect(await overdueOf(almaty.id)).toBe(true);
    expect(await overdueOf(aktobe.id)).toBe(false);
    const overdue = await numbers({ overdue: true, raisedFrom: '2024-02-10', raisedTo: '2024-02-10' });
    expect(overdue).toEqual([almaty.number]);
    app.clock.set('2024-02-27T19:00:00.000Z');
    expect(await overdueOf(aktobe.id)).toBe(true);

    // After the change both regions share the day: a deadline of 5 March passes at 19:00Z for both.
    const almaty2 = await raise('KZ-75', '2024-03-02T06:00:00.000Z', 'Алматыда шам жанбайды');
    const aktobe2 = await raise('KZ-15', '2024-03-02T06:00:00.000Z', 'Ақтөбеде шам жанбайды');
    await assign('KZ-75', almaty2.id, '2024-03-05', '2024-03-02T07:00:00.000Z');
    await assign('KZ-15', aktobe2.id, '2024-03-05', '2024-03-02T07:00:00.000Z');
    app.clock.set('2024-03-05T18:59:59.000Z');
    expect([await overdueOf(almaty2.id), await overdueOf(aktobe2.id)]).toEqual([false, false]);
    app.clock.set('2024-03-05T19:00:00.000Z');
    expect([await overdueOf(almaty2.id), await overdueOf(aktobe2.id)]).toEqual([true, true]);
  });

  it("refuses a deadline in the past of the problem's own region", async () => {
    const almaty = await raise('KZ-75', '2024-02-20T18:30:00.000Z', 'Алматыда аула жөнделмеген');
    // 18:30Z on 20 February is already the 21st in Almaty.
    const r = await call(app, 'assignIssue', { input: { issueId: almaty.id, organizationCode: 'MIN-TRANSPORT', dueDate: '2024-02-20' } }, akimat['KZ-75']);
    expect(r.typename).toBe('InvalidInputError');
    expect(JSON.stringify(r.problems)).toContain('today is 2024-02-21');
  });

  it("dates the calendar steps in the region's zone", async () => {
    const steps = async (regionCode: string) => {
      const created = await app.gql(
        graphql(`mutation ($regionCode: String!) { createCalendar(regionCode: $regionCode, year: 2023) { __typename ... on Error { code message } } }`),
        { regionCode },
        { token: admin },
      );
      expectType(created.data.createCalendar, 'MutationCreateCalendarSuccess', JSON.stringify(created));
      const res = await app.gql(graphql(`query ($regionCode: String!) { calendar(regionCode: $regionCode, year: 2023) { steps { step dueAt } } }`), {
        regionCode,
      });
      return res.data.calendar!.steps.map((s) => s.dueAt);
    };
    expect(await steps('KZ-75')).toEqual(['2023-01-15T17:59:59.999Z', '2023-01-20T17:59:59.999Z', '2023-02-01T17:59:59.999Z']);
    expect(await steps('KZ-15')).toEqual(['2023-01-15T18:59:59.999Z', '2023-01-20T18:59:59.999Z', '2023-02-01T18:59:59.999Z']);
  });

  it("closes a quarter and a collection round at each region's own midnight, and shows each region's offset in Open311", async () => {
    clearPublications(app);
    // 18:30Z on 31 December 2023: 2024 already in Almaty, still 2023 in Aktobe.
    const almaty = await raise('KZ-75', '2023-12-31T18:30:00.000Z', 'Алматыда жылу жоқ');
    const aktobe = await raise('KZ-15', '2023-12-31T18:30:00.000Z', 'Ақтөбеде жылу жоқ');
    await assign('KZ-75', almaty.id, '2024-06-30', '2023-12-31T18:31:00.000Z');
    await assign('KZ-15', aktobe.id, '2024-06-30', '2023-12-31T18:31:00.000Z');
    app.clock.set('2024-08-20T06:00:00.000Z');
    const published = await app.gql(PUBLISH, { y: 2023, q: 4 }, { token: admin });
    expectType(published.data.publishQuarter, 'MutationPublishQuarterSuccess', JSON.stringify(published));
    const items = await app.gql(graphql('{ publication(year: 2023, quarter: 4) { items(first: 100) { edges { node { number } } } } }'));
    const inQuarter = (items.data?.publication?.items?.edges ?? []).map((e: { node: { number: number } }) => e.node.number);
    expect(inQuarter).toContain(aktobe.number);
    expect(inQuarter).not.toContain(almaty.number);

    // The 15 February 2024 round: 18:30Z on the 14th is the 15th in Almaty (past its cutoff), not in Aktobe.
    const almatyLate = await raise('KZ-75', '2024-02-14T18:30:00.000Z', 'Алматыда мектеп жоқ');
    const aktobeEarly = await raise('KZ-15', '2024-02-14T18:30:00.000Z', 'Ақтөбеде мектеп жоқ');
    await assign('KZ-75', almatyLate.id, '2024-12-31', '2024-02-14T18:40:00.000Z');
    await assign('KZ-15', aktobeEarly.id, '2024-12-31', '2024-02-14T18:40:00.000Z');
    app.clock.set('2024-08-20T06:00:00.000Z');
    const collected = await app.gql(COLLECT, { y: 2024, h: 1 }, { token: admin });
    expectType(collected.data.collectRound, 'MutationCollectRoundSuccess', JSON.stringify(collected));
    const ids = (
      app.db.$client
        .prepare(`select i.issue_id as id from collection_round_items i join collection_rounds r on r.id = i.round_id where r.year = 2024 and r.half = 1`)
        .all() as { id: number }[]
    ).map((r) => r.id);
    expect(ids).toContain(aktobeEarly.number);
    expect(ids).not.toContain(almatyLate.number);

    const http = await serveHttp(app);
    const requests = (await (await http.get(`/open311/v2/requests.json?service_request_id=${aktobe.number}`)).json()) as {
      requested_datetime: string;
      expected_datetime: string;
    }[];
    expect(requests[0]).toMatchObject({ requested_datetime: '2023-12-31T23:30:00+05:00', expected_datetime: '2024-06-30T23:59:59+05:00' });
  });

  it('shows an instant in the offset the region had then on the public page', async () => {
    const almaty = await raise('KZ-75', '2023-11-10T04:30:00.000Z', 'Алматыда тротуар жоқ');
    const http = await serveHttp(app);
    const page = await (await http.get(`/en/problems/${almaty.number}`)).text();
    expect(page).toContain('10 Nov 2023, 10:30');
  });
});
