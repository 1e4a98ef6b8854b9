import { count, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { issueContacts, issues } from './issues.tables.ts';
import { FINISHED_STATUSES } from '../shared/enums.ts';
import { asIs, type QueryPlan } from '../shared/query-plan.ts';
import type { IssueOrder } from './issues.filter.ts';
import { findPublicProblem } from './issues.public-view.ts';
import { flatPage } from './issues.page.ts';
import { findRoutable, findRoutablePage } from './issues.desk-view.ts';
import { countedByDueDays, countedByTotals, criteriaSql, dueDaysSql, orderIndex, ORDERS, totalsSql, type IssueCriteria } from './issues.criteria.ts';

export type { IssueCriteria } from './issues.criteria.ts';

/** One body's record of answering for problems, as the public sees it. */
export interface ResponsivenessRow {
  organizationId: number;
  open: number;
  overdue: number;
  resolved: number;
  declined: number;
  disputed: number;
  medianDaysToResolution: number | null;
  shareUpdatedThisQuarter: number | null;
}

const OPEN = sql.raw(`('ASSIGNED', 'IN_PROGRESS', 'REOPENED')`);
const FINISHED = sql.raw(`(${FINISHED_STATUSES.map((s) => `'${s}'`).join(', ')})`);

/**
 * open / overdue / resolved / declined: the body's current problems by status ("overdue": past the
 * deadline in Kazakhstan and not finished). disputed: citizens' disputes of the body's resolutions,
 * kept against it even after a transfer. Median days to resolution: from the assignment to this
 * body to the resolution (SQLite has no median: the middle row or two of a ranked window).
 * Share updated this quarter: of the open problems, those the body itself updated since the quarter began.
 */
function responsivenessSql(organizationIds: number[], today: string, quarterStartUtc: string): SQL {
  return sql`
    with bodies as (select value as org from json_each(${JSON.stringify(organizationIds)})),
    counts as (
      select i.responsible_organization_id as org,
        sum(i.status in ${OPEN}) as open,
        sum(i.due_date is not null and i.due_date < ${today} and i.status not in ${FINISHED}) as overdue,
        sum(i.status in ('RESOLVED', 'CLOSED')) as resolved,
        sum(i.status = 'DECLINED') as declined,
        sum(i.status in ${OPEN} and exists (
          select 1 from issue_updates u
          where u.issue_id = i.id and u.organization_id = i.responsible_organization_id
            and u.actor = 'ORGANIZATION' and u.kind = 'PROGRESS' and u.at >= ${quarterStartUtc})) as open_updated
      from issues i where i.responsible_organization_id in (select org from bodies)
      group by i.responsible_organization_id
    ),
    disputes as (
      select organization_id as org, count(*) as disputed from issue_updates
      where kind = 'DISPUTED' and organization_id in (select org from bodies) group by organization_id
    ),
    durations as (
      select i.responsible_organization_id as org,
        max(0, julianday(i.resolved_at) - julianday(coalesce(a.assigned_at, i.raised_at))) as days
      from issues i
      left join issue_assignments a
        on a.issue_id = i.id and a.ended_at is null and a.organization_id = i.responsible_organization_id
      where i.responsible_organization_id in (select org from bodies)
        and i.status in ('RESOLVED', 'CLOSED') and i.resolved_at is not null
    ),
    ranked as (
      select org, days, row_number() over (partition by org order by days) as rn, count(*) over (partition by org) as n
      from durations
    ),
    medians as (select org, avg(days) as median_days from ranked where rn in ((n + 1) / 2, (n + 2) / 2) group by org)
    select b.org as organizationId,
      coalesce(c.open, 0) as open, coalesce(c.overdue, 0) as overdue, coalesce(c.resolved, 0) as resolved,
      coalesce(c.declined, 0) as declined, coalesce(d.disputed, 0) as disputed,
      m.median_days as medianDaysToResolution,
      case when coalesce(c.open, 0) = 0 then null else 1.0 * c.open_updated / c.open end as shareUpdatedThisQuarter
    from bodies b
    left join counts c on c.org = b.org
    left join disputes d on d.org = b.org
    left join medians m on m.org = b.org`;
}

type IssuesTable = typeof issues;

export function createIssuesRepo(db: Db) {
  return {
    findMany(criteria: IssueCriteria, order: IssueOrder, plan: QueryPlan = asIs) {
      const options = plan({ where: { RAW: (t: IssuesTable) => criteriaSql(t, criteria, order) }, orderBy: ORDERS[order] });
      return flatPage(db, options, orderIndex(criteria, order)) ?? db.query.issues.findMany(options);
    },
    /**
     * How many problems match. Filters that `issue_counts` is kept for sum its rows (a few
     * thousand at most); the others count problems through a covering index.
     */
    async count(criteria: IssueCriteria): Promise<number> {
      // "Not overdue" is everything else: two cheap counts instead of one that reads every problem.
      if (criteria.overdue === false) {
        const all = await this.count({ ...criteria, overdue: undefined });
        return all - (await this.count({ ...criteria, overdue: true }));
      }
      if (countedByDueDays(criteria)) {
        const [row] = db.all<{ n: number | null }>(sql`select sum(n) as n from open_due_counts where ${dueDaysSql(criteria)}`);
        return row?.n ?? 0;
      }
      if (countedByTotals(criteria)) {
        const [row] = db.all<{ n: number | null }>(sql`select sum(n) as n from issue_counts where ${totalsSql(criteria)}`);
        return row?.n ?? 0;
      }
      const [row] = await db.select({ n: count() }).from(issues).where(criteriaSql(issues, criteria));
      return row?.n ?? 0;
    },
    findById(id: number, plan: QueryPlan = asIs) {
      return db.query.issues.findFirst(plan({ where: { id } }));
    },
    /** A problem's public read model (issues.public-view.ts): only the columns its pages show. */
    findPublicProblem: (id: number) => findPublicProblem(db, id),
    /** The akimat desk's read model (issues.desk-view.ts): a page of problems, or one problem. */
    findRoutablePage: (criteria: IssueCriteria, page: { limit: number; offset: number }) => findRoutablePage(db, criteria, page),
    findRoutable: (id: number) => findRoutable(db, id),
    findByTrackingCode(code: string, plan: QueryPlan = asIs) {
      return db.query.issues.findFirst(plan({ where: { trackingCode: code } }));
    },
    /** What the citizen sees: the problem, its bodies and its public history. Never the contact. */
    findTrackedByCode(code: string) {
      return db.query.issues.findFirst({
        where: { trackingCode: code },
        columns: { trackingCode: false },
        with: {
          responsibleOrganization: true,
          assignments: { orderBy: { assignedAt: 'asc', id: 'asc' }, with: { organization: true, fromOrganization: true } },
          updates: { orderBy: { at: 'asc', id: 'asc' }, columns: { byUserId: false }, with: { organization: true } },
        },
      });
    },
    async findContact(issueId: number) {
      const [row] = await db.select().from(issueContacts).where(eq(issueContacts.issueId, issueId));
      return row;
    },
    /** Per-body counts for the given bodies, in one statement (see responsivenessSql). */
    responsiveness(organizationIds: number[], today: string, quarterStartUtc: string): ResponsivenessRow[] {
      if (!organizationIds.length) return [];
      return db.all<ResponsivenessRow>(responsivenessSql(organizationIds, today, quarterStartUtc));
    },
  };
}
export type IssuesRepo = ReturnType<typeof createIssuesRepo>;
