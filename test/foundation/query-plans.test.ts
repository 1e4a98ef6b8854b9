import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createMultiplier } from '../../bench/national/multiply.ts';
import { templatePath } from '../helpers/paths.ts';

// The lists the API offers must not read a large table whole, nor sort every match to show the
// first page. The demo multiplied to 20,000 problems (the bench:data generator, without search)
// and ANALYZEd gives SQLite statistics shaped like a national database; the statements the
// GraphQL API really runs are captured with their parameters and their EXPLAIN QUERY PLAN read.

const LARGE_TABLES = ['issues', 'meetings', 'issue_updates'];
let app: App;
let dir: string;
const statements: { sql: string; params: unknown[] }[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jauap-plans-'));
  const path = join(dir, 'plans.db');
  copyFileSync(templatePath('demo'), path);
  const sqlite = new Database(path);
  sqlite.pragma('foreign_keys = OFF');
  const multiplier = createMultiplier(sqlite, { problems: 20_000, meetings: 1_200, seed: 3, from: '2025-01-01' });
  multiplier.prepareHelpers();
  multiplier.writeMeetings();
  sqlite.transaction(() => multiplier.writeProblemCopies(1, multiplier.problemCopies))();
  multiplier.dropHelpers();
  sqlite.exec('analyze');
  sqlite.close();
  app = createApp(loadConfig({ DATABASE_PATH: path, LOG_LEVEL: 'silent', SEED_DEMO: 'false', SEARCH_CATCH_UP_MS: '0' }), {
    logger: pino({ level: 'silent' }),
    onQuery: (sql, params) => statements.push({ sql, params }),
  });
}, 120_000);

afterAll(() => {
  app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function gql(query: string) {
  const res = await app.yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as { data?: any; errors?: unknown[] };
}

/** The plan of each statement a query ran, as lines of EXPLAIN QUERY PLAN. */
async function plansOf(query: string) {
  statements.length = 0;
  const res = await gql(query);
  expect(res.errors).toBeUndefined();
  return statements.map(({ sql, params }) => ({
    sql,
    plan: (app.db.$client.prepare(`explain query plan ${sql}`).all(...params.map((p) => (typeof p === 'boolean' ? Number(p) : p))) as { detail: string }[]).map(
      (r) => r.detail,
    ),
  }));
}

/** Aliases under which a statement reads the large tables ("issues" as "d0", or the bare name). */
function largeAliases(sql: string): Set<string> {
  const aliases = new Set<string>();
  for (const m of sql.matchAll(/from "(\w+)"(?: as "(\w+)")?/g)) if (LARGE_TABLES.includes(m[1]!)) aliases.add(m[2] ?? m[1]!);
  return aliases;
}

function problemsIn(plans: { sql: string; plan: string[] }[]): string[] {
  const problems: string[] = [];
  for (const { sql, plan } of plans) {
    const aliases = largeAliases(sql);
    const page = /\blimit \?/.test(sql);
    for (const line of plan) {
      const scan = /^SCAN (\w+)( USING (COVERING )?INDEX \w+)?$/.exec(line);
      if (scan && aliases.has(scan[1]!) && !scan[2]) problems.push(`full scan: ${line} in ${sql.slice(0, 160)}`);
      // A count walking a whole index of the problems or their history reads a million entries
      // (meetings are some 60,000 at national scale: counting them through an index is cheap).
      if (scan && aliases.has(scan[1]!) && !page && !/"meetings"/.test(sql)) problems.push(`count reads a whole index: ${line}`);
      if (page && line === 'USE TEMP B-TREE FOR ORDER BY') problems.push(`first page sorts every match (${plan.join('; ')}): ${sql.slice(0, 160)}`);
    }
  }
  return problems;
}

const FILTERS: Record<string, string> = {
  none: '',
  region: 'regionCodes: ["KZ-19"]',
  regions: 'regionCodes: ["KZ-19", "KZ-75"]',
  statuses: 'statuses: [IN_PROGRESS, REOPENED]',
  categories: 'categories: [WATER_SUPPLY]',
  overdue: 'overdue: true',
  'not overdue': 'overdue: false',
  needsCentralDecision: 'needsCentralDecision: true',
  raised: 'raisedFrom: "2026-01-01", raisedTo: "2026-03-31"',
  'region+overdue': 'regionCodes: ["KZ-19"], overdue: true',
  'region+statuses+categories': 'regionCodes: ["KZ-75"], statuses: [IN_PROGRESS], categories: [ROADS]',
};
const ORDERS = ['RAISED_DESC', 'RAISED_ASC', 'DUE_DATE_ASC', 'UPDATED_DESC'];

describe('query plans of the lists at national shape', () => {
  for (const [name, filter] of Object.entries(FILTERS)) {
    it(`issues, filter ${name}, every order, with totalCount: indexes only, no sort of every match`, async () => {
      const problems: string[] = [];
      for (const order of ORDERS) {
        const plans = await plansOf(
          `{ issues(first: 50, orderBy: ${order}${filter ? `, filter: { ${filter} }` : ''}) { totalCount edges { node { id title region { code } responsibleOrganization { code } } } } }`,
        );
        expect(plans.some((p) => /from "issues"/.test(p.sql))).toBe(true);
        problems.push(...problemsIn(plans).map((p) => `${order}: ${p}`));
      }
      expect(problems).toEqual([]);
    });
  }

  it('issues with an organisation filter, every order', async () => {
    const org = (await gql('{ organization(code: "MIN-ENERGY") { id } }')).data.organization.id as string;
    const problems: string[] = [];
    for (const order of ORDERS) {
      problems.push(
        ...problemsIn(
          await plansOf(
            `{ issues(first: 50, orderBy: ${order}, filter: { organizationIds: ["${org}"], overdue: true }) { totalCount edges { node { id } } } }`,
          ),
        ),
      );
    }
    expect(problems).toEqual([]);
  });

  it('meetings with each filter, and their problems', async () => {
    const problems: string[] = [];
    for (const filter of [
      '',
      'regionCodes: ["KZ-19"]',
      'unitCodes: ["KZ-19-QONAEV"]',
      'statuses: [HELD]',
      'kinds: [ON_DEMAND]',
      'from: "2026-01-01", to: "2026-06-30"',
    ]) {
      problems.push(
        ...problemsIn(
          await plansOf(
            `{ meetings(first: 50${filter ? `, filter: { ${filter} }` : ''}) { totalCount edges { node { id issues(first: 5) { edges { node { id } } } } } } }`,
          ),
        ),
      );
    }
    expect(problems).toEqual([]);
  });

  it('the region filter looks its codes up once for the page and its count', async () => {
    statements.length = 0;
    await gql('{ issues(first: 5, filter: { regionCodes: ["KZ-19"] }) { totalCount edges { node { id } } } }');
    expect(statements.filter((s) => /from "units"/.test(s.sql))).toHaveLength(1);
  });

  it('totalCount is computed only when it is selected', async () => {
    statements.length = 0;
    await gql('{ issues(first: 5) { edges { node { id } } } }');
    expect(statements.filter((s) => /count\(|issue_counts/.test(s.sql))).toEqual([]);
  });
});
