import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_NOW } from '../helpers/app.ts';
import { serveHttp } from '../helpers/http.ts';
import { COLLECT } from '../publication/helpers.ts';
import { StaffClient } from '../staff/helpers.ts';
import { call, DEMO, issueIn, newIssue, signInAll, tablesHash, type Fixture, type Tokens } from './helpers.ts';
import { asType, errorCode, expectType, graphql, type VariablesOf } from '../helpers/graphql.ts';

// "Needs a central decision" after assignment: who may set or clear it, the typed refusals, the
// history, a transfer keeping it, and a collection round reading it as it stood at the cutoff.

const app = createTestApp();
let tokens: Tokens;

const SET = graphql(`mutation ($input: SetCentralDecisionInput!) { setCentralDecision(input: $input) { __typename
  ... on Error { code message } ... on InvalidInputError { problems { path message } }
  ... on MutationSetCentralDecisionSuccess { data { needsCentralDecision centralDecisionProposal responsibleOrganization { code } version } } } }`);

async function setFlag(token: string | undefined, input: VariablesOf<typeof SET>['input']) {
  const res = await app.gql(SET, { input }, { token });
  if (res.errors?.length) return { typename: 'GraphQLError', code: res.errors[0]!.message, data: undefined, problems: undefined };
  const r = res.data.setCentralDecision;
  return { typename: r.__typename, code: errorCode(r), data: 'data' in r ? r.data : undefined, problems: 'problems' in r ? r.problems : undefined };
}

const historyNode = async (id: string) =>
  (
    await app.gql(
      graphql(
        `query ($id: ID!) { node(id: $id) { __typename ... on Issue { updates { kind needsCentralDecision centralDecisionProposal publicNote organization { code } } } } }`,
      ),
      { id },
    )
  ).data.node;
const history = async (id: string) => asType(await historyNode(id), 'Issue').updates;

let assigned: Fixture;

beforeAll(async () => {
  tokens = await signInAll(app);
  assigned = await issueIn(app, tokens, 'ASSIGNED', 'Ауылға газ құбыры тартылмаған');
});

describe('setting the central-decision flag after assignment', () => {
  it('lets the responsible body set it, with the proposal and a public reason in the history', async () => {
    const r = await setFlag(tokens.energy, {
      issueId: assigned.id,
      needsCentralDecision: true,
      proposal: 'Республикалық бюджеттен газ құбырына қаржы бөлу',
      reason: 'Құбыр құрылысы облыс бюджетінің мүмкіндігінен асады',
    });
    expect(r.typename, JSON.stringify(r)).toBe('MutationSetCentralDecisionSuccess');
    expect(r.data).toMatchObject({ needsCentralDecision: true, centralDecisionProposal: 'Республикалық бюджеттен газ құбырына қаржы бөлу' });
    // Newest first.
    const last = (await history(assigned.id))[0]!;
    expect(last).toEqual({
      kind: 'CENTRAL_DECISION',
      needsCentralDecision: true,
      centralDecisionProposal: 'Республикалық бюджеттен газ құбырына қаржы бөлу',
      publicNote: 'Құбыр құрылысы облыс бюджетінің мүмкіндігінен асады',
      organization: { code: 'MIN-ENERGY' },
    });
    // The assignment entry carries the flag as routed (none).
    expect((await history(assigned.id)).find((u) => u.kind === 'ASSIGNED')?.needsCentralDecision).toBe(false);
  });

  it('lets the akimat that recorded it clear it; other bodies, the Government and the public may not', async () => {
    const before = tablesHash(app);
    const input = { issueId: assigned.id, needsCentralDecision: false, reason: 'Облыс бюджетінен қаржы табылды' };
    expect((await setFlag(tokens.water, input)).code).toBe('issue/not_found');
    expect((await setFlag(tokens.government, input)).code).toBe('auth/forbidden');
    expect((await setFlag(undefined, input)).typename).not.toBe('MutationSetCentralDecisionSuccess');
    expect(tablesHash(app)).toBe(before);
    const cleared = await setFlag(tokens.akimat, input);
    expect(cleared.typename, JSON.stringify(cleared)).toBe('MutationSetCentralDecisionSuccess');
    expect(cleared.data).toMatchObject({ needsCentralDecision: false, centralDecisionProposal: null });
    expect((await history(assigned.id))[0]).toMatchObject({ kind: 'CENTRAL_DECISION', needsCentralDecision: false, organization: { code: 'AKIMAT-KZ-19' } });
  });

  it('refuses bad input, a NEW or finished problem, no change and a stale version with typed errors, writing nothing', async () => {
    const fresh = await newIssue(app, tokens.akimat, 'Мектепке жол жоқ');
    const resolved = await issueIn(app, tokens, 'RESOLVED', 'Көшеде шам жоқ');
    const before = tablesHash(app);
    const noProposal = await setFlag(tokens.energy, { issueId: assigned.id, needsCentralDecision: true, reason: 'Себебі жеткілікті ұзын' });
    expect(noProposal.typename).toBe('InvalidInputError');
    expect(noProposal.problems?.map((p) => p.path)).toContain('proposal');
    const proposalWithoutFlag = await setFlag(tokens.energy, {
      issueId: assigned.id,
      needsCentralDecision: false,
      proposal: 'Бір ұсыныс',
      reason: 'Себебі жеткілікті ұзын',
    });
    expect(proposalWithoutFlag.problems?.map((p) => p.path)).toContain('proposal');
    const shortReason = await setFlag(tokens.energy, { issueId: assigned.id, needsCentralDecision: true, proposal: 'Ұсыныс', reason: 'қысқа' });
    expect(shortReason.problems?.map((p) => p.path)).toContain('reason');
    expect((await setFlag(tokens.akimat, { issueId: fresh.id, needsCentralDecision: true, proposal: 'Ұсыныс', reason: 'Себебі жеткілікті ұзын' })).code).toBe(
      'issue/central_decision_not_open',
    );
    expect(
      (await setFlag(tokens.energy, { issueId: resolved.id, needsCentralDecision: true, proposal: 'Ұсыныс', reason: 'Себебі жеткілікті ұзын' })).code,
    ).toBe('issue/central_decision_not_open');
    const same = await setFlag(tokens.energy, { issueId: assigned.id, needsCentralDecision: false, reason: 'Себебі жеткілікті ұзын' });
    expect(same.problems?.map((p) => p.path)).toContain('needsCentralDecision');
    const stale = await setFlag(tokens.energy, {
      issueId: assigned.id,
      needsCentralDecision: true,
      proposal: 'Ұсыныс',
      reason: 'Себебі жеткілікті ұзын',
      version: 1,
    });
    expect(stale.typename).toBe('IssueConflictError');
    expect(tablesHash(app)).toBe(before);
  });
});

describe('transfers and collection rounds', () => {
  it('keeps the flag on a transfer, and a round lists every problem flagged at its cutoff, from the history', async () => {
    app.clock.set(TEST_NOW);
    const transferred = await issueIn(app, tokens, 'IN_PROGRESS', 'Елді мекенге газ жеткізілмеген');
    const clearedLater = await issueIn(app, tokens, 'IN_PROGRESS', 'Ауылда газ қысымы төмен');
    const flaggedLater = await issueIn(app, tokens, 'IN_PROGRESS', 'Ауылға жаңа қосалқы станса керек');

    // Sessions last 14 days: sign in again whenever the clock jumps.
    app.clock.set('2027-01-10T06:00:00.000Z');
    tokens = await signInAll(app);
    for (const f of [transferred, clearedLater]) {
      const r = await setFlag(tokens.energy, {
        issueId: f.id,
        needsCentralDecision: true,
        proposal: `Ұсыныс № ${f.number}`,
        reason: 'Республикалық деңгейдегі шешім керек',
      });
      expect(r.typename, JSON.stringify(r)).toBe('MutationSetCentralDecisionSuccess');
    }
    // Passed on to the akimat: the flag stays, and the problem stays in the rounds.
    const moved = await call(
      app,
      'transferIssue',
      { input: { issueId: transferred.id, toOrganizationCode: 'AKIMAT-KZ-19', reason: 'Жергілікті желі облыс әкімдігінің құзыретінде' } },
      tokens.energy,
    );
    expect(moved.typename, JSON.stringify(moved)).toBe('MutationTransferIssueSuccess');
    expect(moved.data).toMatchObject({ needsCentralDecision: true, responsibleOrganization: { code: 'AKIMAT-KZ-19' } });

    // After the 15 February 2027 cutoff: one flag cleared, another set. The round must not see either change.
    app.clock.set('2027-02-20T06:00:00.000Z');
    tokens = await signInAll(app);
    expect(
      (await setFlag(tokens.energy, { issueId: clearedLater.id, needsCentralDecision: false, reason: 'Мәселе жергілікті деңгейде шешілді' })).typename,
    ).toBe('MutationSetCentralDecisionSuccess');
    expect(
      (
        await setFlag(tokens.energy, {
          issueId: flaggedLater.id,
          needsCentralDecision: true,
          proposal: 'Жаңа ұсыныс',
          reason: 'Республикалық деңгейдегі шешім керек',
        })
      ).typename,
    ).toBe('MutationSetCentralDecisionSuccess');

    const collected = await app.gql(COLLECT, { y: 2027, h: 1 }, { token: tokens.government });
    expectType(collected.data.collectRound, 'MutationCollectRoundSuccess', JSON.stringify(collected));
    const items = app.db.$client
      .prepare(
        `select i.issue_id as id, i.proposal from collection_round_items i join collection_rounds r on r.id = i.round_id where r.year = 2027 and r.half = 1`,
      )
      .all() as { id: number; proposal: string | null }[];
    const byId = new Map(items.map((i) => [i.id, i.proposal]));
    expect(byId.get(transferred.number)).toBe(`Ұсыныс № ${transferred.number}`);
    expect(byId.get(clearedLater.number)).toBe(`Ұсыныс № ${clearedLater.number}`);
    expect(byId.has(flaggedLater.number)).toBe(false);
  });
});

describe('the staff console form', () => {
  it('sets and clears the flag from the problem page, and explains a refusal', async () => {
    app.clock.set(TEST_NOW);
    tokens = await signInAll(app);
    const fixture = await issueIn(app, tokens, 'ASSIGNED', 'Ауылдағы су мұнарасы ескірген');
    const http = await serveHttp(app);
    const staff = new StaffClient(http.base);
    await staff.signIn(DEMO.energy);
    const page = `/en/staff/issues/${fixture.number}`;
    expect((await staff.get(page)).body).toContain('id="central-heading"');
    const version = () => String((app.db.$client.prepare('select version from issues where id = ?').get(fixture.number) as { version: number }).version);

    const refused = await staff.submit(page, `${page}/central`, {
      version: version(),
      needsCentralDecision: 'yes',
      proposal: '',
      reason: 'Республикалық қаржы керек',
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('Proposal (required with the flag)');

    const saved = await staff.submit(page, `${page}/central`, {
      version: version(),
      needsCentralDecision: 'yes',
      proposal: 'Су мұнарасын республикалық бағдарламаға енгізу',
      reason: 'Республикалық қаржы керек',
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`${page}?saved=central`);
    const after = await staff.get(`${page}?saved=central`);
    expect(after.body).toContain('The central-decision flag was saved');
    expect(after.body).toContain('Су мұнарасын республикалық бағдарламаға енгізу');
    expect(after.body).toContain('Need for a central-level decision changed');

    const cleared = await staff.submit(page, `${page}/central`, {
      version: version(),
      proposal: 'Су мұнарасын республикалық бағдарламаға енгізу',
      reason: 'Облыс бюджетінен қаржы бөлінді',
    });
    expect(cleared.status).toBe(303);
    expect(
      app.db.$client.prepare('select needs_central_decision as flag, central_decision_proposal as proposal from issues where id = ?').get(fixture.number),
    ).toEqual({ flag: 0, proposal: null });
  });
});
