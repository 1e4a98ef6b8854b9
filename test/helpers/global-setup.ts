import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openDatabase } from '../../src/db/client.ts';
import { seedDatabase } from '../../src/modules/seeding/seed.service.ts';
import { templatePath, TEST_SCRYPT_N } from './paths.ts';

let dir: string | undefined;

// Seeding the demo takes seconds; doing it once and copying the file keeps every test file on a
// fresh, real, migrated database without paying that each time.
export async function setup(project: TestProject) {
  dir = mkdtempSync(join(tmpdir(), 'jauap-templates-'));
  for (const kind of ['reference', 'demo'] as const) {
    const db = openDatabase(templatePath(kind, dir));
    migrateDatabase(db);
    await seedDatabase(db, { demo: kind === 'demo', passwordScryptN: TEST_SCRYPT_N });
    db.$client.pragma('wal_checkpoint(TRUNCATE)');
    db.$client.close();
  }
  project.provide('templateDir', dir);
}

export async function teardown() {
  if (dir) rmSync(dir, { recursive: true, force: true });
}
