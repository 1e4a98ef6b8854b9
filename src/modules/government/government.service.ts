import type { Policy } from '../accounts/policy.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { IssuesService } from '../issues/issues.service.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';
import { PublicationBusyError, PublicationError, QuarterNotEndedError } from '../publication/publication.errors.ts';
import { lockHolder, type PublicationService } from '../publication/publication.service.ts';
import { parseQuarter, parseRound, quarterEndedEverywhereUtc, quarterLabel, roundLabel } from '../publication/periods.ts';
import { todayIn, type Clock } from '../shared/clock.ts';
import { NATIONAL_ZONE } from '../shared/time-zones.ts';
import { InvalidInputError } from '../shared/errors.ts';
import type { OrganizationKind } from '../shared/enums.ts';
import { quarterPlan, roundPlan } from './due.ts';
import { createPublicationJobs } from './publication-jobs.ts';
import type { OutboxService } from '../notifications/outbox.service.ts';
import { rankResponsiveness, type ResponsivenessOrder } from './ranking.ts';

// The Government office's pages as use cases: what is published and due, collection rounds, and
// every body's responsiveness ranked. Built only on the public methods of the publication, issues
// and organisations services; the policy (GOVERNMENT_STAFF, or an admin) is checked here.

/** "Publish now" with nothing to publish: the next quarter has not ended. */
export class NothingDueError extends PublicationError {
  override name = 'NothingDueError';
  constructor(
    readonly next: string,
    readonly from: string,
  ) {
    super('nothing_due', `Nothing is due: the next quarter, ${next}, can be published from ${from}.`);
  }
}

export class AlreadyPublishedError extends PublicationError {
  override name = 'AlreadyPublishedError';
  constructor(label: string) {
    super('already_published', `Quarter ${label} is already published.`);
  }
}

interface Deps {
  publication: PublicationService;
  issues: IssuesService;
  organizations: OrganizationsService;
  policy: Policy;
  clock: Clock;
  /** The email outbox's backlog, shown beside the publication (messages a publication causes wait there). */
  outbox?: Pick<OutboxService, 'status'>;
}

export function createGovernmentService({ publication, issues, organizations, policy, clock, outbox }: Deps) {
  const jobs = createPublicationJobs(() => clock.now().toISOString());
  const requireGovernment = (viewer: Viewer | null) => policy.requireRole(viewer, ['GOVERNMENT_STAFF']);

  async function publicationPlan() {
    const published = await publication.listPublications();
    return { published, plan: quarterPlan(published, clock.now()) };
  }

  /** Another process (the scheduler, the CLI, another server) holds the publication lock now. */
  function lockHeldElsewhere() {
    const lock = publication.lockHolderNow();
    return lock && lock.expiresAt > clock.now().toISOString() ? lock : null;
  }

  return {
    /** The year it is now in Kazakhstan (the regions page's default), by the services' clock. */
    currentYear: () => Number(todayIn(clock, NATIONAL_ZONE).slice(0, 4)),

    /** Published quarters (newest first), what is due, the next one, and the state of the last job started here. */
    async publicationOverview(viewer: Viewer | null) {
      requireGovernment(viewer);
      const { published, plan } = await publicationPlan();
      return { published, plan, job: jobs.latest(), lock: lockHeldElsewhere(), emailOutbox: outbox?.status() ?? null };
    },

    /**
     * Starts publishing `label` (and any earlier unpublished quarter) and returns at once; the job's
     * progress is read back with publicationOverview. Refused, with nothing started, when the
     * quarter is not due or a publication is running.
     */
    async startPublishing(viewer: Viewer | null, label: string) {
      const v = requireGovernment(viewer);
      const q = parseQuarter(typeof label === 'string' ? label : '');
      if (!q) throw new InvalidInputError([{ path: 'quarter', message: 'must be a quarter such as 2026-Q3' }]);
      const { published, plan } = await publicationPlan();
      if (published.some((p) => p.year === q.year && p.quarter === q.quarter)) throw new AlreadyPublishedError(quarterLabel(q));
      if (!plan.due.length) throw new NothingDueError(plan.upcoming.label, plan.upcoming.from);
      if (!plan.due.includes(quarterLabel(q))) throw new QuarterNotEndedError(quarterLabel(q), quarterEndedEverywhereUtc(q));
      if (jobs.running() || lockHeldElsewhere()) throw new PublicationBusyError();
      return jobs.start(quarterLabel(q), v.email, async (onProgress) => {
        const result = await publication.publishQuarter(q, { holder: lockHolder(`user-${v.userId}`), onProgress });
        return [...result.alsoPublished, ...(result.created ? [quarterLabel(q)] : [])];
      });
    },

    /** Collected rounds (newest first) and what is due. */
    async roundsOverview(viewer: Viewer | null) {
      requireGovernment(viewer);
      const rounds = await publication.listRounds();
      return { rounds, plan: roundPlan(rounds, clock.now()) };
    },

    /** Runs a due round now (the publication service refuses one whose cutoff has not passed). */
    async collectRound(viewer: Viewer | null, label: string) {
      requireGovernment(viewer);
      const r = parseRound(typeof label === 'string' ? label : '');
      if (!r) throw new InvalidInputError([{ path: 'round', message: 'must be a round such as 2026-H1' }]);
      const before = await publication.findRound(r);
      const round = await publication.collectRoundAs(viewer, r);
      return { label: roundLabel(r), itemCount: round.itemCount, collectedAt: round.collectedAt, created: !before };
    },

    /** Every responsible body with its public responsiveness figures, ranked (ranking.ts). */
    async responsivenessRanking(viewer: Viewer | null, order: ResponsivenessOrder = 'rank', kinds: OrganizationKind[] | null = null) {
      requireGovernment(viewer);
      const bodies = await organizations.listOrganizations(kinds);
      const figures = issues.responsiveness(bodies.map((b) => b.id));
      return rankResponsiveness(bodies, figures, order);
    },
  };
}
export type GovernmentService = ReturnType<typeof createGovernmentService>;
