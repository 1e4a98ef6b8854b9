import { builder } from '../../graphql/builder.ts';
import { INPUT_AND_AUTH_ERRORS, reasonEnum, ruleErrorType } from '../../graphql/common.ts';
import { NotFoundError } from '../shared/errors.ts';
import { CALENDAR_RULES, CalendarError } from './meetings.errors.ts';
import { RegionRef } from '../geography/geography.graphql.ts';
import { CALENDAR_STATUSES } from '../shared/enums.ts';
import { planFrom } from '../shared/query-plan.ts';
import { maslikhatStepFor, STEP_STATES, type StepView } from './calendar-deadlines.ts';
import { entriesOfRevision, type CalendarEntryInput } from './calendars.service.ts';
import type { SameFields } from '../shared/validation.ts';
import { AkimLevelEnum } from './meetings.graphql.ts';
import { ComplianceReportRef } from './compliance.refs.ts';

export const CalendarStatusEnum = builder.enumType('CalendarStatus', { values: CALENDAR_STATUSES });
const StepStateEnum = builder.enumType('CalendarStepState', {
  description:
    'ON_TIME / LATE: the step was taken (LATE after its due time); PENDING: not taken, not due yet; OVERDUE: not taken and past due; ' +
    'NO_DEADLINE: the legal date came before the decree took effect (3 March 2022) or before the region existed',
  values: STEP_STATES,
});
const MaslikhatStepEnum = builder.enumType('MaslikhatStep', {
  description: 'AGREEMENT: before 2024 the maslikhat agreed the calendar; NOTIFICATION: from 2024 it is notified',
  values: ['AGREEMENT', 'NOTIFICATION'] as const,
});

builder.drizzleObject('calendarTransitions', {
  name: 'CalendarTransition',
  fields: (t) => ({
    fromStatus: t.expose('fromStatus', { type: CalendarStatusEnum, nullable: true }),
    toStatus: t.expose('toStatus', { type: CalendarStatusEnum }),
    at: t.expose('at', { type: 'DateTime' }),
    dueAt: t.expose('dueAt', { type: 'DateTime', nullable: true, description: 'The legal deadline of this step, if it has one' }),
    lateByMinutes: t.exposeInt('lateByMinutes', { description: '0 when on time' }),
    late: t.boolean({ select: { columns: { lateByMinutes: true } }, resolve: (s) => s.lateByMinutes > 0 }),
  }),
});

builder.drizzleObject('calendarRevisions', {
  name: 'CalendarRevision',
  fields: (t) => ({
    number: t.exposeInt('number', { description: '1 is the approved calendar; each later number is a correction' }),
    reason: t.exposeString('reason', { nullable: true }),
    maslikhatNotifiedOn: t.expose('maslikhatNotifiedOn', {
      type: 'Date',
      nullable: true,
      description: 'When the maslikhat was notified of (before 2024: agreed to) this revision',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

/** A planned visiting meeting of a calendar revision. */
export const CalendarEntryRef = builder.drizzleNode('calendarEntries', {
  name: 'CalendarEntry',
  id: { column: (e) => e.id },
  fields: (t) => ({
    akimLevel: t.expose('akimLevel', { type: AkimLevelEnum }),
    akimUnit: t.relation('akimUnit', { description: 'Whose akim holds the meeting' }),
    visitedUnit: t.relation('visitedUnit', { description: 'Where the akim goes' }),
    plannedFrom: t.expose('plannedFrom', { type: 'Date' }),
    plannedTo: t.expose('plannedTo', { type: 'Date' }),
    addedInRevision: t.exposeInt('addedInRevision'),
    removedInRevision: t.exposeInt('removedInRevision', { nullable: true }),
    held: t.boolean({
      description: 'A meeting was held against this entry',
      select: { with: { meetings: { columns: { status: true } } } },
      resolve: (e) => e.meetings.some((m) => m.status === 'HELD'),
    }),
    meetings: t.relation('meetings', { query: { orderBy: { plannedStartAt: 'asc', id: 'asc' } } }),
    calendar: t.relation('calendar'),
  }),
});

export const CalendarStepRef = builder.objectRef<StepView>('CalendarStep').implement({
  description: 'A dated step of the calendar: approved by 15 Jan, submitted by 20 Jan, forwarded by 1 Feb (Kazakhstan time)',
  fields: (t) => ({
    step: t.field({ type: CalendarStatusEnum, resolve: (s) => s.step }),
    dueAt: t.expose('dueAt', { type: 'DateTime', nullable: true, description: 'null when the step had no legal date (state NO_DEADLINE)' }),
    doneAt: t.expose('doneAt', { type: 'DateTime', nullable: true }),
    lateByMinutes: t.exposeInt('lateByMinutes', { description: 'Recorded delay, or for a step not taken yet how late it is now' }),
    state: t.field({ type: StepStateEnum, resolve: (s) => s.state }),
  }),
});

/** A region's annual calendar of meetings. */
export const CalendarRef = builder.drizzleNode('calendars', {
  name: 'Calendar',
  id: { column: (c) => c.id },
  fields: (t) => ({
    region: t.relation('region', { type: RegionRef }),
    year: t.exposeInt('year'),
    status: t.expose('status', { type: CalendarStatusEnum }),
    currentRevision: t.exposeInt('currentRevision'),
    maslikhatStep: t.field({
      type: MaslikhatStepEnum,
      select: { columns: { year: true } },
      resolve: (c) => maslikhatStepFor(c.year),
    }),
    maslikhatAgreedOn: t.expose('maslikhatAgreedOn', { type: 'Date', nullable: true }),
    maslikhatNotifiedOn: t.expose('maslikhatNotifiedOn', { type: 'Date', nullable: true }),
    approvedAt: t.expose('approvedAt', { type: 'DateTime', nullable: true }),
    submittedAt: t.expose('submittedAt', { type: 'DateTime', nullable: true }),
    forwardedAt: t.expose('forwardedAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    steps: t.field({
      type: [CalendarStepRef],
      description: 'Approval, submission and forwarding, each with its due time and whether it was on time',
      select: {
        columns: { year: true, regionId: true, approvedAt: true, submittedAt: true, forwardedAt: true },
        with: { transitions: { columns: { toStatus: true, at: true, dueAt: true, lateByMinutes: true } } },
      },
      resolve: (c, _args, ctx) => ctx.services.calendars.stepsOf(c, c.transitions),
    }),
    transitions: t.relation('transitions', { query: { orderBy: { at: 'asc', id: 'asc' } } }),
    revisions: t.relation('revisions', { query: { orderBy: { number: 'asc' } } }),
    entries: t.relation('entries', {
      description: 'The entries of a revision as it stood (default: the current revision)',
      args: { revision: t.arg.int({ required: false }) },
      query: (args) => ({ where: entriesOfRevision(args.revision), orderBy: { plannedFrom: 'asc', id: 'asc' } }),
    }),
    compliance: t.field({
      type: ComplianceReportRef,
      description: 'Coverage of the current revision and of the meetings held, against the rules in force',
      select: { columns: { regionId: true, year: true } },
      resolve: (c, _args, ctx) => ctx.services.compliance.complianceOf(c.regionId, c.year),
    }),
  }),
});

const EntryInput = builder.inputType('CalendarEntryInput', {
  fields: (t) => ({
    akimUnitCode: t.string({ required: true, description: 'Whose akim holds it, e.g. KZ-19 or KZ-19-TALGAR' }),
    visitedUnitCode: t.string({ required: true, description: 'The unit visited (a town or rural okrug akim may name their own)' }),
    plannedFrom: t.field({ type: 'Date', required: true }),
    plannedTo: t.field({ type: 'Date', required: false, description: 'End of the planned window; default plannedFrom' }),
  }),
});
/** The wire shape carries exactly the zod schema's fields: a field renamed or added on one side only fails the build. */
export const ENTRY_INPUT_MATCHES_SCHEMA: SameFields<typeof EntryInput.$inferInput, CalendarEntryInput> = true;
const entryInputs = (list: (typeof EntryInput.$inferInput)[] | null | undefined) => (list ?? []).map((e) => ({ ...e, plannedTo: e.plannedTo ?? undefined }));

builder.queryFields((t) => ({
  calendar: t.drizzleField({
    type: CalendarRef,
    nullable: true,
    args: { regionCode: t.arg.string({ required: true }), year: t.arg.int({ required: true }) },
    resolve: (query, _root, args, ctx) => ctx.services.calendars.findCalendarFor(args.regionCode, args.year, planFrom(query)),
  }),
  calendars: t.drizzleField({
    type: [CalendarRef],
    description: 'Calendars, newest year first, then by region',
    args: { year: t.arg.int({ required: false }), regionCodes: t.arg.stringList({ required: false }) },
    resolve: (query, _root, args, ctx) => ctx.services.calendars.listCalendars(args, planFrom(query)),
  }),
}));

ruleErrorType(CalendarError, {
  name: 'CalendarError',
  description: 'A calendar rule refused the change: nothing was written',
  reasonField: 'calendarRule',
  reasonEnum: reasonEnum('CalendarRule', 'The rules of a region’s annual calendar of meetings', CALENDAR_RULES),
});

/** Every calendar step: the region or calendar may be unknown, the caller not its akimat's, the calendar in another status. */
const CALENDAR_ERRORS = { types: [...INPUT_AND_AUTH_ERRORS, NotFoundError, CalendarError] };

builder.mutationFields((t) => ({
  createCalendar: t.drizzleField({
    type: CalendarRef,
    description: "Starts a region's calendar for a year as a DRAFT (staff of the region's akimat)",
    errors: CALENDAR_ERRORS,
    args: {
      regionCode: t.arg.string({ required: true }),
      year: t.arg.int({ required: true }),
      entries: t.arg({ type: [EntryInput], required: false }),
    },
    resolve: async (query, _root, args, ctx) => {
      const id = await ctx.services.calendars.createCalendar(ctx.viewer, { ...args, entries: entryInputs(args.entries) });
      return ctx.services.calendars.requireCalendar(id, planFrom(query));
    },
  }),
  editCalendarDraft: t.drizzleField({
    type: CalendarRef,
    description: 'Adds or removes entries of a DRAFT calendar',
    errors: CALENDAR_ERRORS,
    args: {
      calendarId: t.arg.globalID({ required: true, for: CalendarRef }),
      addEntries: t.arg({ type: [EntryInput], required: false }),
      removeEntryIds: t.arg.globalIDList({ required: false, for: CalendarEntryRef }),
    },
    resolve: async (query, _root, args, ctx) => {
      const id = await ctx.services.calendars.editDraft(ctx.viewer, Number(args.calendarId.id), {
        addEntries: entryInputs(args.addEntries),
        removeEntryIds: args.removeEntryIds?.map((g) => Number(g.id)),
      });
      return ctx.services.calendars.requireCalendar(id, planFrom(query));
    },
  }),
  approveCalendar: t.drizzleField({
    type: CalendarRef,
    description: 'DRAFT -> APPROVED. A calendar before 2024 needs maslikhatAgreedOn; from 2024 maslikhatNotifiedOn. Late approval is recorded, not refused.',
    errors: CALENDAR_ERRORS,
    args: {
      calendarId: t.arg.globalID({ required: true, for: CalendarRef }),
      maslikhatAgreedOn: t.arg({ type: 'Date', required: false }),
      maslikhatNotifiedOn: t.arg({ type: 'Date', required: false }),
    },
    resolve: async (query, _root, args, ctx) => {
      const id = await ctx.services.calendars.approveCalendar(ctx.viewer, Number(args.calendarId.id), {
        maslikhatAgreedOn: args.maslikhatAgreedOn ?? undefined,
        maslikhatNotifiedOn: args.maslikhatNotifiedOn ?? undefined,
      });
      return ctx.services.calendars.requireCalendar(id, planFrom(query));
    },
  }),
  submitCalendar: t.drizzleField({
    type: CalendarRef,
    description: 'APPROVED -> SUBMITTED_TO_GOVERNMENT (due 20 January)',
    errors: CALENDAR_ERRORS,
    args: { calendarId: t.arg.globalID({ required: true, for: CalendarRef }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await ctx.services.calendars.submitCalendar(ctx.viewer, Number(args.calendarId.id));
      return ctx.services.calendars.requireCalendar(id, planFrom(query));
    },
  }),
  forwardCalendar: t.drizzleField({
    type: CalendarRef,
    description: 'SUBMITTED_TO_GOVERNMENT -> FORWARDED_TO_ADMINISTRATION (Government staff; due 1 February)',
    errors: CALENDAR_ERRORS,
    args: { calendarId: t.arg.globalID({ required: true, for: CalendarRef }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await ctx.services.calendars.forwardCalendar(ctx.viewer, Number(args.calendarId.id));
      return ctx.services.calendars.requireCalendar(id, planFrom(query));
    },
  }),
  reviseCalendar: t.drizzleField({
    type: CalendarRef,
    description: 'A correction after approval: a new revision with its reason and maslikhat date; earlier revisions stay readable',
    errors: CALENDAR_ERRORS,
    args: {
      calendarId: t.arg.globalID({ required: true, for: CalendarRef }),
      reason: t.arg.string({ required: true }),
      maslikhatNotifiedOn: t.arg({ type: 'Date', required: true }),
      addEntries: t.arg({ type: [EntryInput], required: false }),
      removeEntryIds: t.arg.globalIDList({ required: false, for: CalendarEntryRef }),
    },
    resolve: async (query, _root, args, ctx) => {
      const id = await ctx.services.calendars.reviseCalendar(ctx.viewer, Number(args.calendarId.id), {
        reason: args.reason,
        maslikhatNotifiedOn: args.maslikhatNotifiedOn,
        addEntries: entryInputs(args.addEntries),
        removeEntryIds: args.removeEntryIds?.map((g) => Number(g.id)) ?? [],
      });
      return ctx.services.calendars.requireCalendar(id, planFrom(query));
    },
  }),
}));
