import { expect } from 'vitest';
import type { TestApp } from '../helpers/app.ts';

export const DEMO_PASSWORD = 'jauap-demo-2026';

/** Signs a demo account in through GraphQL and returns its bearer token. */
export async function signIn(app: TestApp, email: string): Promise<string> {
  const res = await app.gql(
    `mutation($email: String!, $password: String!) {
      signIn(email: $email, password: $password) { __typename ... on MutationSignInSuccess { data { token } } }
    }`,
    { email, password: DEMO_PASSWORD },
  );
  expect(res.errors).toBeUndefined();
  expect(res.data.signIn.__typename).toBe('MutationSignInSuccess');
  return res.data.signIn.data.token as string;
}

export const CALENDAR_FIELDS = /* GraphQL */ `
  id year status currentRevision maslikhatStep maslikhatAgreedOn maslikhatNotifiedOn approvedAt submittedAt forwardedAt
  region { code }
  steps { step dueAt doneAt lateByMinutes state }
  transitions { fromStatus toStatus at dueAt lateByMinutes late }
  revisions { number reason maslikhatNotifiedOn createdAt }
  entries { id akimLevel akimUnit { code } visitedUnit { code } plannedFrom plannedTo addedInRevision removedInRevision held }
`;

const ERROR_FIELDS = `... on Error { code message } ... on InvalidInputError { problems { path message } }`;

/**
 * Runs a mutation whose result is the errors plugin's union and unwraps it: `{ data }` on success,
 * `{ error: { code, message, problems? } }` on a typed error.
 */
export async function mutate(
  app: TestApp,
  token: string | undefined,
  field: string,
  argsDecl: string,
  args: string,
  selection: string,
  variables: Record<string, unknown>,
): Promise<{ data?: any; error?: { code: string; message: string; problems?: { path: string; message: string }[] } }> {
  const successType = `Mutation${field[0]!.toUpperCase()}${field.slice(1)}Success`;
  const res = await app.gql(
    `mutation${argsDecl ? `(${argsDecl})` : ''} { result: ${field}${args ? `(${args})` : ''} {
      __typename ... on ${successType} { data { ${selection} } } ${ERROR_FIELDS} } }`,
    variables,
    { token },
  );
  expect(res.errors).toBeUndefined();
  const result = res.data.result;
  if (result.__typename === successType) return { data: result.data };
  return { error: result };
}

export function createCalendar(app: TestApp, token: string | undefined, regionCode: string, year: number, entries: object[] = []) {
  return mutate(
    app,
    token,
    'createCalendar',
    '$regionCode: String!, $year: Int!, $entries: [CalendarEntryInput!]',
    'regionCode: $regionCode, year: $year, entries: $entries',
    CALENDAR_FIELDS,
    { regionCode, year, entries },
  );
}

export function approveCalendar(
  app: TestApp,
  token: string | undefined,
  calendarId: string,
  dates: { maslikhatAgreedOn?: string; maslikhatNotifiedOn?: string },
) {
  return mutate(
    app,
    token,
    'approveCalendar',
    '$id: ID!, $agreed: Date, $notified: Date',
    'calendarId: $id, maslikhatAgreedOn: $agreed, maslikhatNotifiedOn: $notified',
    CALENDAR_FIELDS,
    { id: calendarId, agreed: dates.maslikhatAgreedOn, notified: dates.maslikhatNotifiedOn },
  );
}

export function calendarStep(app: TestApp, token: string | undefined, field: 'submitCalendar' | 'forwardCalendar', calendarId: string) {
  return mutate(app, token, field, '$id: ID!', 'calendarId: $id', CALENDAR_FIELDS, { id: calendarId });
}

export function reviseCalendar(
  app: TestApp,
  token: string | undefined,
  calendarId: string,
  input: { reason: string; maslikhatNotifiedOn: string; addEntries?: object[]; removeEntryIds?: string[] },
) {
  return mutate(
    app,
    token,
    'reviseCalendar',
    '$id: ID!, $reason: String!, $notified: Date!, $add: [CalendarEntryInput!], $remove: [ID!]',
    'calendarId: $id, reason: $reason, maslikhatNotifiedOn: $notified, addEntries: $add, removeEntryIds: $remove',
    CALENDAR_FIELDS,
    { id: calendarId, reason: input.reason, notified: input.maslikhatNotifiedOn, add: input.addEntries, remove: input.removeEntryIds },
  );
}

export const COMPLIANCE_QUERY = /* GraphQL */ `
  query($region: String!, $year: Int!) {
    coverageCompliance(regionCode: $region, year: $year) {
      year revision asOf planGapCount heldGapCount
      appliedRules { rule { code akimLevel period } periods { label from to } }
      planGaps { rule { code } akimUnit { code } visitedUnit { code } period { label from to } required found periodEnded }
      heldGaps { rule { code } akimUnit { code } visitedUnit { code } period { label } required found periodEnded }
    }
  }`;

export async function compliance(app: TestApp, region: string, year: number) {
  const res = await app.gql(COMPLIANCE_QUERY, { region, year });
  expect(res.errors).toBeUndefined();
  return res.data.coverageCompliance;
}
