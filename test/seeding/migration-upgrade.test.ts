import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { migrateDatabase, openDatabase } from '../../src/db/client.ts';

// The migration that widened the organisation kinds rebuilds the organizations table, which users,
// issues and meetings reference. It must upgrade a database that already holds such rows (drizzle's
// own "PRAGMA foreign_keys=OFF" is a no-op inside the migrator's transaction).
const dir = mkdtempSync(join(tmpdir(), 'jauap-upgrade-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('upgrading a database with data across the decree-facts migration', () => {
  it('keeps every row and reference, and accepts the new kinds', () => {
    const all = readdirSync(resolve('drizzle'))
      .filter((d) => /^\d{14}_/.test(d))
      .sort();
    const at = all.findIndex((d) => d.endsWith('_decree_facts'));
    expect(at).toBeGreaterThan(0);
    const before = join(dir, 'before');
    for (const folder of all.slice(0, at)) cpSync(resolve('drizzle', folder), join(before, folder), { recursive: true });

    const db = openDatabase(join(dir, 'old.db'));
    migrate(db, { migrationsFolder: before });
    const sql = db.$client;
    sql
      .prepare(`insert into units (id, code, kind, parent_id, region_id, name_kk, name_ru, name_en) values (1, 'KZ-19', 'OBLAST', null, 1, 'a', 'b', 'c')`)
      .run();
    sql
      .prepare(
        `insert into organizations (id, code, kind, unit_id, name_kk, name_ru, name_en) values (7, 'AKIMAT-KZ-19', 'LOCAL_EXECUTIVE_BODY', 1, 'a', 'b', 'c')`,
      )
      .run();
    sql.prepare(`insert into organizations (id, code, kind, name_kk, name_ru, name_en) values (8, 'CO-KAZVODKHOZ', 'NATIONAL_COMPANY', 'a', 'b', 'c')`).run();
    sql.prepare(`insert into users (email, password_hash, display_name, role, organization_id) values ('a@b.kz', 'x', 'A', 'AKIMAT_STAFF', 7)`).run();
    expect(() => sql.prepare(`update organizations set kind = 'STATE_ENTERPRISE' where id = 8`).run()).toThrow(/CHECK/);

    migrateDatabase(db);
    expect(sql.pragma('foreign_key_check')).toEqual([]);
    expect(sql.prepare(`select o.code from users u join organizations o on o.id = u.organization_id`).all()).toEqual([{ code: 'AKIMAT-KZ-19' }]);
    sql.prepare(`update organizations set kind = 'STATE_ENTERPRISE' where id = 8`).run();
    expect(sql.prepare(`select kind from organizations where id = 8`).get()).toEqual({ kind: 'STATE_ENTERPRISE' });
    expect(() => sql.prepare(`delete from organizations where id = 7`).run()).toThrow(/FOREIGN KEY/);
    expect(sql.prepare(`select established_on from units where id = 1`).get()).toEqual({ established_on: null });
    sql.close();
  });
});
