import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { childEnv } from '../helpers/process.ts';

const dir = mkdtempSync(join(tmpdir(), 'jauap-seed-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function seed(env: Record<string, string>, ...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/seed.ts', ...args], {
    cwd: process.cwd(),
    env: childEnv({ SEED_DEMO: '', ...env }),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function count(path: string, table: string): number {
  const db = openDatabase(path);
  try {
    return (db.$client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  } finally {
    db.$client.close();
  }
}

describe('npm run seed', () => {
  it('migrates, seeds the demo and prints the counts', () => {
    const path = join(dir, 'demo.db');
    const run = seed({ DATABASE_PATH: path });
    expect(run.stderr).not.toMatch(/failed/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/units\s+\d+ inserted/);
    const issues = count(path, 'issues');
    expect(issues).toBeGreaterThanOrEqual(300);
    expect(run.stdout).toMatch(new RegExp(`issues\\s+${issues} inserted`));
    expect(run.stdout).toContain('akimat@jauap.demo');

    const again = seed({ DATABASE_PATH: path });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Demo data skipped: the database already has problems/);
    expect(count(path, 'issues')).toBe(issues);
  }, 90_000);

  it('seeds reference data only with --no-demo', () => {
    const path = join(dir, 'reference.db');
    const run = seed({ DATABASE_PATH: path }, '--no-demo');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Demo data skipped/);
    expect(count(path, 'units')).toBeGreaterThan(20);
    expect(count(path, 'issues')).toBe(0);
    expect(count(path, 'users')).toBe(0);
  }, 60_000);

  it('fails with one clear line and a non-zero exit', () => {
    const bad = seed({ DATABASE_PATH: join(dir, 'x.db') }, '--bogus');
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^seed failed: unknown argument --bogus/)]);

    // SEED_DEMO is read by the one configuration: a value it does not know is refused, not taken for yes.
    const maybe = seed({ DATABASE_PATH: join(dir, 'maybe.db'), SEED_DEMO: 'maybe' });
    expect(maybe.code).toBe(1);
    expect(maybe.stderr.trim().split('\n')).toEqual(['seed failed: Invalid configuration: SEED_DEMO="maybe" must be one of true, false, 1, 0, yes, no']);
    expect(existsSync(join(dir, 'maybe.db'))).toBe(false);

    const badSeeds = seed({ DATABASE_PATH: join(dir, 'y.db'), JAUAP_SEEDS: join(dir, 'nowhere') }, '--no-demo');
    expect(badSeeds.code).toBe(1);
    expect(badSeeds.stderr.trim()).toMatch(/^seed failed: Seed file .*reference\/geography\.json: file not found$/);
  }, 60_000);
});
