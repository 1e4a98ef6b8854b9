import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { approveCalendar, CALENDAR_FIELDS, calendarStep, createCalendar, MUTATION_ERROR, mutate, reviseCalendar, signIn } from './helpers.ts';
import { graphql } from '../helpers/graphql.ts';

// The decree's calendar workflow (docs/decree.md): DRAFT -> APPROVED -> SUBMITTED -> FORWARDED with the
// decree's dates in Kazakhstan time, revisions that keep every earlier state, and who may do what.

const app = createTestApp({ seed: 'demo' });
let admin: string;
let akimat: string; // AKIMAT_STAFF of AKIMAT-KZ-19
let government: string;

let signedInAt = 0;
/** Moves "now"; signs everyone in again when their 14-day sessions would have run out (the tests travel years). */
async function at(iso: string) {
  app.clock.set(iso);
  if (Date.parse(iso) < signedInAt + 13 * 86_400_000) return;
  signedInAt = Date.parse(iso);
  [admin, akimat, government] = await Promise.all([signIn(app, 'admin@jauap.demo'), signIn(app, 'akimat@jauap.demo'), signIn(app, 'government@jauap.demo')]);
}

beforeAll(() => at('2026-11-27T06:00:00.000Z'));

const astanaEntry = (year: number, district = 'KZ-79-ABAI') => ({
  akimUnitCode: 'KZ-79',
  visitedUnitCode: district,
  plannedFrom: `${year}-03-10`,
  plannedTo: `${year}-03-20`,
});

const EDIT_DRAFT = graphql(
  `mutation ($id: ID!, $add: [CalendarEntryInput!], $remove: [ID!]) { result: editCalendarDraft(calendarId: $id, addEntries: $add, removeEntryIds: $remove) {
    __typename ...MutationError ... on MutationEditCalendarDraftSuccess { data { ...CalendarFields } } } }`,
  [MUTATION_ERROR, CALENDAR_FIELDS],
);

describe('deadlines in Kazakhstan time (UTC+5)', () => {
  it('approval at 23:59 on 15 January is on time, submission at the last millisecond of 20 January too', async () => {
    await at('2026-01-10T05:00:00.000Z');
    const created = await createCalendar(app, admin, 'KZ-79', 2026, [astanaEntry(2026)]);
    expect(created.data).toMatchObject({ status: 'DRAFT', currentRevision: 1 });
    const id = created.data.id;

    await at('2026-01-15T18:59:00.000Z'); // 23:59 on 15 January in Almaty
    const approved = await approveCalendar(app, admin, id, { maslikhatNotifiedOn: '2026-01-14' });
    expect(approved.data.status).toBe('APPROVED');
    expect(approved.data.steps[0]).toEqual({
      step: 'APPROVED',
      dueAt: '2026-01-15T18:59:59.999Z',
      doneAt: '2026-01-15T18:59:00.000Z',
      lateByMinutes: 0,
      state: 'ON_TIME',
    });
    expect(approved.data.transitions.at(-1)).toMatchObject({ fromStatus: 'DRAFT', toStatus: 'APPROVED', late: false, lateByMinutes: 0 });

    await at('2026-01-20T18:59:59.999Z');
    const submitted = await calendarStep(app, admin, 'submitCalendar', id);
    expect(submitted.data.steps[1]).toMatchObject({ step: 'SUBMITTED_TO_GOVERNMENT', state: 'ON_TIME', lateByMinutes: 0 });
  });

  it('approval one minute later (00:00 on 16 January) is recorded as late by 1 minute, not refused', async () => {
    await at('2026-12-20T05:00:00.000Z');
    const created = await createCalendar(app, admin, 'KZ-79', 2027, [astanaEntry(2027)]);
    const id = created.data.id;
    await at('2027-01-15T19:00:00.000Z');
    const approved = await approveCalendar(app, admin, id, { maslikhatNotifiedOn: '2027-01-15' });
    expect(approved.error).toBeUndefined();
    expect(approved.data.status).toBe('APPROVED');
    expect(approved.data.steps[0]).toMatchObject({ state: 'LATE', lateByMinutes: 1, dueAt: '2027-01-15T18:59:59.999Z' });
    expect(approved.data.transitions.at(-1)).toMatchObject({ toStatus: 'APPROVED', late: true, lateByMinutes: 1, dueAt: '2027-01-15T18:59:59.999Z' });

    // Submitting and forwarding late keep their own delays; forwarding is the Government's step.
    await at('2027-01-21T04:00:00.000Z'); // 09:00 on 21 January: 9 h 0 min late
    const submitted = await calendarStep(app, admin, 'submitCalendar', id);
    expect(submitted.data.steps[1]).toMatchObject({ state: 'LATE', lateByMinutes: 9 * 60 });
    expect(submitted.data.steps[2]).toMatchObject({ state: 'PENDING', doneAt: null, dueAt: '2027-02-01T18:59:59.999Z' });
    await at('2027-02-03T10:00:00.000Z');
    const overdue = await app.gql(graphql(`{ calendar(regionCode: "KZ-79", year: 2027) { steps { step state lateByMinutes } } }`));
    expect(overdue.data.calendar!.steps[2]).toEqual({ step: 'FORWARDED_TO_ADMINISTRATION', state: 'OVERDUE', lateByMinutes: 2340 });
    const forwarded = await calendarStep(app, government, 'forwardCalendar', id);
    expect(forwarded.data.status).toBe('FORWARDED_TO_ADMINISTRATION');
    expect(forwarded.data.steps[2]).toMatchObject({ state: 'LATE', lateByMinutes: 2340, doneAt: '2027-02-03T10:00:00.000Z' });
  });
});

describe('the first year and the new regions', () => {
  it('a 2022 calendar has no legal dates: the decree took effect on 3 March 2022', async () => {
    await at('2022-03-20T05:00:00.000Z');
    const created = await createCalendar(app, admin, 'KZ-79', 2022, [astanaEntry(2022)]);
    const approved = await approveCalendar(app, admin, created.data.id, { maslikhatAgreedOn: '2022-03-18' });
    expect(approved.error).toBeUndefined();
    expect(approved.data.steps).toEqual([
      { step: 'APPROVED', dueAt: null, doneAt: '2022-03-20T05:00:00.000Z', lateByMinutes: 0, state: 'NO_DEADLINE' },
      { step: 'SUBMITTED_TO_GOVERNMENT', dueAt: null, doneAt: null, lateByMinutes: 0, state: 'NO_DEADLINE' },
      { step: 'FORWARDED_TO_ADMINISTRATION', dueAt: null, doneAt: null, lateByMinutes: 0, state: 'NO_DEADLINE' },
    ]);
    expect(approved.data.transitions.at(-1)).toMatchObject({ toStatus: 'APPROVED', dueAt: null, lateByMinutes: 0, late: false });
  });

  it('the Government sees no 2022 step overdue, and the 2023 steps of every region due', async () => {
    await at('2026-11-27T06:00:00.000Z');
    const query = graphql(
      `query ($year: Int!) { governmentOverview(year: $year) { region { code } approval { state dueAt } submission { state } forwarding { state } } }`,
    );
    const y2022 = (await app.gql(query, { year: 2022 })).data.governmentOverview;
    expect(y2022).toHaveLength(20);
    for (const r of y2022) {
      expect([r.approval.state, r.submission.state, r.forwarding.state], r.region.code).toEqual(['NO_DEADLINE', 'NO_DEADLINE', 'NO_DEADLINE']);
    }
    // Abai, Zhetisu and Ulytau regions (8 June 2022) owe their first calendar for 2023.
    const y2023 = (await app.gql(query, { year: 2023 })).data.governmentOverview;
    const abai = y2023.find((r: any) => r.region.code === 'KZ-10');
    // Abai region (Semey) kept Asia/Almaty time, UTC+6 in 2023: 15 January ended at 17:59:59.999Z.
    expect(abai!.approval).toEqual({ state: 'OVERDUE', dueAt: '2023-01-15T17:59:59.999Z' });
  });

  it('from 2023 on every step has its legal date again', async () => {
    await at('2026-11-27T06:00:00.000Z');
    const res = await app.gql(graphql('{ calendar(regionCode: "KZ-71", year: 2025) { steps { state } } }'));
    expect(res.data.calendar!.steps.map((s: any) => s.state)).not.toContain('NO_DEADLINE');
  });
});

describe('the maslikhat: agreement before 2024, notification from 2024', () => {
  it('a 2023 calendar needs the agreement date', async () => {
    await at('2023-01-09T05:00:00.000Z');
    const { data } = await createCalendar(app, admin, 'KZ-79', 2023, [astanaEntry(2023)]);
    expect(data.maslikhatStep).toBe('AGREEMENT');
    const refused = await approveCalendar(app, admin, data.id, { maslikhatNotifiedOn: '2023-01-08' });
    expect(refused.error).toMatchObject({ code: 'input/invalid', problems: [{ path: 'maslikhatAgreedOn' }] });
    const approved = await approveCalendar(app, admin, data.id, { maslikhatAgreedOn: '2023-01-08' });
    expect(approved.data).toMatchObject({ status: 'APPROVED', maslikhatAgreedOn: '2023-01-08', maslikhatNotifiedOn: null });
  });

  it('a 2024 calendar needs the notification date, and it cannot lie in the future', async () => {
    await at('2024-01-09T05:00:00.000Z');
    const { data } = await createCalendar(app, admin, 'KZ-79', 2024, [astanaEntry(2024)]);
    expect(data.maslikhatStep).toBe('NOTIFICATION');
    const refused = await approveCalendar(app, admin, data.id, { maslikhatAgreedOn: '2024-01-08' });
    expect(refused.error).toMatchObject({ code: 'input/invalid', problems: [{ path: 'maslikhatNotifiedOn' }] });
    const future = await approveCalendar(app, admin, data.id, { maslikhatNotifiedOn: '2024-01-10' });
    expect(future.error).toMatchObject({ code: 'input/invalid', problems: [{ path: 'maslikhatNotifiedOn', message: 'must not be in the future' }] });
    const approved = await approveCalendar(app, admin, data.id, { maslikhatNotifiedOn: '2024-01-09' });
    expect(approved.data).toMatchObject({ status: 'APPROVED', maslikhatNotifiedOn: '2024-01-09' });
    expect(approved.data.revisions).toEqual([{ number: 1, reason: null, maslikhatNotifiedOn: '2024-01-09', createdAt: '2024-01-09T05:00:00.000Z' }]);
  });
});

describe('steps run in order', () => {
  it('refuses a skipped, repeated or empty step, and a second calendar for the same year', async () => {
    await at('2027-11-01T05:00:00.000Z');
    const empty = await createCalendar(app, admin, 'KZ-79', 2028);
    expect((await approveCalendar(app, admin, empty.data.id, { maslikhatNotifiedOn: '2027-11-01' })).error?.code).toBe('calendar/empty');
    expect((await calendarStep(app, admin, 'submitCalendar', empty.data.id)).error?.code).toBe('calendar/invalid_status');
    expect((await calendarStep(app, government, 'forwardCalendar', empty.data.id)).error?.code).toBe('calendar/invalid_status');
    expect((await createCalendar(app, admin, 'KZ-79', 2028)).error?.code).toBe('calendar/already_exists');
    expect((await createCalendar(app, admin, 'KZ-79-ABAI', 2028)).error?.code).toBe('region/not_found');
  });

  it('checks entries: units of the region, below the akim, dates in the year', async () => {
    await at('2027-11-01T05:00:00.000Z');
    const res = await createCalendar(app, admin, 'KZ-75', 2028, [
      { akimUnitCode: 'KZ-75', visitedUnitCode: 'KZ-79-ABAI', plannedFrom: '2028-02-01' },
      { akimUnitCode: 'KZ-75-ALMALY', visitedUnitCode: 'KZ-75-MEDEU', plannedFrom: '2028-02-01' },
      { akimUnitCode: 'KZ-75', visitedUnitCode: 'KZ-75-MEDEU', plannedFrom: '2027-12-30', plannedTo: '2028-01-05' },
      { akimUnitCode: 'KZ-75', visitedUnitCode: 'KZ-75', plannedFrom: '2028-03-01' },
    ]);
    expect(res.error?.code).toBe('input/invalid');
    expect(res.error?.problems).toEqual([
      { path: 'entries.0.visitedUnitCode', message: 'is not a unit of this region' },
      { path: 'entries.1.visitedUnitCode', message: 'is not below KZ-75-ALMALY' },
      { path: 'entries.2.plannedFrom', message: 'must be in 2028' },
      { path: 'entries.3.visitedUnitCode', message: 'is not below KZ-75' },
    ]);
    expect((await app.gql(graphql('{ calendar(regionCode: "KZ-75", year: 2028) { id } }'))).data.calendar).toBeNull();
  });
});

describe('who may do what', () => {
  let kz61: string;
  beforeAll(async () => {
    await at('2026-12-01T05:00:00.000Z');
    kz61 = (await createCalendar(app, admin, 'KZ-61', 2027, [{ akimUnitCode: 'KZ-61', visitedUnitCode: 'KZ-61-ARYS', plannedFrom: '2027-04-01' }])).data.id;
  });

  it("another region's akimat can neither create, edit, approve nor revise the calendar", async () => {
    expect((await createCalendar(app, akimat, 'KZ-61', 2028)).error?.code).toBe('auth/forbidden');
    expect((await approveCalendar(app, akimat, kz61, { maslikhatNotifiedOn: '2026-11-30' })).error?.code).toBe('auth/forbidden');
    const edit = await mutate(app, akimat, EDIT_DRAFT, {
      id: kz61,
      add: [{ akimUnitCode: 'KZ-61', visitedUnitCode: 'KZ-61-KENTAU', plannedFrom: '2027-05-01' }],
    });
    expect(edit.error?.code).toBe('auth/forbidden');
    expect((await reviseCalendar(app, akimat, kz61, { reason: 'Moving things', maslikhatNotifiedOn: '2026-11-30', removeEntryIds: [] })).error?.code).toBe(
      'auth/forbidden',
    );
  });

  it('the Government cannot approve; the akimat cannot forward; the public can do nothing', async () => {
    expect((await approveCalendar(app, government, kz61, { maslikhatNotifiedOn: '2026-11-30' })).error?.code).toBe('auth/forbidden');
    expect((await approveCalendar(app, undefined, kz61, { maslikhatNotifiedOn: '2026-11-30' })).error?.code).toBe('auth/unauthenticated');
    expect((await createCalendar(app, undefined, 'KZ-61', 2028)).error?.code).toBe('auth/unauthenticated');
    expect((await approveCalendar(app, admin, kz61, { maslikhatNotifiedOn: '2026-11-30' })).data.status).toBe('APPROVED');
    expect((await calendarStep(app, admin, 'submitCalendar', kz61)).data.status).toBe('SUBMITTED_TO_GOVERNMENT');
    expect((await calendarStep(app, akimat, 'forwardCalendar', kz61)).error?.code).toBe('auth/forbidden');
    expect((await calendarStep(app, undefined, 'forwardCalendar', kz61)).error?.code).toBe('auth/unauthenticated');
    expect((await calendarStep(app, government, 'forwardCalendar', kz61)).data.status).toBe('FORWARDED_TO_ADMINISTRATION');
  });

  it("the region's own akimat runs its calendar from draft to submission", async () => {
    await at('2027-12-20T05:00:00.000Z');
    const created = await createCalendar(app, akimat, 'KZ-19', 2028, [
      { akimUnitCode: 'KZ-19', visitedUnitCode: 'KZ-19-TALGAR', plannedFrom: '2028-03-01', plannedTo: '2028-03-10' },
    ]);
    expect(created.data.status).toBe('DRAFT');
    const id = created.data.id;
    const draft = await mutate(app, akimat, EDIT_DRAFT, {
      id,
      add: [{ akimUnitCode: 'KZ-19-TALGAR', visitedUnitCode: 'KZ-19-TALGAR-NURA', plannedFrom: '2028-04-02' }],
      remove: [created.data.entries[0]!.id],
    });
    expect(draft.data.entries.map((e: any) => [e.akimUnit.code, e.visitedUnit.code, e.plannedFrom, e.plannedTo, e.akimLevel])).toEqual([
      ['KZ-19-TALGAR', 'KZ-19-TALGAR-NURA', '2028-04-02', '2028-04-02', 'DISTRICT'],
    ]);
    await at('2028-01-12T06:00:00.000Z');
    expect((await approveCalendar(app, akimat, id, { maslikhatNotifiedOn: '2028-01-11' })).data.status).toBe('APPROVED');
    const afterApproval = await mutate(app, akimat, EDIT_DRAFT, { id });
    expect(afterApproval.error?.code).toBe('calendar/invalid_status');
    expect((await calendarStep(app, akimat, 'submitCalendar', id)).data.status).toBe('SUBMITTED_TO_GOVERNMENT');
  });
});

describe('revisions', () => {
  it('a correction makes revision n+1 with its reason; every revision reads back as it was', async () => {
    await at('2027-12-01T05:00:00.000Z');
    const entries = ['KZ-71-ALMATY', 'KZ-71-ESIL', 'KZ-71-NURA'].map((d, i) => ({
      akimUnitCode: 'KZ-71',
      visitedUnitCode: d,
      plannedFrom: `2028-0${i + 3}-10`,
    }));
    const { data } = await createCalendar(app, admin, 'KZ-71', 2028, entries);
    const id = data.id;
    const notYet = await reviseCalendar(app, admin, id, { reason: 'Too early', maslikhatNotifiedOn: '2027-12-01', removeEntryIds: [data.entries[0]!.id] });
    expect(notYet.error?.code).toBe('calendar/invalid_status');
    await at('2028-01-10T05:00:00.000Z');
    await approveCalendar(app, admin, id, { maslikhatNotifiedOn: '2028-01-09' });

    expect((await reviseCalendar(app, admin, id, { reason: 'Nothing', maslikhatNotifiedOn: '2028-01-09' })).error?.code).toBe('input/invalid');
    // The reason is published: control characters are refused as in every other text input.
    const withNul = await reviseCalendar(app, admin, id, {
      reason: 'Moved\u0000 quietly',
      maslikhatNotifiedOn: '2028-01-09',
      removeEntryIds: [data.entries[0]!.id],
    });
    expect(withNul.error).toMatchObject({ code: 'input/invalid', problems: [{ path: 'reason', message: 'must not contain control characters' }] });
    const removedTwice = await reviseCalendar(app, admin, id, {
      reason: 'Bad id',
      maslikhatNotifiedOn: '2028-01-09',
      removeEntryIds: [data.entries[0]!.id, 'Q2FsZW5kYXJFbnRyeTo5OTk5OTk='],
    });
    expect(removedTwice.error).toMatchObject({ code: 'input/invalid', problems: [{ path: 'removeEntryIds.1' }] });

    await at('2028-03-01T05:00:00.000Z');
    const r2 = await reviseCalendar(app, admin, id, {
      reason: 'The Almaty district visit moves to autumn',
      maslikhatNotifiedOn: '2028-02-28',
      removeEntryIds: [data.entries[0]!.id],
      addEntries: [{ akimUnitCode: 'KZ-71', visitedUnitCode: 'KZ-71-ALMATY', plannedFrom: '2028-10-01', plannedTo: '2028-10-15' }],
    });
    expect(r2.data.currentRevision).toBe(2);
    expect(r2.data.status).toBe('APPROVED');
    await at('2028-06-01T05:00:00.000Z');
    const r3 = await reviseCalendar(app, admin, id, {
      reason: 'Saryarka added',
      maslikhatNotifiedOn: '2028-05-30',
      addEntries: [{ akimUnitCode: 'KZ-71', visitedUnitCode: 'KZ-71-SARYARKA', plannedFrom: '2028-07-01' }],
    });
    expect(r3.data.currentRevision).toBe(3);
    expect(r3.data.revisions.map((r: any) => [r.number, r.reason, r.maslikhatNotifiedOn])).toEqual([
      [1, null, '2028-01-09'],
      [2, 'The Almaty district visit moves to autumn', '2028-02-28'],
      [3, 'Saryarka added', '2028-05-30'],
    ]);

    const res = await app.gql(
      graphql(`{ calendar(regionCode: "KZ-71", year: 2028) {
      r1: entries(revision: 1) { visitedUnit { code } plannedFrom addedInRevision removedInRevision }
      r2: entries(revision: 2) { visitedUnit { code } plannedFrom }
      current: entries { visitedUnit { code } plannedFrom }
    } }`),
    );
    const visits = (list: any[]) => list.map((e) => `${e.visitedUnit.code}@${e.plannedFrom}`);
    expect(visits(res.data.calendar!.r1)).toEqual(['KZ-71-ALMATY@2028-03-10', 'KZ-71-ESIL@2028-04-10', 'KZ-71-NURA@2028-05-10']);
    expect(res.data.calendar!.r1[0]).toMatchObject({ addedInRevision: 1, removedInRevision: 2 });
    expect(visits(res.data.calendar!.r2)).toEqual(['KZ-71-ESIL@2028-04-10', 'KZ-71-NURA@2028-05-10', 'KZ-71-ALMATY@2028-10-01']);
    expect(visits(res.data.calendar!.current)).toEqual([
      'KZ-71-ESIL@2028-04-10',
      'KZ-71-NURA@2028-05-10',
      'KZ-71-SARYARKA@2028-07-01',
      'KZ-71-ALMATY@2028-10-01',
    ]);
  });
});
