import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { call, expectConsistent, issueIn, newIssue, signInAll, tablesHash, type Fixture, type Tokens } from './helpers.ts';

const app = createTestApp({ seed: 'demo' });
let tokens: Tokens;
beforeAll(async () => {
  tokens = await signInAll(app);
});

const STATUSES = ['NEW', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'REOPENED', 'DECLINED'] as const;
type Status = (typeof STATUSES)[number];

/** The statuses the responsible body may set with updateIssueProgress, from each status (the README's table). */
const BODY_MAY_SET: Record<Status, Status[]> = {
  NEW: [],
  ASSIGNED: ['ASSIGNED', 'IN_PROGRESS', 'DECLINED'],
  IN_PROGRESS: ['IN_PROGRESS', 'RESOLVED', 'DECLINED'],
  RESOLVED: [],
  CLOSED: [],
  REOPENED: ['REOPENED', 'IN_PROGRESS', 'RESOLVED', 'DECLINED'],
  DECLINED: [],
};

/** A problem in any status, made through the API only. */
async function issueWithStatus(status: Status): Promise<Fixture> {
  switch (status) {
    case 'NEW':
    case 'ASSIGNED':
    case 'IN_PROGRESS':
    case 'RESOLVED':
      return issueIn(app, tokens, status);
    case 'CLOSED':
    case 'REOPENED': {
      const f = await issueIn(app, tokens, 'RESOLVED');
      const r = await call(app, status === 'CLOSED' ? 'confirmResolution' : 'disputeResolution', { code: f.trackingCode });
      expect(r.data?.status).toBe(status);
      return f;
    }
    case 'DECLINED': {
      const f = await issueIn(app, tokens, 'ASSIGNED');
      const r = await call(app, 'updateIssueProgress', { input: { issueId: f.id, status: 'DECLINED', publicNote: 'Қаржы жоқ' } }, tokens.energy);
      expect(r.data?.status).toBe('DECLINED');
      return f;
    }
  }
}

describe('the state machine of updateIssueProgress', () => {
  for (const from of STATUSES) {
    for (const to of STATUSES) {
      const allowed = BODY_MAY_SET[from].includes(to);
      it(`${from} -> ${to} is ${allowed ? 'allowed' : 'refused'}`, async () => {
        const f = await issueWithStatus(from);
        const before = tablesHash(app);
        // Everything any transition could need, so only the table decides.
        const input = {
          issueId: f.id,
          status: to,
          resolutionPlan: 'Жоспар: 2027 жылы жөндеу',
          dueDate: '2027-12-31',
          progress: to === 'RESOLVED' ? 100 : 40,
          publicNote: 'Түсініктеме',
        };
        const r = await call(app, 'updateIssueProgress', { input }, tokens.admin);
        if (allowed) {
          expect(r.typename, JSON.stringify(r)).toBe('MutationUpdateIssueProgressSuccess');
          expect(r.data.status).toBe(to);
        } else {
          expect(r).toMatchObject({ typename: 'ForbiddenTransitionError', code: 'issue/forbidden_transition' });
          expect(tablesHash(app)).toBe(before);
        }
      });
    }
  }

  it('keeps the history consistent after all of it', () => expectConsistent(app));
});

describe('what each step needs', () => {
  it('IN_PROGRESS needs a plan and a deadline', async () => {
    const f = await issueIn(app, tokens, 'ASSIGNED');
    const r = await call(app, 'updateIssueProgress', { input: { issueId: f.id, status: 'IN_PROGRESS' } }, tokens.energy);
    expect(r.code).toBe('input/invalid');
    expect(r.problems?.map((p) => p.path).sort()).toEqual(['dueDate', 'resolutionPlan']);
  });

  it('a deadline set by the akimat at routing counts; the plan is still needed', async () => {
    const f = await newIssue(app, tokens.akimat);
    const a = await call(app, 'assignIssue', { input: { issueId: f.id, organizationCode: 'MIN-ENERGY', dueDate: '2027-03-31' } }, tokens.akimat);
    expect(a.data.dueDate).toBe('2027-03-31');
    const r = await call(app, 'updateIssueProgress', { input: { issueId: f.id, status: 'IN_PROGRESS' } }, tokens.energy);
    expect(r.problems?.map((p) => p.path)).toEqual(['resolutionPlan']);
    const ok = await call(app, 'updateIssueProgress', { input: { issueId: f.id, status: 'IN_PROGRESS', resolutionPlan: 'Жоспар' } }, tokens.energy);
    expect(ok.data).toMatchObject({ status: 'IN_PROGRESS', dueDate: '2027-03-31' });
  });

  it('DECLINED needs a public note explaining why', async () => {
    const f = await issueIn(app, tokens, 'IN_PROGRESS');
    const r = await call(app, 'updateIssueProgress', { input: { issueId: f.id, status: 'DECLINED' } }, tokens.energy);
    expect(r.problems).toEqual([{ path: 'publicNote', message: expect.stringMatching(/why/) }]);
  });

  it('RESOLVED means 100 percent: given as less it is refused, not given it is set', async () => {
    const f = await issueIn(app, tokens, 'IN_PROGRESS');
    const partial = await call(app, 'updateIssueProgress', { input: { issueId: f.id, status: 'RESOLVED', progress: 90 } }, tokens.energy);
    expect(partial.problems?.[0]?.path).toBe('progress');
    const done = await call(app, 'updateIssueProgress', { input: { issueId: f.id, status: 'RESOLVED' } }, tokens.energy);
    expect(done.data).toMatchObject({ status: 'RESOLVED', progress: 100 });
  });

  it('a new deadline cannot be in the past (Kazakhstan time)', async () => {
    const f = await issueIn(app, tokens, 'IN_PROGRESS');
    const r = await call(app, 'updateIssueProgress', { input: { issueId: f.id, dueDate: '2026-11-26' } }, tokens.energy);
    expect(r.problems?.[0]).toMatchObject({ path: 'dueDate', message: expect.stringMatching(/past/) });
    const today = await call(app, 'updateIssueProgress', { input: { issueId: f.id, dueDate: '2026-11-27' } }, tokens.energy);
    expect(today.data.dueDate).toBe('2026-11-27');
  });

  it('an update with nothing in it is refused', async () => {
    const f = await issueIn(app, tokens, 'IN_PROGRESS');
    const r = await call(app, 'updateIssueProgress', { input: { issueId: f.id } }, tokens.energy);
    expect(r.code).toBe('input/invalid');
  });

  it('assignIssue routes NEW problems only', async () => {
    const f = await issueIn(app, tokens, 'ASSIGNED');
    const r = await call(app, 'assignIssue', { input: { issueId: f.id, organizationCode: 'MIN-WATER-RESOURCES' } }, tokens.akimat);
    expect(r.code).toBe('issue/forbidden_transition');
  });

  it('the central-level flag needs a proposal and a central body', async () => {
    const f = await newIssue(app, tokens.akimat);
    const noProposal = await call(app, 'assignIssue', { input: { issueId: f.id, organizationCode: 'MIN-ENERGY', needsCentralDecision: true } }, tokens.akimat);
    expect(noProposal.problems?.[0]?.path).toBe('centralDecisionProposal');
    const toAkimat = await call(
      app,
      'assignIssue',
      { input: { issueId: f.id, organizationCode: 'AKIMAT-KZ-19', needsCentralDecision: true, centralDecisionProposal: 'Республикалық бюджеттен қаржы бөлу' } },
      tokens.akimat,
    );
    expect(toAkimat.problems?.[0]?.path).toBe('organizationCode');
    const ok = await call(
      app,
      'assignIssue',
      { input: { issueId: f.id, organizationCode: 'MIN-ENERGY', needsCentralDecision: true, centralDecisionProposal: 'Республикалық бюджеттен қаржы бөлу' } },
      tokens.akimat,
    );
    expect(ok.data).toMatchObject({ needsCentralDecision: true, centralDecisionProposal: 'Республикалық бюджеттен қаржы бөлу' });
  });

  it('the citizen confirms or disputes only a RESOLVED problem, and only once', async () => {
    const f = await issueIn(app, tokens, 'IN_PROGRESS');
    expect((await call(app, 'confirmResolution', { code: f.trackingCode })).code).toBe('issue/forbidden_transition');
    expect((await call(app, 'disputeResolution', { code: f.trackingCode })).code).toBe('issue/forbidden_transition');
    await call(app, 'updateIssueProgress', { input: { issueId: f.id, status: 'RESOLVED' } }, tokens.energy);
    expect((await call(app, 'confirmResolution', { code: f.trackingCode })).data.status).toBe('CLOSED');
    expect((await call(app, 'disputeResolution', { code: f.trackingCode })).code).toBe('issue/forbidden_transition');
    expect((await call(app, 'confirmResolution', { code: f.trackingCode })).code).toBe('issue/forbidden_transition');
  });
});
