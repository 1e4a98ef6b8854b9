import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { expectType, graphql } from '../helpers/graphql.ts';
import { advanceIssue, CITIZEN, meetingInAlmatyOblast, signInAll, type Tokens } from '../workflows/helpers.ts';
import { expectGroupFiguresExact } from './figures-truth.ts';

// A group's stored figures (size, districts, regions, resolved, first and last raised, the lead
// problem) move with each change of one member instead of being recounted from all of them: a new
// problem joining, a member resolved, staff moving and taking out, a corrected place, a regroup.
// After each step they must equal a recount from the problems themselves.

const app = createTestApp();
let tokens: Tokens;
const issueId = (number: number) => Buffer.from(`Issue:${number}`).toString('base64');

const GROUP = graphql(`query ($n: Int!) { issueGroup(number: $n) { number size resolvedCount regionCount districtCount firstRaised lastRaised
  regions { region { code } count } districts { unit { code } count } members(first: 100) { edges { node { number status } } } } }`);

async function group(number: number) {
  const res = await app.gql(GROUP, { n: number });
  expect(res.errors).toBeUndefined();
  return res.data.issueGroup;
}

beforeAll(async () => {
  tokens = await signInAll(app);
});

describe('a group’s figures follow its members', () => {
  it('a new problem, a resolution, a move, a removal, a corrected place and a regroup keep them exact', async () => {
    expectGroupFiguresExact(app);
    const top = await app.gql(
      graphql(`{ issueGroups(first: 20) { edges { node { number category size members(first: 1) { edges { node { number } } } } } } }`),
    );
    const groups = top.data.issueGroups.edges.map((e) => e.node);
    const target = groups[0]!;
    const sibling = groups.find((g) => g.number !== target.number && g.category === target.category);
    const lead = (await app.gql(graphql(`query ($id: ID!) { issue(id: $id) { title text category } }`), { id: issueId(target.members.edges[0]!.node.number) }))
      .data.issue!;

    // The same problem raised again in another oblast: one more problem, region and district.
    const { meetingId, unitCode } = await meetingInAlmatyOblast(app);
    const recorded = await app.gql(
      graphql(
        `mutation ($input: RecordIssueInput!) { recordIssue(input: $input) { __typename ... on MutationRecordIssueSuccess { data { issue { id number group { number } } } } } }`,
      ),
      { input: { meetingId, unitCode, category: lead.category, title: lead.title, text: lead.text, contact: CITIZEN } },
      { token: tokens.akimat },
    );
    expectType(recorded.data.recordIssue, 'MutationRecordIssueSuccess');
    const fresh = recorded.data.recordIssue.data.issue;
    expect(fresh.group?.number).toBe(target.number);
    const joined = await group(target.number);
    expect(joined!.size).toBe(target.size + 1);
    expect(joined!.lastRaised >= joined!.firstRaised).toBe(true);
    expectGroupFiguresExact(app);

    // Resolved by the body it was routed to: the group counts one more resolved, at once.
    await advanceIssue(app, tokens, fresh.id, 'RESOLVED');
    const afterResolution = await group(target.number);
    expect(afterResolution!.resolvedCount).toBe(joined!.resolvedCount + 1);
    expect(afterResolution!.resolvedCount).toBe(
      afterResolution!.members.edges.filter((e) => e.node.status === 'RESOLVED' || e.node.status === 'CLOSED').length,
    );
    expectGroupFiguresExact(app);

    // Moved by staff to another group of the category, then taken out of that one.
    expect(sibling, 'a second group of the same category').toBeDefined();
    const moved = await app.gql(
      graphql(`mutation ($input: MoveIssueToGroupInput!) { moveIssueToGroup(input: $input) { __typename ... on Error { code } } }`),
      { input: { issueId: String(fresh.number), currentGroupNumber: target.number, toGroupNumber: sibling!.number } },
      { token: tokens.energy },
    );
    expect(moved.data.moveIssueToGroup.__typename).toBe('MutationMoveIssueToGroupSuccess');
    expect((await group(target.number))!.size).toBe(target.size);
    expect((await group(sibling!.number))!.size).toBe(sibling!.size + 1);
    expectGroupFiguresExact(app);
    const removed = await app.gql(
      graphql(`mutation ($input: RemoveIssueFromGroupInput!) { removeIssueFromGroup(input: $input) { __typename ... on Error { code } } }`),
      { input: { issueId: String(fresh.number), currentGroupNumber: sibling!.number } },
      { token: tokens.energy },
    );
    expect(removed.data.removeIssueFromGroup.__typename).toBe('MutationRemoveIssueFromGroupSuccess');
    expectGroupFiguresExact(app);

    // A place corrected in the database (a data fix, not an API write): the member's copy and its
    // group's districts and regions follow in the same statement.
    const member = (await group(target.number))!.members.edges.at(-1)!.node.number;
    const elsewhere = app.db.$client
      .prepare(`select u.id, u.region_id as regionId from units u join issues i on i.id = ? where u.kind = 'DISTRICT' and u.region_id <> i.region_id limit 1`)
      .get(member) as { id: number; regionId: number };
    app.db.$client.prepare('update issues set unit_id = ?, region_id = ? where id = ?').run(elsewhere.id, elsewhere.regionId, member);
    expectGroupFiguresExact(app);

    await app.services.groups.regroup();
    expectGroupFiguresExact(app);
  });
});
