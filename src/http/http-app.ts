import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import type { GraphQLServer } from '../graphql/yoga.ts';
import { isDatabaseHealthy, type Db } from '../db/client.ts';
import { finalErrorHandler } from './errors.ts';
import { createWorkLimiter, type WorkLimiterOptions } from './limiter.ts';
import { setPublicUrl } from './public-url.ts';

export interface HttpDeps {
  db: Db;
  yoga: GraphQLServer;
  logger: Logger;
  /** Public routes mounted by later domains (pages, feeds, open data). */
  routers?: express.Router[];
  /** TRUST_PROXY: which proxies' X-Forwarded-* headers are believed (none by default). */
  trustProxy?: string;
  /** Middleware that sees every request first (request timing for metrics). */
  timers?: express.RequestHandler[];
  /** How many GraphQL and search requests run at once, and how long others may wait (docs/scale.md). */
  heavy?: WorkLimiterOptions;
  /** PUBLIC_URL: every absolute link starts with it; `originOnly` (production): forms must come from it. */
  publicUrl: { url: string; originOnly: boolean };
}

/** Express's form of TRUST_PROXY: false, a hop count, or the names and addresses to trust. */
function trustProxySetting(value: string): boolean | number | string {
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/**
 * Rendered pages and feeds pass the page gate. Not the stylesheet and scripts (a file from memory),
 * /metrics (monitoring must answer under load) nor the whole-quarter downloads, which stream for
 * minutes while yielding between batches and would hold a slot all that time.
 */
function isGatedPage(method: string, path: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  return !path.startsWith('/assets/') && path !== '/metrics' && !path.startsWith('/open-data/');
}

/** Mounts transports only; every rule lives in the services behind them. */
export function createHttpApp({
  db,
  yoga,
  logger,
  routers = [],
  timers = [],
  trustProxy = 'false',
  heavy = { concurrency: 4, queueTimeoutMs: 10_000 },
  publicUrl,
}: HttpDeps): Express {
  const app = express();
  setPublicUrl(app, publicUrl.url, { originOnly: publicUrl.originOnly });
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxySetting(trustProxy));
  for (const timer of timers) app.use(timer);
  app.use(
    pinoHttp({
      logger,
      // Authorization headers carry bearer tokens: never log them.
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      // Query strings can carry tracking codes (GET /graphql?variables=..., /track?code=...): log the path only.
      serializers: { req: (req: { url?: string }) => ({ ...req, url: String(req.url ?? '').split('?')[0], query: undefined }) },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    }),
  );

  app.get('/healthz', (_req, res) => {
    const ok = isDatabaseHealthy(db);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', database: ok ? 'ok' : 'unavailable' });
  });

  // GraphQL and the JSON search wait their turn at one gate, the pages at another (so that slow
  // request bodies held at the first never block the pages); /healthz above waits for neither.
  const limiter = createWorkLimiter(heavy);
  app.use('/api/search', limiter.middleware);
  // No body parser in front of yoga: it reads the request itself.
  app.use(yoga.graphqlEndpoint, limiter.middleware, (req, res) => yoga.handle(req, res, { clientAddress: req.ip ?? 'unknown' }));

  const pages = createWorkLimiter(heavy);
  app.use((req, res, next) => (isGatedPage(req.method, req.path) ? pages.middleware(req, res, next) : next()));
  for (const router of routers) app.use(router);
  app.use(finalErrorHandler);
  return app;
}
