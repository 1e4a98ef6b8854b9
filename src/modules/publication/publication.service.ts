import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Clock } from '../shared/clock.ts';
import type { Policy } from '../accounts/policy.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';
import { InvalidInputError } from '../shared/errors.ts';
import type { QueryPlan } from '../shared/query-plan.ts';
import type { PublicationRepo } from './publication.repo.ts';
import type { RoundsRepo } from './rounds.repo.ts';
import { publishQuarterNow, type ProgressListener } from './publish-quarter.ts';
import { collectRoundNow } from './collect-round.ts';
import { PublicationBusyError, QuarterNotEndedError, RoundNotDueError } from './publication.errors.ts';
import {
  compareQuarters,
  firstRoundAfter,
  isValidQuarter,
  isValidRound,
  nextQuarter,
  nextRound,
  quarterEndExclusiveUtc,
  quarterLabel,
  quarterOf,
  roundCutoffUtc,
  roundLabel,
  type Quarter,
  type Round,
} from './periods.ts';

/** One lock for every publishing job: quarters and rounds never run at the same time. */
export const PUBLICATION_LOCK = 'publication';
/** Long enough for the largest quarter; renewed after each quarter. A crashed holder frees it by expiry. */
export const LOCK_TTL_MS = 15 * 60_000;

export interface DueRunResult {
  /** Null when the run did its work; 'busy' when another holder had the lock and nothing was done. */
  skipped: 'busy' | null;
  published: string[];
  collected: string[];
}

interface Deps {
  repo: PublicationRepo;
  rounds: RoundsRepo;
  organizations: OrganizationsService;
  policy: Policy;
  clock: Clock;
  /** Told after a quarter is newly published (the search service rebuilds its published index). */
  onQuarterPublished?: (() => void)[];
}

/** A name for this process's lock: host, pid and a random suffix (two jobs in one process differ). */
export const lockHolder = (purpose: string) => `${purpose}@${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export function createPublicationService({ repo, rounds, organizations, policy, clock, onQuarterPublished = [] }: Deps) {
  const nowIso = () => clock.now().toISOString();
  const expiry = () => new Date(clock.now().getTime() + LOCK_TTL_MS).toISOString();

  /** Runs `work` holding the publication lock, or returns null at once if someone else holds it. */
  async function withLock<T>(holder: string, work: (renew: () => void) => Promise<T> | T): Promise<T | null> {
    if (!repo.acquireLock(PUBLICATION_LOCK, holder, nowIso(), expiry())) return null;
    try {
      return await work(() => void repo.renewLock(PUBLICATION_LOCK, holder, expiry()));
    } finally {
      repo.releaseLock(PUBLICATION_LOCK, holder);
    }
  }

  function requireQuarter(q: Quarter): void {
    if (!isValidQuarter(q)) {
      throw new InvalidInputError([{ path: 'quarter', message: 'must be a year from 2000 to 2100 and a quarter from 1 to 4' }]);
    }
    const end = quarterEndExclusiveUtc(q);
    if (nowIso() < end) throw new QuarterNotEndedError(quarterLabel(q), end);
  }

  function requireRound(r: Round): void {
    if (!isValidRound(r)) {
      throw new InvalidInputError([{ path: 'half', message: 'must be a year from 2000 to 2100 and half 1 (15 February) or 2 (15 August)' }]);
    }
    const cutoff = roundCutoffUtc(r);
    if (nowIso() < cutoff) throw new RoundNotDueError(roundLabel(r), cutoff);
  }

  const publishNow = (q: Quarter, onProgress?: ProgressListener) => {
    const result = publishQuarterNow(repo, q, nowIso(), onProgress);
    if (result.created) for (const listener of onQuarterPublished) listener();
    return result;
  };
  const collectNow = (r: Round) => collectRoundNow(rounds, r, nowIso());

  /**
   * Unpublished quarters from the first one with data while `include` holds, oldest first.
   * Publications form a chain without gaps, so every quarter's changes are counted against the
   * quarter just before it.
   */
  function unpublishedQuarters(include: (q: Quarter) => boolean): Quarter[] {
    const first = repo.firstAssignedRaisedAt();
    if (!first) return [];
    const published = new Set(repo.publishedQuarters().map(quarterLabel));
    const out: Quarter[] = [];
    for (let q = quarterOf(first); include(q); q = nextQuarter(q)) if (!published.has(quarterLabel(q))) out.push(q);
    return out;
  }

  /** Rounds whose cutoff has passed and that were not collected, from the first one with data. */
  function dueRounds(): Round[] {
    const first = repo.firstAssignedRaisedAt();
    if (!first) return [];
    const now = nowIso();
    const collected = new Set(rounds.collectedRounds().map(roundLabel));
    const due: Round[] = [];
    for (let r = firstRoundAfter(first); roundCutoffUtc(r) <= now; r = nextRound(r)) {
      if (!collected.has(roundLabel(r))) due.push(r);
    }
    return due;
  }

  /** Publishes `quarters` in order, yielding to the event loop between two (the server keeps answering). */
  async function publishInOrder(quarters: Quarter[], renew: () => void, onProgress?: (label: string) => ProgressListener | undefined) {
    const published: string[] = [];
    for (const q of quarters) {
      await yieldToEventLoop();
      if (publishNow(q, onProgress?.(quarterLabel(q))).created) published.push(quarterLabel(q));
      renew();
    }
    return published;
  }

  /**
   * By hand (CLI, GraphQL): quarter `q`, after any earlier unpublished quarter with data (so that
   * its changes are counted against the quarter before it), under the same lock as the scheduler.
   * Throws PublicationBusyError when the lock is held.
   */
  async function publishQuarter(q: Quarter, options: { holder?: string; onProgress?: (label: string) => ProgressListener | undefined } = {}) {
    requireQuarter(q);
    const result = await withLock(options.holder ?? lockHolder('cli'), async (renew) => {
      const earlier = unpublishedQuarters((x) => compareQuarters(x, q) < 0);
      const alsoPublished = await publishInOrder(earlier, renew, options.onProgress);
      return { ...publishNow(q, options.onProgress?.(quarterLabel(q))), alsoPublished };
    });
    if (!result) throw new PublicationBusyError();
    return result;
  }

  /** By hand (CLI): one round, under the same lock. */
  async function collectRound(r: Round, options: { holder?: string } = {}) {
    requireRound(r);
    const result = await withLock(options.holder ?? lockHolder('cli'), () => collectNow(r));
    if (!result) throw new PublicationBusyError();
    return result;
  }

  return {
    /**
     * The scheduler's job: publish every ended quarter not yet published (oldest first, so each is
     * compared with the one before) and collect every due round. Skips at once if the lock is held.
     */
    async publishDue(options: { delayHours: number; holder?: string; onProgress?: (label: string) => ProgressListener | undefined }): Promise<DueRunResult> {
      const horizon = new Date(clock.now().getTime() - options.delayHours * 3_600_000).toISOString();
      const result = await withLock(options.holder ?? lockHolder('scheduler'), async (renew) => {
        const published = await publishInOrder(unpublishedQuarters((q) => quarterEndExclusiveUtc(q) <= horizon), renew, options.onProgress);
        const collected: string[] = [];
        for (const r of dueRounds()) {
          await yieldToEventLoop();
          if (collectNow(r).created) collected.push(roundLabel(r));
          renew();
        }
        return { skipped: null, published, collected };
      });
      return result ?? { skipped: 'busy', published: [], collected: [] };
    },

    publishQuarter,
    collectRound,

    /** GraphQL: government staff (or an admin) publish a quarter; returns it as `plan` selects. */
    async publishQuarterAs(viewer: Viewer | null, q: Quarter, plan?: QueryPlan) {
      const v = policy.requireRole(viewer, ['GOVERNMENT_STAFF']);
      await publishQuarter(q, { holder: lockHolder(`user-${v.userId}`) });
      const row = await repo.findPublication(q, plan);
      if (!row) throw new Error(`publication ${quarterLabel(q)} vanished after publishing`);
      return row;
    },

    /** GraphQL: government staff (or an admin) run a 15 February / 15 August collection round. */
    async collectRoundAs(viewer: Viewer | null, r: Round, plan?: QueryPlan) {
      const v = policy.requireRole(viewer, ['GOVERNMENT_STAFF']);
      await collectRound(r, { holder: lockHolder(`user-${v.userId}`) });
      const row = await rounds.findRound(r, plan);
      if (!row) throw new Error(`collection round ${roundLabel(r)} vanished after collecting`);
      return row;
    },

    listPublications: (plan?: QueryPlan) => repo.listPublications(plan),
    findPublication: (q: Quarter, plan?: QueryPlan) => (isValidQuarter(q) ? repo.findPublication(q, plan) : undefined),
    findLatestPublication: (plan?: QueryPlan) => repo.findLatestPublication(plan),
    async findBodyFigures(organizationCode: string, plan?: QueryPlan) {
      const org = await organizations.findOrganizationByCode(organizationCode);
      return org ? repo.findBodyFigures(org.id, plan) : [];
    },
    listRounds: (plan?: QueryPlan) => rounds.listRounds(plan),
    findRound: (r: Round, plan?: QueryPlan) => (isValidRound(r) ? rounds.findRound(r, plan) : undefined),
    /** Who holds the publication lock now, for the CLI's message. */
    lockHolderNow: () => repo.findLock(PUBLICATION_LOCK),
  };
}
export type PublicationService = ReturnType<typeof createPublicationService>;
