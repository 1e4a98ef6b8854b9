import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createTestApp, type GraphQLResponse } from '../helpers/app.ts';
import { graphql, type ResultOf, type VariablesOf } from '../helpers/graphql.ts';

// Lists read regions, units and bodies from the reference data kept in memory and read public pages
// of problems with a plain SELECT; these tests hold both to what a fresh join would answer.

const app = createTestApp({ seed: 'demo' });

const ORG_OF_FIRST = graphql(
  '{ issues(first: 1, filter: { statuses: [IN_PROGRESS] }) { edges { node { responsibleOrganization { code name(lang: en) } } } } }',
);

async function firstBody() {
  const res = await app.gql(ORG_OF_FIRST);
  expect(res.errors).toBeUndefined();
  const body = res.data.issues.edges[0]!.node.responsibleOrganization;
  expect(body).not.toBeNull();
  return body!;
}

describe('reference data in memory', () => {
  it('shows a body renamed by another process on the next request', async () => {
    const before = await firstBody();
    const other = new Database(app.config.DATABASE_PATH);
    try {
      other.prepare('UPDATE organizations SET name_en = ? WHERE code = ?').run('Renamed by another process', before.code);
    } finally {
      other.close();
    }
    expect(await firstBody()).toEqual({ code: before.code, name: 'Renamed by another process' });
  });

  it('shows a body renamed through this process on the next request', async () => {
    const before = await firstBody();
    app.db.$client.prepare('UPDATE organizations SET name_en = ? WHERE code = ?').run('Renamed here', before.code);
    expect(await firstBody()).toEqual({ code: before.code, name: 'Renamed here' });
  });

  it('answers a unit, its parent and region, and a body with its unit, as the tables say', async () => {
    const res = await app.gql(
      graphql(`{ issues(first: 20) { edges { node {
        unit { code parent { code } region { code } } region { code units { code } }
        recordedBy { code unit { code } } } } } }`),
    );
    expect(res.errors).toBeUndefined();
    const sqlite = app.db.$client;
    const unitById = sqlite.prepare(
      'SELECT u.code, p.code AS parent, r.code AS region FROM units u LEFT JOIN units p ON p.id = u.parent_id LEFT JOIN units r ON r.id = u.region_id WHERE u.code = ?',
    );
    for (const { node } of res.data.issues.edges) {
      const row = unitById.get(node.unit.code) as { code: string; parent: string | null; region: string | null };
      expect(node.unit).toEqual({ code: row.code, parent: row.parent ? { code: row.parent } : null, region: row.region ? { code: row.region } : null });
      expect(node.region.units.length).toBeGreaterThan(0);
      expect(node.recordedBy.unit).not.toBeNull();
    }
  });
});

const PAGE_FIELDS = graphql(`fragment PageFields on QueryIssuesConnection {
  pageInfo { hasNextPage endCursor } edges { cursor node { number status dueDate overdue needsCentralDecision raisedAt } } }`);
const FLAT_PAGE = graphql(
  `query ($orderBy: IssueOrder, $filter: IssueFilter, $after: String) {
    issues(first: 7, orderBy: $orderBy, filter: $filter, after: $after) { ...PageFields } }`,
  [PAGE_FIELDS],
);
// Selecting `updates` makes the page a relational query (with the history joined in).
const JOINED_PAGE = graphql(
  `query ($orderBy: IssueOrder, $filter: IssueFilter, $after: String) {
    issues(first: 7, orderBy: $orderBy, filter: $filter, after: $after) { ...PageFields withHistory: edges { node { updates(last: 1) { kind } } } } }`,
  [PAGE_FIELDS],
);

describe('a page of problems read with a plain SELECT', () => {
  // Without a relation the page is a flat SELECT; both must list the same problems in the same
  // order with the same cursors and pages.
  const cases: [string, Omit<VariablesOf<typeof FLAT_PAGE>, 'after'>][] = [
    ['default order', {}],
    ['RAISED_ASC', { orderBy: 'RAISED_ASC' }],
    ['DUE_DATE_ASC in a region', { orderBy: 'DUE_DATE_ASC', filter: { regionCodes: ['KZ-19'] } }],
    ['UPDATED_DESC, overdue', { orderBy: 'UPDATED_DESC', filter: { overdue: true } }],
    ['statuses and categories', { filter: { statuses: ['IN_PROGRESS', 'ASSIGNED'], categories: ['WATER_SUPPLY', 'ELECTRICITY'] } }],
    ['a date range', { orderBy: 'RAISED_ASC', filter: { raisedFrom: '2025-06-01', raisedTo: '2026-03-31' } }],
  ];
  for (const [name, variables] of cases) {
    it(`lists the same problems, cursors and pages as the relational query: ${name}`, async () => {
      let flatAfter: string | null | undefined = null;
      let joinedAfter: string | null | undefined = null;
      for (let i = 0; i < 3; i++) {
        const flatRes: GraphQLResponse<ResultOf<typeof FLAT_PAGE>> = await app.gql(FLAT_PAGE, { ...variables, after: flatAfter });
        const joinedRes: GraphQLResponse<ResultOf<typeof JOINED_PAGE>> = await app.gql(JOINED_PAGE, { ...variables, after: joinedAfter });
        expect(flatRes.errors).toBeUndefined();
        expect(joinedRes.errors).toBeUndefined();
        const flat = flatRes.data.issues;
        const joined = joinedRes.data.issues;
        expect(flat.edges.length).toBeGreaterThan(0);
        expect(flat.edges.map((e) => e.cursor)).toEqual(joined.edges.map((e) => e.cursor));
        expect(flat.edges.map((e) => e.node)).toEqual(joined.edges.map((e) => e.node));
        expect(flat.pageInfo).toEqual(joined.pageInfo);
        if (!flat.pageInfo.hasNextPage) break;
        flatAfter = flat.pageInfo.endCursor;
        joinedAfter = joined.pageInfo.endCursor;
      }
    });
  }
});

const OVERDUE = graphql('query ($id: ID!) { issue(id: $id) { overdue } }');

describe('overdue turns at the region’s midnight, whichever way the clock moves', () => {
  it('is false a second before the day after the deadline begins, true at it, and false again when the clock goes back', async () => {
    const open = await app.gql(
      graphql(
        '{ issues(first: 1, orderBy: DUE_DATE_ASC, filter: { statuses: [IN_PROGRESS], overdue: false, regionCodes: ["KZ-75"] }) { edges { node { id dueDate } } } }',
      ),
    );
    expect(open.errors).toBeUndefined();
    const { id, dueDate } = open.data.issues.edges[0]!.node;
    // Almaty city is on UTC+5: the day after the deadline begins at 19:00 UTC on the deadline.
    const midnight = Date.parse(`${dueDate}T19:00:00.000Z`);
    const overdueAt = async (ms: number) => {
      app.clock.set(new Date(ms).toISOString());
      const res = await app.gql(OVERDUE, { id });
      expect(res.errors).toBeUndefined();
      return res.data.issue!.overdue;
    };
    try {
      expect(await overdueAt(midnight - 1000)).toBe(false);
      expect(await overdueAt(midnight)).toBe(true);
      expect(await overdueAt(midnight - 1000)).toBe(false);
      expect(await overdueAt(midnight + 3_600_000)).toBe(true);
      expect(await overdueAt(midnight - 86_400_000)).toBe(false);
    } finally {
      app.clock.set('2026-11-27T06:00:00.000Z');
    }
  });
});
