import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { asType, graphql } from '../helpers/graphql.ts';
import { signIn } from '../meetings/helpers.ts';

// Expected failures are part of the schema: each mutation's result union lists the error types its
// service can return (no catch-all), the reasons are documented enums, and a refused request comes
// back as its specific type with the stable code and the enum value.

const app = createTestApp({ seed: 'demo' });

interface TypeInfo {
  name: string;
  kind: string;
  possibleTypes: { name: string }[] | null;
  interfaces: { name: string }[] | null;
  enumValues: { name: string; description: string | null }[] | null;
  fields: { name: string; type: { kind: string; name: string | null; ofType: { kind: string; name: string | null } | null } }[] | null;
}

/** What the introspection query below answers (introspection goes through `gqlText`, untyped). */
interface SchemaInfo {
  __schema: { mutationType: { fields: NonNullable<TypeInfo['fields']> }; types: TypeInfo[] };
}

let types: Map<string, TypeInfo>;
let resultUnions: Map<string, string[]>;

beforeAll(async () => {
  const res = await app.gqlText(`{ __schema {
    mutationType { fields { name type { kind name ofType { kind name } } } }
    types { name kind possibleTypes { name } interfaces { name } enumValues { name description }
      fields { name type { kind name ofType { kind name } } } }
  } }`);
  expect(res.errors).toBeUndefined();
  const { __schema: schema } = res.data as SchemaInfo;
  types = new Map(schema.types.map((t) => [t.name, t]));
  resultUnions = new Map();
  for (const field of schema.mutationType.fields) {
    const union = field.type.ofType?.name ?? field.type.name;
    const info = union ? types.get(union) : undefined;
    if (info?.kind === 'UNION')
      resultUnions.set(
        field.name,
        (info.possibleTypes ?? []).map((p) => p.name).filter((n) => !n.endsWith('Success')),
      );
  }
});

const enumOf = (typeName: string, field: string) => {
  const f = types.get(typeName)?.fields?.find((x) => x.name === field);
  return f?.type.ofType?.name ?? f?.type.name ?? null;
};

describe('the schema lists the errors of each mutation', () => {
  it('has no generic error type: every error in a result union is a specific type implementing Error', () => {
    expect(types.has('DomainError')).toBe(false);
    expect(resultUnions.size).toBeGreaterThan(20);
    for (const [mutation, errors] of resultUnions) {
      expect(errors.length, mutation).toBeGreaterThan(0);
      for (const name of errors)
        expect(
          types.get(name)?.interfaces?.map((i) => i.name),
          `${mutation}: ${name}`,
        ).toContain('Error');
    }
  });

  it('lists only the families a service can throw', () => {
    expect(resultUnions.get('createCalendar')).toEqual(expect.arrayContaining(['CalendarError', 'NotFoundError', 'NotAuthorizedError', 'InvalidInputError']));
    expect(resultUnions.get('createCalendar')).not.toContain('PublicationError');
    expect(resultUnions.get('publishQuarter')).toEqual(expect.arrayContaining(['PublicationError', 'NotAuthorizedError']));
    expect(resultUnions.get('publishQuarter')).not.toContain('CalendarError');
    expect(resultUnions.get('updateIssueProgress')).toEqual(expect.arrayContaining(['ForbiddenTransitionError', 'IssueConflictError', 'NotFoundError']));
    expect(resultUnions.get('cancelMeeting')).toContain('MeetingError');
    expect(resultUnions.get('moveIssueToGroup')).toEqual(expect.arrayContaining(['IssueGroupError', 'IssueGroupConflictError']));
    expect(resultUnions.get('setCentralDecision')).toContain('IssueRuleError');
    expect(resultUnions.get('signIn')?.sort()).toEqual(['SignInFailedError', 'SignInThrottledError']);
  });

  it('every error type implementing Error is returned by some operation', () => {
    const listed = new Set([...resultUnions.values()].flat());
    for (const query of ['QueryTrackIssueResult', 'QuerySearchIssuesResult']) for (const p of types.get(query)?.possibleTypes ?? []) listed.add(p.name);
    const implementations = [...types.values()].filter((t) => t.kind === 'OBJECT' && t.interfaces?.some((i) => i.name === 'Error')).map((t) => t.name);
    expect(implementations.length).toBeGreaterThan(10);
    for (const name of implementations) expect(listed.has(name), name).toBe(true);
  });

  it('names each reason as an enum whose every value says when it happens and its code', () => {
    const families = {
      NotFoundError: ['entity', 'not_found'],
      NotAuthorizedError: ['reason', 'auth/'],
      CalendarError: ['calendarRule', 'calendar/'],
      MeetingError: ['meetingRule', 'meeting/'],
      PublicationError: ['publicationRule', 'publication/'],
      IssueGroupError: ['groupRule', 'group/'],
      IssueRuleError: ['issueRule', 'issue/'],
    };
    for (const [typeName, [field, codePart]] of Object.entries(families)) {
      const enumName = enumOf(typeName, field as string);
      const values = enumName ? types.get(enumName)?.enumValues : null;
      expect(values?.length, typeName).toBeGreaterThan(0);
      for (const v of values ?? []) {
        expect(v.name).toMatch(/^[A-Z][A-Z_]*$/);
        expect(v.description, `${enumName}.${v.name}`).toMatch(/\(code [a-z_]+\/[a-z_]+\)$/);
        expect(v.description).toContain(codePart);
      }
    }
  });
});

/**
 * The fields every error has; each operation adds its families' own (a fragment on a type outside the
 * union would not validate).
 */
const ERROR_FIELDS = graphql(`fragment ErrorFields on Error { code message }`);

const NOT_FOUND = graphql(
  `mutation { updateIssueProgress(input: { issueId: "99999999", progress: 10 }) { __typename ...ErrorFields ... on NotFoundError { entity } } }`,
  [ERROR_FIELDS],
);

const PUBLISH_QUARTER = graphql(
  `mutation ($year: Int!, $quarter: Int!) { publishQuarter(year: $year, quarter: $quarter) {
    __typename ...ErrorFields ... on NotAuthorizedError { reason } ... on PublicationError { publicationRule } } }`,
  [ERROR_FIELDS],
);

const ASSIGNED_ISSUES = graphql(`{ issues(first: 1, filter: { statuses: [ASSIGNED] }) { edges { node { id } } } }`);

const CLOSE_ISSUE = graphql(
  `mutation ($id: ID!) { updateIssueProgress(input: { issueId: $id, status: CLOSED }) {
    __typename ...ErrorFields ... on ForbiddenTransitionError { fromStatus toStatus } } }`,
  [ERROR_FIELDS],
);

const CREATE_CALENDAR = graphql(
  `mutation { createCalendar(regionCode: "KZ-79", year: 2031) {
    __typename ... on MutationCreateCalendarSuccess { data { id } } ...ErrorFields ... on CalendarError { calendarRule } } }`,
  [ERROR_FIELDS],
);

const APPROVE_CALENDAR = graphql(
  `mutation ($id: ID!) { approveCalendar(calendarId: $id, maslikhatNotifiedOn: "2026-11-01") {
    __typename ...ErrorFields ... on CalendarError { calendarRule } } }`,
  [ERROR_FIELDS],
);

const HELD_MEETINGS = graphql(`{ meetings(first: 1, filter: { statuses: [HELD], regionCodes: ["KZ-19"] }) { edges { node { id } } } }`);

const CANCEL_MEETING = graphql(
  `mutation ($id: ID!) { cancelMeeting(meetingId: $id, reason: "Called off") { __typename ...ErrorFields ... on MeetingError { meetingRule } } }`,
  [ERROR_FIELDS],
);

describe('a refused request comes back as its specific type, with the code and the enum', () => {
  let admin: string;
  let akimat: string;
  let government: string;
  beforeAll(async () => {
    [admin, akimat, government] = await Promise.all([signIn(app, 'admin@jauap.demo'), signIn(app, 'akimat@jauap.demo'), signIn(app, 'government@jauap.demo')]);
  });

  it('not found', async () => {
    const res = await app.gql(NOT_FOUND, {}, { token: admin });
    expect(res.data.updateIssueProgress).toMatchObject({ __typename: 'NotFoundError', code: 'issue/not_found', entity: 'ISSUE' });
  });

  it('not signed in, and a role that may not', async () => {
    const anonymous = await app.gql(PUBLISH_QUARTER, { year: 2026, quarter: 2 });
    expect(anonymous.data.publishQuarter).toMatchObject({ __typename: 'NotAuthorizedError', code: 'auth/unauthenticated', reason: 'UNAUTHENTICATED' });
    const akimatStaff = await app.gql(PUBLISH_QUARTER, { year: 2026, quarter: 2 }, { token: akimat });
    expect(akimatStaff.data.publishQuarter).toMatchObject({ __typename: 'NotAuthorizedError', code: 'auth/forbidden', reason: 'FORBIDDEN' });
  });

  it('a step the state machine does not have', async () => {
    const list = await app.gql(ASSIGNED_ISSUES, {}, { token: admin });
    const issueId = list.data.issues.edges[0]!.node.id;
    const res = await app.gql(CLOSE_ISSUE, { id: issueId }, { token: admin });
    expect(res.data.updateIssueProgress).toMatchObject({
      __typename: 'ForbiddenTransitionError',
      code: 'issue/forbidden_transition',
      fromStatus: 'ASSIGNED',
      toStatus: 'CLOSED',
    });
  });

  it('calendar rules: a second calendar for the same year, and approving an empty one', async () => {
    const first = await app.gql(CREATE_CALENDAR, {}, { token: admin });
    const created = asType(first.data.createCalendar, 'MutationCreateCalendarSuccess');
    const again = await app.gql(CREATE_CALENDAR, {}, { token: admin });
    expect(again.data.createCalendar).toMatchObject({ __typename: 'CalendarError', code: 'calendar/already_exists', calendarRule: 'ALREADY_EXISTS' });
    const approve = await app.gql(APPROVE_CALENDAR, { id: created.data.id }, { token: admin });
    expect(approve.data.approveCalendar).toMatchObject({ __typename: 'CalendarError', code: 'calendar/empty', calendarRule: 'EMPTY' });
  });

  it('a meeting rule: a held meeting cannot be cancelled', async () => {
    const list = await app.gql(HELD_MEETINGS);
    const res = await app.gql(CANCEL_MEETING, { id: list.data.meetings.edges[0]!.node.id }, { token: akimat });
    expect(res.data.cancelMeeting).toMatchObject({ __typename: 'MeetingError', code: 'meeting/invalid_status', meetingRule: 'INVALID_STATUS' });
  });

  it('a publication rule: a quarter that has not ended', async () => {
    const res = await app.gql(PUBLISH_QUARTER, { year: 2026, quarter: 4 }, { token: government });
    expect(res.data.publishQuarter).toMatchObject({
      __typename: 'PublicationError',
      code: 'publication/quarter_not_ended',
      publicationRule: 'QUARTER_NOT_ENDED',
    });
  });
});

describe('the errors section of docs/api.md', () => {
  it('shows a query the server accepts', async () => {
    const section = readFileSync('docs/api.md', 'utf8').split('## Errors')[1] ?? '';
    const example = /```graphql\n([\s\S]+?)```/.exec(section)?.[1];
    expect(example).toBeDefined();
    // Read from the docs at run time, so sent untyped.
    const res = await app.gqlText(example!, { id: 'Q2FsZW5kYXI6OTk5OTk5' });
    expect(res.errors).toBeUndefined();
    expect((res.data as { approveCalendar: unknown }).approveCalendar).toMatchObject({ __typename: 'NotAuthorizedError', code: 'auth/unauthenticated' });
  });
});
