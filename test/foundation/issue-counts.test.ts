import { describe, expect, it } from 'vitest';
import { createTestApp, TEST_NOW, type TestApp } from '../helpers/app.ts';
import { issueIn, signInAll } from '../workflows/helpers.ts';
import { graphql, type VariablesOf } from '../helpers/graphql.ts';

// totalCount reads the counts kept by triggers (issue_counts) for the common filters and counts
// problems through an index for the others: either way it must equal the problems the list holds,
// also after problems are recorded, assigned, started and moved between statuses.

const app = createTestApp({ seed: 'demo' });

const ISSUES_PAGE = graphql(
  `query ($after: String, $filter: IssueFilter) { issues(first: 100, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`,
);
type IssueFilter = NonNullable<VariablesOf<typeof ISSUES_PAGE>['filter']>;

const FILTERS: (IssueFilter | undefined)[] = [
  undefined,
  { regionCodes: ['KZ-19'] },
  { regionCodes: ['KZ-19', 'KZ-61'], statuses: ['IN_PROGRESS', 'ASSIGNED'] },
  { statuses: ['NEW'] },
  { categories: ['WATER_SUPPLY', 'ROADS'] },
  { needsCentralDecision: true },
  { needsCentralDecision: false, statuses: ['CLOSED'] },
  { overdue: true },
  { overdue: false },
  { regionCodes: ['KZ-19'], overdue: true },
  { regionCodes: ['KZ-19', 'KZ-75'], overdue: true },
  { regionCodes: ['KZ-19'], overdue: false },
  { raisedFrom: '2026-01-01', raisedTo: '2026-06-30' },
];

/** totalCount, and the problems really listed (every page walked). */
async function countBothWays(app: TestApp, filter: IssueFilter | undefined): Promise<[number, number]> {
  let after: string | null = null;
  let listed = 0;
  let total = -1;
  for (;;) {
    const variables: VariablesOf<typeof ISSUES_PAGE> = { after, filter };
    const res = await app.gql(ISSUES_PAGE, variables);
    expect(res.errors).toBeUndefined();
    total = res.data.issues.totalCount;
    listed += res.data.issues.edges.length;
    if (!res.data.issues.pageInfo.hasNextPage) return [total, listed];
    after = res.data.issues.pageInfo.endCursor;
  }
}

describe('issues totalCount', () => {
  it('equals the listed problems for every kind of filter', async () => {
    for (const filter of FILTERS) {
      const [total, listed] = await countBothWays(app, filter);
      expect({ filter, total }).toEqual({ filter, total: listed });
    }
  });

  it('follows writes: recording, assigning and starting problems keeps every count exact', async () => {
    const before = await countBothWays(app, { statuses: ['NEW'] });
    const tokens = await signInAll(app);
    await issueIn(app, tokens, 'NEW');
    await issueIn(app, tokens, 'IN_PROGRESS');
    const [newTotal, newListed] = await countBothWays(app, { statuses: ['NEW'] });
    expect(newTotal).toBe(newListed);
    expect(newTotal).toBe(before[0] + 1);
    for (const filter of FILTERS) {
      const [total, listed] = await countBothWays(app, filter);
      expect({ filter, total }).toEqual({ filter, total: listed });
    }
  });

  it('counts overdue problems exactly after a deadline passes and after a resolution', async () => {
    const tokens = await signInAll(app);
    // Both pass through IN_PROGRESS with the deadline 2027-06-30; one is then resolved.
    await issueIn(app, tokens, 'IN_PROGRESS');
    await issueIn(app, tokens, 'RESOLVED');
    const overdue: IssueFilter = { overdue: true };
    const [now] = await countBothWays(app, overdue);
    try {
      app.clock.set('2027-07-01T12:00:00.000Z');
      const [later, listedLater] = await countBothWays(app, overdue);
      expect(later).toBe(listedLater);
      expect(later).toBeGreaterThan(now);
      for (const filter of FILTERS.filter((f) => f?.overdue !== undefined)) {
        const [total, listed] = await countBothWays(app, filter);
        expect({ filter, total }).toEqual({ filter, total: listed });
      }
    } finally {
      app.clock.set(TEST_NOW);
    }
  });
});
