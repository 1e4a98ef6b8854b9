import { type SameFields, withoutNulls } from '../shared/validation.ts';
import type { RecordMeetingInput as RecordMeetingFields } from './meetings.write.ts';
import type { MeetingOutcomeInput as MeetingOutcomeFields } from './meetings.write.inputs.ts';
import { builder, type SchemaTypes } from '../../graphql/builder.ts';
import { INPUT_AND_AUTH_ERRORS, reasonEnum, ruleErrorType } from '../../graphql/common.ts';
import { NotFoundError } from '../shared/errors.ts';
import { MEETING_RULES, MeetingError } from './meetings.errors.ts';
import { MEETING_KINDS, ON_DEMAND_REASONS } from '../shared/enums.ts';
import { AnnouncementChannelEnum, AudienceCategoryEnum, MeetingRef } from './meetings.graphql.ts';
import { CalendarEntryRef } from './calendars.graphql.ts';

// recordMeeting began minimal; calendars added the entry it checks off, actual
// times, announcement, broadcasts, audience and results, and the later steps of a planned meeting.
// The rules live in the zod schemas (meetings.write.inputs.ts); these inputs are only the wire shape,
// and the compiler checks them against the services' Unchecked<input> types at each call.

const BroadcastInput = builder.inputType('MeetingBroadcastInput', {
  fields: (t) => ({
    platform: t.string({ required: true, description: 'e.g. INSTAGRAM, YOUTUBE, FACEBOOK, TELEGRAM' }),
    url: t.string({ required: true }),
    commentsOpen: t.boolean({ required: true, defaultValue: true, description: 'The decree asks for comments open to the public' }),
  }),
});

const AudienceInput = builder.inputType('MeetingAudienceInput', {
  fields: (t) => ({
    category: t.field({ type: AudienceCategoryEnum, required: true }),
    count: t.int({ required: true }),
  }),
});

/** What happened at a held meeting: written once for recordMeeting and recordMeetingOutcome (meetingDetailsShape in zod). */
const heldMeetingFields = (t: PothosSchemaTypes.InputFieldBuilder<PothosSchemaTypes.ExtendDefaultTypes<SchemaTypes>, 'InputObject'>) => ({
  actualEndAt: t.field({ type: 'DateTime', required: false }),
  reportMinutes: t.int({ required: false, description: 'How long the akim’s report took; over a quarter of the planned time is a recorded violation' }),
  videoConference: t.boolean({ required: false }),
  broadcasts: t.field({ type: [BroadcastInput], required: false, description: 'On a held meeting: replaces the stored list when given' }),
  audience: t.field({ type: [AudienceInput], required: false, description: 'On a held meeting: replaces the stored counts when given' }),
  results: t.string({ required: false, description: 'The published results of a held meeting' }),
});

const RecordMeetingInput = builder.inputType('RecordMeetingInput', {
  fields: (t) => ({
    unitCode: t.string({ required: true, description: 'Where it is held, e.g. KZ-19-TALGAR' }),
    akimUnitCode: t.string({ required: false, description: "Whose akim holds it; by default your akimat's unit" }),
    startAt: t.string({
      required: true,
      description: 'ISO-8601 instant, e.g. 2026-11-25T10:00:00+05:00. In the past: recorded as HELD; in the future: PLANNED',
    }),
    durationMinutes: t.int({ required: true }),
    kind: t.field({ type: builder.enumType('RecordedMeetingKind', { values: MEETING_KINDS }), required: true }),
    onDemandReason: t.field({
      type: builder.enumType('RecordedMeetingOnDemandReason', { values: ON_DEMAND_REASONS }),
      required: false,
      description: 'Required for an ON_DEMAND meeting',
    }),
    akimName: t.string({ required: false }),
    venue: t.string({ required: false }),
    calendarEntryId: t.globalID({ required: false, for: CalendarEntryRef, description: 'The calendar entry a SCHEDULED meeting checks off' }),
    actualStartAt: t.field({ type: 'DateTime', required: false, description: 'Default: startAt, when that is in the past' }),
    announcedAt: t.field({ type: 'DateTime', required: false }),
    announcementChannels: t.field({ type: [AnnouncementChannelEnum], required: false }),
    ...heldMeetingFields(t),
  }),
});

const MeetingOutcomeInput = builder.inputType('MeetingOutcomeInput', {
  fields: (t) => ({
    actualStartAt: t.field({ type: 'DateTime', required: true }),
    ...heldMeetingFields(t),
  }),
});

/** The wire shapes carry exactly the schemas' fields: a field renamed or added on one side only fails the build. */
export const MEETING_INPUTS_MATCH_SCHEMAS: [
  SameFields<typeof RecordMeetingInput.$inferInput, RecordMeetingFields>,
  SameFields<typeof MeetingOutcomeInput.$inferInput, MeetingOutcomeFields>,
] = [true, true];

ruleErrorType(MeetingError, {
  name: 'MeetingError',
  description: 'A meeting rule refused the change: nothing was written',
  reasonField: 'meetingRule',
  reasonEnum: reasonEnum('MeetingRule', 'The rules of a meeting’s steps', MEETING_RULES),
});

builder.mutationFields((t) => ({
  recordMeeting: t.field({
    type: MeetingRef,
    description: "Akimat staff record a meeting of an akim with the population in their akimat's territory",
    authScopes: { akimatStaff: true, admin: true },
    errors: { types: [...INPUT_AND_AUTH_ERRORS, NotFoundError] },
    args: { input: t.arg({ type: RecordMeetingInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.meetingsWrite.recordMeeting(
        ctx.viewer,
        withoutNulls({ ...input, calendarEntryId: input.calendarEntryId ? Number(input.calendarEntryId.id) : null }),
      ),
  }),
  recordMeetingOutcome: t.field({
    type: MeetingRef,
    description: 'What happened at a meeting: it becomes HELD and checks off its calendar entry; on a held meeting, corrects the record',
    errors: { types: [...INPUT_AND_AUTH_ERRORS, NotFoundError, MeetingError] },
    args: { meetingId: t.arg.globalID({ required: true, for: MeetingRef }), input: t.arg({ type: MeetingOutcomeInput, required: true }) },
    resolve: (_root, args, ctx) => ctx.services.meetingsWrite.recordMeetingOutcome(ctx.viewer, Number(args.meetingId.id), withoutNulls(args.input)),
  }),
  announceMeeting: t.field({
    type: MeetingRef,
    description: 'Records how a planned meeting was announced in advance',
    errors: { types: [...INPUT_AND_AUTH_ERRORS, NotFoundError, MeetingError] },
    args: {
      meetingId: t.arg.globalID({ required: true, for: MeetingRef }),
      announcedAt: t.arg({ type: 'DateTime', required: true }),
      channels: t.arg({ type: [AnnouncementChannelEnum], required: true }),
    },
    resolve: (_root, args, ctx) =>
      ctx.services.meetingsWrite.announceMeeting(ctx.viewer, Number(args.meetingId.id), { announcedAt: args.announcedAt, channels: args.channels }),
  }),
  cancelMeeting: t.field({
    type: MeetingRef,
    description: 'Calls off a planned meeting; the reason is published',
    errors: { types: [...INPUT_AND_AUTH_ERRORS, NotFoundError, MeetingError] },
    args: { meetingId: t.arg.globalID({ required: true, for: MeetingRef }), reason: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => ctx.services.meetingsWrite.cancelMeeting(ctx.viewer, Number(args.meetingId.id), { reason: args.reason }),
  }),
}));
