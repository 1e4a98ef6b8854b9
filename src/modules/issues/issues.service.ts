import type { IssuesRepo, IssueCriteria, ResponsivenessRow } from './issues.repo.ts';
import { createCentralDecision } from './issues.central.ts';
import type { IssuesWriteRepo } from './issues.write-repo.ts';
import type { Policy } from '../accounts/policy.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';
import type { MeetingsService } from '../meetings/meetings.service.ts';
import { createIssueWorkflow } from './issues.workflow.ts';
import { createBulkUpdate } from './issues.bulk.ts';
import { createStaffQueue } from './issues.queue.ts';
import type { IssuesQueueRepo } from './issues.queue-repo.ts';
import { createCitizenTracking, type TrackingLimits } from './issues.citizen.ts';
import { issueFilterSchema, isOverdue, type IssueFilter, type IssueOrder } from './issues.filter.ts';
import type { GeographyService } from '../geography/geography.service.ts';
import type { Clock } from '../shared/clock.ts';
import { todayIn } from '../shared/clock.ts';
import { parseInput } from '../shared/validation.ts';
import type { ProblemView } from './issues.public-view.ts';
import type { QueryPlan } from '../shared/query-plan.ts';
import { localMidnightUtc, NATIONAL_ZONE } from '../shared/time-zones.ts';

/** Told the id of every problem a write changed, after the commit (search delivers its outbox, groups follow). */
export type IssueChangedListener = (issueId: number) => void;

export interface IssuesServiceOptions {
  /** Tracking lookups per client address (default 30 a minute). */
  trackingLimits?: Partial<TrackingLimits>;
  onIssueChanged?: IssueChangedListener[];
  /** Told when a listener throws (the server logs it); stderr when absent. */
  onListenerError?: (message: string, err: unknown) => void;
}

interface Deps extends IssuesServiceOptions {
  repo: IssuesRepo;
  /** The staff console's reads: a body's queue, a problem's history with who acted. */
  queueRepo: IssuesQueueRepo;
  writeRepo: IssuesWriteRepo;
  geography: GeographyService;
  organizations: OrganizationsService;
  meetings: MeetingsService;
  policy: Policy;
  clock: Clock;
}

/**
 * The first day of the current quarter, as the UTC instant it begins in the capital's zone. A body's
 * figures span regions; "now" is after March 2024, when every zone agrees.
 */
export function quarterStartUtc(today: string): string {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const firstMonth = Math.floor((month - 1) / 3) * 3 + 1;
  return localMidnightUtc(`${year}-${String(firstMonth).padStart(2, '0')}-01`, NATIONAL_ZONE);
}

/** The citizen's personal data, as staff who may see it get it. */
type IssueContact = { fullName: string; phone: string | null; iin: string | null };

export function createIssuesService(deps: Deps) {
  const { repo, geography, clock, policy, organizations } = deps;
  const listeners = deps.onIssueChanged ?? [];
  const changed = (issueIds: number[]) => {
    for (const id of issueIds) {
      for (const listener of listeners) {
        // The write is committed; a listener's failure must not turn it into an error for the caller.
        try {
          listener(id);
        } catch (err) {
          // Logged, not raised: the search index re-syncs on its own, but a failure must be seen.
          (deps.onListenerError ?? ((message, e) => console.error(message, e)))(`a listener of problem ${id}'s change failed`, err);
        }
      }
    }
  };
  const workflow = createIssueWorkflow({ ...deps, changed });
  const bulk = createBulkUpdate({ ...deps, changed });
  const citizen = createCitizenTracking({ ...deps, limits: deps.trackingLimits, changed });
  const queue = createStaffQueue(deps);
  const centralDecision = createCentralDecision({ ...deps, changed });

  async function toCriteria(filter: IssueFilter | null | undefined): Promise<IssueCriteria> {
    const f = parseInput(issueFilterSchema, filter ?? {}, ['filter']);
    const regionIds = f.regionCodes ? await geography.requireUnitIds(f.regionCodes) : undefined;
    // Dates are each region's own days: "raised on 1 March 2024" begins an hour apart in Astana and Aktobe.
    const { raisedFrom, raisedTo } = f;
    return {
      regionIds,
      organizationIds: f.organizationIds,
      statuses: f.statuses,
      categories: f.categories,
      overdue: f.overdue,
      needsCentralDecision: f.needsCentralDecision,
      meetingId: f.meetingId,
      raisedFromUtc: raisedFrom ? geography.zoned((zone) => localMidnightUtc(raisedFrom, zone), regionIds) : undefined,
      raisedBeforeUtc: raisedTo ? geography.zoned((zone) => localMidnightUtc(raisedTo, zone, 1), regionIds) : undefined,
      today: geography.zoned((zone) => todayIn(clock, zone), regionIds),
    };
  }

  // A page and its totalCount get the same filter object: its codes are looked up once, not twice.
  const criteriaByFilter = new WeakMap<object, Promise<IssueCriteria>>();
  function criteriaOf(filter: IssueFilter | null | undefined): Promise<IssueCriteria> {
    if (!filter) return toCriteria(filter);
    let criteria = criteriaByFilter.get(filter);
    if (!criteria) criteriaByFilter.set(filter, (criteria = toCriteria(filter)));
    return criteria;
  }

  return {
    async listIssues(filter: IssueFilter | null | undefined, order: IssueOrder, plan?: QueryPlan) {
      return repo.findMany(await criteriaOf(filter), order, plan);
    },
    async countIssues(filter: IssueFilter | null | undefined) {
      return repo.count(await criteriaOf(filter));
    },
    findIssue: (id: number, plan?: QueryPlan) => repo.findById(id, plan),
    /** Problems as the akimat desk lists them (oldest raised first), a page at a time; no tracking code. */
    async listRoutable(filter: IssueFilter | null | undefined, page: { limit: number; offset: number }) {
      return repo.findRoutablePage(await criteriaOf(filter), page);
    },
    findRoutable: (id: number) => repo.findRoutable(id),
    /** What the public knows of a problem now, with its region's zone for its instants; null when there is none. */
    async findPublicProblem(id: number): Promise<ProblemView | null> {
      const row = await repo.findPublicProblem(id);
      return row ? { ...row, timeZone: geography.zoneOfRegion(row.regionId) } : null;
    },
    /** Overdue against today in the problem's region. */
    isOverdue: (issue: { dueDate: string | null; status: string; regionId: number }) =>
      isOverdue(issue, todayIn(clock, geography.zoneOfRegion(issue.regionId))),

    /** The citizen's contact, for the recording akimat, the responsible body and admins; null for anybody else. */
    async findContact(viewer: Viewer | null, issue: { id: number; recordedByOrganizationId: number; responsibleOrganizationId: number | null }) {
      if (!policy.seesContact(viewer, issue)) return null;
      return (await repo.findContact(issue.id)) ?? null;
    },

    /** The contact loaded with the problem (GraphQL lists), shown only where the policy allows. */
    contactOf(
      viewer: Viewer | null,
      issue: { recordedByOrganizationId: number; responsibleOrganizationId: number | null; contact?: IssueContact | null },
    ): IssueContact | null {
      if (!policy.seesContact(viewer, issue)) return null;
      return issue.contact ?? null;
    },

    /** Public responsiveness of each body, keyed by organisation id. */
    responsiveness(organizationIds: number[]): Map<number, ResponsivenessRow> {
      const today = todayIn(clock, NATIONAL_ZONE);
      const unique = [...new Set(organizationIds)];
      return new Map(repo.responsiveness(unique, today, quarterStartUtc(today)).map((r) => [r.organizationId, r]));
    },

    /** One body and its responsiveness, by the body's code; null for an unknown code. */
    async responsivenessByCode(code: string) {
      const organization = code.length <= 80 ? await organizations.findOrganizationByCode(code) : undefined;
      if (!organization) return null;
      const today = todayIn(clock, NATIONAL_ZONE);
      const [row] = repo.responsiveness([organization.id], today, quarterStartUtc(today));
      return row ? { ...row, organization } : null;
    },

    ...workflow,
    ...bulk,
    ...citizen,
    ...queue,
    ...centralDecision,
  };
}
export type IssuesService = ReturnType<typeof createIssuesService>;
