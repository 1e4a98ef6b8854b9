import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { afterAll } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { fixedClock } from '../../src/modules/shared/clock.ts';
import { templatePath, TEST_SCRYPT_N } from './paths.ts';

/** "Now" in every test unless a test moves the clock: a day after the demo data ends. */
export const TEST_NOW = '2026-11-27T06:00:00.000Z';

export interface TestApp extends App {
  clock: ReturnType<typeof fixedClock>;
  /** SQL statements run since the last `resetQueries()`. */
  queries: string[];
  resetQueries(): void;
  /** POSTs a GraphQL operation through yoga.fetch, as a client would. */
  gql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string; lang?: string },
  ): Promise<{ data?: T; errors?: { message: string; extensions?: any }[] }>;
}

/**
 * A fresh app on its own migrated SQLite file for one test file: empty, with reference data, or
 * with the whole demo (copied from the templates made in global-setup). Closed after the file.
 */
export function createTestApp(options: { seed?: 'none' | 'reference' | 'demo'; env?: Record<string, string>; logger?: Logger } = {}): TestApp {
  const dir = mkdtempSync(join(tmpdir(), 'jauap-test-'));
  const dbPath = join(dir, 'test.db');
  const seed = options.seed ?? 'demo';
  if (seed !== 'none') copyFileSync(templatePath(seed), dbPath);
  const production = options.env?.NODE_ENV === 'production';
  const scrypt = production ? {} : { PASSWORD_SCRYPT_N: String(TEST_SCRYPT_N) };
  const config = loadConfig({ DATABASE_PATH: dbPath, LOG_LEVEL: 'silent', SEED_DEMO: 'false', ...scrypt, ...options.env });
  const clock = fixedClock(TEST_NOW);
  const queries: string[] = [];
  const app = createApp(config, { clock, logger: options.logger ?? pino({ level: 'silent' }), onQuery: (sql) => queries.push(sql) });
  // As the server does (main.ts): the search indexes catch up in the background.
  app.services.search.startCatchUp();
  afterAll(() => {
    app.services.search.stopCatchUp();
    app.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    ...app,
    clock,
    queries,
    resetQueries: () => void queries.splice(0),
    async gql(query, variables, opts = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      if (opts.lang) headers['accept-language'] = opts.lang;
      const res = await app.yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as any;
    },
  };
}
