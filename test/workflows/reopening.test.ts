import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { serveHttp } from '../helpers/http.ts';
import { PUBLISH } from '../publication/helpers.ts';
import { call, issueIn, signInAll, type Fixture, type Tokens } from './helpers.ts';
import { asType, expectType, graphql } from '../helpers/graphql.ts';

// A citizen's dispute reopens a resolved problem: it must not go on showing 100 %. Progress starts
// again from 0; the 100 % the body reported stays in the history.

const app = createTestApp();
let tokens: Tokens;
let reopened: Fixture;

beforeAll(async () => {
  tokens = await signInAll(app);
  reopened = await issueIn(app, tokens, 'RESOLVED', 'Ауылдағы көпір жөнделмеген');
  const disputed = await call(app, 'disputeResolution', { code: reopened.trackingCode, comment: 'Көпір әлі де сынық' });
  expect(disputed.typename, JSON.stringify(disputed)).toBe('MutationDisputeResolutionSuccess');
  expect(disputed.data.status).toBe('REOPENED');
});

describe('progress of a reopened problem', () => {
  it('is 0 in the API, with the earlier 100 % kept in the history', async () => {
    const res = await app.gql(graphql(`query ($id: ID!) { node(id: $id) { __typename ... on Issue { status progress updates { kind progress } } } }`), {
      id: reopened.id,
    });
    expect(res.data.node).toMatchObject({ status: 'REOPENED', progress: 0 });
    const updates = asType(res.data.node, 'Issue').updates;
    expect(updates.find((u) => u.kind === 'DISPUTED')?.progress).toBe(0);
    expect(updates.some((u) => u.kind === 'PROGRESS' && u.progress === 100)).toBe(true);
    const tracked = await call(app, 'trackIssue', { code: reopened.trackingCode });
    expect(tracked.data).toMatchObject({ status: 'REOPENED', progress: 0 });
  });

  it('shows 0 % with the reason on the public page', async () => {
    const http = await serveHttp(app);
    const page = await (await http.get(`/en/problems/${reopened.number}`)).text();
    expect(page).toContain('<progress max="100" value="0"');
    expect(page).toContain('Progress started again from 0 when the citizen disputed the resolution');
    expect(page).not.toContain('<progress max="100" value="100"');
  });

  it('is 0 in the quarterly snapshot', async () => {
    app.clock.set('2027-01-05T06:00:00.000Z');
    const government = (await signInAll(app)).government;
    const published = await app.gql(PUBLISH, { y: 2026, q: 4 }, { token: government });
    expectType(published.data.publishQuarter, 'MutationPublishQuarterSuccess', JSON.stringify(published));
    const res = await app.gql(
      graphql(`{ publication(year: 2026, quarter: 4) { items(first: 500, filter: { statuses: [REOPENED] }) { edges { node { number status progress } } } } }`),
    );
    const item = res.data.publication!.items.edges.find((e) => e.node.number === reopened.number);
    expect(item?.node).toEqual({ number: reopened.number, status: 'REOPENED', progress: 0 });
  });
});
