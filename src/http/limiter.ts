import type { RequestHandler } from 'express';

// Fairness on one event loop. SQLite answers synchronously, so a hundred GraphQL requests running
// at once interleave their queries and everything else (health checks, cached pages) waits behind
// all of them. Heavy routes pass through this gate: at most `concurrency` run, the rest wait in
// line without using the CPU, and one that waited `queueTimeoutMs` is answered 503 with
// Retry-After instead of holding its client until a timeout.

export interface WorkLimiterOptions {
  concurrency: number;
  queueTimeoutMs: number;
}

export function createWorkLimiter({ concurrency, queueTimeoutMs }: WorkLimiterOptions) {
  let running = 0;
  const waiting: (() => void)[] = [];
  let shed = 0;

  function release(): void {
    running--;
    const next = waiting.shift();
    if (next) next();
  }

  const middleware: RequestHandler = (req, res, next) => {
    if (concurrency <= 0) return next();
    let done = false;
    const start = () => {
      running++;
      const finish = () => {
        if (done) return;
        done = true;
        release();
      };
      res.once('finish', finish);
      res.once('close', finish);
      next();
    };
    if (running < concurrency) return start();
    const timer = setTimeout(() => {
      const at = waiting.indexOf(admit);
      if (at >= 0) waiting.splice(at, 1);
      shed++;
      res.status(503).set('Retry-After', '1').json({ errors: [{ message: 'The server is busy; try again in a second.', extensions: { code: 'BUSY' } }] });
    }, queueTimeoutMs);
    const admit = () => {
      clearTimeout(timer);
      start();
    };
    // A client that gave up while waiting leaves the line.
    req.once('close', () => {
      const at = waiting.indexOf(admit);
      if (at >= 0 && !res.headersSent) {
        waiting.splice(at, 1);
        clearTimeout(timer);
      }
    });
    waiting.push(admit);
  };

  return { middleware, stats: () => ({ running, waiting: waiting.length, shed }) };
}
