import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id, oneOf, timestamp } from '../shared/columns.ts';
import { ISSUE_CATEGORIES, type IssueCategory } from '../shared/enums.ts';
import { issues } from '../issues/issues.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { users } from '../accounts/accounts.tables.ts';

// Groups of similar problems (docs/groups.md). A problem is in at most one group; the figures a
// page shows (size, places, first and last raised) are stored on the group when its members change.

/** Who put a problem where it is: the automatic grouping, or a person (whose decision wins). */
export const GROUPING_SOURCES = ['AUTO', 'STAFF'] as const;
export type GroupingSource = (typeof GROUPING_SOURCES)[number];

/** What a change of a problem's group was: history entries of issue_group_events. */
export const GROUP_EVENT_KINDS = ['GROUPED', 'CONFIRMED', 'MOVED', 'REMOVED'] as const;
export type GroupEventKind = (typeof GROUP_EVENT_KINDS)[number];

export const issueGroups = sqliteTable(
  'issue_groups',
  {
    id: id(),
    category: text('category', { enum: ISSUE_CATEGORIES }).$type<IssueCategory>().notNull(),
    /** Members, districts (units) and regions they were raised in, bodies answering: stored figures. */
    size: integer('size').notNull().default(0),
    districtCount: integer('district_count').notNull().default(0),
    regionCount: integer('region_count').notNull().default(0),
    resolvedCount: integer('resolved_count').notNull().default(0),
    firstRaisedAt: timestamp('first_raised_at'),
    lastRaisedAt: timestamp('last_raised_at'),
    /** The member whose title names the group on pages: the first raised. */
    leadIssueId: integer('lead_issue_id').references(() => issues.id),
    updatedAt: timestamp('updated_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    oneOf('issue_groups_category_check', 'category', ISSUE_CATEGORIES),
    index('issue_groups_size_idx').on(t.size, t.id),
    index('issue_groups_last_raised_idx').on(t.lastRaisedAt),
  ],
);

/**
 * Where each problem stands. A row with no group and source STAFF is a problem staff took out of
 * its group: the automatic grouping leaves it alone from then on.
 */
export const issueGroupMembers = sqliteTable(
  'issue_group_members',
  {
    issueId: integer('issue_id')
      .primaryKey()
      .references(() => issues.id, { onDelete: 'cascade' }),
    groupId: integer('group_id').references(() => issueGroups.id),
    source: text('source', { enum: GROUPING_SOURCES }).$type<GroupingSource>().notNull(),
    /** The similarity that put it there (automatic grouping only). */
    score: real('score'),
    at: timestamp('at').notNull(),
    // The problem's figures as its group counts them, copied from the problem when it is placed and
    // kept by triggers (migration group_member_places): a group's size, districts, regions, resolved
    // and first/last raised move by one member's probe on each change, never a recount of all members.
    raisedAt: timestamp('raised_at'),
    regionId: integer('region_id'),
    /** The district, city of oblast significance or city district its unit lies in (DISTRICT_OF in groups.repo.ts). */
    districtId: integer('district_id'),
    /** 1 while the problem is RESOLVED or CLOSED. */
    resolved: integer('resolved').notNull().default(0),
    /** The body answering for it (the group page's "who answers"), null while not routed. */
    organizationId: integer('organization_id'),
  },
  (t) => [
    oneOf('issue_group_members_source_check', 'source', GROUPING_SOURCES),
    index('issue_group_members_group_idx').on(t.groupId, t.issueId),
    index('issue_group_members_raised_idx').on(t.groupId, t.raisedAt, t.issueId, t.regionId),
    index('issue_group_members_district_idx').on(t.groupId, t.districtId),
    index('issue_group_members_region_idx').on(t.groupId, t.regionId),
    index('issue_group_members_body_idx').on(t.groupId, t.organizationId),
  ],
);

/**
 * A full regroup under way (or stopped by a signal, to be resumed): where it got to. At most one row.
 */
export const issueGroupRegroup = sqliteTable('issue_group_regroup', {
  id: integer('id').primaryKey(),
  /** The last problem (by id) the regroup has grouped again. */
  afterIssueId: integer('after_issue_id').notNull(),
  startedAt: timestamp('started_at').notNull(),
});

/**
 * Where each problem stood before the regroup under way began: its automatic group (a new group
 * takes that number again when free, so group pages keep their addresses) and its public group
 * (the search documents to update are those whose public group differs at the end).
 */
export const issueGroupRegroupBefore = sqliteTable('issue_group_regroup_before', {
  issueId: integer('issue_id').primaryKey(),
  autoGroupId: integer('auto_group_id'),
  publicGroupId: integer('public_group_id'),
});

/**
 * The inverted table the candidate lookup reads: each problem's distinct stems (title stems
 * weigh more), per category. `issue_group_stems` counts the problems per stem, so that a new
 * problem's rarest stems are found without scanning postings.
 */
export const issueGroupTerms = sqliteTable(
  'issue_group_terms',
  {
    stem: text('stem').notNull(),
    category: text('category', { enum: ISSUE_CATEGORIES }).$type<IssueCategory>().notNull(),
    issueId: integer('issue_id')
      .notNull()
      .references(() => issues.id, { onDelete: 'cascade' }),
    weight: real('weight').notNull(),
  },
  (t) => [primaryKey({ columns: [t.stem, t.category, t.issueId] }), index('issue_group_terms_vector_idx').on(t.issueId, t.stem, t.weight)],
);

export const issueGroupStems = sqliteTable('issue_group_stems', {
  stem: text('stem').primaryKey(),
  problems: integer('problems').notNull(),
});

/** The grouping part of a problem's history. Public: the body that acted, never the person. */
export const issueGroupEvents = sqliteTable(
  'issue_group_events',
  {
    id: id(),
    issueId: integer('issue_id')
      .notNull()
      .references(() => issues.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: GROUP_EVENT_KINDS }).$type<GroupEventKind>().notNull(),
    fromGroupId: integer('from_group_id'),
    toGroupId: integer('to_group_id'),
    source: text('source', { enum: GROUPING_SOURCES }).$type<GroupingSource>().notNull(),
    organizationId: integer('organization_id').references(() => organizations.id),
    byUserId: integer('by_user_id').references(() => users.id),
    note: text('note'),
    at: timestamp('at').notNull(),
  },
  (t) => [
    oneOf('issue_group_events_kind_check', 'kind', GROUP_EVENT_KINDS),
    check('issue_group_events_note_check', sql`${t.note} is null or length(${t.note}) <= 500`),
    index('issue_group_events_issue_idx').on(t.issueId, t.at),
    index('issue_group_events_group_idx').on(t.toGroupId, t.at),
    index('issue_group_events_from_group_idx').on(t.fromGroupId, t.at),
  ],
);
