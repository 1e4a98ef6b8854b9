import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_NOW } from '../helpers/app.ts';
import { DEMO, M, call, expectConsistent, issueIn, newIssue, signIn, signInAll, tablesHash, type Tokens } from './helpers.ts';
import { asType, graphql } from '../helpers/graphql.ts';

const app = createTestApp({ seed: 'demo' });
let tokens: Tokens;
beforeAll(async () => {
  tokens = await signInAll(app);
});
afterEach(() => app.clock.set(TEST_NOW));

const RESPONSIVENESS = graphql(`query ($code: String!) { responsiveness(organizationCode: $code) { organization { code }
  responsiveness { open overdue resolved declined disputed medianDaysToResolution shareUpdatedThisQuarter } } }`);
async function responsiveness(code: string) {
  const res = await app.gql(RESPONSIVENESS, { code });
  expect(res.errors).toBeUndefined();
  return res.data.responsiveness!.responsiveness;
}
const track = async (code: string) => asType((await app.gql(M.trackIssue, { code, lang: 'en' })).data.trackIssue, 'QueryTrackIssueSuccess').data;

describe('transfers: "not our competence"', () => {
  it('hands the problem on with a public reason; the new body starts afresh but the deadline stands', async () => {
    const f = await issueIn(app, tokens, 'IN_PROGRESS');
    const r = await call(
      app,
      'transferIssue',
      { input: { issueId: f.id, toOrganizationCode: 'MIN-WATER-RESOURCES', reason: 'Ауыз су құбыры Су ресурстары министрлігінің құзыретінде' } },
      tokens.energy,
    );
    expect(r.typename, JSON.stringify(r)).toBe('MutationTransferIssueSuccess');
    expect(r.data).toMatchObject({
      status: 'ASSIGNED',
      progress: 0,
      resolutionPlan: null,
      dueDate: '2027-06-30',
      transferCount: 1,
      bounced: false,
      responsibleOrganization: { code: 'MIN-WATER-RESOURCES' },
    });
    // The previous body no longer answers for it: to it, the problem is as good as missing.
    const late = await call(app, 'updateIssueProgress', { input: { issueId: f.id, progress: 50 } }, tokens.energy);
    expect(late.code).toBe('issue/not_found');
    // The whole chain is public.
    const view = await track(f.trackingCode);
    expect(view.routing).toHaveLength(2);
    expect(view.routing[1]).toMatchObject({ reason: expect.stringContaining('құзыретінде'), fromOrganization: expect.stringMatching(/Energy/) });
    expect(view.history.at(-1)).toMatchObject({ kind: 'TRANSFERRED', organization: expect.stringMatching(/Energy/), status: 'ASSIGNED' });
    expectConsistent(app);
  });

  it('a problem sent back to a body that passed it on is flagged as bounced', async () => {
    const f = await issueIn(app, tokens, 'ASSIGNED');
    const there = await call(
      app,
      'transferIssue',
      { input: { issueId: f.id, toOrganizationCode: 'MIN-WATER-RESOURCES', reason: 'Су құбыры біздің құзыретте емес' } },
      tokens.energy,
    );
    expect(there.data.bounced).toBe(false);
    const back = await call(
      app,
      'transferIssue',
      { input: { issueId: f.id, toOrganizationCode: 'MIN-ENERGY', reason: 'Электр желісі мәселесі, бізге емес' } },
      tokens.water,
    );
    expect(back.data).toMatchObject({ bounced: true, transferCount: 2, responsibleOrganization: { code: 'MIN-ENERGY' } });
    const assignments = app.db.$client
      .prepare(`select ended_at from issue_assignments a join issues i on i.id = a.issue_id where i.id = ? order by a.id`)
      .all(f.number) as { ended_at: string | null }[];
    expect(assignments.map((a) => a.ended_at === null)).toEqual([false, false, true]);
    expectConsistent(app);
  });

  it('needs another body, a known one, and a real reason; nothing is written otherwise', async () => {
    const f = await issueIn(app, tokens, 'ASSIGNED');
    const before = tablesHash(app);
    const same = await call(
      app,
      'transferIssue',
      { input: { issueId: f.id, toOrganizationCode: 'MIN-ENERGY', reason: 'Біздікі емес, басқаға' } },
      tokens.energy,
    );
    expect(same.problems?.[0]?.path).toBe('toOrganizationCode');
    const unknown = await call(
      app,
      'transferIssue',
      { input: { issueId: f.id, toOrganizationCode: 'MIN-NOTHING', reason: 'Біздікі емес, басқаға' } },
      tokens.energy,
    );
    expect(unknown.code).toBe('organization/not_found');
    const short = await call(app, 'transferIssue', { input: { issueId: f.id, toOrganizationCode: 'MIN-WATER-RESOURCES', reason: 'жоқ' } }, tokens.energy);
    expect(short.problems?.[0]?.path).toBe('reason');
    expect(tablesHash(app)).toBe(before);
  });

  it('a resolved problem cannot be passed on', async () => {
    const f = await issueIn(app, tokens, 'RESOLVED');
    const r = await call(
      app,
      'transferIssue',
      { input: { issueId: f.id, toOrganizationCode: 'MIN-WATER-RESOURCES', reason: 'Біздікі емес, басқаға' } },
      tokens.energy,
    );
    expect(r.code).toBe('issue/forbidden_transition');
  });
});

describe('disputes', () => {
  it('reopen the problem, count against the body and stay in the public history', async () => {
    const before = await responsiveness('MIN-ENERGY');
    const f = await issueIn(app, tokens, 'RESOLVED');
    const r = await call(app, 'disputeResolution', { code: f.trackingCode, comment: 'Су әлі жоқ' });
    expect(r.data.status).toBe('REOPENED');
    const issue = await app.gql(graphql(`query ($id: ID!) { issue(id: $id) { status disputeCount resolvedAt } }`), { id: f.id });
    expect(issue.data.issue).toEqual({ status: 'REOPENED', disputeCount: 1, resolvedAt: null });
    const view = await track(f.trackingCode);
    expect(view.history.at(-1)).toMatchObject({ kind: 'DISPUTED', publicNote: 'Су әлі жоқ', status: 'REOPENED' });

    // The body resolves again; a second dispute counts again.
    await call(app, 'updateIssueProgress', { input: { issueId: f.id, status: 'RESOLVED', publicNote: 'Қайта тексерілді' } }, tokens.energy);
    await call(app, 'disputeResolution', { code: f.trackingCode });
    const again = await app.gql(graphql(`query ($id: ID!) { issue(id: $id) { disputeCount } }`), { id: f.id });
    expect(again.data.issue!.disputeCount).toBe(2);
    const after = await responsiveness('MIN-ENERGY');
    expect(after.disputed - before.disputed).toBe(2);

    // Even after the body passes it on, the disputes stay against it.
    await call(
      app,
      'transferIssue',
      { input: { issueId: f.id, toOrganizationCode: 'MIN-WATER-RESOURCES', reason: 'Су құбыры басқа министрліктің ісі' } },
      tokens.energy,
    );
    expect((await responsiveness('MIN-ENERGY')).disputed).toBe(after.disputed);
    expectConsistent(app);
  });

  it('a dispute comment is checked like any public text', async () => {
    const f = await issueIn(app, tokens, 'RESOLVED');
    const before = tablesHash(app);
    const r = await call(app, 'disputeResolution', { code: f.trackingCode, comment: 'x'.repeat(1001) });
    expect(r.code).toBe('input/invalid');
    expect(tablesHash(app)).toBe(before);
  });
});

describe('overdue', () => {
  it('is past the deadline in Kazakhstan time and not finished', async () => {
    const f = await issueIn(app, tokens, 'ASSIGNED');
    await call(app, 'updateIssueProgress', { input: { issueId: f.id, status: 'IN_PROGRESS', resolutionPlan: 'Жоспар', dueDate: '2026-12-01' } }, tokens.energy);
    const overdue = async () => (await app.gql(graphql(`query ($id: ID!) { issue(id: $id) { overdue } }`), { id: f.id })).data.issue!.overdue;
    expect(await overdue()).toBe(false);
    const baseline = (await responsiveness('MIN-ENERGY')).overdue;

    app.clock.set('2026-12-01T18:59:00.000Z'); // 23:59 on 1 December in Kazakhstan: still the due day
    expect(await overdue()).toBe(false);
    app.clock.set('2026-12-01T19:00:00.000Z'); // 00:00 on 2 December in Kazakhstan
    expect(await overdue()).toBe(true);
    expect((await track(f.trackingCode)).overdue).toBe(true);
    expect((await responsiveness('MIN-ENERGY')).overdue).toBe(baseline + 1);
    const filtered = await app.gql(graphql(`{ issues(first: 100, filter: { overdue: true }) { edges { node { number } } } }`));
    expect(filtered.data.issues.edges.map((e: any) => e.node.number)).toContain(f.number);

    // Resolving it ends the overdue state even though the date has passed.
    await call(app, 'updateIssueProgress', { input: { issueId: f.id, status: 'RESOLVED' } }, tokens.energy);
    expect(await overdue()).toBe(false);
    expect((await responsiveness('MIN-ENERGY')).overdue).toBe(baseline);
  });
});

describe('responsiveness', () => {
  it('counts, the median days to resolution and the share updated this quarter, per body', async () => {
    // The Ministry of Defence holds no demo problems: every number below is ours.
    expect(await responsiveness('MIN-DEFENCE')).toEqual({
      open: 0,
      overdue: 0,
      resolved: 0,
      declined: 0,
      disputed: 0,
      medianDaysToResolution: null,
      shareUpdatedThisQuarter: null,
    });
    const made = [];
    for (let i = 0; i < 5; i++) {
      const f = await newIssue(app, tokens.akimat, `Мәселе ${i}`);
      await call(app, 'assignIssue', { input: { issueId: f.id, organizationCode: 'MIN-DEFENCE' } }, tokens.akimat);
      made.push(f);
    }
    // Routed at TEST_NOW; resolved 2, 5 and 10 days later by an admin acting for the body.
    for (const [index, days] of [
      [0, 2],
      [1, 5],
      [2, 10],
    ] as const) {
      app.clock.set(new Date(Date.parse(TEST_NOW) + days * 86_400_000).toISOString());
      const id = made[index]!.id;
      await call(app, 'updateIssueProgress', { input: { issueId: id, status: 'IN_PROGRESS', resolutionPlan: 'Жоспар', dueDate: '2027-01-31' } }, tokens.admin);
      await call(app, 'updateIssueProgress', { input: { issueId: id, status: 'RESOLVED' } }, tokens.admin);
    }
    // One of the two open problems gets an update from the body this quarter.
    await call(
      app,
      'updateIssueProgress',
      { input: { issueId: made[3]!.id, status: 'IN_PROGRESS', resolutionPlan: 'Жоспар', dueDate: '2027-01-31' } },
      tokens.admin,
    );
    expect(await responsiveness('MIN-DEFENCE')).toEqual({
      open: 2,
      overdue: 0,
      resolved: 3,
      declined: 0,
      disputed: 0,
      medianDaysToResolution: 5,
      shareUpdatedThisQuarter: 0.5,
    });
    // An even number of resolutions: the median is the mean of the middle two.
    app.clock.set(new Date(Date.parse(TEST_NOW) + 20 * 86_400_000).toISOString());
    // Sessions last 14 days: sign in again.
    const admin = await signIn(app, DEMO.admin);
    const fourth = await call(app, 'updateIssueProgress', { input: { issueId: made[3]!.id, status: 'RESOLVED' } }, admin);
    expect(fourth.typename, JSON.stringify(fourth)).toBe('MutationUpdateIssueProgressSuccess');
    const r = await responsiveness('MIN-DEFENCE');
    expect(r.medianDaysToResolution).toBe(7.5);
    // A new quarter begins on 1 January in Kazakhstan: nothing updated in it yet.
    app.clock.set('2026-12-31T19:00:00.000Z');
    expect((await responsiveness('MIN-DEFENCE')).shareUpdatedThisQuarter).toBe(0);
  });

  it('is a field of every Organization, computed for a whole list in one statement', async () => {
    app.resetQueries();
    const res = await app.gql(
      graphql(`{ organizations(kind: [CENTRAL_EXECUTIVE_BODY, NATIONAL_HOLDING, NATIONAL_COMPANY]) { code responsiveness { open resolved } } }`),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.organizations.length).toBeGreaterThan(30);
    expect(app.queries.filter((q) => q.includes('json_each'))).toHaveLength(1);
    const defence = res.data.organizations.find((o: any) => o.code === 'MIN-DEFENCE');
    expect(defence!.responsiveness).toEqual({ open: 1, resolved: 4 });
    expect((await app.gql(RESPONSIVENESS, { code: 'NO-SUCH-BODY' })).data.responsiveness).toBeNull();
  });
});
