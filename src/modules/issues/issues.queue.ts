import { z } from 'zod';
import type { Policy } from '../accounts/policy.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { GeographyService } from '../geography/geography.service.ts';
import type { Clock } from '../shared/clock.ts';
import { todayIn } from '../shared/clock.ts';
import { NATIONAL_ZONE } from '../shared/time-zones.ts';
import { FINISHED_STATUSES, ISSUE_CATEGORIES, ISSUE_STATUSES } from '../shared/enums.ts';
import { InvalidInputError } from '../shared/errors.ts';
import { parseInput } from '../shared/validation.ts';
import { IssueNotFoundError } from './issues.errors.ts';
import { isOverdue } from './issues.filter.ts';
import type { IssuesRepo } from './issues.repo.ts';
import type { IssuesQueueRepo, QueueCriteria } from './issues.queue-repo.ts';
import { ISSUE_TRANSITIONS, type Transition } from './issues.state-machine.ts';

// The staff console's view of problems: a body's queue and one problem with everything its staff
// may see. Who sees what is the policy's (accounts/policy.ts); the writes stay in the workflow.

export const QUEUE_PAGE_SIZE = 25;
export const DUE_SOON_DAYS = 30;

export const queueQuerySchema = z.object({
  statuses: z.array(z.enum(ISSUE_STATUSES)).max(ISSUE_STATUSES.length).optional(),
  overdue: z.boolean().optional(),
  dueSoon: z.boolean().optional(),
  reopenedOrDisputed: z.boolean().optional(),
  needsCentralDecision: z.boolean().optional(),
  categories: z.array(z.enum(ISSUE_CATEGORIES)).max(ISSUE_CATEGORIES.length).optional(),
  regionCode: z.string().trim().min(1).max(40).optional(),
  sort: z.enum(['urgency', 'due', 'updated', 'raised']).default('urgency'),
  page: z.number().int().min(1).max(100_000).default(1),
});
export type QueueQuery = z.input<typeof queueQuerySchema>;

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export function createStaffQueue(deps: { queueRepo: IssuesQueueRepo; repo: IssuesRepo; policy: Policy; geography: GeographyService; clock: Clock }) {
  const { queueRepo, repo, policy, geography, clock } = deps;
  const todayOf = (regionId: number) => todayIn(clock, geography.zoneOfRegion(regionId));

  /** The queue is an organisation's: its staff (and akimat staff for problems routed to their akimat). */
  function queueOwner(viewer: Viewer | null): Viewer & { organizationId: number } {
    const v = policy.requireRole(viewer, ['ORGANIZATION_STAFF', 'AKIMAT_STAFF']);
    if (v.organizationId === null)
      throw new InvalidInputError([{ path: 'organization', message: 'your account acts for no organisation, and a queue is an organisation’s' }]);
    return v as Viewer & { organizationId: number };
  }

  async function criteria(viewer: Viewer | null, query: QueueQuery) {
    const v = queueOwner(viewer);
    const q = parseInput(queueQuerySchema, query);
    // The queue is today's work list: counted against the capital's today (every zone agrees since
    // March 2024); each row's own overdue flag is its region's.
    const today = todayIn(clock, NATIONAL_ZONE);
    const dueBy = addDays(today, DUE_SOON_DAYS);
    let regionId: number | undefined;
    if (q.regionCode) {
      const region = await geography.findUnitByCode(q.regionCode);
      if (!region) throw new InvalidInputError([{ path: 'regionCode', message: 'is not a known region' }]);
      regionId = region.id;
    }
    const c: QueueCriteria = {
      organizationId: v.organizationId,
      statuses: q.statuses,
      overdue: q.overdue,
      dueBy: q.dueSoon ? dueBy : undefined,
      reopenedOrDisputed: q.reopenedOrDisputed,
      needsCentralDecision: q.needsCentralDecision,
      categories: q.categories,
      regionId,
      today,
    };
    return { c, q, today, dueBy };
  }

  return {
    /** One page of my organisation's problems, with the filtered total and the headline counts. */
    async listQueue(viewer: Viewer | null, query: QueueQuery) {
      const { c, q, today, dueBy } = await criteria(viewer, query);
      const counts = queueRepo.counts(c, today, dueBy);
      const pages = Math.max(1, Math.ceil(counts.matching / QUEUE_PAGE_SIZE));
      const page = Math.min(q.page, pages);
      const items = queueRepo
        .page(c, q.sort, QUEUE_PAGE_SIZE, (page - 1) * QUEUE_PAGE_SIZE)
        .map((item) => ({ ...item, overdue: isOverdue(item, todayOf(item.regionId)) }));
      return { items, counts, total: counts.matching, page, pages, today };
    },

    /** Every problem of the (filtered) queue, read in batches, for the CSV download. */
    async queueRows(viewer: Viewer | null, query: QueueQuery) {
      const { c } = await criteria(viewer, query);
      const rows = queueRepo.all(c);
      return (function* () {
        for (const row of rows) yield { ...row, overdue: isOverdue(row, todayOf(row.regionId)) };
      })();
    },

    /**
     * One problem as a staff member sees it: who may act on it, the full history with who acted,
     * and the citizen's contact where the policy allows. Staff with no business with the problem
     * get issue/not_found, as for a missing one.
     */
    async staffIssue(viewer: Viewer | null, issueId: number) {
      const v = policy.requireViewer(viewer);
      const issue = await repo.findById(issueId);
      if (!issue) throw new IssueNotFoundError();
      const answers = policy.answersForIssue(v, issue);
      const routes = policy.routesIssue(v, issue);
      const recorded = v.role === 'AKIMAT_STAFF' && v.organizationId === issue.recordedByOrganizationId;
      if (!answers && !routes && !recorded && v.role !== 'GOVERNMENT_STAFF') throw new IssueNotFoundError();
      const contact = policy.seesContact(v, issue) ? ((await repo.findContact(issue.id)) ?? null) : null;
      const byBody = (tr: Transition) => tr.from === issue.status && tr.by === 'BODY';
      return {
        issue,
        overdue: isOverdue(issue, todayOf(issue.regionId)),
        history: queueRepo.history(issue.id),
        contact,
        answers,
        /** The update form's choices: the state machine's steps from the current status, with their needs. */
        updateSteps: answers ? ISSUE_TRANSITIONS.filter((tr) => byBody(tr) && tr.via === 'updateIssueProgress') : [],
        canTransfer: answers && ISSUE_TRANSITIONS.some((tr) => byBody(tr) && tr.via === 'transferIssue'),
        /** The central-decision form: the responsible body or the recording akimat, while the problem is assigned and open. */
        canFlagCentral: policy.flagsCentralDecision(v, issue) && issue.status !== 'NEW' && !(FINISHED_STATUSES as readonly string[]).includes(issue.status),
        today: todayOf(issue.regionId),
      };
    },
  };
}
export type StaffQueue = ReturnType<typeof createStaffQueue>;
