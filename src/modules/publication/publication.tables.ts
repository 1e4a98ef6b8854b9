import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { date, flag, id, oneOf, timestamp } from '../shared/columns.ts';
import { ISSUE_CATEGORIES, ISSUE_CHANGE_KINDS, ISSUE_STATUSES, type IssueCategory, type IssueChangeKind, type IssueStatus } from '../shared/enums.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { issues } from '../issues/issues.tables.ts';
import { units } from '../geography/geography.tables.ts';
import type { PublishedUpdate } from './snapshot.ts';

/** Counts over a whole published quarter, stored when it is published (pages never recount items). */
export interface QuarterFigures {
  byStatus: Record<IssueStatus, number>;
  open: number;
  overdue: number;
  resolved: number;
  disputed: number;
  deadlinesMoved: number;
  driftDays: number;
  changes: Record<IssueChangeKind, number>;
}

export const PUBLICATION_STATUSES = ['building', 'published'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];

/**
 * A quarter. It is written in batches while `status` is 'building' (every public read filters
 * those out) and becomes 'published' in one short final transaction, together with its bodies'
 * rows and its figures: "the latest publication" is never a partial one.
 */
export const publications = sqliteTable(
  'publications',
  {
    id: id(),
    year: integer('year').notNull(),
    quarter: integer('quarter').notNull(),
    periodEnd: date('period_end').notNull(),
    publishedAt: timestamp('published_at').notNull(),
    contentHash: text('content_hash').notNull(),
    itemCount: integer('item_count').notNull(),
    /** The published quarter the changes were computed against (the latest one before this). */
    previousPublicationId: integer('previous_publication_id').references((): AnySQLiteColumn => publications.id),
    status: text('status', { enum: PUBLICATION_STATUSES }).$type<PublicationStatus>().notNull().default('published'),
    /** Null only while building (and for rows older than the column, filled by a migration). */
    figures: text('figures', { mode: 'json' }).$type<QuarterFigures>(),
  },
  (t) => [
    uniqueIndex('publications_quarter_idx').on(t.year, t.quarter),
    // No CHECK on status: adding one makes drizzle-kit rebuild the table, and dropping the old
    // table would cascade-delete every published item.
    check('publications_quarter_check', sql`${t.quarter} between 1 and 4`),
  ],
);

/** Per responsible body: its published figures and the hash of its own list. */
export const publicationBodies = sqliteTable(
  'publication_bodies',
  {
    publicationId: integer('publication_id')
      .notNull()
      .references(() => publications.id, { onDelete: 'cascade' }),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id),
    contentHash: text('content_hash').notNull(),
    total: integer('total').notNull(),
    open: integer('open').notNull(),
    overdue: integer('overdue').notNull(),
    resolved: integer('resolved').notNull(),
    disputed: integer('disputed').notNull(),
    deadlinesMoved: integer('deadlines_moved').notNull(),
    driftDays: integer('drift_days').notNull(),
    /** How many of the body's problems had each kind of change since the previous quarter. */
    changes: text('changes', { mode: 'json' }).$type<Record<IssueChangeKind, number>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.publicationId, t.organizationId] })],
);

/**
 * One problem as it stood at the quarter's end: the public fields frozen as columns (for filters)
 * plus `history` (its public updates as JSON), and what changed since the previous quarter.
 */
export const publicationItems = sqliteTable(
  'publication_items',
  {
    id: id(),
    publicationId: integer('publication_id')
      .notNull()
      .references(() => publications.id, { onDelete: 'cascade' }),
    issueId: integer('issue_id')
      .notNull()
      .references(() => issues.id),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id),
    regionId: integer('region_id')
      .notNull()
      .references(() => units.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    category: text('category', { enum: ISSUE_CATEGORIES }).$type<IssueCategory>().notNull(),
    language: text('language').notNull(),
    title: text('title').notNull(),
    text: text('text').notNull(),
    status: text('status', { enum: ISSUE_STATUSES }).$type<IssueStatus>().notNull(),
    resolutionPlan: text('resolution_plan'),
    dueDate: date('due_date'),
    progress: integer('progress').notNull(),
    overdue: flag('overdue').notNull(),
    raisedAt: timestamp('raised_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
    /** The latest public note up to the quarter's end (what the CSV's public_note carries). */
    publicNote: text('public_note'),
    history: text('history', { mode: 'json' }).$type<PublishedUpdate[]>().notNull(),
    change: text('change', { enum: ISSUE_CHANGE_KINDS }).$type<IssueChangeKind>().notNull(),
    deadlineDriftDays: integer('deadline_drift_days'),
    /** Status and deadline in the previous published quarter, when the problem was in it. */
    previousStatus: text('previous_status', { enum: ISSUE_STATUSES }).$type<IssueStatus>(),
    previousDueDate: date('previous_due_date'),
    /** The problem's group of similar problems when the quarter was published (two or more problems), if any. */
    groupId: integer('group_id'),
  },
  (t) => [
    uniqueIndex('publication_items_issue_idx').on(t.publicationId, t.issueId),
    /** A body's list in problem order: keyset pages, downloads and the body's changed problems. */
    index('publication_items_org_issue_idx').on(t.publicationId, t.organizationId, t.issueId),
    /** Open311's order (newest raised first). */
    index('publication_items_raised_idx').on(t.publicationId, t.raisedAt, t.issueId),
    oneOf('publication_items_change_check', 'change', ISSUE_CHANGE_KINDS),
    oneOf('publication_items_status_check', 'status', ISSUE_STATUSES),
  ],
);

/**
 * The Government's twice-yearly collection (15 February and 15 August) of problems that need a
 * decision of a central body, holding or company. `half` 1 is the February round, 2 the August one.
 */
export const collectionRounds = sqliteTable(
  'collection_rounds',
  {
    id: id(),
    year: integer('year').notNull(),
    half: integer('half').notNull(),
    cutoffDate: date('cutoff_date').notNull(),
    collectedAt: timestamp('collected_at').notNull(),
    contentHash: text('content_hash').notNull(),
    itemCount: integer('item_count').notNull(),
  },
  (t) => [uniqueIndex('collection_rounds_half_idx').on(t.year, t.half), check('collection_rounds_half_check', sql`${t.half} in (1, 2)`)],
);

export const collectionRoundItems = sqliteTable(
  'collection_round_items',
  {
    id: id(),
    roundId: integer('round_id')
      .notNull()
      .references(() => collectionRounds.id, { onDelete: 'cascade' }),
    issueId: integer('issue_id')
      .notNull()
      .references(() => issues.id),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id),
    regionId: integer('region_id')
      .notNull()
      .references(() => units.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    category: text('category', { enum: ISSUE_CATEGORIES }).$type<IssueCategory>().notNull(),
    title: text('title').notNull(),
    text: text('text').notNull(),
    proposal: text('proposal'),
    resolutionPlan: text('resolution_plan'),
    status: text('status', { enum: ISSUE_STATUSES }).$type<IssueStatus>().notNull(),
    dueDate: date('due_date'),
    raisedAt: timestamp('raised_at').notNull(),
  },
  (t) => [uniqueIndex('collection_round_items_issue_idx').on(t.roundId, t.issueId), index('collection_round_items_org_idx').on(t.roundId, t.organizationId)],
);

/**
 * Named locks with a short lease renewed by the holder's heartbeat, so that two processes never
 * publish at once. `pid` and `hostname` let a process on the same host take over at once when the
 * holder's process is gone.
 */
export const jobLocks = sqliteTable('job_locks', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  acquiredAt: timestamp('acquired_at').notNull(),
  expiresAt: timestamp('expires_at').notNull(),
  pid: integer('pid'),
  hostname: text('hostname'),
});
