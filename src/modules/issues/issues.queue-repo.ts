import { and, asc, desc, eq, gt, inArray, isNotNull, lt, lte, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { users } from '../accounts/accounts.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { FINISHED_STATUSES, type IssueCategory, type IssueStatus } from '../shared/enums.ts';
import { issues, issueUpdates } from './issues.tables.ts';

// The staff console's reads: a body's queue (its problems, filtered, counted, sorted, paged, with
// the last public note beside each) and a problem's full history with the staff member who acted.

export type QueueSort = 'urgency' | 'due' | 'updated' | 'raised';

export interface QueueCriteria {
  organizationId: number;
  statuses?: IssueStatus[];
  overdue?: boolean;
  /** Due from today up to and including this day. */
  dueBy?: string;
  reopenedOrDisputed?: boolean;
  needsCentralDecision?: boolean;
  categories?: IssueCategory[];
  regionId?: number;
  /** Today in Kazakhstan. */
  today: string;
}

const overdueSql = (today: string) => and(isNotNull(issues.dueDate), lt(issues.dueDate, today), notInArray(issues.status, [...FINISHED_STATUSES])) as SQL;

function where(c: QueueCriteria): SQL {
  const parts: (SQL | undefined)[] = [
    eq(issues.responsibleOrganizationId, c.organizationId),
    c.statuses?.length ? inArray(issues.status, c.statuses) : undefined,
    c.overdue ? overdueSql(c.today) : undefined,
    c.dueBy
      ? and(isNotNull(issues.dueDate), sql`${issues.dueDate} >= ${c.today}`, lte(issues.dueDate, c.dueBy), notInArray(issues.status, [...FINISHED_STATUSES]))
      : undefined,
    c.reopenedOrDisputed ? or(eq(issues.status, 'REOPENED'), gt(issues.disputeCount, 0)) : undefined,
    c.needsCentralDecision ? eq(issues.needsCentralDecision, true) : undefined,
    c.categories?.length ? inArray(issues.category, c.categories) : undefined,
    c.regionId !== undefined ? eq(issues.regionId, c.regionId) : undefined,
  ];
  return and(...parts.filter((p): p is SQL => p !== undefined))!;
}

function orderBy(sort: QueueSort, today: string): SQL[] {
  const dueNullsLast = [sql`${issues.dueDate} is null`, asc(issues.dueDate)];
  switch (sort) {
    case 'due':
      return [...dueNullsLast, asc(issues.id)];
    case 'updated':
      return [desc(issues.updatedAt), desc(issues.id)];
    case 'raised':
      return [desc(issues.raisedAt), desc(issues.id)];
    default:
      // Overdue first (the longest overdue on top), then the nearest deadlines, then the rest.
      return [sql`case when ${overdueSql(today)} then 0 else 1 end`, ...dueNullsLast, asc(issues.id)];
  }
}

/** The newest public note of the problem (what the public sees next to it). */
// (Written out: drizzle renders a column of the outer table unqualified, which inside a subquery
// would bind to the inner table's column of the same name.)
const lastNote = sql<
  string | null
>`(select u.public_note from issue_updates u where u.issue_id = issues.id and u.public_note is not null order by u.at desc, u.id desc limit 1)`;

const queueColumns = {
  id: issues.id,
  title: issues.title,
  language: issues.language,
  category: issues.category,
  status: issues.status,
  resolutionPlan: issues.resolutionPlan,
  dueDate: issues.dueDate,
  progress: issues.progress,
  needsCentralDecision: issues.needsCentralDecision,
  disputeCount: issues.disputeCount,
  raisedAt: issues.raisedAt,
  updatedAt: issues.updatedAt,
  version: issues.version,
  regionId: issues.regionId,
  regionCode: sql<string>`(select r.code from units r where r.id = issues.region_id)`,
  unitCode: sql<string>`(select un.code from units un where un.id = issues.unit_id)`,
  organizationCode: sql<string>`(select o.code from organizations o where o.id = issues.responsible_organization_id)`,
  lastPublicNote: lastNote,
};

export function createIssuesQueueRepo(db: Db) {
  return {
    page(criteria: QueueCriteria, sort: QueueSort, limit: number, offset: number) {
      return db
        .select(queueColumns)
        .from(issues)
        .where(where(criteria))
        .orderBy(...orderBy(sort, criteria.today))
        .limit(limit)
        .offset(offset)
        .all();
    },
    /** The whole queue in id order, `batch` rows per statement (the CSV download streams it). */
    *all(criteria: QueueCriteria, batch = 500) {
      let after = 0;
      for (;;) {
        const rows = db
          .select(queueColumns)
          .from(issues)
          .where(and(where(criteria), gt(issues.id, after)))
          .orderBy(asc(issues.id))
          .limit(batch)
          .all();
        yield* rows;
        if (rows.length < batch) return;
        after = rows[rows.length - 1]!.id;
      }
    },
    /** The filtered total, and the body's headline counts (unfiltered), in one statement. */
    counts(criteria: QueueCriteria, today: string, dueBy: string) {
      const mine = eq(issues.responsibleOrganizationId, criteria.organizationId);
      const row = db
        .select({
          matching: sql<number>`coalesce(sum(case when ${where(criteria)} then 1 else 0 end), 0)`,
          open: sql<number>`coalesce(sum(${issues.status} in ('ASSIGNED', 'IN_PROGRESS', 'REOPENED')), 0)`,
          overdue: sql<number>`coalesce(sum(case when ${overdueSql(today)} then 1 else 0 end), 0)`,
          dueSoon: sql<number>`coalesce(sum(${issues.dueDate} >= ${today} and ${issues.dueDate} <= ${dueBy} and ${issues.status} not in ('RESOLVED', 'CLOSED', 'DECLINED')), 0)`,
          reopenedOrDisputed: sql<number>`coalesce(sum(${issues.status} = 'REOPENED' or ${issues.disputeCount} > 0), 0)`,
          needsCentralDecision: sql<number>`coalesce(sum(${issues.needsCentralDecision}), 0)`,
        })
        .from(issues)
        .where(mine)
        .get();
      return row!;
    },
    /** The full history, oldest first, with the body and the staff member who acted. */
    history(issueId: number) {
      return db
        .select({
          id: issueUpdates.id,
          kind: issueUpdates.kind,
          actor: issueUpdates.actor,
          statusBefore: issueUpdates.statusBefore,
          statusAfter: issueUpdates.statusAfter,
          progress: issueUpdates.progress,
          dueDateBefore: issueUpdates.dueDateBefore,
          dueDateAfter: issueUpdates.dueDateAfter,
          publicNote: issueUpdates.publicNote,
          at: issueUpdates.at,
          version: issueUpdates.version,
          organization: { nameKk: organizations.nameKk, nameRu: organizations.nameRu, nameEn: organizations.nameEn },
          byName: users.displayName,
          byEmail: users.email,
        })
        .from(issueUpdates)
        .leftJoin(organizations, eq(organizations.id, issueUpdates.organizationId))
        .leftJoin(users, eq(users.id, issueUpdates.byUserId))
        .where(eq(issueUpdates.issueId, issueId))
        .orderBy(asc(issueUpdates.at), asc(issueUpdates.id))
        .all();
    },
  };
}
export type IssuesQueueRepo = ReturnType<typeof createIssuesQueueRepo>;
export type QueueItem = ReturnType<IssuesQueueRepo['page']>[number];
export type StaffHistoryEntry = ReturnType<IssuesQueueRepo['history']>[number];
