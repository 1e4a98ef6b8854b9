import type { Request, Response, Router } from 'express';
import { stringify } from 'csv-stringify';
import { csvOptions } from '../../../modules/publication/csv.ts';
import { STAFF_CSV_COLUMNS } from '../../../modules/issues/issues.csv.ts';
import type { QueueQuery } from '../../../modules/issues/issues.queue.ts';
import { ISSUE_CATEGORIES, ISSUE_STATUSES, type IssueCategory, type IssueStatus } from '../../../modules/shared/enums.ts';
import { InvalidInputError } from '../../../modules/shared/errors.ts';
import { sendHtml } from '../../caching.ts';
import { queryList, queryText, type WebDeps } from '../../context.ts';
import { fill } from '../../i18n/index.ts';
import { html } from '../../html.ts';
import { requireStaff, staffSession } from '../guard.ts';
import { notice, staffPage, staffRequest } from '../layout.ts';
import { queuePage, type QueueFilters } from '../pages/queue.ts';

// My queue (HTML) and the same queue as CSV: the open-data columns plus each problem's version,
// so the file can be edited and uploaded back (bulk.routes.ts).

const OPEN: IssueStatus[] = ['ASSIGNED', 'IN_PROGRESS', 'REOPENED'];
const SORTS = ['urgency', 'due', 'updated', 'raised'] as const;

export const QUEUE_ROLES = ['ORGANIZATION_STAFF', 'AKIMAT_STAFF'] as const;

/** The filters in the address; unknown values are dropped (a hand-edited URL still shows a queue). */
export function queueFilters(req: Request): QueueFilters {
  const statuses = queryList(req, 'status').filter((s): s is IssueStatus => (ISSUE_STATUSES as readonly string[]).includes(s));
  const category = queryText(req, 'category');
  const sort = queryText(req, 'sort');
  return {
    statuses: statuses.length ? [...new Set(statuses)] : req.query.status === undefined && !hasFlag(req) ? OPEN : [],
    overdue: queryText(req, 'overdue') === '1',
    dueSoon: queryText(req, 'due-soon') === '1',
    reopenedOrDisputed: queryText(req, 'reopened') === '1',
    needsCentralDecision: queryText(req, 'central') === '1',
    category: (ISSUE_CATEGORIES as readonly string[]).includes(category ?? '') ? (category as IssueCategory) : undefined,
    regionCode: queryText(req, 'region')?.slice(0, 40),
    sort: (SORTS as readonly string[]).includes(sort ?? '') ? (sort as QueueFilters['sort']) : 'urgency',
  };
}

/** A count tile's link (?overdue=1 …) means "all such problems", not "open ones among them". */
const hasFlag = (req: Request) => ['overdue', 'due-soon', 'reopened', 'central'].some((f) => queryText(req, f) === '1');

const toQuery = (f: QueueFilters, page = 1): QueueQuery => ({
  statuses: f.statuses.length ? f.statuses : undefined,
  overdue: f.overdue || undefined,
  dueSoon: f.dueSoon || undefined,
  reopenedOrDisputed: f.reopenedOrDisputed || undefined,
  needsCentralDecision: f.needsCentralDecision || undefined,
  categories: f.category ? [f.category] : undefined,
  regionCode: f.regionCode,
  sort: f.sort,
  page,
});

export function registerQueueRoutes(router: Router, { services }: WebDeps): void {
  const noOrganization = (req: Request, res: Response) => {
    const sr = staffRequest(req, res);
    sendHtml(res, 400, staffPage(sr, { title: sr.w.queueHeading, nav: 'queue' }, html`<h1>${sr.w.queueHeading}</h1>${notice('alert', sr.w.noOrganization)}`));
  };

  router.get('/queue', requireStaff(QUEUE_ROLES), async (req, res) => {
    const sr = staffRequest(req, res);
    const { viewer } = staffSession(res);
    if (viewer.organizationId === null) return noOrganization(req, res);
    const filters = queueFilters(req);
    const page = Number(queryText(req, 'page') ?? '1');
    const [queue, org, regions] = await Promise.all([
      services.issues.listQueue(viewer, toQuery(filters, Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1)),
      services.organizations.findOrganization(viewer.organizationId),
      services.geography.listRegions(),
    ]);
    const transferred = queryText(req, 'transferred');
    const applied = queryText(req, 'applied');
    const unchanged = queryText(req, 'unchanged') ?? '0';
    sendHtml(
      res,
      200,
      queuePage(sr, filters, {
        ...queue,
        organizationName: org ? sr.locale.labels.name(org) : '',
        regions,
        notice:
          transferred && /^\d{1,9}$/.test(transferred)
            ? fill(sr.w.transferredNotice, { number: transferred })
            : applied && /^\d{1,6}$/.test(applied) && /^\d{1,6}$/.test(unchanged)
              ? fill(sr.w.appliedNotice, { count: applied, unchanged })
              : undefined,
      }),
    );
  });

  router.get('/queue.csv', requireStaff(QUEUE_ROLES), async (req, res) => {
    const { viewer } = staffSession(res);
    if (viewer.organizationId === null) return noOrganization(req, res);
    let rows: Awaited<ReturnType<typeof services.issues.queueRows>>;
    try {
      rows = await services.issues.queueRows(viewer, toQuery(queueFilters(req)));
    } catch (err) {
      if (err instanceof InvalidInputError) return noOrganization(req, res);
      throw err;
    }
    const day = new Date().toISOString().slice(0, 10);
    res.status(200).type('text/csv; charset=utf-8; header=present').set('Content-Disposition', `attachment; filename="queue-${day}.csv"`);
    // The same shape as the open-data export (BOM for Excel, CRLF, formulas neutralised), plus version.
    const csv = stringify(csvOptions(STAFF_CSV_COLUMNS));
    csv.pipe(res);
    for (const r of rows) {
      csv.write({
        id: String(r.id),
        title: r.title,
        category: r.category,
        region_code: r.regionCode,
        unit_code: r.unitCode,
        organization_code: r.organizationCode,
        status: r.status,
        resolution_plan: r.resolutionPlan ?? '',
        due_date: r.dueDate ?? '',
        progress: String(r.progress),
        overdue: r.overdue ? 'true' : 'false',
        raised_at: r.raisedAt,
        updated_at: r.updatedAt,
        public_note: r.lastPublicNote ?? '',
        version: String(r.version),
      });
    }
    csv.end();
  });
}
