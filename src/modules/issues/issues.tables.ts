import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, date, flag, id, isDate, oneOf, timestamp } from '../shared/columns.ts';
import {
  FINISHED_STATUSES,
  ISSUE_ACTORS,
  ISSUE_CATEGORIES,
  ISSUE_EVENT_KINDS,
  ISSUE_LANGUAGES,
  ISSUE_STATUSES,
  type IssueCategory,
  type IssueEventKind,
  type IssueLanguage,
  type IssueStatus,
} from '../shared/enums.ts';
import { units } from '../geography/geography.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { users } from '../accounts/accounts.tables.ts';
import { meetings } from '../meetings/meetings.tables.ts';

/** Not finished, written with literals: SQLite uses a partial index only for this very text. */
export const OPEN_ISSUE = sql.raw(`"status" not in (${FINISHED_STATUSES.map((s) => `'${s}'`).join(', ')})`);

/**
 * A problem raised at a meeting ("issue" in the API). Everything on this row is public once the
 * problem is published; the citizen's contact lives in `issue_contacts` and is never joined here.
 */
export const issues = sqliteTable(
  'issues',
  {
    id: id(),
    trackingCode: text('tracking_code').notNull().unique(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    regionId: integer('region_id')
      .notNull()
      .references(() => units.id),
    category: text('category', { enum: ISSUE_CATEGORIES }).$type<IssueCategory>().notNull(),
    language: text('language', { enum: ISSUE_LANGUAGES }).$type<IssueLanguage>().notNull(),
    title: text('title').notNull(),
    text: text('text').notNull(),
    status: text('status', { enum: ISSUE_STATUSES }).$type<IssueStatus>().notNull().default('NEW'),
    resolutionPlan: text('resolution_plan'),
    dueDate: date('due_date'),
    progress: integer('progress').notNull().default(0),
    responsibleOrganizationId: integer('responsible_organization_id').references(() => organizations.id),
    recordedByOrganizationId: integer('recorded_by_organization_id')
      .notNull()
      .references(() => organizations.id),
    needsCentralDecision: flag('needs_central_decision').notNull().default(false),
    centralDecisionProposal: text('central_decision_proposal'),
    transferCount: integer('transfer_count').notNull().default(0),
    /** Set when the problem has come back to a body that already passed it on. */
    bouncedAt: timestamp('bounced_at'),
    disputeCount: integer('dispute_count').notNull().default(0),
    raisedAt: timestamp('raised_at').notNull(),
    resolvedAt: timestamp('resolved_at'),
    updatedAt: timestamp('updated_at').notNull(),
    /**
     * Grows by one with every write (issues.write-repo.ts `updateIssue`). Forms, CSV rows and
     * mutations say which version they were based on; a write based on an older one is a conflict.
     */
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    oneOf('issues_category_check', 'category', ISSUE_CATEGORIES),
    oneOf('issues_language_check', 'language', ISSUE_LANGUAGES),
    oneOf('issues_status_check', 'status', ISSUE_STATUSES),
    isDate('issues_due_date_check', 'due_date'),
    check('issues_progress_check', sql`${t.progress} between 0 and 100`),
    check('issues_assigned_check', sql`${t.status} = 'NEW' or ${t.responsibleOrganizationId} is not null`),
    check('issues_title_check', sql`length(${t.title}) between 1 and 200`),
    check('issues_text_check', sql`length(${t.text}) between 1 and 5000`),
    index('issues_region_status_idx').on(t.regionId, t.status),
    index('issues_responsible_status_idx').on(t.responsibleOrganizationId, t.status),
    index('issues_meeting_idx').on(t.meetingId),
    index('issues_category_idx').on(t.category),
    // Lists: each documented order walks one of these in order and stops after the page, with the
    // common filter (region or responsible body) as the leading column; status rides along with
    // the deadline so that overdue counts of a region or a body never read the table (docs/scale.md).
    // The three orders without a leading filter carry `id` (the order's tie-break) and the columns
    // of the filters that match a large share (category, status, needs a central decision), so a
    // walk tests them in the index and reads from the table only the rows of the page.
    index('issues_raised_idx').on(t.raisedAt, t.id, t.category, t.status, t.needsCentralDecision),
    index('issues_due_idx').on(t.dueDate, t.id, t.category, t.status, t.needsCentralDecision),
    index('issues_updated_idx').on(t.updatedAt, t.id, t.category, t.status, t.needsCentralDecision),
    index('issues_region_raised_idx').on(t.regionId, t.raisedAt),
    index('issues_region_due_idx').on(t.regionId, t.dueDate, t.status),
    index('issues_region_updated_idx').on(t.regionId, t.updatedAt),
    index('issues_responsible_raised_idx').on(t.responsibleOrganizationId, t.raisedAt),
    index('issues_responsible_due_idx').on(t.responsibleOrganizationId, t.dueDate, t.status),
    index('issues_responsible_updated_idx').on(t.responsibleOrganizationId, t.updatedAt),
    // "overdue" is a deadline passed while the problem is open. Recent problems are rarely overdue,
    // so a walk in raised or updated order would read far past them: these partial indexes hold
    // only open problems, carry the deadline to test without reading the row, and list `id` so the
    // order is complete. Queries must spell the condition exactly as OPEN_ISSUE (issues.criteria.ts).
    index('issues_open_raised_idx').on(t.raisedAt, t.id, t.dueDate).where(OPEN_ISSUE),
    index('issues_open_updated_idx').on(t.updatedAt, t.id, t.dueDate).where(OPEN_ISSUE),
    index('issues_open_due_idx').on(t.dueDate).where(OPEN_ISSUE),
    index('issues_region_open_due_idx').on(t.regionId, t.dueDate).where(OPEN_ISSUE),
  ],
);

/** The citizen who raised the problem. Personal data: read only by the services that may show it. */
export const issueContacts = sqliteTable(
  'issue_contacts',
  {
    issueId: integer('issue_id')
      .primaryKey()
      .references(() => issues.id, { onDelete: 'cascade' }),
    fullName: text('full_name').notNull(),
    phone: text('phone'),
    iin: text('iin'),
  },
  (t) => [check('issue_contacts_iin_check', sql`${t.iin} is null or (length(${t.iin}) = 12 and ${t.iin} not glob '*[^0-9]*')`)],
);

/**
 * The chain of bodies a problem has been routed to. Exactly one row per problem has no `endedAt`
 * once it is assigned: the current responsible body.
 */
export const issueAssignments = sqliteTable(
  'issue_assignments',
  {
    id: id(),
    issueId: integer('issue_id')
      .notNull()
      .references(() => issues.id, { onDelete: 'cascade' }),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id),
    fromOrganizationId: integer('from_organization_id').references(() => organizations.id),
    reason: text('reason'),
    assignedAt: timestamp('assigned_at').notNull(),
    endedAt: timestamp('ended_at'),
    byUserId: integer('by_user_id').references(() => users.id),
  },
  (t) => [index('issue_assignments_issue_idx').on(t.issueId), index('issue_assignments_org_idx').on(t.organizationId)],
);

/**
 * Append-only history. The public sees the organisation that acted; `byUserId` stays internal.
 */
export const issueUpdates = sqliteTable(
  'issue_updates',
  {
    id: id(),
    issueId: integer('issue_id')
      .notNull()
      .references(() => issues.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ISSUE_EVENT_KINDS }).$type<IssueEventKind>().notNull(),
    actor: text('actor', { enum: ISSUE_ACTORS }).$type<(typeof ISSUE_ACTORS)[number]>().notNull(),
    organizationId: integer('organization_id').references(() => organizations.id),
    statusBefore: text('status_before', { enum: ISSUE_STATUSES }).$type<IssueStatus>(),
    statusAfter: text('status_after', { enum: ISSUE_STATUSES }).$type<IssueStatus>().notNull(),
    progress: integer('progress'),
    dueDateBefore: date('due_date_before'),
    dueDateAfter: date('due_date_after'),
    publicNote: text('public_note'),
    /**
     * The "needs a central decision" flag before and after this entry, and the proposal it carried
     * (set by assignment and CENTRAL_DECISION entries): a collection round reads the flag as it
     * stood at its cutoff from here, not from the problem's current row.
     */
    centralDecisionBefore: flag('central_decision_before'),
    centralDecisionAfter: flag('central_decision_after'),
    centralDecisionProposal: text('central_decision_proposal'),
    at: timestamp('at').notNull(),
    byUserId: integer('by_user_id').references(() => users.id),
    /** The problem's version after this entry (null for entries written before versions existed). */
    version: integer('version'),
  },
  (t) => [
    index('issue_updates_issue_at_idx').on(t.issueId, t.at),
    // The problems whose flag ever changed after assignment: a round's candidates beside the flagged ones.
    index('issue_updates_central_idx').on(t.issueId).where(sql`${t.centralDecisionAfter} is not null`),
    oneOf('issue_updates_kind_check', 'kind', ISSUE_EVENT_KINDS),
    oneOf('issue_updates_actor_check', 'actor', ISSUE_ACTORS),
  ],
);
