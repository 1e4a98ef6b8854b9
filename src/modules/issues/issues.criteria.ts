import { and, sql, type SQL } from 'drizzle-orm';
import type { issues } from './issues.tables.ts';
import { FINISHED_STATUSES, type IssueCategory, type IssueStatus } from '../shared/enums.ts';
import type { Zoned } from '../shared/time-zones.ts';
import { zonedSql } from '../shared/zoned-sql.ts';

/** The open-problem condition of the partial indexes, on a given alias (literals, as the index has them). */
const openIssue = (status: SQL | unknown) => sql`${status} not in (${sql.raw(FINISHED_STATUSES.map((s) => `'${s}'`).join(', '))})`;
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
  /** A day's first instant in each region's zone (docs/decree.md, "Time zones"). */
  raisedFromUtc?: Zoned<string>;
  raisedBeforeUtc?: Zoned<string>;
  /** Today in each region's zone, for `overdue`. */
  today: Zoned<string>;
}

type IssuesTable = typeof issues;

const ORDER_COLUMN: Record<IssueOrder, 'raised' | 'due' | 'updated'> = {
  RAISED_DESC: 'raised',
  RAISED_ASC: 'raised',
  DUE_DATE_ASC: 'due',
  UPDATED_DESC: 'updated',
};

export const ORDERS: Record<IssueOrder, Record<string, 'asc' | 'desc'>> = {
  RAISED_DESC: { raisedAt: 'desc' },
  RAISED_ASC: { raisedAt: 'asc' },
  DUE_DATE_ASC: { dueDate: 'asc' },
  UPDATED_DESC: { updatedAt: 'desc' },
};

const list = (values: readonly (string | number)[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/**
 * One SQL condition for both the page and its count, built against whichever alias of the table
 * the query uses, so the two can never disagree.
 *
 * For a page (`order` given) the condition also picks the access path. A page must walk an index in
 * its order and stop after `first` rows; sorting every match is what makes a list slow at a million
 * problems. So only the order's own column, a single region, a single responsible body or a meeting
 * may lead the search; every other column is written `+column`, which SQLite reads as "no index
 * for this term" while the value is unchanged. Statuses, categories and flags each match a large
 * share of the problems, so walking the order's index finds a page of them after a few hundred rows.
 * "Overdue" names the open-problem condition of the partial indexes word for word, so that SQLite
 * may walk only open problems (issues.tables.ts).
 * Counts (`order` absent) may use any index: the covering ones make them cheap (docs/scale.md).
 */
export function criteriaSql(t: IssuesTable, c: IssueCriteria, order?: IssueOrder): SQL {
  const orderColumn = order ? ORDER_COLUMN[order] : null;
  const indexed = (column: SQL | IssuesTable[keyof IssuesTable], usable: boolean) => (usable ? sql`${column}` : sql`+${column}`);
  const leads = (values: readonly unknown[] | undefined) => !order || values?.length === 1;
  const dueDate = indexed(t.dueDate, !order || orderColumn === 'due');
  const raisedAt = indexed(t.raisedAt, !order || orderColumn === 'raised');
  const overdueSql = sql`(${dueDate} is not null and ${zonedSql(t.regionId, c.today, (today) => sql`${dueDate} < ${today}`)} and ${openIssue(t.status)})`;
  const parts: (SQL | undefined)[] = [
    c.regionIds ? sql`${indexed(t.regionId, leads(c.regionIds))} in (${list(c.regionIds)})` : undefined,
    c.organizationIds ? sql`${indexed(t.responsibleOrganizationId, leads(c.organizationIds))} in (${list(c.organizationIds)})` : undefined,
    c.statuses ? sql`${indexed(t.status, !order)} in (${list(c.statuses)})` : undefined,
    c.categories ? sql`${indexed(t.category, !order)} in (${list(c.categories)})` : undefined,
    c.overdue === undefined ? undefined : c.overdue ? overdueSql : sql`not ${overdueSql}`,
    c.needsCentralDecision === undefined ? undefined : sql`${indexed(t.needsCentralDecision, !order)} = ${c.needsCentralDecision ? 1 : 0}`,
    c.meetingId === undefined ? undefined : sql`${t.meetingId} = ${c.meetingId}`,
    c.raisedFromUtc ? zonedSql(t.regionId, c.raisedFromUtc, (from) => sql`${raisedAt} >= ${from}`) : undefined,
    c.raisedBeforeUtc ? zonedSql(t.regionId, c.raisedBeforeUtc, (before) => sql`${raisedAt} < ${before}`) : undefined,
  ];
  return and(...parts.filter((p): p is SQL => p !== undefined)) ?? sql`1 = 1`;
}

/**
 * The index a page walks when no filter leads (one region, one body, a meeting, overdue): its
 * order's own. Named in the page query (INDEXED BY) because with a date range SQLite's estimates
 * may prefer a skip-scan of a region index and a sort of every match, which is what a national list
 * cannot afford; null when a leading filter picks the index.
 */
export function orderIndex(c: IssueCriteria, order: IssueOrder): string | null {
  if (c.regionIds?.length === 1 || c.organizationIds?.length === 1 || c.meetingId !== undefined || c.overdue === true) return null;
  return `issues_${ORDER_COLUMN[order]}_idx`;
}

/** Whether every filter in use is one that `issue_counts` keeps counts for (see its migration). */
export function countedByTotals(c: IssueCriteria): boolean {
  return c.overdue === undefined && c.meetingId === undefined && !c.raisedFromUtc && !c.raisedBeforeUtc;
}

/** Whether an "overdue" count can be summed from `open_due_counts`: overdue, with regions at most. */
export function countedByDueDays(c: IssueCriteria): boolean {
  return (
    c.overdue === true &&
    !c.organizationIds &&
    !c.statuses &&
    !c.categories &&
    c.needsCentralDecision === undefined &&
    c.meetingId === undefined &&
    !c.raisedFromUtc &&
    !c.raisedBeforeUtc
  );
}

/** The overdue condition on `open_due_counts`: days before each region's today, in the regions asked. */
export function dueDaysSql(c: IssueCriteria): SQL {
  const region = sql.raw('region_id');
  const before = zonedSql(region, c.today, (today) => sql`due_date < ${today}`);
  return c.regionIds ? sql`region_id in (${list(c.regionIds)}) and ${before}` : before;
}

/** The same filters as criteriaSql, on `issue_counts` (organization_id 0: no responsible body). */
export function totalsSql(c: IssueCriteria): SQL {
  const parts: SQL[] = [sql`1 = 1`];
  if (c.regionIds) parts.push(sql`region_id in (${list(c.regionIds)})`);
  if (c.organizationIds) parts.push(sql`organization_id in (${list(c.organizationIds)})`);
  if (c.statuses) parts.push(sql`status in (${list(c.statuses)})`);
  if (c.categories) parts.push(sql`category in (${list(c.categories)})`);
  if (c.needsCentralDecision !== undefined) parts.push(sql`needs_central_decision = ${c.needsCentralDecision ? 1 : 0}`);
  return sql.join(parts, sql` and `);
}
