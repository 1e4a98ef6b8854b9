import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { relations } from './relations.ts';
import { cacheStatements } from './statement-cache.ts';

export type Db = BetterSQLite3Database<typeof relations> & { $client: Database.Database };
/** A transaction's handle, as drizzle passes it to the work. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * Runs synchronous `work` in one transaction (all of its writes, or none) and returns its result.
 * drizzle's signature refuses a callback returning a generic T (it might be a promise, which a
 * synchronous driver cannot wait for), so the callback returns nothing and hands T out in a box.
 */
export function inTransaction<T>(db: Db, work: (tx: Tx) => T, behavior: 'deferred' | 'immediate' | 'exclusive' = 'deferred'): T {
  const done: { result: T }[] = [];
  db.transaction(
    (tx) => {
      done.push({ result: work(tx) });
    },
    { behavior },
  );
  const [outcome] = done;
  if (!outcome) throw new Error('the transaction returned without running its work');
  return outcome.result;
}

export interface OpenDatabaseOptions {
  /** Called with every SQL statement drizzle runs (and its parameters); tests count them and read their plans. */
  onQuery?: (sql: string, params: unknown[]) => void;
  /** Called with every statement SQLite runs, drizzle's and raw ones alike (bench:api counts them). */
  onStatement?: (sql: string) => void;
}

/**
 * Opens the SQLite file with the pragmas this service relies on: WAL so readers never wait for the
 * writer, foreign keys enforced, and a busy timeout so a second process (the publish CLI, a
 * scheduler in another instance) waits for a lock instead of failing at once.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Db {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path, options.onStatement ? { verbose: (sql) => options.onStatement?.(String(sql)) } : {});
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Planner statistics stay current without a full ANALYZE of a million rows: SQLite analyzes, on a
  // sample, only the tables whose size changed a lot since their last analysis (docs/scale.md).
  sqlite.pragma('analysis_limit = 1000');
  sqlite.pragma('optimize = 0x10002');
  cacheStatements(sqlite);
  const logger = options.onQuery ? { logQuery: (query: string, params: unknown[]) => options.onQuery?.(query, params) } : undefined;
  return drizzle({ client: sqlite, relations, logger }) as Db;
}

/** The migrations folder (config JAUAP_MIGRATIONS), found from the working directory (npm scripts run at the repo root). */
export function migrationsFolder(folder = 'drizzle'): string {
  return resolve(folder);
}

export function migrateDatabase(db: Db, folder?: string): void {
  const result = migrate(db, { migrationsFolder: migrationsFolder(folder) });
  if (result && typeof result === 'object' && 'exitCode' in result) {
    throw new Error(`Database migration failed: ${JSON.stringify(result)}`);
  }
}

/** The database answers a trivial query: what /healthz checks. */
export function isDatabaseHealthy(db: Db): boolean {
  try {
    return db.$client.prepare('select 1 as ok').get() !== undefined;
  } catch {
    return false;
  }
}
