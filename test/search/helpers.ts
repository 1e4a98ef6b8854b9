import type { TestApp } from '../helpers/app.ts';
import { errorCode, graphql, type VariablesOf } from '../helpers/graphql.ts';

// GraphQL documents and small helpers shared by the search API tests.

export const SEARCH = graphql(`query ($query: String, $filter: SearchFilter, $first: Int, $after: String, $sort: SearchSort) {
  searchIssues(query: $query, filter: $filter, first: $first, after: $after, sort: $sort) {
    __typename
    ... on Error { code message }
    ... on SearchUnavailableError { retryAfterSeconds }
    ... on InvalidInputError { problems { path message } }
    ... on QuerySearchIssuesSuccess { data {
      index quarter totalCount
      pageInfo { hasNextPage endCursor }
      facets { field values { value count name } }
      hits { issueId number quarter title titleHtml snippetHtml text category status progress dueDate overdue raisedAt
        region { code name } unit { code name } organization { code kind name } }
    } }
  }
}`);

export type SearchVariables = VariablesOf<typeof SEARCH>;

/** Runs searchIssues and returns `{ typename, code, data }`, throwing on GraphQL-level errors. */
export async function searchIssues(app: TestApp, variables: SearchVariables, token?: string) {
  const res = await app.gql(SEARCH, variables, { token });
  if (res.errors?.length) throw new Error(`searchIssues failed: ${JSON.stringify(res.errors)}`);
  const value = res.data.searchIssues;
  const data = value.__typename === 'QuerySearchIssuesSuccess' ? value.data : undefined;
  // `data` is typed as present: a test reads it after checking the typename, or fails on the read.
  return { typename: value.__typename, code: errorCode(value), problems: 'problems' in value ? value.problems : undefined, data: data! };
}

export const PUBLISH = graphql(`mutation ($y: Int!, $q: Int!) { publishQuarter(year: $y, quarter: $q) {
  __typename ... on Error { code message } ... on MutationPublishQuarterSuccess { data { label itemCount } } } }`);

export async function publishQuarter(app: TestApp, token: string, year: number, quarter: number): Promise<number> {
  const res = await app.gql(PUBLISH, { y: year, q: quarter }, { token });
  const value = res.data?.publishQuarter;
  if (value?.__typename !== 'MutationPublishQuarterSuccess') throw new Error(`publishing failed: ${JSON.stringify(res)}`);
  return value.data.itemCount;
}

/** Every personal value of every citizen on record: none may appear in a search answer. */
export function personalValues(app: TestApp): string[] {
  const rows = app.db.$client.prepare('select full_name, phone, iin from issue_contacts').all() as {
    full_name: string;
    phone: string | null;
    iin: string | null;
  }[];
  return rows.flatMap((r) => [r.full_name, r.phone, r.iin]).filter((v): v is string => !!v && v.length >= 6);
}
