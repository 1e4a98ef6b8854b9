import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { CITIZEN, meetingInAlmatyOblast, signIn, signInAll, type Tokens } from '../workflows/helpers.ts';
import { errorCode, expectType, graphql } from '../helpers/graphql.ts';

// Groups through GraphQL on the demo: what the automatic grouping made, a new problem finding its
// group, staff taking one out, moving and confirming, and who may.

const app = createTestApp();
let tokens: Tokens;

const GROUP = graphql(`fragment GroupFields on IssueGroup { number title category size districtCount regionCount resolvedCount firstRaised lastRaised
  regions { region { code } count } districts { unit { code } count } bodies { organization { code } count } perQuarter { quarter count } }`);
const CHANGE = graphql(`fragment GroupChange on IssueGroupChange {
  groupNumber issue { number group { number size } groupHistory { kind source fromGroupNumber toGroupNumber note organization { code } } } }`);
const M = {
  remove: graphql(
    `mutation ($input: RemoveIssueFromGroupInput!) { removeIssueFromGroup(input: $input) { __typename ... on Error { code message } ... on IssueGroupConflictError { currentGroupNumber } ... on MutationRemoveIssueFromGroupSuccess { data { ...GroupChange } } } }`,
    [CHANGE],
  ),
  move: graphql(
    `mutation ($input: MoveIssueToGroupInput!) { moveIssueToGroup(input: $input) { __typename ... on Error { code message } ... on MutationMoveIssueToGroupSuccess { data { ...GroupChange } } } }`,
    [CHANGE],
  ),
  confirm: graphql(
    `mutation ($input: ConfirmIssueGroupInput!) { confirmIssueGroup(input: $input) { __typename ... on Error { code message } ... on MutationConfirmIssueGroupSuccess { data { ...GroupChange } } } }`,
    [CHANGE],
  ),
};

async function largestGroups(first = 5) {
  const res = await app.gql(
    graphql(
      `query ($first: Int!) { issueGroups(first: $first) { totalCount edges { cursor node { ...GroupFields members(first: 100) { edges { node { number title category region { code } responsibleOrganization { code } status } } } } } } }`,
      [GROUP],
    ),
    { first },
  );
  expect(res.errors).toBeUndefined();
  return res.data.issueGroups;
}

async function issueGroup(number: number) {
  const res = await app.gql(
    graphql(`query ($n: Int!) { issueGroup(number: $n) { ...GroupFields members(first: 100) { edges { node { number } } } } }`, [GROUP]),
    { n: number },
  );
  expect(res.errors).toBeUndefined();
  return res.data.issueGroup;
}

const issueId = (number: number) => Buffer.from(`Issue:${number}`).toString('base64');

async function groupOfIssue(number: number) {
  const res = await app.gql(
    graphql(`query ($id: ID!) { issue(id: $id) { number group { number size } groupHistory { kind source organization { code } note } } }`),
    {
      id: issueId(number),
    },
  );
  expect(res.errors).toBeUndefined();
  return res.data.issue;
}

beforeAll(async () => {
  tokens = await signInAll(app);
});

describe('the demo, grouped', () => {
  it('lists groups largest first, each with figures that agree with its members', async () => {
    const groups = await largestGroups(5);
    expect(groups.totalCount).toBeGreaterThan(10);
    const sizes = groups.edges.map((e: any) => e.node.size);
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
    for (const { node } of groups.edges) {
      const members = node.members.edges.map((e: any) => e.node);
      expect(node.size).toBeGreaterThanOrEqual(2);
      expect(members).toHaveLength(node.size);
      expect(new Set(members.map((m: any) => m.category))).toEqual(new Set([node.category]));
      expect(node.regionCount).toBe(new Set(members.map((m: any) => m.region.code)).size);
      expect(node.regions.reduce((n: number, r: any) => n + r.count, 0)).toBe(node.size);
      expect(node.districts.reduce((n: number, d: any) => n + d.count, 0)).toBe(node.size);
      expect(node.districts).toHaveLength(node.districtCount);
      expect(node.perQuarter.reduce((n: number, q: any) => n + q.count, 0)).toBe(node.size);
      expect(node.resolvedCount).toBe(members.filter((m: any) => m.status === 'RESOLVED' || m.status === 'CLOSED').length);
      expect(node.firstRaised <= node.lastRaised).toBe(true);
      const bodyCount = members.filter((m: any) => m.responsibleOrganization).length;
      expect(node.bodies.reduce((n: number, b: any) => n + b.count, 0)).toBe(bodyCount);
    }
  });

  it('pages with the cursor, without repeats', async () => {
    const first = await app.gql(graphql(`{ issueGroups(first: 3) { edges { cursor node { number size } } pageInfo { hasNextPage endCursor } } }`));
    const next = await app.gql(graphql(`query ($after: String) { issueGroups(first: 3, after: $after) { edges { node { number size } } } }`), {
      after: first.data.issueGroups.pageInfo.endCursor,
    });
    const a = first.data.issueGroups.edges.map((e: any) => e.node);
    const b = next.data.issueGroups.edges.map((e: any) => e.node);
    expect(first.data.issueGroups.pageInfo.hasNextPage).toBe(true);
    expect(b.length).toBe(3);
    expect(a.filter((g: any) => b.some((h: any) => h.number === g.number))).toEqual([]);
    expect(b[0].size).toBeLessThanOrEqual(a[2].size);
  });

  it('filters by region and category, and refuses an unknown region', async () => {
    const res = await app.gql(
      graphql(
        `{ issueGroups(first: 50, filter: { regionCode: "KZ-19", category: WATER_SUPPLY }) { edges { node { category regions { region { code } } } } } }`,
      ),
    );
    expect(res.errors).toBeUndefined();
    const nodes = res.data.issueGroups.edges.map((e: any) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    for (const n of nodes) {
      expect(n.category).toBe('WATER_SUPPLY');
      expect(n.regions.map((r: any) => r.region.code)).toContain('KZ-19');
    }
    const bad = await app.gql(graphql(`{ issueGroups(first: 5, filter: { regionCode: "KZ-00" }) { edges { node { number } } } }`));
    expect(bad.errors?.[0]?.extensions?.code).toBe('unit/not_found');
  });

  it('Issue.group loads a page of problems in a bounded number of statements', async () => {
    app.resetQueries();
    const res = await app.gql(graphql(`{ issues(first: 50) { edges { node { number group { number size } } } } }`));
    expect(res.errors).toBeUndefined();
    expect(res.data.issues.edges.some((e: any) => e.node.group !== null)).toBe(true);
    expect(app.queries.length).toBeLessThanOrEqual(4);
  });
});

describe('a new problem', () => {
  it('joins the group of the same problem raised before, and a different one sharing a word does not', async () => {
    const groups = await largestGroups(10);
    const group = groups.edges.find((e: any) => e.node.members.edges.length > 0)!.node;
    const leadNumber = group.members.edges[0]!.node.number;
    const lead = (await app.gql(graphql(`query ($id: ID!) { issue(id: $id) { title text category } }`), { id: issueId(leadNumber) })).data.issue!;
    const { meetingId, unitCode } = await meetingInAlmatyOblast(app);
    const record = async (title: string, text: string, category: typeof lead.category) => {
      const res = await app.gql(
        graphql(
          `mutation ($input: RecordIssueInput!) { recordIssue(input: $input) { __typename ... on MutationRecordIssueSuccess { data { issue { number group { number size } } } } } }`,
        ),
        { input: { meetingId, unitCode, category, title, text, contact: CITIZEN } },
        { token: tokens.akimat },
      );
      expectType(res.data.recordIssue, 'MutationRecordIssueSuccess');
      return res.data.recordIssue.data;
    };
    const same = await record(lead.title, lead.text, lead.category);
    expect(same.issue.group).toEqual({ number: group.number, size: group.size + 1 });
    const other = await record('Ауылда спорт алаңы жоқ', 'Балалар ойнайтын алаң жоқ, су да жоқ, көше бойы қараңғы.', lead.category);
    expect(other.issue.group?.number ?? null).not.toBe(group.number);
  });
});

describe('staff decisions', () => {
  let groupNumber: number;
  let member: { number: number; body: string };

  beforeAll(async () => {
    // A group with a member the demo ministry of energy answers for.
    const res = await app.gql(
      graphql(
        `{ issueGroups(first: 60) { edges { node { number size members(first: 20) { edges { node { number responsibleOrganization { code } } } } } } } }`,
      ),
    );
    expect(res.errors).toBeUndefined();
    for (const { node } of res.data.issueGroups.edges) {
      const m = node.members.edges.map((e: any) => e.node).find((n: any) => n.responsibleOrganization?.code === 'MIN-ENERGY');
      if (m && node.size >= 3) {
        groupNumber = node.number;
        member = { number: m.number, body: 'MIN-ENERGY' };
        break;
      }
    }
    expect(member, 'a group of three or more with a MIN-ENERGY problem').toBeDefined();
  });

  it('refuses the public, another body and a stale view, and changes nothing', async () => {
    const input = { issueId: String(member.number), currentGroupNumber: groupNumber };
    const anonymous = await app.gql(M.remove, { input });
    expect(errorCode(anonymous.data.removeIssueFromGroup)).toBe('auth/unauthenticated');
    const otherBody = await app.gql(M.remove, { input }, { token: tokens.water });
    expect(errorCode(otherBody.data.removeIssueFromGroup)).toBe('auth/forbidden');
    const stale = await app.gql(M.remove, { input: { ...input, currentGroupNumber: groupNumber + 100000 } }, { token: tokens.energy });
    expect(stale.data.removeIssueFromGroup).toMatchObject({ __typename: 'IssueGroupConflictError', code: 'group/conflict', currentGroupNumber: groupNumber });
    const tooLong = await app.gql(M.remove, { input: { ...input, note: 'x'.repeat(501) } }, { token: tokens.energy });
    expect(errorCode(tooLong.data.removeIssueFromGroup)).toBe('input/invalid');
    expect((await groupOfIssue(member.number))!.group!.number).toBe(groupNumber);
  });

  it('the answering ministry takes a problem out; it stays out after a full regroup; moving it back and confirming are recorded', async () => {
    const before = await issueGroup(groupNumber);
    const removed = await app.gql(
      M.remove,
      { input: { issueId: String(member.number), currentGroupNumber: groupNumber, note: 'Бұл басқа мәселе' } },
      { token: tokens.energy },
    );
    expectType(removed.data.removeIssueFromGroup, 'MutationRemoveIssueFromGroupSuccess');
    const issue = removed.data.removeIssueFromGroup.data.issue;
    expect(issue.group).toBeNull();
    expect(issue.groupHistory.at(-1)).toMatchObject({
      kind: 'REMOVED',
      source: 'STAFF',
      fromGroupNumber: groupNumber,
      toGroupNumber: null,
      note: 'Бұл басқа мәселе',
      organization: { code: 'MIN-ENERGY' },
    });
    expect((await issueGroup(groupNumber))!.size).toBe(before!.size - 1);

    await app.services.groups.regroup();
    expect((await groupOfIssue(member.number))!.group).toBeNull();
    expect((await issueGroup(groupNumber))!.size).toBe(before!.size - 1);

    const moved = await app.gql(
      M.move,
      { input: { issueId: String(member.number), currentGroupNumber: null, toGroupNumber: groupNumber } },
      { token: tokens.akimat },
    );
    // The demo akimat is Almaty oblast's: it decides only for problems of its territory.
    const akimatMayDecide = moved.data.moveIssueToGroup.__typename === 'MutationMoveIssueToGroupSuccess';
    const mover = akimatMayDecide ? tokens.akimat : tokens.energy;
    if (!akimatMayDecide) {
      expect(errorCode(moved.data.moveIssueToGroup)).toBe('auth/forbidden');
      const again = await app.gql(
        M.move,
        { input: { issueId: String(member.number), currentGroupNumber: null, toGroupNumber: groupNumber } },
        { token: mover },
      );
      expectType(again.data.moveIssueToGroup, 'MutationMoveIssueToGroupSuccess');
    }
    const confirmed = await app.gql(M.confirm, { input: { issueId: String(member.number), currentGroupNumber: groupNumber } }, { token: mover });
    expectType(confirmed.data.confirmIssueGroup, 'MutationConfirmIssueGroupSuccess');
    expect(confirmed.data.confirmIssueGroup.data.issue.group!.number).toBe(groupNumber);
    expect(confirmed.data.confirmIssueGroup.data.issue.groupHistory.slice(-3).map((e: any) => e.kind)).toEqual(['REMOVED', 'MOVED', 'CONFIRMED']);
    expect((await issueGroup(groupNumber))!.size).toBe(before!.size);
  });

  it('moving into the group of another problem of another category is refused', async () => {
    const res = await app.gql(graphql(`{ issues(first: 1, filter: { categories: [SCHOOLS] }) { edges { node { number } } } }`));
    const school = res.data.issues.edges[0]!.node.number;
    const moved = await app.gql(
      M.move,
      { input: { issueId: String(member.number), currentGroupNumber: groupNumber, withIssueId: String(school) } },
      { token: tokens.energy },
    );
    expect(errorCode(moved.data.moveIssueToGroup)).toBe('group/other_category');
    const both = await app.gql(
      M.move,
      { input: { issueId: String(member.number), currentGroupNumber: groupNumber, withIssueId: String(school), toGroupNumber: groupNumber } },
      { token: tokens.energy },
    );
    expect(errorCode(both.data.moveIssueToGroup)).toBe('input/invalid');
  });

  it('an admin may decide anywhere; government staff may not', async () => {
    const government = await signIn(app, 'government@jauap.demo');
    const res = await app.gql(M.confirm, { input: { issueId: String(member.number), currentGroupNumber: groupNumber } }, { token: government });
    expect(errorCode(res.data.confirmIssueGroup)).toBe('auth/forbidden');
    const admin = await app.gql(M.confirm, { input: { issueId: String(member.number), currentGroupNumber: groupNumber } }, { token: tokens.admin });
    expectType(admin.data.confirmIssueGroup, 'MutationConfirmIssueGroupSuccess');
  });
});
