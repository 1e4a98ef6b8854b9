import Database from 'better-sqlite3';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

// Online backup and offline restore of the SQLite file. The copy is taken with SQLite's backup API
// from a connection that holds one read transaction, in a single step: in WAL mode the server keeps
// writing meanwhile, and the copy is exactly the database as it stood when that transaction began,
// which is also the moment the row counts it is checked against were read.

export type TableCounts = Record<string, number>;

export interface BackupReport {
  path: string;
  bytes: number;
  tables: TableCounts;
  migrations: string[];
  seconds: number;
}

export class BackupError extends Error {
  override name = 'BackupError';
}

/** Ordinary tables (FTS5 shadow tables included, the virtual tables themselves not: they are views of those). */
function countRows(db: Database.Database): TableCounts {
  const tables = db
    .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and sql not like 'CREATE VIRTUAL TABLE%' order by name`)
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((t) => [
      t,
      db
        .prepare(`select count(*) from "${t.replaceAll('"', '""')}"`)
        .pluck()
        .get() as number,
    ]),
  );
}

function appliedMigrations(db: Database.Database): string[] {
  const exists = db.prepare(`select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'`).get();
  if (!exists) return [];
  return db.prepare('select name from __drizzle_migrations order by id').pluck().all() as string[];
}

/** The migrations this version of the code knows (folder names under drizzle/). */
export function knownMigrations(migrationsFolder: string): string[] {
  return readdirSync(migrationsFolder, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(migrationsFolder, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort();
}

function differences(expected: TableCounts, actual: TableCounts): string[] {
  const names = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  return [...names].filter((n) => expected[n] !== actual[n]).map((n) => `${n}: expected ${expected[n] ?? 'no table'}, found ${actual[n] ?? 'no table'}`);
}

/** Checks a copy: SQLite's integrity check, and (when given) the row counts it must have. */
export function verifyDatabaseFile(path: string, expected?: TableCounts): { tables: TableCounts; migrations: string[] } {
  if (!existsSync(path)) throw new BackupError(`${path} does not exist`);
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new BackupError(`${path} is not a SQLite database (${err instanceof Error ? err.message : err})`);
  }
  try {
    let integrity: string;
    try {
      integrity = db.pragma('integrity_check', { simple: true }) as string;
    } catch (err) {
      throw new BackupError(`${path} is not a readable SQLite database (${err instanceof Error ? err.message : err})`);
    }
    if (integrity !== 'ok') throw new BackupError(`${path} failed SQLite's integrity check: ${integrity}`);
    const tables = countRows(db);
    if (expected) {
      const wrong = differences(expected, tables);
      if (wrong.length) throw new BackupError(`the copy's rows differ from the source: ${wrong.join('; ')}`);
    }
    return { tables, migrations: appliedMigrations(db) };
  } finally {
    db.close();
  }
}

/** Copies the live database at `sourcePath` to `targetPath` (which must not exist) and verifies the copy. */
export async function backupDatabase(sourcePath: string, targetPath: string): Promise<BackupReport> {
  const started = performance.now();
  const target = resolve(targetPath);
  if (existsSync(target)) throw new BackupError(`${target} exists already; choose a new file name`);
  if (!existsSync(dirname(target))) throw new BackupError(`the folder ${dirname(target)} does not exist`);
  if (!existsSync(sourcePath)) throw new BackupError(`no database at ${sourcePath}`);
  const source = new Database(sourcePath, { readonly: true, fileMustExist: true });
  source.pragma('busy_timeout = 5000');
  const partial = join(dirname(target), `.${basename(target)}.partial`);
  let counts: TableCounts;
  try {
    source.exec('begin');
    counts = countRows(source);
    // One step: the whole file is copied under the read transaction that the counts were read in.
    await source.backup(partial, { progress: () => Number.MAX_SAFE_INTEGER });
    source.exec('commit');
  } catch (err) {
    rmSync(partial, { force: true });
    throw new BackupError(`the copy failed: ${err instanceof Error ? err.message : err}`);
  } finally {
    source.close();
  }
  try {
    const { migrations } = verifyDatabaseFile(partial, counts);
    renameSync(partial, target);
    return { path: target, bytes: statSync(target).size, tables: counts, migrations, seconds: (performance.now() - started) / 1000 };
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
}

/**
 * Puts a verified backup in place of the database at `targetPath`. Refused while another process
 * has the database open for writing (the server must be stopped), for a corrupt file, and for a
 * backup made by a newer version of the code (migrations this code does not know).
 */
export async function restoreDatabase(
  backupPath: string,
  targetPath: string,
  migrationsFolder: string,
): Promise<{ tables: TableCounts; migrations: string[] }> {
  const checked = verifyDatabaseFile(backupPath);
  const known = new Set(knownMigrations(migrationsFolder));
  const unknown = checked.migrations.filter((m) => !known.has(m));
  if (unknown.length) throw new BackupError(`the backup was made by a newer version (migrations unknown here: ${unknown.join(', ')}); upgrade the code first`);
  const target = resolve(targetPath);
  if (existsSync(target)) assertNotInUse(target);
  const staging = join(dirname(target), `.${basename(target)}.restoring`);
  rmSync(staging, { force: true });
  // Through the backup API rather than a file copy, so a backup left in WAL mode comes whole.
  const copy = new Database(backupPath, { readonly: true, fileMustExist: true });
  try {
    await copy.backup(staging);
  } finally {
    copy.close();
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  renameSync(staging, target);
  return checked;
}

function assertNotInUse(path: string): void {
  const current = new Database(path, { fileMustExist: true });
  try {
    current.pragma('busy_timeout = 0');
    // In WAL mode a plain exclusive transaction still lets other connections read; exclusive
    // locking mode does not start while any other connection (the server's) has the file open.
    current.pragma('locking_mode = exclusive');
    current.exec('begin exclusive');
    current.prepare('select count(*) from sqlite_master').get();
    current.exec('rollback');
  } catch {
    throw new BackupError(`${path} is in use: stop the server (and any publish or reindex job) before restoring`);
  } finally {
    current.close();
  }
}
