import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Clock } from '../shared/clock.ts';
import type { IssuesRepo } from './issues.repo.ts';
import type { IssuesWriteRepo } from './issues.write-repo.ts';
import { TrackingNotFoundError, TrackingRateLimitedError } from './issues.errors.ts';
import { disputeSchema, parseInput } from './issues.inputs.ts';
import { requireTransition } from './issues.state-machine.ts';
import { normalizeTrackingCode } from './tracking-code.ts';

export interface TrackingLimits {
  /** Lookups (trackIssue, confirmResolution, disputeResolution) allowed per client address... */
  points: number;
  /** ...in this many seconds. */
  durationSeconds: number;
}
export const DEFAULT_TRACKING_LIMITS: TrackingLimits = { points: 30, durationSeconds: 60 };

/** A tracked problem as the citizen sees it: public fields and history, no contact, no staff. */
export type TrackedIssue = NonNullable<Awaited<ReturnType<IssuesRepo['findTrackedByCode']>>>;

/**
 * The citizen's side, by tracking code only. Every attempt costs a point of the caller's budget
 * whether the code exists or not, and a malformed, wrong or unknown code gets one and the same
 * answer, so the codes' 65 random bits cannot be searched by asking.
 */
export function createCitizenTracking(deps: {
  repo: IssuesRepo;
  writeRepo: IssuesWriteRepo;
  clock: Clock;
  limits?: Partial<TrackingLimits>;
  changed: (ids: number[]) => void;
}) {
  const { repo, writeRepo, clock, changed } = deps;
  const limits = { ...DEFAULT_TRACKING_LIMITS, ...deps.limits };
  const limiter = new RateLimiterMemory({ keyPrefix: 'tracking', points: limits.points, duration: limits.durationSeconds });

  async function spendLookup(clientAddress: string): Promise<void> {
    try {
      await limiter.consume(clientAddress || 'unknown');
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) throw new TrackingRateLimitedError(Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)));
      throw refusal;
    }
  }

  async function load(code: string): Promise<TrackedIssue> {
    const normalized = typeof code === 'string' && code.length <= 64 ? normalizeTrackingCode(code) : null;
    const issue = normalized ? await repo.findTrackedByCode(normalized) : undefined;
    if (!issue) throw new TrackingNotFoundError();
    return issue;
  }

  /** Confirm or dispute: the citizen's word on a resolution, appended to the public history. */
  async function answerResolution(code: string, clientAddress: string, answer: 'CLOSED' | 'REOPENED', comment?: string) {
    await spendLookup(clientAddress);
    const normalized = typeof code === 'string' && code.length <= 64 ? normalizeTrackingCode(code) : null;
    const now = clock.now().toISOString();
    const issueId = writeRepo.transaction((w) => {
      const issue = normalized ? w.getIssueByTrackingCode(normalized) : undefined;
      if (!issue) throw new TrackingNotFoundError();
      const dispute = answer === 'REOPENED';
      requireTransition(issue.status, answer, dispute ? 'disputeResolution' : 'confirmResolution');
      // A disputed resolution is not 100 % done: progress starts again from 0 (docs/workflows.md).
      // The figure the body had reported stays in the history, on its RESOLVED entry.
      const progress = dispute ? 0 : issue.progress;
      const updated = w.updateIssue(issue.id, {
        status: answer,
        updatedAt: now,
        ...(dispute ? { disputeCount: issue.disputeCount + 1, resolvedAt: null, progress } : {}),
      });
      w.appendUpdate({
        issueId: issue.id,
        kind: dispute ? 'DISPUTED' : 'CONFIRMED',
        actor: 'CITIZEN',
        // The body whose resolution was confirmed or disputed: a dispute counts against it.
        organizationId: issue.responsibleOrganizationId,
        statusBefore: issue.status,
        statusAfter: answer,
        progress,
        publicNote: comment ?? null,
        at: now,
        version: updated.version,
      });
      return issue.id;
    });
    changed([issueId]);
    return load(code);
  }

  return {
    async trackIssue(code: string, clientAddress: string): Promise<TrackedIssue> {
      await spendLookup(clientAddress);
      return load(code);
    },
    confirmResolution: (code: string, clientAddress: string) => answerResolution(code, clientAddress, 'CLOSED'),
    async disputeResolution(code: string, comment: string | undefined, clientAddress: string) {
      const { comment: checked } = parseInput(disputeSchema, { comment });
      return answerResolution(code, clientAddress, 'REOPENED', checked);
    },
  };
}
export type CitizenTracking = ReturnType<typeof createCitizenTracking>;
