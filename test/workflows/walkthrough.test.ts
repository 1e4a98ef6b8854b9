import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { CITIZEN, CITIZEN_PHONE_STORED, DEMO, M, call, expectConsistent, meetingInAlmatyOblast, signIn } from './helpers.ts';
import { expectType, graphql } from '../helpers/graphql.ts';

const app = createTestApp({ seed: 'demo' });

// The issue's "Done when", as a new user would try it from the README.
describe('done when: from the akimat to the ministry to the citizen', () => {
  it('records, routes, updates, refuses another ministry and shows the citizen the plan without personal data', async () => {
    // 1. The demo akimat signs in and records a problem with the citizen's contact at a meeting.
    const akimat = await signIn(app, DEMO.akimat);
    const { meetingId, unitCode } = await meetingInAlmatyOblast(app);
    const recorded = await call(
      app,
      'recordIssue',
      {
        input: {
          meetingId,
          unitCode,
          category: 'ELECTRICITY',
          title: 'Ауылда электр жарығы жиі сөнеді',
          text: 'Кешкі уақытта электр жарығы күн сайын сөнеді, трансформатор ескі.',
          contact: CITIZEN,
        },
      },
      akimat,
    );
    expect(recorded.typename, JSON.stringify(recorded)).toBe('MutationRecordIssueSuccess');
    const code: string = recorded.data.trackingCode;
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{5}$/);
    const issueId: string = recorded.data.issue.id;
    expect(recorded.data.issue.status).toBe('NEW');

    // The recording akimat sees the contact; the phone is stored in one form.
    const staffView = await app.gql(graphql(`query ($id: ID!) { issue(id: $id) { contact { fullName phone iin } } }`), { id: issueId }, { token: akimat });
    expect(staffView.data.issue!.contact).toEqual({ fullName: CITIZEN.fullName, phone: CITIZEN_PHONE_STORED, iin: CITIZEN.iin });

    // 2. The akimat routes it to the Ministry of Energy.
    const assigned = await call(app, 'assignIssue', { input: { issueId, organizationCode: 'MIN-ENERGY' } }, akimat);
    expect(assigned.typename).toBe('MutationAssignIssueSuccess');
    expect(assigned.data).toMatchObject({ status: 'ASSIGNED', responsibleOrganization: { code: 'MIN-ENERGY' } });

    // 3. The ministry signs in and moves it to IN_PROGRESS with a plan and a deadline.
    const energy = await signIn(app, DEMO.energy);
    const plan = 'KEGOC пен облыстық желі компаниясы 2027 жылы трансформаторлық қосалқы станцияны ауыстырады.';
    const started = await call(
      app,
      'updateIssueProgress',
      { input: { issueId, status: 'IN_PROGRESS', resolutionPlan: plan, dueDate: '2027-09-30', progress: 15, publicNote: 'Жоба әзірленуде' } },
      energy,
    );
    expect(started.typename).toBe('MutationUpdateIssueProgressSuccess');
    expect(started.data).toMatchObject({ status: 'IN_PROGRESS', resolutionPlan: plan, dueDate: '2027-09-30', progress: 15 });
    const ministryView = await app.gql(graphql(`query ($id: ID!) { issue(id: $id) { contact { fullName } } }`), { id: issueId }, { token: energy });
    expect(ministryView.data.issue!.contact).toEqual({ fullName: CITIZEN.fullName });

    // 4. Another ministry fails to touch it, and the answer is the one for a missing problem.
    const water = await signIn(app, DEMO.water);
    const refused = await call(app, 'updateIssueProgress', { input: { issueId, status: 'RESOLVED', progress: 100 } }, water);
    expect(refused).toMatchObject({ typename: 'NotFoundError', code: 'issue/not_found' });
    const missing = await call(app, 'updateIssueProgress', { input: { issueId: '99999999', status: 'RESOLVED' } }, water);
    expect(missing).toEqual(refused);
    const transfer = await call(
      app,
      'transferIssue',
      { input: { issueId, toOrganizationCode: 'MIN-WATER-RESOURCES', reason: 'Бізге тиесілі емес мәселе' } },
      water,
    );
    expect(transfer.code).toBe('issue/not_found');
    const waterView = await app.gql(graphql(`query ($id: ID!) { issue(id: $id) { contact { fullName } } }`), { id: issueId }, { token: water });
    expect(waterView.data.issue!.contact).toBeNull();

    // 5. The citizen follows it anonymously with the code, typed in any case and spacing.
    const typed = code.toLowerCase().replace(/-/g, ' ');
    const tracked = await app.gql(M.trackIssue, { code: typed, lang: 'ru' });
    expectType(tracked.data.trackIssue, 'QueryTrackIssueSuccess');
    const view = tracked.data.trackIssue.data;
    expect(view).toMatchObject({ status: 'IN_PROGRESS', statusLabel: 'В работе', resolutionPlan: plan, dueDate: '2027-09-30', progress: 15 });
    expect(view.responsibleOrganization).toMatch(/энергетики/i);
    expect(view.history.map((h: any) => h.kind)).toEqual(['RECORDED', 'ASSIGNED', 'PROGRESS']);

    const anonymousIssue = await app.gql(graphql(`query ($id: ID!) { issue(id: $id) { contact { fullName phone iin } title } }`), { id: issueId });
    expect(anonymousIssue.data.issue!.contact).toBeNull();
    for (const body of [JSON.stringify(tracked), JSON.stringify(anonymousIssue)]) {
      expect(body).not.toContain(CITIZEN.fullName);
      expect(body).not.toContain('Тестова');
      expect(body).not.toContain(CITIZEN_PHONE_STORED);
      expect(body).not.toContain('701');
      expect(body).not.toContain(CITIZEN.iin);
    }
    expectConsistent(app);
  });
});
