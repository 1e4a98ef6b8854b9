import { and, count, gte, inArray, isNotNull, lt, eq, not, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { issues } from './issues.tables.ts';
import { FINISHED_STATUSES, type IssueCategory, type IssueStatus } from '../shared/enums.ts';
import { asIs, type QueryPlan } from '../shared/query-plan.ts';
import type { IssueOrder } from './issues.filter.ts';

/** A filter with every code already resolved to ids and dates to UTC bounds (the service does that). */
export interface IssueCriteria {
  regionIds?: number[];
  organizationIds?: number[];
  statuses?: IssueStatus[];
  categories?: IssueCategory[];
  overdue?: boolean;
  needsCentralDecision?: boolean;
  meetingId?: number;
  raisedFromUtc?: string;
  raisedBeforeUtc?: string;
  /** Today in Kazakhstan, for `overdue`. */
  today: string;
}

type IssuesTable = typeof issues;

/**
 * One SQL condition for both the page and its count, built against whichever alias of the table
 * the query uses, so the two can never disagree.
 */
function criteriaSql(t: IssuesTable, c: IssueCriteria): SQL {
  const overdueSql = and(
    isNotNull(t.dueDate),
    lt(t.dueDate, c.today),
    notInArray(t.status, [...FINISHED_STATUSES]),
  ) as SQL;
  const parts: (SQL | undefined)[] = [
    c.regionIds ? inArray(t.regionId, c.regionIds) : undefined,
    c.organizationIds ? inArray(t.responsibleOrganizationId, c.organizationIds) : undefined,
    c.statuses ? inArray(t.status, c.statuses) : undefined,
    c.categories ? inArray(t.category, c.categories) : undefined,
    c.overdue === undefined ? undefined : c.overdue ? overdueSql : not(overdueSql),
    c.needsCentralDecision === undefined ? undefined : eq(t.needsCentralDecision, c.needsCentralDecision),
    c.meetingId === undefined ? undefined : eq(t.meetingId, c.meetingId),
    c.raisedFromUtc ? gte(t.raisedAt, c.raisedFromUtc) : undefined,
    c.raisedBeforeUtc ? lt(t.raisedAt, c.raisedBeforeUtc) : undefined,
  ];
  return and(...parts.filter((p): p is SQL => p !== undefined)) ?? sql`1 = 1`;
}

const ORDERS: Record<IssueOrder, Record<string, 'asc' | 'desc'>> = {
  RAISED_DESC: { raisedAt: 'desc' },
  RAISED_ASC: { raisedAt: 'asc' },
  DUE_DATE_ASC: { dueDate: 'asc' },
  UPDATED_DESC: { updatedAt: 'desc' },
};

export function createIssuesRepo(db: Db) {
  return {
    findMany(criteria: IssueCriteria, order: IssueOrder, plan: QueryPlan = asIs) {
      return db.query.issues.findMany(
        plan({ where: { RAW: (t: IssuesTable) => criteriaSql(t, criteria) }, orderBy: ORDERS[order] }),
      );
    },
    async count(criteria: IssueCriteria): Promise<number> {
      const [row] = await db.select({ n: count() }).from(issues).where(criteriaSql(issues, criteria));
      return row?.n ?? 0;
    },
    findById(id: number, plan: QueryPlan = asIs) {
      return db.query.issues.findFirst(plan({ where: { id } }));
    },
    findByTrackingCode(code: string, plan: QueryPlan = asIs) {
      return db.query.issues.findFirst(plan({ where: { trackingCode: code } }));
    },
  };
}
export type IssuesRepo = ReturnType<typeof createIssuesRepo>;

