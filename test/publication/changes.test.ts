import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { clearPublications, PUBLISH, signIn } from './helpers.ts';
import { expectType, graphql, type VariablesOf } from '../helpers/graphql.ts';

// What changed between two published quarters, with the changes made through the staff's public
// mutations (the workflows issue) between the end of 2026-Q3 and the end of 2026-Q4.

const app = createTestApp({ seed: 'demo' });
const Q3_END = '2026-09-30T19:00:00.000Z';

interface Candidate {
  id: number;
  status: string;
  due_date: string | null;
  resolution_plan: string | null;
  code: string;
}

/** Test setup: a problem of `body` in one of `statuses`, untouched since the end of Q3. */
function pick(where: string, params: unknown[] = [], exclude: number[] = []): Candidate {
  const row = app.db.$client
    .prepare(
      `select i.id, i.status, i.due_date, i.resolution_plan, o.code from issues i join organizations o on o.id = i.responsible_organization_id
       where i.raised_at < '${Q3_END}' and i.updated_at < '${Q3_END}' and i.id not in (${exclude.join(',') || 0}) and ${where}
       order by i.id limit 1`,
    )
    .get(...params) as Candidate | undefined;
  if (!row) throw new Error(`the demo data has no problem where ${where}`);
  return row;
}

const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

const PROGRESS = graphql(`mutation ($input: UpdateIssueProgressInput!) { updateIssueProgress(input: $input) { __typename ... on Error { code message } } }`);
const TRANSFER = graphql(`mutation ($input: TransferIssueInput!) { transferIssue(input: $input) { __typename ... on Error { code message } } }`);

let moved: Candidate, resolved: Candidate, restarted: Candidate, lapsing: Candidate, finished: Candidate, transferred: Candidate;
let target: string;
const NEW_DUE = '2027-12-31';

beforeAll(async () => {
  clearPublications(app);
  const government = await signIn(app, 'government@jauap.demo');
  // 2026-Q3 (and everything before it) is published before anything changes.
  const q3 = await app.gql(PUBLISH, { y: 2026, q: 3 }, { token: government });
  expectType(q3.data.publishQuarter, 'MutationPublishQuarterSuccess');

  // Deadlines that do not lapse during Q4, so that "became overdue" cannot hide another change.
  const steady = `i.due_date is not null and (i.due_date < '2026-09-30' or i.due_date >= '2026-12-31')`;
  moved = pick(`i.status = 'IN_PROGRESS' and i.due_date >= '2027-01-01' and i.due_date < '${NEW_DUE}'`);
  resolved = pick(`i.status in ('IN_PROGRESS', 'REOPENED')`, [], [moved.id]);
  restarted = pick(`i.status = 'REOPENED' and ${steady}`, [], [moved.id, resolved.id]);
  lapsing = pick(
    `i.status in ('ASSIGNED', 'IN_PROGRESS', 'REOPENED') and i.due_date >= '2026-09-30' and i.due_date < '2026-12-31'`,
    [],
    [moved.id, resolved.id, restarted.id],
  );
  finished = pick(`i.status = 'CLOSED'`);
  transferred = pick(`i.status in ('IN_PROGRESS', 'REOPENED') and ${steady}`, [], [moved.id, resolved.id, restarted.id, lapsing.id]);
  target = transferred.code === 'MIN-ENERGY' ? 'MIN-WATER-RESOURCES' : 'MIN-ENERGY';

  // An admin answers for every body, so any problem of the demo can be moved along.
  const admin = await signIn(app, 'admin@jauap.demo');
  const progress = async (input: VariablesOf<typeof PROGRESS>['input']) => {
    const res = await app.gql(PROGRESS, { input }, { token: admin });
    expect(res.data?.updateIssueProgress?.__typename, JSON.stringify(res)).toMatch(/Success$/);
  };
  await progress({ issueId: String(moved.id), dueDate: NEW_DUE, publicNote: 'The contractor needs another season.' });
  await progress({ issueId: String(resolved.id), status: 'RESOLVED', progress: 100, publicNote: 'Done.' });
  await progress({ issueId: String(restarted.id), status: 'IN_PROGRESS', resolutionPlan: restarted.resolution_plan ?? 'Repair works resume.' });
  const transfer = await app.gql(
    TRANSFER,
    { input: { issueId: String(transferred.id), toOrganizationCode: target, reason: 'This belongs to another sector.' } },
    { token: admin },
  );
  expect(transfer.data?.transferIssue?.__typename, JSON.stringify(transfer)).toMatch(/Success$/);

  // The next quarter is over: publish it (a new session: the earlier one has expired by then).
  app.clock.set('2027-01-02T00:00:00.000Z');
  const q4 = await app.gql(PUBLISH, { y: 2026, q: 4 }, { token: await signIn(app, 'government@jauap.demo') });
  expectType(q4.data.publishQuarter, 'MutationPublishQuarterSuccess', JSON.stringify(q4));
});

async function itemsOf(quarter: number): Promise<Map<number, any>> {
  const out = new Map<number, any>();
  let after: string | null = null;
  for (;;) {
    const res: any = await app.gql(
      graphql(`query ($q: Int!, $after: String) { publication(year: 2026, quarter: $q) { items(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor } edges { node { number status dueDate overdue change deadlineDriftDays previousStatus previousDueDate
          publicNote organization { code } history { kind publicNote } } } } } }`),
      { q: quarter, after },
    );
    for (const e of res.data.publication.items.edges) out.set(e.node.number, e.node);
    if (!res.data.publication.items.pageInfo.hasNextPage) return out;
    after = res.data.publication.items.pageInfo.endCursor;
  }
}

describe('changes since the previous published quarter', () => {
  it('labels each problem: deadline moved (with the drift), resolved, status changed, became overdue, unchanged', async () => {
    const q4 = await itemsOf(4);
    expect(q4.get(moved.id)).toMatchObject({
      change: 'DEADLINE_MOVED',
      dueDate: NEW_DUE,
      previousDueDate: moved.due_date,
      deadlineDriftDays: days(moved.due_date!, NEW_DUE),
      publicNote: 'The contractor needs another season.',
    });
    expect(q4.get(resolved.id)).toMatchObject({ change: 'RESOLVED', status: 'RESOLVED', previousStatus: resolved.status });
    expect(q4.get(restarted.id)).toMatchObject({
      change: 'STATUS_CHANGED',
      status: 'IN_PROGRESS',
      previousStatus: 'REOPENED',
      dueDate: restarted.due_date,
      deadlineDriftDays: null,
    });
    expect(q4.get(lapsing.id)).toMatchObject({ change: 'BECAME_OVERDUE', overdue: true, status: lapsing.status });
    expect(q4.get(finished.id)).toMatchObject({ change: 'UNCHANGED', status: 'CLOSED' });
  });

  it("lists a transferred problem under the body responsible at the quarter's end", async () => {
    const [q3, q4] = [await itemsOf(3), await itemsOf(4)];
    expect(q3.get(transferred.id).organization.code).toBe(transferred.code);
    // The new body starts afresh (ASSIGNED); whether the old deadline stands is the workflow's rule,
    // and the label follows it: a kept deadline is a status change, a withdrawn one a moved promise.
    const live = (await app.gql(graphql(`{ issues(first: 1, filter: { statuses: [ASSIGNED] }, orderBy: UPDATED_DESC) { edges { node { number dueDate } } } }`)))
      .data.issues.edges[0]!.node;
    expect(live.number).toBe(transferred.id);
    expect(q4.get(transferred.id)).toMatchObject({
      organization: { code: target },
      status: 'ASSIGNED',
      previousStatus: transferred.status,
      dueDate: live.dueDate,
      previousDueDate: transferred.due_date,
      change: live.dueDate === transferred.due_date ? 'STATUS_CHANGED' : 'DEADLINE_MOVED',
      deadlineDriftDays: live.dueDate === null || live.dueDate === transferred.due_date ? null : days(transferred.due_date!, live.dueDate),
    });
    expect(q4.get(transferred.id).history.at(-1)).toMatchObject({ kind: 'TRANSFERRED', publicNote: 'This belongs to another sector.' });
  });

  it('marks as NEW exactly the problems that were not in the previous quarter', async () => {
    const [q3, q4] = [await itemsOf(3), await itemsOf(4)];
    const fresh = [...q4.values()].filter((i) => !q3.has(i.number));
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.every((i) => i.change === 'NEW' && i.previousStatus === null)).toBe(true);
    expect([...q4.values()].filter((i) => i.change === 'NEW').length).toBe(fresh.length);
    // The earlier quarter did not move.
    expect(q3.get(moved.id)).toMatchObject({ dueDate: moved.due_date });
  });

  it('sums the changes and the promise drift per body', async () => {
    const res = await app.gql(
      graphql(`query ($code: String!) { publication(year: 2026, quarter: 4) { previous { label }
        bodies(organizationCodes: [$code]) { total deadlinesMoved promiseDriftDays changes { new statusChanged resolved becameOverdue deadlineMoved unchanged }
          items(first: 100) { totalCount edges { node { number change deadlineDriftDays previousDueDate dueDate } } } } } }`),
      { code: moved.code },
    );
    const p = res.data.publication;
    expect(p!.previous!.label).toBe('2026-Q3');
    const [body] = p!.bodies;
    const items = body!.items.edges.map((e: any) => e.node);
    expect(body!.items.totalCount).toBe(items.length);
    expect(items.map((i: any) => i.number)).toContain(moved.id);
    const count = (kind: string) => items.filter((i: any) => i.change === kind).length;
    expect(body!.changes).toEqual({
      new: count('NEW'),
      statusChanged: count('STATUS_CHANGED'),
      resolved: count('RESOLVED'),
      becameOverdue: count('BECAME_OVERDUE'),
      deadlineMoved: count('DEADLINE_MOVED'),
      unchanged: count('UNCHANGED'),
    });
    expect(body!.deadlinesMoved).toBe(items.filter((i: any) => i.previousDueDate !== null && i.dueDate !== i.previousDueDate).length);
    expect(body!.promiseDriftDays).toBe(items.reduce((s: number, i: any) => s + Math.max(0, i.deadlineDriftDays ?? 0), 0));
    expect(body!.promiseDriftDays).toBeGreaterThanOrEqual(days(moved.due_date!, NEW_DUE));
  });
});
