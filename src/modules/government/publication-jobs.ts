import type { PublishPhase } from '../publication/publish-quarter.ts';
import { DomainError } from '../shared/errors.ts';

// Publishing a quarter of a national deployment takes minutes. The staff console does not hold a
// request open that long: "publish now" starts a job in this process and answers at once; the
// publication page shows the job's state on every reload. The publication service's own lock
// (job_locks) still keeps the scheduler, the CLI and other servers from publishing meanwhile.

export interface PublicationJob {
  /** The quarter asked for; earlier unpublished quarters are published first. */
  quarter: string;
  startedAt: string;
  startedBy: string;
  state: 'running' | 'done' | 'failed';
  /** The quarter being published now, and where its work stands. */
  current: { label: string; phase: PublishPhase; done: number; total: number } | null;
  published: string[];
  finishedAt: string | null;
  error: { code: string; message: string } | null;
}

export function createPublicationJobs(now: () => string) {
  let last: PublicationJob | null = null;
  return {
    /** The running job, or the last one that ended (until the next starts). */
    latest: (): PublicationJob | null => (last ? { ...last, published: [...last.published] } : null),
    running: () => last?.state === 'running',
    /**
     * Starts `work` on the next turn of the event loop (after the response has gone out) and
     * records its progress and outcome.
     */
    start(
      quarter: string,
      startedBy: string,
      work: (onProgress: (label: string) => (phase: PublishPhase, done: number, total: number) => void) => Promise<string[]>,
    ): PublicationJob {
      const job: PublicationJob = { quarter, startedAt: now(), startedBy, state: 'running', current: null, published: [], finishedAt: null, error: null };
      last = job;
      const onProgress = (label: string) => {
        if (job.current && job.current.label !== label && !job.published.includes(job.current.label)) job.published.push(job.current.label);
        return (phase: PublishPhase, done: number, total: number) => void (job.current = { label, phase, done, total });
      };
      setImmediate(() => {
        work(onProgress).then(
          (published) => Object.assign(job, { state: 'done', published, current: null, finishedAt: now() }),
          (err: unknown) =>
            Object.assign(job, {
              state: 'failed',
              current: null,
              finishedAt: now(),
              error:
                err instanceof DomainError
                  ? { code: err.code, message: err.message }
                  : { code: 'internal', message: err instanceof Error ? err.message : String(err) },
            }),
        );
      });
      return { ...job };
    },
  };
}
export type PublicationJobs = ReturnType<typeof createPublicationJobs>;
