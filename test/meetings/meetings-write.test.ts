import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_NOW } from '../helpers/app.ts';
import { MUTATION_ERROR, mutate, reviseCalendar, signIn } from './helpers.ts';
import { asType, graphql, type VariablesOf } from '../helpers/graphql.ts';

// Meetings as the decree describes them (docs/decree.md): scheduled from a calendar entry or on demand,
// the quarter-time rule for the report, announcement, broadcasts, audience and results.

const app = createTestApp({ seed: 'demo' });
let akimat: string; // AKIMAT_STAFF of the Almaty Region akimat (KZ-19)
let government: string;

const MEETING_FIELDS = graphql(`fragment MeetingFields on Meeting {
  id kind onDemandReason status visiting akimLevel unit { code } akimUnit { code }
  plannedStartAt plannedDurationMinutes actualStartAt actualEndAt reportMinutes reportTimeViolation
  announcedAt announcementChannels videoConference results resultsPublishedAt
  broadcasts { platform url commentsOpen } audience { category count }
  calendarEntry { id held } }`);

const RECORD = graphql(
  `mutation ($input: RecordMeetingInput!) { result: recordMeeting(input: $input) {
    __typename ...MutationError ... on MutationRecordMeetingSuccess { data { ...MeetingFields } } } }`,
  [MUTATION_ERROR, MEETING_FIELDS],
);
const OUTCOME = graphql(
  `mutation ($id: ID!, $input: MeetingOutcomeInput!) { result: recordMeetingOutcome(meetingId: $id, input: $input) {
    __typename ...MutationError ... on MutationRecordMeetingOutcomeSuccess { data { ...MeetingFields } } } }`,
  [MUTATION_ERROR, MEETING_FIELDS],
);
type RecordMeetingInput = VariablesOf<typeof RECORD>['input'];
type MeetingOutcomeInput = VariablesOf<typeof OUTCOME>['input'];

const record = (token: string | undefined, input: RecordMeetingInput) => mutate(app, token, RECORD, { input });
const outcome = (token: string | undefined, meetingId: string, input: MeetingOutcomeInput) => mutate(app, token, OUTCOME, { id: meetingId, input });

const talgarOnDemand = (extra: Partial<RecordMeetingInput> = {}): RecordMeetingInput => ({
  unitCode: 'KZ-19-TALGAR',
  akimUnitCode: 'KZ-19',
  startAt: '2026-11-20T05:00:00.000Z',
  durationMinutes: 60,
  kind: 'ON_DEMAND',
  onDemandReason: 'POPULATION_DEMAND',
  ...extra,
});

beforeAll(async () => {
  app.clock.set(TEST_NOW);
  akimat = await signIn(app, 'akimat@jauap.demo');
  government = await signIn(app, 'government@jauap.demo');
});

describe('the quarter-time rule for the report', () => {
  it('records a report longer than the whole meeting, flagged', async () => {
    const whole = await record(akimat, talgarOnDemand({ durationMinutes: 60, reportMinutes: 75 }));
    expect(whole.error).toBeUndefined();
    expect(whole.data).toMatchObject({ reportMinutes: 75, plannedDurationMinutes: 60, reportTimeViolation: true, status: 'HELD' });
  });

  it('a report of exactly 25 % of the planned time is not a violation; one minute more is', async () => {
    const exact = await record(akimat, talgarOnDemand({ reportMinutes: 15 }));
    const over = await record(akimat, talgarOnDemand({ reportMinutes: 16 }));
    const long = await record(akimat, talgarOnDemand({ durationMinutes: 120, reportMinutes: 30 }));
    const longOver = await record(akimat, talgarOnDemand({ durationMinutes: 120, reportMinutes: 31 }));
    expect([exact, over, long, longOver].map((r) => [r.data.reportMinutes, r.data.plannedDurationMinutes, r.data.reportTimeViolation])).toEqual([
      [15, 60, false],
      [16, 60, true],
      [30, 120, false],
      [31, 120, true],
    ]);
    const res = await app.gql(graphql(`query($f: MeetingFilter) { meetings(filter: $f, first: 100) { edges { node { id } } } }`), {
      f: { regionCodes: ['KZ-19'], from: '2026-11-20', to: '2026-11-20', reportTimeViolation: true },
    });
    const ids = res.data.meetings.edges.map((e: any) => e.node.id);
    expect(ids).toContain(over.data.id);
    expect(ids).toContain(longOver.data.id);
    expect(ids).not.toContain(exact.data.id);
    expect(ids).not.toContain(long.data.id);
  });

  it('recordMeetingOutcome applies the same rule to a planned meeting', async () => {
    const planned = await record(akimat, talgarOnDemand({ startAt: '2026-12-03T05:00:00.000Z', durationMinutes: 100 }));
    expect(planned.data).toMatchObject({ status: 'PLANNED', actualStartAt: null, reportTimeViolation: false });
    app.clock.set('2026-12-03T09:00:00.000Z');
    const held = await outcome(akimat, planned.data.id, {
      actualStartAt: '2026-12-03T05:05:00.000Z',
      actualEndAt: '2026-12-03T06:50:00.000Z',
      reportMinutes: 26,
    });
    expect(held.data).toMatchObject({ status: 'HELD', reportMinutes: 26, reportTimeViolation: true, actualEndAt: '2026-12-03T06:50:00.000Z' });
    const corrected = await outcome(akimat, planned.data.id, { actualStartAt: '2026-12-03T05:05:00.000Z', reportMinutes: 25 });
    expect(corrected.data).toMatchObject({ reportMinutes: 25, reportTimeViolation: false });
    // A report longer than the whole planned time is the worst breach: recorded and flagged, not refused.
    const tooLong = await outcome(akimat, planned.data.id, { actualStartAt: '2026-12-03T05:05:00.000Z', reportMinutes: 101 });
    expect(tooLong.error).toBeUndefined();
    expect(tooLong.data).toMatchObject({ reportMinutes: 101, plannedDurationMinutes: 100, reportTimeViolation: true });
    app.clock.set(TEST_NOW);
  });
});

describe('on-demand meetings', () => {
  it('need a reason, and never check off a calendar entry', async () => {
    const necessity = await record(akimat, talgarOnDemand({ onDemandReason: 'NECESSITY' }));
    expect(necessity.data).toMatchObject({
      kind: 'ON_DEMAND',
      onDemandReason: 'NECESSITY',
      status: 'HELD',
      visiting: true,
      akimLevel: 'REGION',
      calendarEntry: null,
    });
    const noReason = await record(akimat, talgarOnDemand({ onDemandReason: undefined }));
    expect(noReason.error).toMatchObject({ code: 'input/invalid', problems: [{ path: 'onDemandReason' }] });
    const scheduledWithReason = await record(akimat, talgarOnDemand({ kind: 'SCHEDULED' }));
    expect(scheduledWithReason.error).toMatchObject({ code: 'input/invalid', problems: [{ path: 'onDemandReason' }] });
    const withEntry = await record(akimat, talgarOnDemand({ calendarEntryId: 'Q2FsZW5kYXJFbnRyeTox' }));
    expect(withEntry.error).toMatchObject({ code: 'input/invalid', problems: [{ path: 'calendarEntryId' }] });
    const ownTerritory = await record(akimat, talgarOnDemand({ unitCode: 'KZ-19-TALGAR-NURA', akimUnitCode: 'KZ-19-TALGAR-NURA' }));
    expect(ownTerritory.data).toMatchObject({ visiting: false, akimLevel: 'RURAL_OKRUG' });
  });
});

describe('scheduled meetings check off their calendar entry', () => {
  let entry: any;
  beforeAll(async () => {
    // A December entry of the demo's 2026 calendar: its meeting is still planned.
    const res = await app.gql(
      graphql(`{ calendar(regionCode: "KZ-19", year: 2026) { entries {
      id held plannedFrom akimUnit { code } visitedUnit { code } meetings { id status plannedStartAt }
    } } }`),
    );
    entry = res.data.calendar!.entries.find((e: any) => e.plannedFrom > '2026-12-01' && e.meetings.length === 1 && e.meetings[0].status === 'PLANNED');
    expect(entry).toBeDefined();
    expect(entry.held).toBe(false);
  });

  it('announce, hold with broadcasts, audience and results: the entry is held', async () => {
    const meetingId = entry.meetings[0].id;
    const announced = await mutate(
      app,
      akimat,
      graphql(
        `mutation ($id: ID!, $at: DateTime!, $channels: [AnnouncementChannel!]!) { result: announceMeeting(meetingId: $id, announcedAt: $at, channels: $channels) {
          __typename ...MutationError ... on MutationAnnounceMeetingSuccess { data { ...MeetingFields } } } }`,
        [MUTATION_ERROR, MEETING_FIELDS],
      ),
      {
        id: meetingId,
        at: '2026-11-27T05:00:00.000Z',
        channels: ['OFFICIAL_WEBSITE', 'SOCIAL_MEDIA', 'MASS_MEDIA'],
      },
    );
    expect(announced.data).toMatchObject({ announcedAt: '2026-11-27T05:00:00.000Z', announcementChannels: ['OFFICIAL_WEBSITE', 'SOCIAL_MEDIA', 'MASS_MEDIA'] });

    const start = entry.meetings[0].plannedStartAt;
    app.clock.set(new Date(Date.parse(start) + 6 * 3_600_000).toISOString());
    const held = await outcome(akimat, meetingId, {
      actualStartAt: start,
      actualEndAt: new Date(Date.parse(start) + 110 * 60_000).toISOString(),
      reportMinutes: 20,
      videoConference: true,
      broadcasts: [
        { platform: 'instagram', url: 'https://www.instagram.com/p/Cx1Demo/' },
        { platform: 'YOUTUBE', url: 'https://www.youtube.com/watch?v=abc123', commentsOpen: false },
      ],
      audience: [
        { category: 'CITIZENS', count: 140 },
        { category: 'MASLIKHAT_DEPUTIES', count: 4 },
        { category: 'OPPOSITION', count: 1 },
      ],
      results: 'Аким ответил на 12 вопросов; 5 проблем взяты на контроль.',
    });
    expect(held.error).toBeUndefined();
    expect(held.data).toMatchObject({
      status: 'HELD',
      videoConference: true,
      calendarEntry: { id: entry.id, held: true },
      results: 'Аким ответил на 12 вопросов; 5 проблем взяты на контроль.',
    });
    expect(held.data.resultsPublishedAt).not.toBeNull();
    expect(held.data.broadcasts).toEqual([
      { platform: 'INSTAGRAM', url: 'https://www.instagram.com/p/Cx1Demo/', commentsOpen: true },
      { platform: 'YOUTUBE', url: 'https://www.youtube.com/watch?v=abc123', commentsOpen: false },
    ]);
    expect(held.data.audience).toEqual(
      expect.arrayContaining([
        { category: 'CITIZENS', count: 140 },
        { category: 'OPPOSITION', count: 1 },
      ]),
    );
    const after = await app.gql(graphql(`query($id: ID!) { node(id: $id) { ... on CalendarEntry { held meetings { status } } } }`), { id: entry.id });
    expect(after.data.node).toEqual({ held: true, meetings: [{ status: 'HELD' }] });

    // A correction by revision cannot drop an entry that was held.
    const revise = await reviseCalendar(app, akimat, await calendarIdOf(entry.id), {
      reason: 'Drop a visit that happened',
      maslikhatNotifiedOn: held.data.actualStartAt!.slice(0, 10),
      removeEntryIds: [entry.id],
    });
    expect(revise.error?.code).toBe('calendar/entry_held');
    app.clock.set(TEST_NOW);
  });

  it('records a scheduled meeting against its entry; the entry must plan that akim, unit and year', async () => {
    const base: RecordMeetingInput = {
      unitCode: entry.visitedUnit.code,
      akimUnitCode: entry.akimUnit.code,
      startAt: `${entry.plannedFrom}T05:00:00.000Z`,
      durationMinutes: 90,
      kind: 'SCHEDULED',
      calendarEntryId: entry.id,
      announcedAt: '2026-11-26T10:00:00.000Z',
      announcementChannels: ['E_GOVERNMENT_PORTAL'],
    };
    const planned = await record(akimat, base);
    expect(planned.data).toMatchObject({
      kind: 'SCHEDULED',
      status: 'PLANNED',
      calendarEntry: { id: entry.id },
      announcementChannels: ['E_GOVERNMENT_PORTAL'],
    });
    const otherUnit = await record(akimat, { ...base, unitCode: 'KZ-19-KEGEN', akimUnitCode: 'KZ-19' });
    expect(otherUnit.error).toMatchObject({ code: 'input/invalid', problems: [{ path: 'calendarEntryId' }] });
    const otherYear = await record(akimat, { ...base, startAt: '2027-01-20T05:00:00.000Z' });
    expect(otherYear.error).toMatchObject({ code: 'input/invalid', problems: [{ path: 'startAt' }] });
    const lateAnnouncement = await record(akimat, { ...base, startAt: '2026-11-20T05:00:00.000Z', announcedAt: '2026-11-21T05:00:00.000Z' });
    expect(lateAnnouncement.error).toMatchObject({ code: 'input/invalid', problems: [{ path: 'announcedAt', message: 'must be before the meeting starts' }] });
    const badLists = await record(akimat, {
      ...base,
      startAt: '2026-11-20T05:00:00.000Z',
      announcedAt: undefined,
      announcementChannels: undefined,
      broadcasts: [{ platform: 'X', url: 'ftp://example.org/live' }],
      audience: [
        { category: 'CITIZENS', count: 10 },
        { category: 'CITIZENS', count: 12 },
      ],
    });
    expect(badLists.error?.problems?.map((p) => p.path)).toEqual(['broadcasts.0.url', 'audience']);
  });

  it('a removed entry of an earlier revision can no longer be checked off', async () => {
    const res = await app.gql(
      graphql(
        `{ calendar(regionCode: "KZ-19", year: 2025) { currentRevision r1: entries(revision: 1) { id removedInRevision akimUnit { code } visitedUnit { code } plannedFrom } } }`,
      ),
    );
    expect(res.data.calendar!.currentRevision).toBe(2);
    const removed = res.data.calendar!.r1.find((e: any) => e.removedInRevision === 2);
    const attempt = await record(akimat, {
      unitCode: removed!.visitedUnit.code,
      akimUnitCode: removed!.akimUnit.code,
      startAt: `${removed!.plannedFrom}T05:00:00.000Z`,
      durationMinutes: 90,
      kind: 'SCHEDULED',
      calendarEntryId: removed!.id,
    });
    expect(attempt.error?.code).toBe('calendar_entry/not_found');
  });
});

async function calendarIdOf(entryId: string): Promise<string> {
  const res = await app.gql(graphql(`query($id: ID!) { node(id: $id) { __typename ... on CalendarEntry { calendar { id } } } }`), { id: entryId });
  return asType(res.data.node, 'CalendarEntry').calendar.id;
}

const CANCEL = graphql(
  `mutation ($id: ID!, $reason: String!) { result: cancelMeeting(meetingId: $id, reason: $reason) {
    __typename ...MutationError ... on MutationCancelMeetingSuccess { data { ...MeetingFields } } } }`,
  [MUTATION_ERROR, MEETING_FIELDS],
);

describe('cancelling', () => {
  it('calls off a planned meeting with a published reason; a cancelled meeting stays cancelled', async () => {
    const planned = await record(akimat, talgarOnDemand({ startAt: '2026-12-10T05:00:00.000Z' }));
    const cancel = (token: string) =>
      mutate(app, token, CANCEL, {
        id: planned.data.id,
        reason: 'Сель қаупіне байланысты кездесу кейінге қалдырылды',
      });
    const cancelled = await cancel(akimat);
    expect(cancelled.data).toMatchObject({ status: 'CANCELLED', results: 'Сель қаупіне байланысты кездесу кейінге қалдырылды' });
    expect((await cancel(akimat)).error?.code).toBe('meeting/invalid_status');
    expect((await outcome(akimat, planned.data.id, { actualStartAt: '2026-11-20T05:00:00.000Z' })).error?.code).toBe('meeting/invalid_status');
  });
});

describe('scopes', () => {
  it('akimat staff act only in their territory; the Government and the public record nothing', async () => {
    const elsewhere = await record(akimat, { ...talgarOnDemand(), unitCode: 'KZ-61-SAURAN', akimUnitCode: 'KZ-61' });
    expect(elsewhere.error?.code).toBe('auth/forbidden');
    expect((await record(government, talgarOnDemand())).error?.code).toBe('auth/forbidden');
    expect((await record(undefined, talgarOnDemand())).error?.code).toBe('auth/unauthenticated');

    const kz61 = await app.gql(graphql(`{ meetings(filter: { regionCodes: ["KZ-61"], statuses: [PLANNED] }, first: 1) { edges { node { id } } } }`));
    const foreignId = kz61.data.meetings.edges[0]!.node.id;
    expect((await outcome(akimat, foreignId, { actualStartAt: '2026-11-20T05:00:00.000Z' })).error?.code).toBe('auth/forbidden');
    expect((await outcome(undefined, foreignId, { actualStartAt: '2026-11-20T05:00:00.000Z' })).error?.code).toBe('auth/unauthenticated');
  });
});
