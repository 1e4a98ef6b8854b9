import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, date, flag, id, isDate, oneOf, timestamp } from '../shared/columns.ts';
import {
  AKIM_LEVELS,
  AUDIENCE_CATEGORIES,
  CALENDAR_STATUSES,
  COVERAGE_PERIODS,
  MEETING_KINDS,
  MEETING_STATUSES,
  ON_DEMAND_REASONS,
  type AkimLevel,
  type CalendarStatus,
  type CoveragePeriod,
  type MeetingStatus,
  type UnitKind,
} from '../shared/enums.ts';
import { units } from '../geography/geography.tables.ts';
import { users } from '../accounts/accounts.tables.ts';

/**
 * The decree and its amendments: when each took effect, and the published copy we read it from.
 * The earliest `inForceFrom` is the day obligations began (no 2022 calendar step was due before it).
 */
export const legalActs = sqliteTable(
  'legal_acts',
  {
    id: id(),
    code: text('code').notNull().unique(),
    titleKk: text('title_kk').notNull(),
    titleRu: text('title_ru').notNull(),
    titleEn: text('title_en').notNull(),
    signedOn: date('signed_on').notNull(),
    inForceFrom: date('in_force_from').notNull(),
    sourceTitle: text('source_title').notNull(),
    sourceUrl: text('source_url').notNull(),
  },
  () => [isDate('legal_acts_signed_check', 'signed_on'), isDate('legal_acts_in_force_check', 'in_force_from')],
);

/**
 * The decree's minimum coverage, as data with effective dates, so that the next change of the law
 * is a new row, not a code change. "An akim of `akimLevel` must hold at least `minMeetings`
 * visiting meetings in each unit of `visitedKinds` below them, every `period`".
 * `visitedKinds` is a JSON array of unit kinds; an empty array means the akim's own unit.
 */
export const coverageRules = sqliteTable(
  'coverage_rules',
  {
    id: id(),
    code: text('code').notNull().unique(),
    akimLevel: text('akim_level', { enum: AKIM_LEVELS }).$type<AkimLevel>().notNull(),
    visitedKinds: text('visited_kinds', { mode: 'json' }).$type<UnitKind[]>().notNull(),
    period: text('period', { enum: COVERAGE_PERIODS }).$type<CoveragePeriod>().notNull(),
    minMeetings: integer('min_meetings').notNull().default(1),
    effectiveFrom: date('effective_from').notNull(),
    effectiveTo: date('effective_to'),
    descriptionKk: text('description_kk').notNull(),
    descriptionRu: text('description_ru').notNull(),
    descriptionEn: text('description_en').notNull(),
    /** The act that sets the rule, and the published copy its wording was checked against. */
    actCode: text('act_code').references(() => legalActs.code),
    sourceTitle: text('source_title'),
    sourceUrl: text('source_url'),
  },
  (t) => [
    oneOf('coverage_rules_level_check', 'akim_level', AKIM_LEVELS),
    oneOf('coverage_rules_period_check', 'period', COVERAGE_PERIODS),
    check('coverage_rules_min_check', sql`${t.minMeetings} >= 1`),
    isDate('coverage_rules_from_check', 'effective_from'),
    isDate('coverage_rules_to_check', 'effective_to'),
    check('coverage_rules_range_check', sql`${t.effectiveTo} is null or ${t.effectiveTo} > ${t.effectiveFrom}`),
  ],
);

/** A region's annual calendar of meetings, with the dated steps the decree requires. */
export const calendars = sqliteTable(
  'calendars',
  {
    id: id(),
    regionId: integer('region_id')
      .notNull()
      .references(() => units.id),
    year: integer('year').notNull(),
    status: text('status', { enum: CALENDAR_STATUSES }).$type<CalendarStatus>().notNull().default('DRAFT'),
    currentRevision: integer('current_revision').notNull().default(1),
    maslikhatAgreedOn: date('maslikhat_agreed_on'),
    maslikhatNotifiedOn: date('maslikhat_notified_on'),
    approvedAt: timestamp('approved_at'),
    submittedAt: timestamp('submitted_at'),
    forwardedAt: timestamp('forwarded_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('calendars_region_year_idx').on(t.regionId, t.year),
    oneOf('calendars_status_check', 'status', CALENDAR_STATUSES),
    check('calendars_year_check', sql`${t.year} between 2022 and 2100`),
  ],
);

/** Every step of a calendar, with its legal due time and how late it was (0 = on time). */
export const calendarTransitions = sqliteTable(
  'calendar_transitions',
  {
    id: id(),
    calendarId: integer('calendar_id')
      .notNull()
      .references(() => calendars.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status', { enum: CALENDAR_STATUSES }).$type<CalendarStatus>(),
    toStatus: text('to_status', { enum: CALENDAR_STATUSES }).$type<CalendarStatus>().notNull(),
    at: timestamp('at').notNull(),
    dueAt: timestamp('due_at'),
    lateByMinutes: integer('late_by_minutes').notNull().default(0),
    byUserId: integer('by_user_id').references(() => users.id),
  },
  (t) => [index('calendar_transitions_calendar_idx').on(t.calendarId)],
);

/** Revisions: number 1 is the approved calendar; each later one is a correction with its reason. */
export const calendarRevisions = sqliteTable(
  'calendar_revisions',
  {
    id: id(),
    calendarId: integer('calendar_id')
      .notNull()
      .references(() => calendars.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    reason: text('reason'),
    maslikhatNotifiedOn: date('maslikhat_notified_on'),
    createdAt: createdAt(),
    byUserId: integer('by_user_id').references(() => users.id),
  },
  (t) => [uniqueIndex('calendar_revisions_number_idx').on(t.calendarId, t.number)],
);

/**
 * A planned visiting meeting. Entries are never edited in place: a correction closes an entry
 * (`removedInRevision`) and adds a new one, so every revision can be read back as it was.
 */
export const calendarEntries = sqliteTable(
  'calendar_entries',
  {
    id: id(),
    calendarId: integer('calendar_id')
      .notNull()
      .references(() => calendars.id, { onDelete: 'cascade' }),
    akimLevel: text('akim_level', { enum: AKIM_LEVELS }).$type<AkimLevel>().notNull(),
    akimUnitId: integer('akim_unit_id')
      .notNull()
      .references(() => units.id),
    visitedUnitId: integer('visited_unit_id')
      .notNull()
      .references(() => units.id),
    plannedFrom: date('planned_from').notNull(),
    plannedTo: date('planned_to').notNull(),
    addedInRevision: integer('added_in_revision').notNull().default(1),
    removedInRevision: integer('removed_in_revision'),
  },
  (t) => [
    index('calendar_entries_calendar_idx').on(t.calendarId),
    index('calendar_entries_visited_idx').on(t.visitedUnitId),
    oneOf('calendar_entries_level_check', 'akim_level', AKIM_LEVELS),
    isDate('calendar_entries_from_check', 'planned_from'),
    isDate('calendar_entries_to_check', 'planned_to'),
    check('calendar_entries_range_check', sql`${t.plannedTo} >= ${t.plannedFrom}`),
    check('calendar_entries_revision_check', sql`${t.removedInRevision} is null or ${t.removedInRevision} > ${t.addedInRevision}`),
  ],
);

/**
 * A meeting of an akim with the population: scheduled from a calendar entry or held on demand.
 * `unitId` is where it is held; `akimUnitId` is whose akim holds it (they differ for a visiting meeting).
 */
export const meetings = sqliteTable(
  'meetings',
  {
    id: id(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    regionId: integer('region_id')
      .notNull()
      .references(() => units.id),
    akimUnitId: integer('akim_unit_id')
      .notNull()
      .references(() => units.id),
    akimLevel: text('akim_level', { enum: AKIM_LEVELS }).$type<AkimLevel>().notNull(),
    akimName: text('akim_name'),
    kind: text('kind', { enum: MEETING_KINDS }).$type<(typeof MEETING_KINDS)[number]>().notNull(),
    onDemandReason: text('on_demand_reason', { enum: ON_DEMAND_REASONS }).$type<(typeof ON_DEMAND_REASONS)[number]>(),
    calendarEntryId: integer('calendar_entry_id').references(() => calendarEntries.id),
    visiting: flag('visiting').notNull().default(false),
    status: text('status', { enum: MEETING_STATUSES }).$type<MeetingStatus>().notNull().default('PLANNED'),
    venue: text('venue'),
    plannedStartAt: timestamp('planned_start_at').notNull(),
    plannedDurationMinutes: integer('planned_duration_minutes').notNull(),
    actualStartAt: timestamp('actual_start_at'),
    actualEndAt: timestamp('actual_end_at'),
    reportMinutes: integer('report_minutes'),
    videoConference: flag('video_conference').notNull().default(false),
    announcedAt: timestamp('announced_at'),
    announcementChannels: text('announcement_channels', { mode: 'json' }).$type<string[]>(),
    results: text('results'),
    resultsPublishedAt: timestamp('results_published_at'),
    recordedByUserId: integer('recorded_by_user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('meetings_region_start_idx').on(t.regionId, t.plannedStartAt),
    index('meetings_unit_idx').on(t.unitId),
    index('meetings_entry_idx').on(t.calendarEntryId),
    // meetings(first:) is newest planned start first: unfiltered, and within a unit (docs/scale.md).
    index('meetings_start_idx').on(t.plannedStartAt),
    index('meetings_unit_start_idx').on(t.unitId, t.plannedStartAt),
    // Counts by status or kind read these instead of every meeting.
    index('meetings_status_idx').on(t.status),
    index('meetings_kind_idx').on(t.kind),
    oneOf('meetings_kind_check', 'kind', MEETING_KINDS),
    oneOf('meetings_status_check', 'status', MEETING_STATUSES),
    oneOf('meetings_level_check', 'akim_level', AKIM_LEVELS),
    check('meetings_on_demand_check', sql`(${t.kind} = 'ON_DEMAND') = (${t.onDemandReason} is not null)`),
    check('meetings_duration_check', sql`${t.plannedDurationMinutes} between 1 and 1440`),
    check('meetings_report_check', sql`${t.reportMinutes} is null or ${t.reportMinutes} >= 0`),
    check('meetings_actual_check', sql`${t.actualEndAt} is null or (${t.actualStartAt} is not null and ${t.actualEndAt} >= ${t.actualStartAt})`),
  ],
);

/** Online broadcasts of a meeting (the decree: official social accounts, comments open). */
export const meetingBroadcasts = sqliteTable(
  'meeting_broadcasts',
  {
    id: id(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    platform: text('platform').notNull(),
    url: text('url').notNull(),
    commentsOpen: flag('comments_open').notNull().default(true),
  },
  (t) => [index('meeting_broadcasts_meeting_idx').on(t.meetingId)],
);

/** Who came, by the categories the decree asks akimats to invite. */
export const meetingAudience = sqliteTable(
  'meeting_audience',
  {
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    category: text('category', { enum: AUDIENCE_CATEGORIES }).$type<(typeof AUDIENCE_CATEGORIES)[number]>().notNull(),
    count: integer('count').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.category] }),
    oneOf('meeting_audience_category_check', 'category', AUDIENCE_CATEGORIES),
    check('meeting_audience_count_check', sql`${t.count} >= 0`),
  ],
);
