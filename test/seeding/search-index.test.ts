import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/client.ts';
import { runCommand } from '../helpers/process.ts';

// Seeding the demo into a database whose live search index was already built (a server may be
// serving it): the seed asks for a rebuild in the transaction that writes the problems, so no
// process can miss them, and the catch-up builds the index over them.

const dir = mkdtempSync(join(tmpdir(), 'jauap-seed-search-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function rows(path: string, query: string): unknown[] {
  const db = openDatabase(path);
  try {
    return db.$client.prepare(query).all();
  } finally {
    db.$client.close();
  }
}

describe('npm run seed and a live index built before', () => {
  it('asks the built live index to rebuild over the demo problems, and the catch-up does it', async () => {
    const path = join(dir, 'seeded.db');
    const env = { DATABASE_PATH: path, SEED_DEMO: '' };
    expect((await runCommand('src/cli/seed.ts', ['--no-demo'], env)).code).toBe(0);
    const built = await runCommand('src/cli/reindex.ts', ['live', '--no-progress'], env);
    expect(built.code, built.stderr).toBe(0);
    expect(rows(path, `select index_name from search_rebuilds`)).toEqual([]);

    const seeded = await runCommand('src/cli/seed.ts', [], env);
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(rows(path, `select index_name, started_at from search_rebuilds`)).toEqual([{ index_name: 'live', started_at: null }]);

    const app = createApp(loadConfig({ DATABASE_PATH: path, SEED_DEMO: 'false', LOG_LEVEL: 'silent' }), { logger: pino({ level: 'silent' }) });
    try {
      await app.services.search.catchUp();
      const [problems] = rows(path, 'select count(*) as n from issues') as { n: number }[];
      expect(problems!.n).toBeGreaterThan(0);
      expect(await app.services.search.indexedCount('live')).toBe(problems!.n);
      expect(app.services.search.status().rebuilding).toEqual([]);
    } finally {
      app.close();
    }
  }, 180_000);
});
