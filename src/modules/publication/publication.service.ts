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
  FIRST_QUARTER,
  FIRST_ROUND,
  isBeforeDecree,
  isRoundBeforeDecree,
  quarterEndedEverywhereUtc,
  quarterLabel,
  quarterOf,
  roundCutoffEverywhereUtc,
  roundLabel,
  type Quarter,
  type Round,
} from './periods.ts';

/** One lock for every publishing job: quarters and rounds never run at the same time. */
export const PUBLICATION_LOCK = 'publication';
/**
 * The lock's lease. The holder renews it between batches (and on a timer), so a holder on another
 * host that died frees it within a minute; on the same host a dead pid frees it at once.
 */
export const LOCK_TTL_MS = 60_000;
const RENEW_EVERY_MS = LOCK_TTL_MS / 4;
/** How long one batch may hold a server's event loop while it publishes. */
const SERVER_SLICE_MS = 40;

/**
 * 'server' (the default: the scheduler, GraphQL) keeps each batch short so the process keeps
 * answering; 'batch' (the CLI) uses full batches, as nothing else waits on its event loop.
 */
export type Pace = 'server' | 'batch';

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
  /**
   * Told once after a run that published at least one quarter (the search service rebuilds its
   * published index); `indexingDone()` returns their promise, so a CLI can wait for it.
   */
  onQuarterPublished?: (() => Promise<void> | void)[];
}

/** Whether a process with this pid exists on this host (EPERM: it exists but is not ours). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A name for this process's lock: host, pid and a random suffix (two jobs in one process differ). */
export const lockHolder = (purpose: string) => `${purpose}@${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export function createPublicationService({ repo, rounds, organizations, policy, clock, onQuarterPublished = [] }: Deps) {
  const nowIso = () => clock.now().toISOString();
  const expiry = () => new Date(clock.now().getTime() + LOCK_TTL_MS).toISOString();

  /**
   * Runs `work` holding the publication lock, or returns null at once if someone else holds it.
   * `heartbeat` renews the lease (at most every RENEW_EVERY_MS of wall time; a timer renews it too
   * while the event loop is free) and throws PublicationBusyError once the lock was taken over,
   * so a holder that was presumed dead stops instead of writing beside its successor.
   */
  async function withLock<T>(holder: string, work: (heartbeat: () => void) => Promise<T> | T): Promise<T | null> {
    const owner = { holder, pid: process.pid, hostname: hostname() };
    if (!repo.acquireLock(PUBLICATION_LOCK, owner, nowIso(), expiry(), isProcessAlive)) return null;
    let lastRenewal = Date.now();
    let lost = false;
    const renew = () => {
      lastRenewal = Date.now();
      if (!repo.renewLock(PUBLICATION_LOCK, holder, expiry())) lost = true;
    };
    const timer = setInterval(() => {
      if (!lost) renew();
    }, RENEW_EVERY_MS);
    timer.unref();
    try {
      return await work(() => {
        if (!lost && Date.now() - lastRenewal >= RENEW_EVERY_MS) renew();
        if (lost) throw new PublicationBusyError();
      });
    } finally {
      clearInterval(timer);
      repo.releaseLock(PUBLICATION_LOCK, holder);
    }
  }

  /** The listeners' work after the latest run that published something (see `indexingDone`). */
  let indexing: Promise<void> = Promise.resolve();
  /** After a run: tell the listeners once if anything was published. */
  function afterPublishing(published: string[]): void {
    if (published.length === 0) return;
    indexing = Promise.all(onQuarterPublished.map((listener) => listener())).then(() => undefined);
  }

  function requireQuarter(q: Quarter): void {
    if (!isValidQuarter(q)) {
      throw new InvalidInputError([{ path: 'quarter', message: 'must be a year from 2000 to 2100 and a quarter from 1 to 4' }]);
    }
    if (isBeforeDecree(q)) {
      throw new InvalidInputError([{ path: 'quarter', message: `must not be before ${quarterLabel(FIRST_QUARTER)}: the decree took effect on 3 March 2022` }]);
    }
    const end = quarterEndedEverywhereUtc(q);
    if (nowIso() < end) throw new QuarterNotEndedError(quarterLabel(q), end);
  }

  function requireRound(r: Round): void {
    if (!isValidRound(r)) {
      throw new InvalidInputError([{ path: 'half', message: 'must be a year from 2000 to 2100 and half 1 (15 February) or 2 (15 August)' }]);
    }
    if (isRoundBeforeDecree(r)) {
      throw new InvalidInputError([{ path: 'half', message: `must not be before ${roundLabel(FIRST_ROUND)}: the decree took effect on 3 March 2022` }]);
    }
    const cutoff = roundCutoffEverywhereUtc(r);
    if (nowIso() < cutoff) throw new RoundNotDueError(roundLabel(r), cutoff);
  }

  const publishNow = (q: Quarter, heartbeat: () => void, pace: Pace, onProgress?: ProgressListener) =>
    publishQuarterNow(repo.build, q, nowIso, { heartbeat, onProgress, sliceMs: pace === 'server' ? SERVER_SLICE_MS : undefined });
  const collectNow = (r: Round, heartbeat: () => void) => collectRoundNow(rounds, r, nowIso(), heartbeat);

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
    const start = isBeforeDecree(quarterOf(first)) ? FIRST_QUARTER : quarterOf(first);
    for (let q = start; include(q); q = nextQuarter(q)) if (!published.has(quarterLabel(q))) out.push(q);
    return out;
  }

  /** Rounds whose cutoff has passed and that were not collected, from the first one with data. */
  function dueRounds(): Round[] {
    const first = repo.firstAssignedRaisedAt();
    if (!first) return [];
    const now = nowIso();
    const collected = new Set(rounds.collectedRounds().map(roundLabel));
    const due: Round[] = [];
    const after = firstRoundAfter(first);
    for (let r = isRoundBeforeDecree(after) ? FIRST_ROUND : after; roundCutoffEverywhereUtc(r) <= now; r = nextRound(r)) {
      if (!collected.has(roundLabel(r))) due.push(r);
    }
    return due;
  }

  /** Publishes `quarters` in order, yielding to the event loop between two (the server keeps answering). */
  async function publishInOrder(quarters: Quarter[], heartbeat: () => void, pace: Pace, onProgress?: (label: string) => ProgressListener | undefined) {
    const published: string[] = [];
    for (const q of quarters) {
      await yieldToEventLoop();
      if ((await publishNow(q, heartbeat, pace, onProgress?.(quarterLabel(q)))).created) published.push(quarterLabel(q));
    }
    return published;
  }

  /**
   * By hand (CLI, GraphQL): quarter `q`, after any earlier unpublished quarter with data (so that
   * its changes are counted against the quarter before it), under the same lock as the scheduler.
   * Throws PublicationBusyError when the lock is held.
   */
  async function publishQuarter(q: Quarter, options: { holder?: string; pace?: Pace; onProgress?: (label: string) => ProgressListener | undefined } = {}) {
    const pace = options.pace ?? 'server';
    requireQuarter(q);
    const result = await withLock(options.holder ?? lockHolder('cli'), async (heartbeat) => {
      const earlier = unpublishedQuarters((x) => compareQuarters(x, q) < 0);
      const alsoPublished = await publishInOrder(earlier, heartbeat, pace, options.onProgress);
      return { ...(await publishNow(q, heartbeat, pace, options.onProgress?.(quarterLabel(q)))), alsoPublished };
    });
    if (!result) throw new PublicationBusyError();
    afterPublishing([...result.alsoPublished, ...(result.created ? [quarterLabel(q)] : [])]);
    return result;
  }

  /** By hand (CLI): one round, under the same lock. */
  async function collectRound(r: Round, options: { holder?: string } = {}) {
    requireRound(r);
    const result = await withLock(options.holder ?? lockHolder('cli'), (heartbeat) => collectNow(r, heartbeat));
    if (!result) throw new PublicationBusyError();
    return result;
  }

  return {
    /**
     * The scheduler's job: publish every ended quarter not yet published (oldest first, so each is
     * compared with the one before) and collect every due round. Skips at once if the lock is held.
     */
    async publishDue(options: {
      delayHours: number;
      holder?: string;
      pace?: Pace;
      onProgress?: (label: string) => ProgressListener | undefined;
    }): Promise<DueRunResult> {
      const horizon = new Date(clock.now().getTime() - options.delayHours * 3_600_000).toISOString();
      const result = await withLock(options.holder ?? lockHolder('scheduler'), async (heartbeat) => {
        const published = await publishInOrder(
          unpublishedQuarters((q) => quarterEndedEverywhereUtc(q) <= horizon),
          heartbeat,
          options.pace ?? 'server',
          options.onProgress,
        );
        const collected: string[] = [];
        for (const r of dueRounds()) {
          await yieldToEventLoop();
          if ((await collectNow(r, heartbeat)).created) collected.push(roundLabel(r));
        }
        return { skipped: null, published, collected };
      });
      if (!result) return { skipped: 'busy', published: [], collected: [] };
      afterPublishing(result.published);
      return result;
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
    /**
     * Settles when what the latest publishing run started after itself (the published search
     * index rebuild) is done: a CLI waits for it before it exits.
     */
    indexingDone: () => indexing,
    /** Who holds the publication lock now, for the CLI's message. */
    lockHolderNow: () => repo.findLock(PUBLICATION_LOCK),
  };
}
export type PublicationService = ReturnType<typeof createPublicationService>;
