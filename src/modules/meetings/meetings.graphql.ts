import { withoutNulls } from '../shared/validation.ts';
import { builder } from '../../graphql/builder.ts';
import { RegionRef, UnitRef } from '../geography/geography.graphql.ts';
import {
  AKIM_LEVELS,
  ANNOUNCEMENT_CHANNELS,
  AUDIENCE_CATEGORIES,
  MEETING_CONDUCT_FLAGS,
  MEETING_KINDS,
  MEETING_STATUSES,
  ON_DEMAND_REASONS,
} from '../shared/enums.ts';
import { planFrom } from '../shared/query-plan.ts';
import { isReportTimeViolation } from './meetings.service.ts';
import { conductFlags, RESULTS_PUBLICATION_HOURS } from './conduct.ts';

export const AkimLevelEnum = builder.enumType('AkimLevel', { values: AKIM_LEVELS });
const MeetingKindEnum = builder.enumType('MeetingKind', { values: MEETING_KINDS });
const MeetingStatusEnum = builder.enumType('MeetingStatus', { values: MEETING_STATUSES });
const OnDemandReasonEnum = builder.enumType('OnDemandReason', { values: ON_DEMAND_REASONS });
export const AudienceCategoryEnum = builder.enumType('AudienceCategory', { values: AUDIENCE_CATEGORIES });
export const AnnouncementChannelEnum = builder.enumType('AnnouncementChannel', { values: ANNOUNCEMENT_CHANNELS });
export const MeetingConductFlagEnum = builder.enumType('MeetingConductFlag', {
  description:
    'A public breach of how the decree asks a meeting to be held. REPORT_OVER_QUARTER: the report took over a quarter of the planned time; ' +
    'NO_ONLINE_BROADCAST: held without an online broadcast; COMMENTS_CLOSED: broadcast with comments closed; ' +
    'NOT_ANNOUNCED: not announced before it started; ' +
    `RESULTS_NOT_PUBLISHED: results not published within ${RESULTS_PUBLICATION_HOURS} hours of its end`,
  values: MEETING_CONDUCT_FLAGS,
});

builder.drizzleObject('meetingBroadcasts', {
  name: 'MeetingBroadcast',
  fields: (t) => ({
    platform: t.exposeString('platform'),
    url: t.exposeString('url'),
    commentsOpen: t.exposeBoolean('commentsOpen'),
  }),
});

builder.drizzleObject('meetingAudience', {
  name: 'MeetingAudience',
  fields: (t) => ({
    category: t.expose('category', { type: AudienceCategoryEnum }),
    count: t.exposeInt('count'),
  }),
});

/**
 * An akim's meeting with the population. Columns are read with plain resolvers, not `t.expose`
 * (the drizzle plugin looks up the query plan per row and field for those); a meeting row always
 * carries every column.
 */
export const MeetingRef = builder.drizzleNode('meetings', {
  name: 'Meeting',
  id: { column: (m) => m.id },
  fields: (t) => ({
    kind: t.field({ type: MeetingKindEnum, resolve: (m) => m.kind }),
    onDemandReason: t.field({ type: OnDemandReasonEnum, nullable: true, resolve: (m) => m.onDemandReason }),
    status: t.field({ type: MeetingStatusEnum, resolve: (m) => m.status }),
    visiting: t.boolean({ description: 'Held on location in a lower unit', resolve: (m) => m.visiting }),
    akimLevel: t.field({ type: AkimLevelEnum, resolve: (m) => m.akimLevel }),
    akimName: t.string({ nullable: true, resolve: (m) => m.akimName }),
    // Units come from the reference data in memory, not joined into the list's query.
    unit: t.field({ type: UnitRef, description: 'Where the meeting is held', resolve: (m, _args, ctx) => ctx.reference().unit(m.unitId) }),
    akimUnit: t.field({ type: UnitRef, description: 'Whose akim holds it', resolve: (m, _args, ctx) => ctx.reference().unit(m.akimUnitId) }),
    region: t.field({ type: RegionRef, resolve: (m, _args, ctx) => ctx.reference().unit(m.regionId) }),
    venue: t.string({ nullable: true, resolve: (m) => m.venue }),
    plannedStartAt: t.field({ type: 'DateTime', resolve: (m) => m.plannedStartAt }),
    plannedDurationMinutes: t.int({ resolve: (m) => m.plannedDurationMinutes }),
    actualStartAt: t.field({ type: 'DateTime', nullable: true, resolve: (m) => m.actualStartAt }),
    actualEndAt: t.field({ type: 'DateTime', nullable: true, resolve: (m) => m.actualEndAt }),
    reportMinutes: t.int({ nullable: true, resolve: (m) => m.reportMinutes }),
    reportTimeViolation: t.boolean({
      description: 'The report took more than a quarter of the planned time',
      resolve: (m) => isReportTimeViolation(m),
    }),
    conductFlags: t.field({
      type: [MeetingConductFlagEnum],
      description: 'Breaches of the conduct rules, recorded and public (empty for a meeting held as the decree asks)',
      select: {
        columns: {
          status: true,
          plannedStartAt: true,
          plannedDurationMinutes: true,
          actualStartAt: true,
          actualEndAt: true,
          reportMinutes: true,
          announcedAt: true,
          resultsPublishedAt: true,
        },
        with: { broadcasts: { columns: { commentsOpen: true } } },
      },
      resolve: (m, _args, ctx) => conductFlags(m, ctx.services.meetings.now()),
    }),
    videoConference: t.boolean({ resolve: (m) => m.videoConference }),
    announcedAt: t.field({ type: 'DateTime', nullable: true, resolve: (m) => m.announcedAt }),
    announcementChannels: t.field({
      type: [AnnouncementChannelEnum],
      resolve: (m) => (m.announcementChannels ?? []) as (typeof ANNOUNCEMENT_CHANNELS)[number][],
    }),
    calendarEntry: t.relation('calendarEntry', { nullable: true, description: 'The calendar entry a scheduled meeting checks off' }),
    broadcasts: t.relation('broadcasts'),
    audience: t.relation('audience'),
    results: t.string({ nullable: true, resolve: (m) => m.results }),
    resultsPublishedAt: t.field({ type: 'DateTime', nullable: true, resolve: (m) => m.resultsPublishedAt }),
    issues: t.relatedConnection('issues', { totalCount: true, query: { orderBy: { id: 'asc' } } }),
  }),
});

const MeetingFilterInput = builder.inputType('MeetingFilter', {
  fields: (t) => ({
    regionCodes: t.stringList({ required: false }),
    unitCodes: t.stringList({ required: false, description: 'Where the meeting was held' }),
    statuses: t.field({ type: [MeetingStatusEnum], required: false }),
    kinds: t.field({ type: [MeetingKindEnum], required: false }),
    from: t.field({ type: 'Date', required: false }),
    to: t.field({ type: 'Date', required: false }),
    reportTimeViolation: t.boolean({ required: false }),
    conductFlags: t.field({ type: [MeetingConductFlagEnum], required: false, description: 'Meetings with any of these flags' }),
  }),
});

function toServiceFilter(f: typeof MeetingFilterInput.$inferInput | null | undefined) {
  return f ? withoutNulls(f) : {};
}

builder.queryFields((t) => ({
  meetings: t.drizzleConnection({
    type: 'meetings',
    description: 'Meetings, newest planned start first',
    args: { filter: t.arg({ type: MeetingFilterInput, required: false }) },
    totalCount: (_p, args, ctx) => ctx.services.meetings.countMeetings(toServiceFilter(args.filter)),
    resolve: (query, _p, args, ctx) => ctx.services.meetings.listMeetings(toServiceFilter(args.filter), planFrom(query)),
  }),
  meeting: t.drizzleField({
    type: MeetingRef,
    nullable: true,
    args: { id: t.arg.globalID({ required: true, for: MeetingRef }) },
    resolve: (query, _root, args, ctx) => ctx.services.meetings.findMeeting(Number(args.id.id), planFrom(query)),
  }),
}));
