import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_NOW } from '../helpers/app.ts';
import { MUTATION_ERROR, mutate, signIn } from './helpers.ts';
import { graphql, type VariablesOf } from '../helpers/graphql.ts';

// How a held meeting kept to the decree (docs/decree.md): breaches are recorded and flagged in
// public, on the meeting, in the compliance report and in the Government's overview. Results are
// due within 72 hours of the meeting's end (src/modules/meetings/conduct.ts, docs/decree.md).

const app = createTestApp({ seed: 'demo' });
let akimat: string; // AKIMAT_STAFF of AKIMAT-KZ-19

const FIELDS = graphql(`fragment ConductFields on Meeting { id status conductFlags reportTimeViolation resultsPublishedAt }`);
const RECORD = graphql(
  `mutation ($input: RecordMeetingInput!) { result: recordMeeting(input: $input) {
    __typename ...MutationError ... on MutationRecordMeetingSuccess { data { ...ConductFields } } } }`,
  [MUTATION_ERROR, FIELDS],
);
const OUTCOME = graphql(
  `mutation ($id: ID!, $input: MeetingOutcomeInput!) { result: recordMeetingOutcome(meetingId: $id, input: $input) {
    __typename ...MutationError ... on MutationRecordMeetingOutcomeSuccess { data { ...ConductFields } } } }`,
  [MUTATION_ERROR, FIELDS],
);
type RecordMeetingInput = VariablesOf<typeof RECORD>['input'];
type MeetingOutcomeInput = VariablesOf<typeof OUTCOME>['input'];
const record = (input: RecordMeetingInput) => mutate(app, akimat, RECORD, { input });
const outcome = (meetingId: string, input: MeetingOutcomeInput) => mutate(app, akimat, OUTCOME, { id: meetingId, input });
const flagsOf = async (id: string) => (await app.gql(graphql('query ($id: ID!) { meeting(id: $id) { conductFlags } }'), { id })).data.meeting!.conductFlags;

const hoursBefore = (iso: string, hours: number) => new Date(Date.parse(iso) - hours * 3_600_000).toISOString();
const open: RecordMeetingInput['broadcasts'] = [{ platform: 'instagram', url: 'https://instagram.com/akimat/live/1', commentsOpen: true }];
const closed: RecordMeetingInput['broadcasts'] = [{ platform: 'facebook', url: 'https://facebook.com/akimat/live/2', commentsOpen: false }];

/** A meeting of the Almaty Region akim in Talgar district that started `hoursAgo` before TEST_NOW and lasted an hour. */
const held = (hoursAgo: number, extra: Partial<RecordMeetingInput> = {}): RecordMeetingInput => ({
  unitCode: 'KZ-19-TALGAR',
  akimUnitCode: 'KZ-19',
  startAt: hoursBefore(TEST_NOW, hoursAgo),
  actualEndAt: hoursBefore(TEST_NOW, hoursAgo - 1),
  durationMinutes: 60,
  kind: 'ON_DEMAND',
  onDemandReason: 'POPULATION_DEMAND',
  ...extra,
});
const announced = (hoursAgo: number): Partial<RecordMeetingInput> => ({
  announcedAt: hoursBefore(TEST_NOW, hoursAgo + 48),
  announcementChannels: ['OFFICIAL_WEBSITE', 'SOCIAL_MEDIA'],
});

beforeAll(async () => {
  app.clock.set(TEST_NOW);
  akimat = await signIn(app, 'akimat@jauap.demo');
});

describe('conduct flags on a meeting', () => {
  it('a meeting held as the decree asks carries none', async () => {
    const res = await record(held(30, { ...announced(30), broadcasts: open, reportMinutes: 15, results: 'Жолдар жөнделеді.' }));
    expect(res.error).toBeUndefined();
    expect(res.data).toMatchObject({ status: 'HELD', conductFlags: [], resultsPublishedAt: TEST_NOW });
  });

  it('flags a meeting held without a broadcast, never announced, results never published', async () => {
    const res = await record(held(100, { reportMinutes: 70 }));
    expect(res.data.conductFlags).toEqual(['REPORT_OVER_QUARTER', 'NO_ONLINE_BROADCAST', 'NOT_ANNOUNCED', 'RESULTS_NOT_PUBLISHED']);
  });

  it('flags a broadcast with comments closed', async () => {
    const res = await record(held(30, { ...announced(30), broadcasts: [...open, ...closed], results: 'Қорытынды.' }));
    expect(res.data.conductFlags).toEqual(['COMMENTS_CLOSED']);
  });

  it('results become late 72 hours after the end, not before', async () => {
    const res = await record(held(10, { ...announced(10), broadcasts: open }));
    expect(res.data.conductFlags).toEqual([]);
    app.clock.set(hoursBefore(TEST_NOW, 10 - 1 - 72)); // exactly 72 h after the end
    expect(await flagsOf(res.data.id)).toEqual([]);
    app.clock.set(hoursBefore(TEST_NOW, 10 - 1 - 72 - 0.01));
    expect(await flagsOf(res.data.id)).toEqual(['RESULTS_NOT_PUBLISHED']);
    app.clock.set(TEST_NOW);
  });

  it('results published after the 72 hours stay flagged; a planned meeting has nothing to breach', async () => {
    const planned = await record({ ...held(-24), actualEndAt: undefined });
    expect(planned.data).toMatchObject({ status: 'PLANNED', conductFlags: [] });
    const late = await record(held(200, { ...announced(200), broadcasts: open }));
    const published = await outcome(late.data.id, { actualStartAt: hoursBefore(TEST_NOW, 200), results: 'Кеш жарияланды.' });
    expect(published.data).toMatchObject({ resultsPublishedAt: TEST_NOW, conductFlags: ['RESULTS_NOT_PUBLISHED'] });
  });
});

describe('the same rules in SQL: filters, compliance and the Government overview', () => {
  const FLAGS = ['REPORT_OVER_QUARTER', 'NO_ONLINE_BROADCAST', 'COMMENTS_CLOSED', 'NOT_ANNOUNCED', 'RESULTS_NOT_PUBLISHED'];

  async function allMeetings(filter: Record<string, unknown>) {
    const nodes: { id: string; conductFlags: string[] }[] = [];
    let after: string | null = null;
    for (;;) {
      const res: any = await app.gql(
        graphql(
          'query ($f: MeetingFilter, $after: String) { meetings(filter: $f, first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id conductFlags } } } }',
        ),
        { f: filter, after },
      );
      expect(res.errors).toBeUndefined();
      nodes.push(...res.data.meetings.edges.map((e: any) => e.node));
      if (!res.data.meetings.pageInfo.hasNextPage) return nodes;
      after = res.data.meetings.pageInfo.endCursor;
    }
  }

  it('the conductFlags filter finds exactly the meetings whose field shows the flag', async () => {
    const everyone = await allMeetings({ regionCodes: ['KZ-19', 'KZ-75'] });
    expect(everyone.length).toBeGreaterThan(50);
    for (const flag of FLAGS) {
      const filtered = (await allMeetings({ regionCodes: ['KZ-19', 'KZ-75'], conductFlags: [flag] })).map((m) => m.id).sort();
      const shown = everyone
        .filter((m) => m.conductFlags.includes(flag))
        .map((m) => m.id)
        .sort();
      expect(filtered, flag).toEqual(shown);
    }
    const any = (await allMeetings({ regionCodes: ['KZ-19', 'KZ-75'], conductFlags: ['NO_ONLINE_BROADCAST', 'COMMENTS_CLOSED'] })).length;
    expect(any).toBe(everyone.filter((m) => m.conductFlags.some((f) => f === 'NO_ONLINE_BROADCAST' || f === 'COMMENTS_CLOSED')).length);
  });

  it('compliance and governmentOverview count the flagged meetings planned in the year', async () => {
    const year = 2026;
    const inYear = await allMeetings({ regionCodes: ['KZ-19'], from: `${year}-01-01`, to: `${year}-12-31` });
    const expected = Object.fromEntries(FLAGS.map((f) => [f, inYear.filter((m) => m.conductFlags.includes(f)).length]));
    expect(expected.NOT_ANNOUNCED).toBeGreaterThan(0); // the meetings recorded above
    const res = await app.gql(
      graphql(`query ($year: Int!) {
      coverageCompliance(regionCode: "KZ-19", year: $year) { conductBreaches { flag meetings } }
      governmentOverview(year: $year) { region { code } reportTimeViolations conductBreaches { flag meetings } }
    }`),
      { year },
    );
    expect(res.errors).toBeUndefined();
    const asMap = (list: { flag: string; meetings: number }[]) => Object.fromEntries(list.map((b) => [b.flag, b.meetings]));
    expect(asMap(res.data.coverageCompliance!.conductBreaches)).toEqual(expected);
    const kz19 = res.data.governmentOverview.find((r: any) => r.region.code === 'KZ-19');
    expect(asMap(kz19!.conductBreaches)).toEqual(expected);
    expect(kz19!.reportTimeViolations).toBe(expected.REPORT_OVER_QUARTER);
    for (const region of res.data.governmentOverview) expect(region.conductBreaches.map((b: any) => b.flag)).toEqual(FLAGS);
  });

  it('refuses an unknown flag in the filter', async () => {
    const res = await app.gqlText('{ meetings(filter: { conductFlags: [LATE_LUNCH] }) { totalCount } }');
    expect(res.errors?.[0]?.message).toMatch(/LATE_LUNCH/);
  });
});
