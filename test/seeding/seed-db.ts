import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { migrateDatabase, openDatabase, type Db } from '../../src/db/client.ts';

/** A fresh, migrated SQLite file in the OS temp folder, closed and removed after the test file. */
export function freshDatabase(): { db: Db; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'jauap-seed-test-'));
  const path = join(dir, 'test.db');
  const db = openDatabase(path);
  migrateDatabase(db);
  afterAll(() => {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { db, path };
}

export function tableNames(db: Db): string[] {
  return db.$client
    .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '%drizzle%' order by name`)
    .all()
    .map((r) => (r as { name: string }).name);
}

export function rowCounts(db: Db): Record<string, number> {
  return Object.fromEntries(tableNames(db).map((t) => [t, (db.$client.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n]));
}

/**
 * sha256 of the content of a table: every row as JSON, sorted (so it works for WITHOUT ROWID and
 * FTS shadow tables too); `omit` drops columns (e.g. salted password hashes).
 */
export function tableHash(db: Db, table: string, omit: string[] = []): string {
  const rows = db.$client.prepare(`select * from "${table}"`).all() as Record<string, unknown>[];
  const lines = rows.map((row) => {
    for (const column of omit) delete row[column];
    return JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v));
  });
  return createHash('sha256').update(lines.sort().join('\n')).digest('hex');
}

export function allTableHashes(db: Db, omit: Record<string, string[]> = {}): Record<string, string> {
  return Object.fromEntries(tableNames(db).map((t) => [t, tableHash(db, t, omit[t] ?? [])]));
}

export function all<T = Record<string, unknown>>(db: Db, sql: string, ...params: unknown[]): T[] {
  return db.$client.prepare(sql).all(...params) as T[];
}

export function one<T = Record<string, unknown>>(db: Db, sql: string, ...params: unknown[]): T {
  return db.$client.prepare(sql).get(...params) as T;
}
