import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { runCommand } from '../helpers/process.ts';
import {
  DEMO_PASSWORD,
  type M,
  call,
  callByName,
  expectConsistent,
  issueIn,
  meetingInAlmatyOblast,
  signIn,
  signInAll,
  tablesHash,
  type Fixture,
  type Tokens,
} from './helpers.ts';
import { graphql } from '../helpers/graphql.ts';

const app = createTestApp({ seed: 'demo' });

// Every mutation × every role × own / other territory or organisation × anonymous. Problems are
// recorded by the Almaty oblast akimat (KZ-19) and routed to the Ministry of Energy, so:
// "akimat (own)" is akimat@jauap.demo, "akimat (other)" an akimat of the Turkistan region (KZ-61),
// "body (own)" energy@jauap.demo and "body (other)" water@jauap.demo.
const ROLES = ['anonymous', 'admin', 'akimat (own)', 'akimat (other)', 'body (own)', 'body (other)', 'government'] as const;
type Role = (typeof ROLES)[number];
const OK = 'ok';
const UNAUTH = 'auth/unauthenticated';
const FORBIDDEN = 'auth/forbidden';
const NOT_FOUND = 'issue/not_found';
const CSV_REFUSED = 'csv/invalid';

const EXPECTED: Record<string, Record<Role, string>> = {
  recordMeeting: {
    anonymous: UNAUTH,
    admin: OK,
    'akimat (own)': OK,
    'akimat (other)': FORBIDDEN,
    'body (own)': FORBIDDEN,
    'body (other)': FORBIDDEN,
    government: FORBIDDEN,
  },
  recordIssue: {
    anonymous: UNAUTH,
    admin: OK,
    'akimat (own)': OK,
    'akimat (other)': FORBIDDEN,
    'body (own)': FORBIDDEN,
    'body (other)': FORBIDDEN,
    government: FORBIDDEN,
  },
  assignIssue: {
    anonymous: UNAUTH,
    admin: OK,
    'akimat (own)': OK,
    'akimat (other)': NOT_FOUND,
    'body (own)': FORBIDDEN,
    'body (other)': FORBIDDEN,
    government: FORBIDDEN,
  },
  transferIssue: {
    anonymous: UNAUTH,
    admin: OK,
    'akimat (own)': NOT_FOUND,
    'akimat (other)': NOT_FOUND,
    'body (own)': OK,
    'body (other)': NOT_FOUND,
    government: FORBIDDEN,
  },
  updateIssueProgress: {
    anonymous: UNAUTH,
    admin: OK,
    'akimat (own)': NOT_FOUND,
    'akimat (other)': NOT_FOUND,
    'body (own)': OK,
    'body (other)': NOT_FOUND,
    government: FORBIDDEN,
  },
  bulkUpdateIssues: {
    anonymous: UNAUTH,
    admin: OK,
    'akimat (own)': CSV_REFUSED,
    'akimat (other)': CSV_REFUSED,
    'body (own)': OK,
    'body (other)': CSV_REFUSED,
    government: FORBIDDEN,
  },
  // The citizen's side: whoever holds the tracking code, signed in or not.
  confirmResolution: { anonymous: OK, admin: OK, 'akimat (own)': OK, 'akimat (other)': OK, 'body (own)': OK, 'body (other)': OK, government: OK },
  disputeResolution: { anonymous: OK, admin: OK, 'akimat (own)': OK, 'akimat (other)': OK, 'body (own)': OK, 'body (other)': OK, government: OK },
};

let tokens: Tokens;
let tokenOf: Record<Role, string | undefined>;
beforeAll(async () => {
  tokens = await signInAll(app);
  // The other akimat's account is made the way an operator would: with the CLI.
  const created = await runCommand(
    'src/cli/user-create.ts',
    ['--email', 'turkistan@example.kz', '--role', 'AKIMAT_STAFF', '--region', 'KZ-61'],
    { DATABASE_PATH: app.config.DATABASE_PATH, SEED_DEMO: 'false' },
    `${DEMO_PASSWORD}\n`,
  );
  expect(created.code, created.stderr).toBe(0);
  tokenOf = {
    anonymous: undefined,
    admin: tokens.admin,
    'akimat (own)': tokens.akimat,
    'akimat (other)': await signIn(app, 'turkistan@example.kz'),
    'body (own)': tokens.energy,
    'body (other)': tokens.water,
    government: tokens.government,
  };
});

const HEADER = 'id,title,category,region_code,unit_code,organization_code,status,resolution_plan,due_date,progress,overdue,raised_at,updated_at,public_note';

/** The arguments of each mutation, against a problem freshly made in the state the mutation needs. */
async function attempt(mutation: string, token: string | undefined) {
  let fixture: Fixture | undefined;
  let variables: Record<string, unknown>;
  switch (mutation) {
    case 'recordMeeting':
      variables = {
        input: {
          unitCode: 'KZ-19-TALGAR',
          akimUnitCode: 'KZ-19',
          startAt: '2026-11-25T05:00:00Z',
          durationMinutes: 120,
          kind: 'ON_DEMAND',
          onDemandReason: 'POPULATION_DEMAND',
        },
      };
      break;
    case 'recordIssue': {
      const { meetingId, unitCode } = await meetingInAlmatyOblast(app);
      variables = {
        input: {
          meetingId,
          unitCode,
          category: 'ROADS',
          title: 'Жол бұзылған',
          text: 'Ауылға апаратын жол бұзылған.',
          contact: { fullName: 'Тест Азамат', phone: '87015550000' },
        },
      };
      break;
    }
    case 'assignIssue':
      fixture = await issueIn(app, tokens, 'NEW');
      variables = { input: { issueId: fixture.id, organizationCode: 'MIN-ENERGY' } };
      break;
    case 'transferIssue':
      fixture = await issueIn(app, tokens, 'ASSIGNED');
      variables = { input: { issueId: fixture.id, toOrganizationCode: 'MIN-TRANSPORT', reason: 'Жол мәселесі біздің құзыретте емес' } };
      break;
    case 'updateIssueProgress':
      fixture = await issueIn(app, tokens, 'ASSIGNED');
      variables = { input: { issueId: fixture.id, status: 'IN_PROGRESS', resolutionPlan: 'Жоспар', dueDate: '2027-04-30', progress: 5 } };
      break;
    case 'bulkUpdateIssues':
      fixture = await issueIn(app, tokens, 'ASSIGNED');
      variables = { csv: `${HEADER}\n${fixture.number},,,,,,,,,20,,,,Бөлшектеп жаңартылды\n` };
      break;
    default:
      fixture = await issueIn(app, tokens, 'RESOLVED');
      variables = { code: fixture.trackingCode, ...(mutation === 'disputeResolution' ? { comment: 'Шешілмеді' } : {}) };
  }
  const before = tablesHash(app);
  const outcome = await callByName(app, mutation as keyof typeof M, variables, token);
  return { outcome, before };
}

describe('authorization matrix', () => {
  for (const [mutation, expectations] of Object.entries(EXPECTED)) {
    for (const role of ROLES) {
      const expected = expectations[role];
      it(`${mutation} by ${role}: ${expected}`, async () => {
        const { outcome, before } = await attempt(mutation, tokenOf[role]);
        if (expected === OK) {
          expect(outcome.typename, JSON.stringify(outcome)).toMatch(/Success$/);
          expectConsistent(app);
        } else {
          expect(outcome.code, JSON.stringify(outcome)).toBe(expected);
          expect(tablesHash(app), 'a refused write changed the tables').toBe(before);
        }
      });
    }
  }
});

describe('the boundaries behind the matrix', () => {
  it('a problem of another organisation answers exactly like a missing one', async () => {
    const f = await issueIn(app, tokens, 'ASSIGNED');
    const theirs = await call(app, 'updateIssueProgress', { input: { issueId: f.id, progress: 10 } }, tokens.water);
    const missing = await call(app, 'updateIssueProgress', { input: { issueId: '987654321', progress: 10 } }, tokens.water);
    expect(theirs).toEqual(missing);
  });

  it('an akimat answers for the problems routed to itself, and sees their contacts', async () => {
    const f = await issueIn(app, tokens, 'NEW');
    await call(app, 'assignIssue', { input: { issueId: f.id, organizationCode: 'AKIMAT-KZ-19' } }, tokens.akimat);
    const r = await call(
      app,
      'updateIssueProgress',
      { input: { issueId: f.id, status: 'IN_PROGRESS', resolutionPlan: 'Облыс бюджетінен', dueDate: '2027-03-31' } },
      tokens.akimat,
    );
    expect(r.data?.status).toBe('IN_PROGRESS');
  });

  it('a lower akimat acts only within its own unit', async () => {
    const created = await runCommand(
      'src/cli/user-create.ts',
      ['--email', 'talgar@example.kz', '--role', 'AKIMAT_STAFF', '--organization', 'AKIMAT-KZ-19-TALGAR'],
      { DATABASE_PATH: app.config.DATABASE_PATH, SEED_DEMO: 'false' },
      `${DEMO_PASSWORD}\n`,
    );
    expect(created.code, created.stderr).toBe(0);
    const talgar = await signIn(app, 'talgar@example.kz');
    const base = { startAt: '2026-11-25T05:00:00Z', durationMinutes: 90, kind: 'ON_DEMAND', onDemandReason: 'NECESSITY' } as const;
    const inside = await call(app, 'recordMeeting', { input: { ...base, unitCode: 'KZ-19-TALGAR-BELBULAK' } }, talgar);
    expect(inside.typename, JSON.stringify(inside)).toBe('MutationRecordMeetingSuccess');
    const before = tablesHash(app);
    const outside = await call(app, 'recordMeeting', { input: { ...base, unitCode: 'KZ-19-ILE' } }, talgar);
    expect(outside.code).toBe(FORBIDDEN);
    const higher = await call(app, 'recordMeeting', { input: { ...base, unitCode: 'KZ-19-TALGAR', akimUnitCode: 'KZ-19' } }, talgar);
    expect(higher.code).toBe(FORBIDDEN);
    expect(tablesHash(app)).toBe(before);
  });

  it('contacts are shown to the recording akimat, the responsible body and admins only', async () => {
    const f = await issueIn(app, tokens, 'ASSIGNED');
    const seen: Record<string, boolean> = {};
    for (const role of ROLES) {
      const r = await app.gql(graphql(`query ($id: ID!) { issue(id: $id) { contact { fullName } } }`), { id: f.id }, { token: tokenOf[role] });
      seen[role] = r.data.issue!.contact !== null;
    }
    expect(seen).toEqual({
      anonymous: false,
      admin: true,
      'akimat (own)': true,
      'akimat (other)': false,
      'body (own)': true,
      'body (other)': false,
      government: false,
    });
    // After a transfer the previous body no longer sees it, the new one does.
    await call(
      app,
      'transferIssue',
      { input: { issueId: f.id, toOrganizationCode: 'MIN-WATER-RESOURCES', reason: 'Су ресурстары министрлігінің ісі' } },
      tokens.energy,
    );
    const energy = await app.gql(graphql(`query ($id: ID!) { issue(id: $id) { contact { fullName } } }`), { id: f.id }, { token: tokens.energy });
    const water = await app.gql(graphql(`query ($id: ID!) { issue(id: $id) { contact { fullName } } }`), { id: f.id }, { token: tokens.water });
    expect([energy.data.issue!.contact, water.data.issue!.contact !== null]).toEqual([null, true]);
  });
});
