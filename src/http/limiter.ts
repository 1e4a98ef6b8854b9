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

const BUSY = 'The server is busy; try again in a second.';

export function createWorkLimiter({ concurrency, queueTimeoutMs }: WorkLimiterOptions) {
  let running = 0;
  const waiting: (() => void)[] = [];
  let shed = 0;

  // The next in line starts in the event loop's check phase, after the loop has polled for I/O:
  // a request runs its synchronous SQLite work to the end once started, so admitting the next one
  // at once would chain request after request and keep new connections (a health check) unread.
  function release(): void {
    running--;
    const next = waiting.shift();
    if (next) {
      running++;
      setImmediate(next);
    }
  }

  const middleware: RequestHandler = (req, res, next) => {
    if (concurrency <= 0) return next();
    let done = false;
    const start = () => {
      const finish = () => {
        if (done) return;
        done = true;
        release();
      };
      res.once('finish', finish);
      res.once('close', finish);
      next();
    };
    if (running < concurrency) {
      running++;
      return start();
    }
    const timer = setTimeout(() => {
      const at = waiting.indexOf(admit);
      if (at >= 0) waiting.splice(at, 1);
      shed++;
      res.status(503).set('Retry-After', '1');
      // A person at a page gets words; an API client the typed error it parses.
      if (req.accepts(['json', 'html']) === 'html') res.type('text/plain').send(BUSY);
      else res.json({ errors: [{ message: BUSY, extensions: { code: 'BUSY' } }] });
    }, queueTimeoutMs);
    // Called by release(), which already counted it as running; a client gone meanwhile frees it.
    const admit = () => {
      clearTimeout(timer);
      if (res.writableEnded || res.destroyed) return release();
      start();
    };
    // A client that gave up while waiting leaves the line (the response closes before it is sent).
    res.once('close', () => {
      const at = waiting.indexOf(admit);
      if (at >= 0) {
        waiting.splice(at, 1);
        clearTimeout(timer);
      }
    });
    waiting.push(admit);
  };

  return { middleware, stats: () => ({ running, waiting: waiting.length, shed }) };
}
