import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { printSortedSchema } from '../../src/graphql/schema.ts';

describe('committed artefacts', () => {
  it('schema.graphql matches the code (run `npm run schema:print` when this fails)', () => {
    expect(readFileSync('schema.graphql', 'utf8')).toBe(printSortedSchema());
  });

  it("test/graphql-env.d.ts (the typed documents' schema) matches schema.graphql (run `npm run schema:print` when this fails)", () => {
    const out = join(mkdtempSync(join(tmpdir(), 'jauap-tada-')), 'graphql-env.d.ts');
    execFileSync('npx', ['gql-tada', 'generate', 'output', '--output', out], { encoding: 'utf8' });
    expect(readFileSync('test/graphql-env.d.ts', 'utf8')).toBe(readFileSync(out, 'utf8'));
  });

  it('drizzle migrations match the tables (run `npm run db:generate` when this fails)', () => {
    const out = mkdtempSync(join(tmpdir(), 'jauap-migrations-'));
    cpSync('drizzle', out, { recursive: true });
    const before = readdirSync(out).sort();
    const log = execFileSync(
      'npx',
      ['drizzle-kit', 'generate', '--dialect', 'sqlite', '--schema', './src/db/schema.ts', '--out', out, '--name', 'stale_check'],
      { encoding: 'utf8' },
    );
    expect(readdirSync(out).sort(), log).toEqual(before);
  });

  it('drizzle-kit check finds the migration history consistent', () => {
    const log = execFileSync('npx', ['drizzle-kit', 'check', '--config', 'src/db/drizzle.config.ts'], { encoding: 'utf8' });
    expect(log).toMatch(/Everything's fine/);
  });
});
