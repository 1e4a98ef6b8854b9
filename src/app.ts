import type { Logger } from 'pino';
import { assertTimeZoneData } from './modules/shared/time-zones.ts';
import { publicUrlOf, type Config } from './config.ts';
import { migrateDatabase, openDatabase, type Db } from './db/client.ts';
import { changeStampOf } from './db/data-version.ts';
import { createServices, type Services } from './services.ts';
import { createGraphQLServer, type GraphQLServer } from './graphql/yoga.ts';
import { createHttpApp } from './http/http-app.ts';
import { createMeetingFeedRouter } from './modules/meetings/meetings.routes.ts';
import { createIssueFeedRouter } from './modules/issues/issues.routes.ts';
import { createGroupFeedRouter } from './modules/groups/groups.routes.ts';
import { createOpenDataRouter } from './modules/publication/open-data.routes.ts';
import { createOpen311Router } from './modules/publication/open311.routes.ts';
import { systemClock, type Clock } from './modules/shared/clock.ts';
import { searchFromConfig } from './modules/search/search.engine.ts';
import { createSearchRouter } from './modules/search/search.routes.ts';
import { createWebRouter } from './web/router.ts';
import { createMetrics, type Metrics } from './modules/operations/metrics.ts';
import { createLogger } from './modules/operations/logger.ts';
import { createMetricsRepo } from './modules/operations/metrics.repo.ts';
import type { Express } from 'express';

export interface AppOptions {
  clock?: Clock;
  logger?: Logger;
  onQuery?: (sql: string, params: unknown[]) => void;
  onStatement?: (sql: string) => void;
}

export interface App {
  config: Config;
  db: Db;
  services: Services;
  yoga: GraphQLServer;
  http: Express;
  logger: Logger;
  /** Null when METRICS=off. */
  metrics: Metrics | null;
  close(): void;
}

/**
 * The composition root, shared by the server, the CLI and the tests:
 * config -> database (migrated) -> services -> GraphQL -> HTTP. It starts no timer: the server
 * (main.ts) starts the background work it runs, so a CLI command runs only what it asks for.
 */
export function createApp(config: Config, options: AppOptions = {}): App {
  // Every region's dates before March 2024 depend on it: refuse to run on stale time-zone data.
  assertTimeZoneData();
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const db = openDatabase(config.DATABASE_PATH, { onQuery: options.onQuery, onStatement: options.onStatement });
  migrateDatabase(db, config.JAUAP_MIGRATIONS);
  const metrics = config.METRICS === 'off' ? null : createMetrics(createMetricsRepo(db, config.DATABASE_PATH));
  const chosen = searchFromConfig(config, db, logger);
  const search = metrics ? { ...chosen, engine: metrics.instrumentSearch(chosen.engine) } : chosen;
  const clock = options.clock ?? systemClock;
  // Caches of live answers (GraphQL, pages) are keyed on it: any write or a new minute renews them.
  const stamp = changeStampOf(db.$client, clock);
  const services = createServices({
    db,
    clock,
    search,
    // A listener of a committed change that throws is logged here; the change stays committed.
    logger,
    publicBaseUrl: publicUrlOf(config),
    passwordScryptN: config.PASSWORD_SCRYPT_N,
  });
  const yoga = createGraphQLServer({
    db,
    services,
    logger,
    graphiql: config.GRAPHIQL,
    bodyLimitBytes: config.GRAPHQL_BODY_LIMIT_BYTES,
    plugins: metrics ? [metrics.graphqlPlugin] : [],
    responseCache: { maxBytes: config.GRAPHQL_CACHE_MB * 1024 * 1024, stamp },
  });
  // Public routers of the domains (feeds, pages, open data): each domain adds its own line here.
  const routers = [createMeetingFeedRouter(services), createIssueFeedRouter(services), createGroupFeedRouter(services)];
  routers.push(createOpenDataRouter(services), createOpen311Router(services));
  routers.push(createSearchRouter(services));
  routers.push(createWebRouter(services, { pageCacheBytes: config.PAGE_CACHE_MB * 1024 * 1024, liveStamp: stamp }));
  // METRICS=on serves /metrics here; HOST:PORT gets a listener of its own (main.ts).
  if (metrics && config.METRICS === 'on') routers.unshift(metrics.router);
  const http = createHttpApp({
    db,
    yoga,
    logger,
    routers,
    timers: metrics ? [metrics.httpTimer] : [],
    trustProxy: config.TRUST_PROXY,
    heavy: { concurrency: config.HEAVY_CONCURRENCY, queueTimeoutMs: config.HEAVY_QUEUE_TIMEOUT_MS },
    publicUrl: { url: publicUrlOf(config), originOnly: config.NODE_ENV === 'production' },
  });
  return {
    config,
    db,
    services,
    yoga,
    http,
    logger,
    metrics,
    close: () => db.$client.close(),
  };
}
