import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { meilisearchBinary, startMeilisearch, type MeilisearchServer } from '../helpers/meilisearch.ts';
import { CITIZEN, meetingInAlmatyOblast, signInAll } from '../workflows/helpers.ts';
import { asType, graphql, type VariablesOf } from '../helpers/graphql.ts';

// With SEARCH_BACKEND=meilisearch the grouping works the same: it reads its own inverted table of
// stems, not the search engine. A new problem finds its group, staff take it out, the page says so.

const binary = await meilisearchBinary();
const server: MeilisearchServer | null = binary ? await startMeilisearch(binary) : null;
afterAll(() => server?.stop());

const app: TestApp | null = server
  ? createTestApp({
      seed: 'demo',
      env: { SEARCH_BACKEND: 'meilisearch', MEILI_URL: server.url, MEILI_MASTER_KEY: server.apiKey, MEILI_INDEX_PREFIX: 'groups_', SEARCH_CATCH_UP_MS: '200' },
    })
  : null;

const RECORD_ISSUE = graphql(
  `mutation ($input: RecordIssueInput!) { recordIssue(input: $input) { __typename ... on MutationRecordIssueSuccess { data { issue { number group { number size } } } } } }`,
);

describe.skipIf(!app)('groups with SEARCH_BACKEND=meilisearch', () => {
  it('a repeated problem joins its group, and the answering akimat can take it out', async () => {
    const a = app!;
    expect(a.config.SEARCH_BACKEND).toBe('meilisearch');
    const tokens = await signInAll(a);
    const [largest] = await a.services.groups.listGroups(null, 'SIZE_DESC', null, 1);
    const lead = a.db.$client.prepare('select title, text, category from issues where id = ?').get(largest!.leadIssueId) as {
      title: string;
      text: string;
      category: VariablesOf<typeof RECORD_ISSUE>['input']['category'];
    };
    const { meetingId, unitCode } = await meetingInAlmatyOblast(a);
    const res = await a.gql(RECORD_ISSUE, { input: { meetingId, unitCode, ...lead, contact: CITIZEN } }, { token: tokens.akimat });
    const issue = asType(res.data.recordIssue, 'MutationRecordIssueSuccess').data.issue;
    expect(issue.group).toEqual({ number: largest!.id, size: largest!.size + 1 });
    // The akimat of the place decides for a problem not yet routed.
    const removed = await a.gql(
      graphql(
        `mutation ($input: RemoveIssueFromGroupInput!) { removeIssueFromGroup(input: $input) { __typename ... on MutationRemoveIssueFromGroupSuccess { data { groupNumber } } } }`,
      ),
      { input: { issueId: String(issue.number), currentGroupNumber: largest!.id } },
      { token: tokens.akimat },
    );
    expect(removed.data.removeIssueFromGroup).toEqual({ __typename: 'MutationRemoveIssueFromGroupSuccess', data: { groupNumber: null } });
    expect(a.services.groups.findGroup(largest!.id)?.size).toBe(largest!.size);
  });
});
