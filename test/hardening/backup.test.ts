import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommand, startServer } from '../helpers/process.ts';
import { templatePath } from '../helpers/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'jauap-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = (path: string) => ({ DATABASE_PATH: path, SEED_DEMO: 'false', LOG_LEVEL: 'info' });

function rowCounts(path: string): Record<string, number> {
  const db = new Database(path, { readonly: true });
  try {
    const tables = db
      .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and sql not like 'CREATE VIRTUAL%'`)
      .pluck()
      .all() as string[];
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`select count(*) from "${t}"`).pluck().get() as number]));
  } finally {
    db.close();
  }
}

async function totalIssues(url: string): Promise<number> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ issues(first: 1) { totalCount } }' }),
  });
  return (await res.json()).data.issues.totalCount;
}

describe('backup and restore', () => {
  const live = join(dir, 'live.db');
  copyFileSync(templatePath('demo'), live);
  const backup = join(dir, 'backup.db');

  it('takes a verified copy while the server runs and another connection keeps writing', async () => {
    const server = await startServer(env(live));
    const writer = new Database(live);
    writer.pragma('busy_timeout = 5000');
    const insert = writer.prepare(
      `insert into job_locks (name, holder, acquired_at, expires_at) values (?, 'test', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
    );
    let written = 0;
    const timer = setInterval(() => {
      for (let i = 0; i < 20; i++) insert.run(`write-${written++}`);
    }, 2);
    try {
      const result = await runCommand('src/cli/backup.ts', ['--to', backup], env(live));
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/integrity check ok and row counts equal to the source/);
    } finally {
      clearInterval(timer);
      writer.close();
      server.child.kill('SIGTERM');
    }
    expect(written).toBeGreaterThan(0);
    const copied = rowCounts(backup);
    const source = rowCounts(live);
    // The copy is one moment of the source: every table but the one being written is equal.
    for (const [table, n] of Object.entries(copied)) if (table !== 'job_locks') expect(n, table).toBe(source[table]);
    expect(copied.job_locks).toBeLessThanOrEqual(source.job_locks!);
    expect(copied.issues).toBeGreaterThan(400);
  });

  it('refuses to overwrite an existing file', async () => {
    const again = await runCommand('src/cli/backup.ts', ['--to', backup], env(live));
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/backup refused: .* exists already/);
  });

  it('restores into a new path that the server then serves with every row', async () => {
    const restored = join(dir, 'restored.db');
    const result = await runCommand('src/cli/restore.ts', ['--from', backup], env(restored));
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^Restored /);
    expect(rowCounts(restored)).toEqual(rowCounts(backup));
    const server = await startServer(env(restored));
    try {
      expect(await totalIssues(server.url)).toBe(rowCounts(backup).issues);
    } finally {
      server.child.kill('SIGTERM');
    }
  });

  it('refuses to restore over a database the server has open', async () => {
    const inUse = join(dir, 'in-use.db');
    copyFileSync(templatePath('demo'), inUse);
    const server = await startServer(env(inUse));
    try {
      const result = await runCommand('src/cli/restore.ts', ['--from', backup], env(inUse));
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/restore refused: .* is in use: stop the server/);
    } finally {
      server.child.kill('SIGTERM');
    }
  });

  it('refuses a corrupt file and a backup from a newer version, changing nothing', async () => {
    const target = join(dir, 'untouched.db');
    const garbage = join(dir, 'garbage.db');
    writeFileSync(garbage, Buffer.alloc(8192, 7));
    const corrupt = await runCommand('src/cli/restore.ts', ['--from', garbage], env(target));
    expect(corrupt.code).toBe(1);
    expect(corrupt.stderr).toMatch(/restore refused: .*not (a|a readable) SQLite database/);

    const newer = join(dir, 'newer.db');
    copyFileSync(backup, newer);
    const db = new Database(newer);
    db.prepare(`insert into __drizzle_migrations (hash, created_at, name) values ('f', 0, '29991231000000_from_the_future')`).run();
    db.close();
    const refused = await runCommand('src/cli/restore.ts', ['--from', newer], env(target));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/newer version .*29991231000000_from_the_future/);
    expect(() => new Database(target, { fileMustExist: true })).toThrow();
  });
});
