import { describe, expect, it } from 'vitest';
import { asType, graphql, type ResultOf, type VariablesOf } from '../helpers/graphql.ts';
import { startPublicSite, type PublicSite } from '../web/helpers.ts';
import { signInAll } from '../workflows/helpers.ts';

// One result per group of similar problems through the public interfaces, on the demo: GraphQL
// (published quarters for the public, the live index for staff), /api/search and its exports, and
// the search page without JavaScript. Taking a problem out of its group reaches the live index.

const site: PublicSite = await startPublicSite();
const { app } = site;

const SEARCH =
  graphql(`query ($query: String, $filter: SearchFilter, $first: Int, $after: String, $sort: SearchSort, $collapse: SearchCollapse, $facetsCount: SearchFacetCount) {
  searchIssues(query: $query, filter: $filter, first: $first, after: $after, sort: $sort, collapse: $collapse, facetsCount: $facetsCount) {
    __typename
    ... on QuerySearchIssuesSuccess { data { totalCount collapse facetsCount hits { number groupNumber collapsedCount category }
      facets { field values { value count } } pageInfo { hasNextPage endCursor } } }
    ... on Error { code message }
  } }`);

type SearchVariables = VariablesOf<typeof SEARCH>;
type Page = Extract<ResultOf<typeof SEARCH>['searchIssues'], { __typename: 'QuerySearchIssuesSuccess' }>['data'];
type Hit = Page['hits'][number];

const REMOVE_FROM_GROUP = graphql(`mutation ($input: RemoveIssueFromGroupInput!) { removeIssueFromGroup(input: $input) { __typename } }`);

/** Every result of a search, page after page. */
async function everything(variables: SearchVariables, token?: string): Promise<{ first: Page; hits: Hit[] }> {
  let after: string | null | undefined;
  let first: Page | undefined;
  const hits: Hit[] = [];
  for (;;) {
    const res = await app.gql(SEARCH, { first: 100, ...variables, after }, { token });
    expect(res.errors).toBeUndefined();
    const data = asType(res.data.searchIssues, 'QuerySearchIssuesSuccess').data;
    first ??= data;
    hits.push(...data.hits);
    if (!data.pageInfo.hasNextPage) return { first: first!, hits };
    after = data.pageInfo.endCursor;
  }
}

const countBy = (hits: Hit[], key: (h: Hit) => string) => {
  const counts = new Map<string, number>();
  for (const h of hits) counts.set(key(h), (counts.get(key(h)) ?? 0) + 1);
  return counts;
};
const keyOf = (h: Hit) => (h.groupNumber === null ? `n${h.number}` : `g${h.groupNumber}`);

describe('searchIssues(collapse: GROUP)', () => {
  it('the public search of the latest quarter: one result per group, with how many it stands for; facets count groups', async () => {
    const all = await everything({});
    const grouped = all.hits.filter((h) => h.groupNumber !== null);
    expect(grouped.length).toBeGreaterThan(1);
    const collapsed = await everything({ collapse: 'GROUP' });
    expect(collapsed.first).toMatchObject({ collapse: 'GROUP', facetsCount: 'GROUPS' });
    const want = countBy(all.hits, keyOf);
    expect(collapsed.first.totalCount).toBe(want.size);
    expect(collapsed.first.totalCount).toBeLessThan(all.first.totalCount);
    expect(collapsed.hits.map(keyOf).sort()).toEqual([...want.keys()].sort());
    for (const hit of collapsed.hits) expect(hit.collapsedCount).toBe(want.get(keyOf(hit)));
    // A category's count is its groups (and ungrouped problems), not its problems.
    const categories = collapsed.first.facets.find((f) => f.field === 'CATEGORY')!.values;
    for (const { value, count } of categories)
      expect(count).toBe(
        countBy(
          all.hits.filter((h) => h.category === value),
          keyOf,
        ).size,
      );
    // Asked for problems, the same facets as without collapsing.
    const byProblem = await app.gql(SEARCH, { collapse: 'GROUP', facetsCount: 'PROBLEMS', first: 1 });
    expect(asType(byProblem.data.searchIssues, 'QuerySearchIssuesSuccess').data.facets).toEqual(all.first.facets);
    expect(all.first.hits.every((h) => h.collapsedCount === null)).toBe(true);
  });

  it('staff search the live index: a problem taken out of its group becomes a result of its own at once', async () => {
    const tokens = await signInAll(app);
    const [group] = await app.services.groups.listGroups(null, 'SIZE_DESC', null, 1);
    const member = app.services.groups.memberViews(group!.id, 1)[0]!;
    const inCategory: SearchVariables = { filter: { categories: [group!.category] }, collapse: 'GROUP' };
    const before = await everything(inCategory, tokens.admin);
    expect(before.hits.find((h) => h.groupNumber === group!.id)?.collapsedCount).toBe(group!.size);
    expect(before.hits.some((h) => h.number === member.id && h.groupNumber === null)).toBe(false);
    const removed = await app.gql(REMOVE_FROM_GROUP, { input: { issueId: String(member.id), currentGroupNumber: group!.id } }, { token: tokens.admin });
    expect(removed.data.removeIssueFromGroup.__typename).toBe('MutationRemoveIssueFromGroupSuccess');
    await app.services.search.flush();
    const after = await everything(inCategory, tokens.admin);
    expect(after.first.totalCount).toBe(before.first.totalCount + 1);
    expect(after.hits.find((h) => h.groupNumber === group!.id)?.collapsedCount).toBe(group!.size - 1);
    expect(after.hits.find((h) => h.number === member.id)).toMatchObject({ groupNumber: null, collapsedCount: 1 });
  });

  it('a full regroup queues the problems whose group it changed', async () => {
    const tokens = await signInAll(app);
    const [group] = await app.services.groups.listGroups(null, 'SIZE_DESC', null, 1);
    const member = app.services.groups.memberViews(group!.id, 3)[2]!;
    // The problem loses its group behind the grouping's back, and its search document follows.
    app.db.$client.prepare('delete from issue_group_members where issue_id = ?').run(member.id);
    app.services.search.issuesWritten([member.id]);
    app.services.search.deliverChanges();
    await app.services.search.flush();
    const inCategory: SearchVariables = { filter: { categories: [group!.category] }, collapse: 'GROUP' };
    expect((await everything(inCategory, tokens.admin)).hits.find((h) => h.number === member.id)?.groupNumber).toBeNull();
    // The regroup puts it back: the live index hears of it without anyone else telling it.
    await app.services.groups.regroup();
    expect(app.services.groups.groupOfIssue(member.id)?.id).toBe(group!.id);
    await app.services.search.flush();
    const hits = (await everything(inCategory, tokens.admin)).hits;
    expect(hits.find((h) => h.number === member.id)).toBeUndefined();
    expect(hits.find((h) => h.groupNumber === group!.id)?.collapsedCount).toBe(app.services.groups.findGroup(group!.id)!.size);
  });

  it('refuses a collapse it does not know, and changes nothing', async () => {
    // An enum value the schema does not have: sent untyped.
    const res = await app.gqlText(SEARCH, { collapse: 'REGION' });
    expect(res.errors?.[0]?.message).toMatch(/SearchCollapse/);
  });
});

describe('/api/search and its exports', () => {
  it('?collapse=group answers groups with collapsedCount; ?facets_count chooses the counts; nonsense is a 400', async () => {
    const res = await site.get('/api/search?collapse=group&per_page=100');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ collapse: 'GROUP', facetsCount: 'GROUPS' });
    const full = await (await site.get('/api/search?per_page=100')).json();
    expect(body.total).toBeLessThan(full.total);
    expect(body.hits.every((h: { collapsedCount: number }) => h.collapsedCount >= 1)).toBe(true);
    expect(full.hits.some((h: { groupNumber: number | null }) => h.groupNumber !== null)).toBe(true);
    expect(full.hits.every((h: object) => !('collapsedCount' in h))).toBe(true);
    const problems = await (await site.get('/api/search?collapse=group&facets_count=problems&per_page=1')).json();
    expect(problems.facets).toEqual(full.facets);
    const bad = await site.get('/api/search?collapse=region');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('input/invalid');
  });

  it('a collapsed CSV has one row per result, each with its group and how many it stands for', async () => {
    const csv = await (await site.get('/api/search.csv?collapse=group')).text();
    const lines = csv.trim().split(/\r?\n/);
    const header = lines[0]!.replace(/^\uFEFF/, '').split(',');
    expect(header.slice(-2)).toEqual(['group_number', 'collapsed_count']);
    const json = await (await site.get('/api/search.json?collapse=group')).json();
    expect(json.collapse).toBe('GROUP');
    expect(json.exported).toBe(json.total);
    const counted = json.hits.reduce((n: number, h: { collapsedCount: number }) => n + h.collapsedCount, 0);
    const full = await (await site.get('/api/search?per_page=1')).json();
    expect(counted).toBe(full.total);
    const grouped = json.hits.find((h: { groupNumber: number | null; collapsedCount: number }) => h.groupNumber !== null && h.collapsedCount > 1);
    expect(csv).toContain(`,${grouped.groupNumber},${grouped.collapsedCount}`);
  });
});

describe('the search page', () => {
  it('without JavaScript: the checkbox collapses, each group says how many times and links its page', async () => {
    const page = await (await site.get('/en/search?collapse=group')).text();
    expect(page).toMatch(/<input type="checkbox" id="collapse" name="collapse" value="group" checked>/);
    const links = [...page.matchAll(/<p class="meta group-note"><a href="\/en\/groups\/(\d+)">raised (\d+) times<\/a><\/p>/g)];
    expect(links.length).toBeGreaterThan(0);
    const [, groupNumber] = links[0]!;
    expect((await site.get(`/en/groups/${groupNumber}`)).status).toBe(200);
    const plain = await (await site.get('/en/search')).text();
    expect(plain).toMatch(/<input type="checkbox" id="collapse" name="collapse" value="group">/);
    expect(plain).not.toContain('group-note');
    // The pages keep the choice: page 2 of a collapsed search is collapsed too.
    expect(page).toMatch(/href="\/en\/search\?[^"]*collapse=group[^"]*page=2"|href="\/en\/search\?page=2&amp;collapse=group"/);
  });
});
