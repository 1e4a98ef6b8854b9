import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { graphql } from '../helpers/graphql.ts';

const app = createTestApp({ seed: 'demo' });

const ISSUES_PAGE = graphql(`
  query Issues($filter: IssueFilter, $first: Int, $after: String, $orderBy: IssueOrder) {
    issues(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id number status category dueDate overdue raisedAt needsCentralDecision
        region { code } responsibleOrganization { id code kind } meeting { id } } }
    }
  }`);

async function allIssues(filter: Record<string, unknown> = {}) {
  const nodes: any[] = [];
  let after: string | null = null;
  let totalCount = -1;
  for (;;) {
    const res: any = await app.gql(ISSUES_PAGE, { filter, first: 100, after });
    expect(res.errors).toBeUndefined();
    totalCount = res.data.issues.totalCount;
    nodes.push(...res.data.issues.edges.map((e: any) => e.node));
    if (!res.data.issues.pageInfo.hasNextPage) break;
    after = res.data.issues.pageInfo.endCursor;
  }
  return { nodes, totalCount };
}

describe('the README queries', () => {
  it('lists the 20 regions with their names', async () => {
    const res = await app.gql(graphql('{ regions { code name } }'));
    expect(res.errors).toBeUndefined();
    expect(res.data.regions).toHaveLength(20);
    expect(res.data.regions.find((r: any) => r.code === 'KZ-71')?.name).toMatch(/^Астана/);
  });

  it('pages problems with their responsible organisation', async () => {
    const res = await app.gql(graphql('{ issues(first: 5) { totalCount edges { node { id title status dueDate responsibleOrganization { name kind } } } } }'));
    expect(res.errors).toBeUndefined();
    expect(res.data.issues.totalCount).toBeGreaterThanOrEqual(300);
    expect(res.data.issues.edges).toHaveLength(5);
  });
});

describe('geography and organisations', () => {
  it('finds a region by code, in every language, with its districts', async () => {
    const res = await app.gql(graphql(`{ region(code: "kz-19") { code kind kk: name(lang: kk) ru: name(lang: ru) en: name(lang: en) units { code kind } } }`));
    expect(res.data.region).toMatchObject({ code: 'KZ-19', kind: 'OBLAST', kk: 'Алматы облысы', ru: 'Алматинская область' });
    expect(res.data.region!.units.length).toBeGreaterThan(5);
    expect(res.data.region!.units.every((u: any) => u.code.startsWith('KZ-19-'))).toBe(true);
  });

  it('answers null for an unknown region and for a unit code given to region()', async () => {
    const res = await app.gql(graphql('{ a: region(code: "KZ-00") { code } b: region(code: "KZ-71-ESIL") { code } }'));
    expect(res.data).toEqual({ a: null, b: null });
  });

  it('uses Accept-Language for names when no lang is given', async () => {
    const res = await app.gql(graphql('{ region(code: "KZ-19") { name } }'), {}, { lang: 'en-US,en;q=0.9' });
    expect(res.data.region!.name).toBe('Almaty Region');
  });

  it('filters organisations by kind and finds one by id and by code', async () => {
    const res = await app.gql(graphql('{ organizations(kind: [NATIONAL_HOLDING]) { id code kind } }'));
    expect(res.data.organizations.length).toBeGreaterThanOrEqual(2);
    expect(res.data.organizations.every((o: any) => o.kind === 'NATIONAL_HOLDING')).toBe(true);
    const first = res.data.organizations[0];
    const byId = await app.gql(graphql('query ($id: ID!) { organization(id: $id) { code } node(id: $id) { id } }'), { id: first!.id });
    expect(byId.data.organization?.code).toBe(first!.code);
    expect(byId.data.node!.id).toBe(first!.id);
    const byCode = await app.gql(graphql('{ organization(code: "akimat-kz-19") { kind unit { code } } }'));
    expect(byCode.data.organization).toEqual({ kind: 'LOCAL_EXECUTIVE_BODY', unit: { code: 'KZ-19' } });
  });
});

describe('meetings', () => {
  it('pages meetings and filters them by region and status', async () => {
    const res = await app.gql(
      graphql(`{
      all: meetings(first: 100) { totalCount }
      almaty: meetings(first: 100, filter: { regionCodes: ["KZ-19"], statuses: [HELD] }) {
        totalCount edges { node { id status region { code } } }
      } }`),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.all.totalCount).toBeGreaterThanOrEqual(60);
    expect(res.data.almaty.totalCount).toBeGreaterThan(0);
    for (const { node } of res.data.almaty.edges) expect(node).toMatchObject({ status: 'HELD', region: { code: 'KZ-19' } });
  });

  it('shows a meeting with its problems, broadcasts and audience', async () => {
    const list = await app.gql(graphql('{ meetings(first: 1, filter: { statuses: [HELD] }) { edges { node { id } } } }'));
    const id = list.data.meetings.edges[0]!.node.id;
    const res = await app.gql(
      graphql(`query ($id: ID!) { meeting(id: $id) { id kind status plannedDurationMinutes reportMinutes reportTimeViolation
        audience { category count } broadcasts { platform url } issues(first: 3) { totalCount edges { node { meeting { id } } } } } }`),
      { id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.meeting!.id).toBe(id);
    expect(res.data.meeting!.issues.edges.every((e: any) => e.node.meeting.id === id)).toBe(true);
  });

  it('finds the report-time violations (more than a quarter of the planned time)', async () => {
    const res = await app.gql(
      graphql('{ meetings(first: 50, filter: { reportTimeViolation: true }) { edges { node { plannedDurationMinutes reportMinutes reportTimeViolation } } } }'),
    );
    expect(res.data.meetings.edges.length).toBeGreaterThan(0);
    for (const { node } of res.data.meetings.edges) {
      expect(node.reportTimeViolation).toBe(true);
      expect(node.reportMinutes! * 4).toBeGreaterThan(node.plannedDurationMinutes);
    }
  });
});

describe('issues: filters and pagination', () => {
  it('walks every page once: no duplicates, no gaps, count = totalCount', async () => {
    const { nodes, totalCount } = await allIssues();
    expect(nodes).toHaveLength(totalCount);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(totalCount);
    const raised = nodes.map((n) => n.raisedAt);
    expect([...raised].sort().reverse()).toEqual(raised);
  });

  it('pages backwards with last/before', async () => {
    const first = await app.gql(graphql('{ issues(first: 4) { edges { cursor node { id } } } }'));
    const cursor = first.data.issues.edges[3]!.cursor;
    const back = await app.gql(graphql('query ($c: String) { issues(last: 2, before: $c) { edges { node { id } } } }'), { c: cursor });
    expect(back.data.issues.edges.map((e: any) => e.node.id)).toEqual(first.data.issues.edges.slice(1, 3).map((e: any) => e.node.id));
  });

  it.each([
    ['region', { regionCodes: ['KZ-61'] }, (n: any) => n.region.code === 'KZ-61'],
    ['status', { statuses: ['IN_PROGRESS', 'REOPENED'] }, (n: any) => ['IN_PROGRESS', 'REOPENED'].includes(n.status)],
    ['category', { categories: ['WATER_SUPPLY'] }, (n: any) => n.category === 'WATER_SUPPLY'],
    ['overdue', { overdue: true }, (n: any) => n.overdue && n.dueDate < '2026-11-27'],
    ['not overdue', { overdue: false }, (n: any) => !n.overdue],
    ['central decision', { needsCentralDecision: true }, (n: any) => n.needsCentralDecision && n.responsibleOrganization?.kind !== 'LOCAL_EXECUTIVE_BODY'],
    [
      'raised between',
      { raisedFrom: '2025-04-01', raisedTo: '2025-06-30' },
      (n: any) => n.raisedAt >= '2025-03-31T19:00:00.000Z' && n.raisedAt < '2025-06-30T19:00:00.000Z',
    ],
  ])('filters by %s, and only returns matching problems', async (_name, filter, matches) => {
    const { nodes, totalCount } = await allIssues(filter);
    expect(totalCount).toBeGreaterThan(0);
    expect(nodes).toHaveLength(totalCount);
    expect(nodes.filter((n) => !matches(n))).toEqual([]);
  });

  it('overdue and not overdue split the whole list', async () => {
    const res = await app.gql(
      graphql('{ a: issues { totalCount } b: issues(filter: { overdue: true }) { totalCount } c: issues(filter: { overdue: false }) { totalCount } }'),
    );
    expect(res.data.b.totalCount + res.data.c.totalCount).toBe(res.data.a.totalCount);
  });

  it('filters by organisation and by meeting', async () => {
    const { nodes } = await allIssues({ statuses: ['IN_PROGRESS'] });
    const org = nodes[0].responsibleOrganization;
    const byOrg = await allIssues({ organizationIds: [org.id] });
    expect(byOrg.nodes.every((n) => n.responsibleOrganization.id === org.id)).toBe(true);
    const byMeeting = await allIssues({ meetingId: nodes[0].meeting.id });
    expect(byMeeting.nodes.map((n) => n.meeting.id)).toContain(nodes[0].meeting.id);
    expect(byMeeting.nodes.every((n) => n.meeting.id === nodes[0].meeting.id)).toBe(true);
  });

  it('refuses bad filters with a clear error', async () => {
    const badRegion = await app.gql(graphql('{ issues(filter: { regionCodes: ["KZ-00"] }) { totalCount } }'));
    expect(badRegion.errors?.[0]).toMatchObject({
      message: 'No region or unit has the code KZ-00.',
      extensions: { code: 'unit/not_found' },
    });
    const badDates = await app.gql(graphql('{ issues(filter: { raisedFrom: "2026-02-01", raisedTo: "2026-01-01" }) { totalCount } }'));
    expect(badDates.errors?.[0]?.message).toMatch(/raisedFrom must not be after raisedTo/);
    expect(badDates.errors?.[0]?.extensions?.code).toBe('input/invalid');
    const badDate = await app.gql(graphql('{ issues(filter: { raisedFrom: "2026-02-30" }) { totalCount } }'));
    expect(badDate.errors?.[0]?.message).toMatch(/valid YYYY-MM-DD/);
  });

  it('finds one problem by id with its history and chain of bodies', async () => {
    const { nodes } = await allIssues({ statuses: ['CLOSED'] });
    const res = await app.gql(
      graphql(`query ($id: ID!) { issue(id: $id) { id status progress updates { kind statusAfter at organization { code } }
        assignments { organization { code } endedAt } } }`),
      { id: nodes[0].id },
    );
    expect(res.data.issue).toMatchObject({ id: nodes[0].id, status: 'CLOSED', progress: 100 });
    expect(res.data.issue!.updates[0]!.statusAfter).toBe('CLOSED');
    expect(res.data.issue!.assignments.filter((a: any) => a.endedAt === null)).toHaveLength(1);
  });
});
