import { withoutNulls } from '../shared/validation.ts';
import { builder } from '../../graphql/builder.ts';
import { RegionRef } from '../geography/geography.graphql.ts';
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

/** An akim's meeting with the population. */
export const MeetingRef = builder.drizzleNode('meetings', {
  name: 'Meeting',
  id: { column: (m) => m.id },
  fields: (t) => ({
    kind: t.expose('kind', { type: MeetingKindEnum }),
    onDemandReason: t.expose('onDemandReason', { type: OnDemandReasonEnum, nullable: true }),
    status: t.expose('status', { type: MeetingStatusEnum }),
    visiting: t.exposeBoolean('visiting', { description: 'Held on location in a lower unit' }),
    akimLevel: t.expose('akimLevel', { type: AkimLevelEnum }),
    akimName: t.exposeString('akimName', { nullable: true }),
    unit: t.relation('unit', { description: 'Where the meeting is held' }),
    akimUnit: t.relation('akimUnit', { description: 'Whose akim holds it' }),
    region: t.relation('region', { type: RegionRef }),
    venue: t.exposeString('venue', { nullable: true }),
    plannedStartAt: t.expose('plannedStartAt', { type: 'DateTime' }),
    plannedDurationMinutes: t.exposeInt('plannedDurationMinutes'),
    actualStartAt: t.expose('actualStartAt', { type: 'DateTime', nullable: true }),
    actualEndAt: t.expose('actualEndAt', { type: 'DateTime', nullable: true }),
    reportMinutes: t.exposeInt('reportMinutes', { nullable: true }),
    reportTimeViolation: t.boolean({
      description: 'The report took more than a quarter of the planned time',
      select: { columns: { reportMinutes: true, plannedDurationMinutes: true } },
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
    videoConference: t.exposeBoolean('videoConference'),
    announcedAt: t.expose('announcedAt', { type: 'DateTime', nullable: true }),
    announcementChannels: t.field({
      type: [AnnouncementChannelEnum],
      select: { columns: { announcementChannels: true } },
      resolve: (m) => (m.announcementChannels ?? []) as (typeof ANNOUNCEMENT_CHANNELS)[number][],
    }),
    calendarEntry: t.relation('calendarEntry', { nullable: true, description: 'The calendar entry a scheduled meeting checks off' }),
    broadcasts: t.relation('broadcasts'),
    audience: t.relation('audience'),
    results: t.exposeString('results', { nullable: true }),
    resultsPublishedAt: t.expose('resultsPublishedAt', { type: 'DateTime', nullable: true }),
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
