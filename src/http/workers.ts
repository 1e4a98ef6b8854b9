import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';

// WEB_WORKERS > 1: the requests are served by that many processes sharing the port (node:cluster),
// so a machine's cores all answer. SQLite in WAL mode lets each worker read on its own connection
// while one writes. The primary process migrates, seeds and runs the publication scheduler and
// serves nothing: a quarter published on a second core leaves the workers' event loops free. It
// also delivers the email outbox.

/** A worker that dies this often within a minute is not restarted again: something is wrong. */
const MAX_RESTARTS_PER_MINUTE = 5;

export interface WorkerPool {
  /** Stops the workers gracefully (each finishes its requests); resolves when all have exited. */
  stop(): Promise<void>;
}

/** Forks `count` workers running this same entry point, and replaces one that dies unasked. */
export function startWorkers(count: number, logger: Logger, onGiveUp: () => void): WorkerPool {
  let stopping = false;
  const restarts: number[] = [];
  // The workers neither seed, publish nor deliver mail: the primary did and does.
  const fork = () => cluster.fork({ JAUAP_WORKER: '1', PUBLISH_SCHEDULER: 'false', OUTBOX_WORKER: 'false' });
  for (let i = 0; i < count; i++) fork();

  cluster.on('exit', (worker: Worker, code, signal) => {
    if (stopping) return;
    const now = Date.now();
    restarts.push(now);
    while (restarts.length && restarts[0]! < now - 60_000) restarts.shift();
    if (restarts.length > MAX_RESTARTS_PER_MINUTE) {
      logger.fatal({ worker: worker.id, code, signal }, `workers died ${restarts.length} times within a minute; stopping`);
      onGiveUp();
      return;
    }
    logger.error({ worker: worker.id, code, signal }, 'a worker died; starting another');
    fork();
  });

  return {
    stop() {
      stopping = true;
      const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
      return Promise.all(
        alive.map(
          (worker) =>
            new Promise<void>((done) => {
              worker.once('exit', () => done());
              worker.process.kill('SIGTERM');
            }),
        ),
      ).then(() => undefined);
    },
  };
}

/** True in a process forked by `startWorkers`. */
export const isWorkerProcess = (): boolean => cluster.isWorker && process.env.JAUAP_WORKER === '1';
