import { pino, type Logger } from 'pino';
import type { Config } from './config.ts';
import { migrateDatabase, openDatabase, type Db } from './db/client.ts';
import { createServices, type Services } from './services.ts';
import { createGraphQLServer, type GraphQLServer } from './graphql/yoga.ts';
import { createHttpApp } from './http/app.ts';
import { systemClock, type Clock } from './modules/shared/clock.ts';
import type { Express } from 'express';

export interface AppOptions {
  clock?: Clock;
  logger?: Logger;
  onQuery?: (sql: string) => void;
}

export interface App {
  config: Config;
  db: Db;
  services: Services;
  yoga: GraphQLServer;
  http: Express;
  logger: Logger;
  close(): void;
}

/**
 * The composition root, shared by the server, the CLI and the tests:
 * config -> database (migrated) -> services -> GraphQL -> HTTP.
 */
export function createApp(config: Config, options: AppOptions = {}): App {
  const logger = options.logger ?? pino({ level: config.LOG_LEVEL });
  const db = openDatabase(config.DATABASE_PATH, { onQuery: options.onQuery });
  migrateDatabase(db);
  const services = createServices({ db, clock: options.clock ?? systemClock });
  const yoga = createGraphQLServer({ db, services, logger });
  const http = createHttpApp({ db, yoga, logger });
  return {
    config,
    db,
    services,
    yoga,
    http,
    logger,
    close: () => db.$client.close(),
  };
}
