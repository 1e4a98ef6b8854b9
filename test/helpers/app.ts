import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DocumentNode, print } from 'graphql';
import { pino, type Logger } from 'pino';
import { afterAll } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { fixedClock } from '../../src/modules/shared/clock.ts';
import type { TadaDocumentNode } from './graphql.ts';
import { templatePath, TEST_SCRYPT_N } from './paths.ts';

/** "Now" in every test unless a test moves the clock: a day after the demo data ends. */
export const TEST_NOW = '2026-11-27T06:00:00.000Z';

export interface TestApp extends App {
  clock: ReturnType<typeof fixedClock>;
  /** SQL statements run since the last `resetQueries()`. */
  queries: string[];
  resetQueries(): void;
  /**
   * POSTs a typed GraphQL document (made with `graphql()` from ./graphql.ts) through yoga.fetch, as a
   * client would; `data` and the variables are typed from the document. `data` is typed as present:
   * when an operation fails, `errors` says so and a test that reads `data` anyway fails on the read.
   */
  gql<Result, Variables>(
    document: TadaDocumentNode<Result, Variables>,
    variables: Variables,
    options?: GraphQLRequestOptions,
  ): Promise<GraphQLResponse<Result>>;
  gql<Result>(document: TadaDocumentNode<Result, NoVariables>, variables?: NoVariables, options?: GraphQLRequestOptions): Promise<GraphQLResponse<Result>>;
  /**
   * POSTs an operation whose result the test does not read through types: deliberately malformed or
   * oversized operations, variables of the wrong type, and documents picked at run time by name.
   */
  gqlText(query: string | DocumentNode, variables?: object, options?: GraphQLRequestOptions): Promise<GraphQLResponse<unknown>>;
}

// biome-ignore lint/complexity/noBannedTypes: the variables type gql.tada gives an operation without variables.
type NoVariables = {};

export interface GraphQLRequestOptions {
  token?: string;
  lang?: string;
}

export interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GraphQLResponse<Result> {
  data: Result;
  errors?: GraphQLErrorBody[];
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
  async function post(query: string, variables?: unknown, opts: GraphQLRequestOptions = {}): Promise<GraphQLResponse<any>> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.lang) headers['accept-language'] = opts.lang;
    const res = await app.yoga.fetch('http://localhost/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as GraphQLResponse<any>;
  }
  return {
    ...app,
    clock,
    queries,
    resetQueries: () => void queries.splice(0),
    gql: (document: DocumentNode, variables?: unknown, opts?: GraphQLRequestOptions) => post(print(document), variables, opts),
    gqlText: (query: string | DocumentNode, variables?: unknown, opts?: GraphQLRequestOptions) =>
      post(typeof query === 'string' ? query : print(query), variables, opts),
  };
}
