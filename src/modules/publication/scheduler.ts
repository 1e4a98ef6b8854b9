import type { Logger } from 'pino';
import type { Services } from '../../services.ts';
import { lockHolder, type DueRunResult } from './publication.service.ts';

export interface SchedulerOptions {
  /** Hours to wait after a quarter ends before publishing it (PUBLISH_DELAY_HOURS). */
  delayHours: number;
  /** How often to look for due work (PUBLISH_CHECK_MINUTES); it also looks once at start. */
  intervalMinutes?: number;
}

export interface PublicationScheduler {
  /** One check now; resolves when it is done (tests and the first check at start use it). */
  runOnce(): Promise<DueRunResult | null>;
  stop(): void;
}

/**
 * Publishes each quarter `delayHours` after it ends, and each collection round once its cutoff has
 * passed, from inside the server process. Catch-up after downtime comes free: every check publishes
 * everything due and not yet published. The job lock in the database keeps a second server or a
 * CLI run from publishing at the same time; a check that finds it held skips until the next one.
 */
export function startPublicationScheduler(app: { services: Services; logger: Logger }, options: SchedulerOptions): PublicationScheduler {
  const holder = lockHolder('scheduler');
  const log = app.logger.child({ job: 'publication' });
  let running: Promise<DueRunResult | null> | null = null;
  let stopped = false;

  const runOnce = (): Promise<DueRunResult | null> => {
    // A check still running when the timer fires again is not started twice in this process.
    if (running) return running;
    running = app.services.publication
      .publishDue({ delayHours: options.delayHours, holder })
      .then((result) => {
        if (result.skipped) log.info({ holder: app.services.publication.lockHolderNow()?.holder }, 'publication lock is held elsewhere; skipped');
        else if (result.published.length || result.collected.length) log.info(result, 'published');
        return result;
      })
      .catch((err: unknown) => {
        log.error({ err }, 'scheduled publication failed');
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  const first = setTimeout(() => void runOnce(), 0);
  const timer = setInterval(
    () => {
      if (!stopped) void runOnce();
    },
    Math.max(1, options.intervalMinutes ?? 15) * 60_000,
  );
  // The schedule alone must not keep a process (a test, a CLI) alive.
  first.unref();
  timer.unref();
  return {
    runOnce,
    stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
