import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { asType, graphql } from '../helpers/graphql.ts';

const app = createTestApp({ seed: 'demo' });

describe('nested relations do not run one query per row', () => {
  it('issues(first: 50) with organisation, meeting, region and last updates stays under a small constant', async () => {
    app.resetQueries();
    const res = await app.gql(
      graphql(`{
      issues(first: 50) {
        totalCount
        edges { node {
          id title status
          responsibleOrganization { code name kind unit { code } }
          meeting { id kind plannedStartAt unit { code name } }
          region { code name }
          unit { code name }
          updates(last: 3) { kind statusAfter at organization { code } }
          assignments { organization { code } }
        } }
      } }`),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.issues.edges).toHaveLength(50);
    const selects = app.queries.filter((q) => /^\s*(select|with)/i.test(q));
    // One statement for the page with every relation joined in, one for totalCount.
    expect(selects.length).toBeLessThanOrEqual(3);
  });

  it('as an admin, issues(first: 50) with every field a staff list selects, the contact included, stays under a small constant', async () => {
    const signIn = await app.gql(
      graphql('mutation { signIn(email: "admin@jauap.demo", password: "jauap-demo-2026") { __typename ... on MutationSignInSuccess { data { token } } } }'),
    );
    const token = asType(signIn.data.signIn, 'MutationSignInSuccess').data.token;
    app.resetQueries();
    const res = await app.gql(
      graphql(`{ issues(first: 50) { totalCount edges { node {
          id number title text language category status resolutionPlan dueDate progress overdue needsCentralDecision
          centralDecisionProposal transferCount bounced disputeCount raisedAt updatedAt version resolvedAt
          contact { fullName phone iin }
          responsibleOrganization { code } recordedBy { code } meeting { id } region { code } unit { code }
          updates(last: 2) { kind at } assignments { organization { code } }
        } } } }`),
      undefined,
      { token },
    );
    expect(res.errors).toBeUndefined();
    const nodes = res.data.issues.edges.map((e: { node: { contact: unknown } }) => e.node);
    expect(nodes).toHaveLength(50);
    // An admin sees every contact the demo recorded: the contacts really came with the page.
    expect(nodes.filter((n: { contact: unknown }) => n.contact !== null).length).toBeGreaterThan(0);
    const selects = app.queries.filter((q) => /^\s*(select|with)/i.test(q));
    // The page (contacts, history and meeting joined in; units and bodies from memory), totalCount,
    // and the session lookup.
    expect(selects, selects.join('\n')).toHaveLength(3);
  });

  it('meetings(first: 50) with their problems stays under a small constant', async () => {
    app.resetQueries();
    const res = await app.gql(
      graphql(`{ meetings(first: 50) { edges { node { id unit { code } akimUnit { code } broadcasts { url } audience { count }
      issues(first: 5) { totalCount edges { node { id responsibleOrganization { code } } } } } } } }`),
    );
    expect(res.errors).toBeUndefined();
    expect(app.queries.length).toBeLessThanOrEqual(3);
  });
});
