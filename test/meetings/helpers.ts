import { expect } from 'vitest';
import type { DocumentNode } from 'graphql';
import type { TestApp } from '../helpers/app.ts';
import { expectType, graphql, type TadaDocumentNode, type VariablesOf } from '../helpers/graphql.ts';

export const DEMO_PASSWORD = 'jauap-demo-2026';

/** Signs a demo account in through GraphQL and returns its bearer token. */
export async function signIn(app: TestApp, email: string): Promise<string> {
  const res = await app.gql(
    graphql(`mutation($email: String!, $password: String!) {
      signIn(email: $email, password: $password) { __typename ... on MutationSignInSuccess { data { token } } }
    }`),
    { email, password: DEMO_PASSWORD },
  );
  expect(res.errors).toBeUndefined();
  expectType(res.data.signIn, 'MutationSignInSuccess');
  return res.data.signIn.data.token;
}

export const CALENDAR_FIELDS = graphql(`fragment CalendarFields on Calendar {
  id year status currentRevision maslikhatStep maslikhatAgreedOn maslikhatNotifiedOn approvedAt submittedAt forwardedAt
  region { code }
  steps { step dueAt doneAt lateByMinutes state }
  transitions { fromStatus toStatus at dueAt lateByMinutes late }
  revisions { number reason maslikhatNotifiedOn createdAt }
  entries { id akimLevel akimUnit { code } visitedUnit { code } plannedFrom plannedTo addedInRevision removedInRevision held } }`);

/** What a mutation's union result reads as in these tests: its fields on success, else the error. */
export const MUTATION_ERROR = graphql(`fragment MutationError on Error { code message ... on InvalidInputError { problems { path message } } }`);

type MutationError = { code: string; message: string; problems?: { path: string; message: string }[] };
type SuccessData<Result> = Result extends { data: infer Data } ? Data : never;

/**
 * Runs a mutation whose result is the errors plugin's union, selected as `result: field(…) { __typename
 * ...MutationError ... on MutationXSuccess { data { … } } }`, and unwraps it: `{ data }` on success,
 * `{ error: { code, message, problems? } }` on a typed error. `data` is typed as the success's data: a
 * test that reads it after an error fails on the read.
 */
export async function mutate<Result extends { __typename: string }, Variables>(
  app: TestApp,
  token: string | undefined,
  document: TadaDocumentNode<{ result: Result }, Variables>,
  variables: Variables,
): Promise<{ data: SuccessData<Result>; error?: MutationError }>;
export async function mutate(app: TestApp, token: string | undefined, document: DocumentNode, variables: object): Promise<{ data?: unknown; error?: unknown }> {
  const res = await app.gqlText(document, variables, { token });
  expect(res.errors).toBeUndefined();
  // The success member is the one with `data`; every other member is an error.
  const { result } = res.data as { result: { data?: unknown } };
  return 'data' in result ? { data: result.data } : { error: result };
}

const CREATE_CALENDAR = graphql(
  `mutation ($regionCode: String!, $year: Int!, $entries: [CalendarEntryInput!]) { result: createCalendar(regionCode: $regionCode, year: $year, entries: $entries) {
    __typename ...MutationError ... on MutationCreateCalendarSuccess { data { ...CalendarFields } } } }`,
  [MUTATION_ERROR, CALENDAR_FIELDS],
);

export type CalendarEntryInput = NonNullable<VariablesOf<typeof CREATE_CALENDAR>['entries']>[number];

export function createCalendar(app: TestApp, token: string | undefined, regionCode: string, year: number, entries: CalendarEntryInput[] = []) {
  return mutate(app, token, CREATE_CALENDAR, { regionCode, year, entries });
}

const APPROVE_CALENDAR = graphql(
  `mutation ($id: ID!, $agreed: Date, $notified: Date) { result: approveCalendar(calendarId: $id, maslikhatAgreedOn: $agreed, maslikhatNotifiedOn: $notified) {
    __typename ...MutationError ... on MutationApproveCalendarSuccess { data { ...CalendarFields } } } }`,
  [MUTATION_ERROR, CALENDAR_FIELDS],
);

export function approveCalendar(
  app: TestApp,
  token: string | undefined,
  calendarId: string,
  dates: { maslikhatAgreedOn?: string; maslikhatNotifiedOn?: string },
) {
  return mutate(app, token, APPROVE_CALENDAR, { id: calendarId, agreed: dates.maslikhatAgreedOn, notified: dates.maslikhatNotifiedOn });
}

const SUBMIT_CALENDAR = graphql(
  `mutation ($id: ID!) { result: submitCalendar(calendarId: $id) {
    __typename ...MutationError ... on MutationSubmitCalendarSuccess { data { ...CalendarFields } } } }`,
  [MUTATION_ERROR, CALENDAR_FIELDS],
);
const FORWARD_CALENDAR = graphql(
  `mutation ($id: ID!) { result: forwardCalendar(calendarId: $id) {
    __typename ...MutationError ... on MutationForwardCalendarSuccess { data { ...CalendarFields } } } }`,
  [MUTATION_ERROR, CALENDAR_FIELDS],
);

export function calendarStep(app: TestApp, token: string | undefined, field: 'submitCalendar' | 'forwardCalendar', calendarId: string) {
  return field === 'submitCalendar' ? mutate(app, token, SUBMIT_CALENDAR, { id: calendarId }) : mutate(app, token, FORWARD_CALENDAR, { id: calendarId });
}

const REVISE_CALENDAR = graphql(
  `mutation ($id: ID!, $reason: String!, $notified: Date!, $add: [CalendarEntryInput!], $remove: [ID!]) {
    result: reviseCalendar(calendarId: $id, reason: $reason, maslikhatNotifiedOn: $notified, addEntries: $add, removeEntryIds: $remove) {
      __typename ...MutationError ... on MutationReviseCalendarSuccess { data { ...CalendarFields } } } }`,
  [MUTATION_ERROR, CALENDAR_FIELDS],
);

export function reviseCalendar(
  app: TestApp,
  token: string | undefined,
  calendarId: string,
  input: { reason: string; maslikhatNotifiedOn: string; addEntries?: CalendarEntryInput[]; removeEntryIds?: string[] },
) {
  return mutate(app, token, REVISE_CALENDAR, {
    id: calendarId,
    reason: input.reason,
    notified: input.maslikhatNotifiedOn,
    add: input.addEntries,
    remove: input.removeEntryIds,
  });
}

export const COMPLIANCE_QUERY = graphql(`
  query($region: String!, $year: Int!) {
    coverageCompliance(regionCode: $region, year: $year) {
      year revision asOf planGapCount heldGapCount
      appliedRules { rule { code akimLevel period } periods { label from to } }
      planGaps { rule { code } akimUnit { code } visitedUnit { code } period { label from to } required found periodEnded }
      heldGaps { rule { code } akimUnit { code } visitedUnit { code } period { label } required found periodEnded }
    }
  }`);

export async function compliance(app: TestApp, region: string, year: number) {
  const res = await app.gql(COMPLIANCE_QUERY, { region, year });
  expect(res.errors).toBeUndefined();
  return res.data.coverageCompliance!;
}
