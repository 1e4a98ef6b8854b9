// What bench:api measures. GraphQL scenarios are POST /graphql; pages and the JSON search are GETs.
// `{ __typename }` is the baseline: the same server, the same HTTP and GraphQL stack, no data.

export interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  /** The GraphQL document (POST) or null for a page. */
  query: string | null;
}

const ISSUE_FIELDS = 'id number title status dueDate overdue region { code } responsibleOrganization { code name }';

const gql = (name: string, query: string): Scenario => ({ name, method: 'POST', path: '/graphql', query });
const page = (name: string, path: string): Scenario => ({ name, method: 'GET', path, query: null });

function issues(name: string, args: string, totalCount = false): Scenario {
  return gql(name, `{ issues(first: 50${args ? `, ${args}` : ''}) { ${totalCount ? 'totalCount ' : ''}edges { node { ${ISSUE_FIELDS} } } } }`);
}

/** The scenarios, given the global id of one responsible body (MIN-ENERGY) for the organisation filter. */
export function apiScenarios(organizationId: string): Scenario[] {
  const filters: [string, string][] = [
    ['regionCodes', 'filter: { regionCodes: ["KZ-19"] }'],
    ['organizationIds', `filter: { organizationIds: ["${organizationId}"] }`],
    ['statuses', 'filter: { statuses: [IN_PROGRESS] }'],
    ['categories', 'filter: { categories: [WATER_SUPPLY] }'],
    ['overdue', 'filter: { overdue: true }'],
    ['needsCentralDecision', 'filter: { needsCentralDecision: true }'],
    ['raisedFromTo', 'filter: { raisedFrom: "2026-01-01", raisedTo: "2026-03-31" }'],
  ];
  const orders = ['RAISED_ASC', 'DUE_DATE_ASC', 'UPDATED_DESC'];
  return [
    issues('issues', ''),
    issues('issues+totalCount', '', true),
    ...filters.map(([name, args]) => issues(`issues ${name}`, args)),
    ...orders.map((order) => issues(`issues ${order}`, `orderBy: ${order}`)),
    issues('issues KZ-19 overdue DUE_DATE_ASC', 'filter: { regionCodes: ["KZ-19"], overdue: true }, orderBy: DUE_DATE_ASC'),
    issues('issues KZ-19 overdue DUE_DATE_ASC+totalCount', 'filter: { regionCodes: ["KZ-19"], overdue: true }, orderBy: DUE_DATE_ASC', true),
    issues('issues KZ-75 IN_PROGRESS UPDATED_DESC', 'filter: { regionCodes: ["KZ-75"], statuses: [IN_PROGRESS] }, orderBy: UPDATED_DESC'),
    issues('issues statuses+totalCount', 'filter: { statuses: [IN_PROGRESS] }', true),
    issues('issues overdue+totalCount', 'filter: { overdue: true }', true),
    gql('meetings', '{ meetings(first: 50) { edges { node { id kind status plannedStartAt unit { code name } } } } }'),
    gql('meetings KZ-19+totalCount', '{ meetings(first: 50, filter: { regionCodes: ["KZ-19"] }) { totalCount edges { node { id plannedStartAt } } } }'),
    gql(
      'searchIssues',
      '{ searchIssues(query: "су", first: 20) { __typename ... on QuerySearchIssuesSuccess { data { totalCount hits { number title region { code } } facets { field values { value count } } } } } }',
    ),
    page('GET /api/search', '/api/search?q=%D0%B6%D0%BE%D0%BB&region=KZ-19'),
    page('GET /kk/ (home)', '/kk/'),
    page('GET /ru/meetings', '/ru/meetings'),
    page('GET /healthz', '/healthz'),
  ];
}

export const TYPENAME: Scenario = gql('typename', '{ __typename }');

/** The mixed load: pages, search and API in one rotation per connection. */
export function mixedScenarios(all: Scenario[]): Scenario[] {
  const pick = (name: string) => all.find((s) => s.name === name)!;
  return [
    pick('GET /kk/ (home)'),
    pick('issues'),
    pick('GET /api/search'),
    pick('issues KZ-19 overdue DUE_DATE_ASC+totalCount'),
    pick('GET /ru/meetings'),
    pick('searchIssues'),
    pick('issues organizationIds'),
    pick('meetings'),
  ];
}
