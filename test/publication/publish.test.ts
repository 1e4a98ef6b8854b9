import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { clearPublications, COLLECT, PUBLISH, signIn } from './helpers.ts';
import { asType, errorCode, expectType, graphql } from '../helpers/graphql.ts';

const app = createTestApp({ seed: 'demo' });
let government: string;

/** The end of 2026-Q2 in UTC: midnight of 1 July 2026 in Kazakhstan (UTC+5). */
const Q2_END = '2026-06-30T19:00:00.000Z';

beforeAll(async () => {
  clearPublications(app);
  government = await signIn(app, 'government@jauap.demo');
});

async function publish(year: number, quarter: number, token = government) {
  const res = await app.gql(PUBLISH, { y: year, q: quarter }, { token });
  expect(res.errors).toBeUndefined();
  return res.data.publishQuarter;
}

describe('publishing a quarter', () => {
  it('is refused to the public and to a ministry, allowed to government staff', async () => {
    expect(errorCode((await app.gql(PUBLISH, { y: 2026, q: 2 })).data.publishQuarter)).toBe('auth/unauthenticated');
    const energy = await signIn(app, 'energy@jauap.demo');
    expect(errorCode(await publish(2026, 2, energy))).toBe('auth/forbidden');
    const res = await app.gql(graphql('{ publications { label } }'));
    expect(res.data.publications).toEqual([]);
  });

  it('refuses a quarter that has not ended yet (Kazakhstan time) and nonsense quarters', async () => {
    // "Now" is 27 November 2026: 2026-Q4 is still running.
    expect(await publish(2026, 4)).toMatchObject({ __typename: 'PublicationError', code: 'publication/quarter_not_ended' });
    expect(await publish(2026, 5)).toMatchObject({ code: 'input/invalid' });
    // One minute before midnight of 1 October in Kazakhstan, 2026-Q3 is not over yet.
    app.clock.set('2026-09-30T18:59:00.000Z');
    expect(await publish(2026, 3)).toMatchObject({ code: 'publication/quarter_not_ended' });
    app.clock.set('2026-11-27T06:00:00.000Z');
  });

  it('refuses periods before the decree took effect (3 March 2022): no empty, permanent snapshots', async () => {
    const before = app.db.$client.prepare('select count(*) from publications').pluck().get();
    for (const [year, quarter] of [
      [2020, 1],
      [2022, 1],
    ] as const) {
      expect(await publish(year, quarter)).toMatchObject({ __typename: 'InvalidInputError', code: 'input/invalid' });
    }
    const round = async (year: number, half: number) => (await app.gql(COLLECT, { y: year, h: half }, { token: government })).data.collectRound;
    expect(await round(2020, 1)).toMatchObject({ __typename: 'InvalidInputError', code: 'input/invalid' });
    expect(await round(2022, 1)).toMatchObject({ code: 'input/invalid', message: expect.stringMatching(/2022-H2/) });
    expect(app.db.$client.prepare('select count(*) from publications').pluck().get()).toBe(before);
    expect(app.db.$client.prepare('select count(*) from collection_rounds where year < 2022 or (year = 2022 and half = 1)').pluck().get()).toBe(0);
  });

  it('publishes a quarter after every earlier quarter with data, as a chain without gaps', async () => {
    const result = await publish(2026, 2);
    expectType(result, 'MutationPublishQuarterSuccess');
    expect(result.data.label).toBe('2026-Q2');
    expect(result.data.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const res = await app.gql(graphql('{ publications { label previous { label } publishedAt itemCount } latestPublication { label } }'));
    const labels = res.data.publications.map((p: any) => p.label);
    // The demo's first problems were raised in January 2025.
    expect(labels).toEqual(['2026-Q2', '2026-Q1', '2025-Q4', '2025-Q3', '2025-Q2', '2025-Q1']);
    expect(res.data.publications.map((p: any) => p.previous?.label ?? null)).toEqual([...labels.slice(1), null]);
    expect(res.data.latestPublication!.label).toBe('2026-Q2');
    const counts = res.data.publications.map((p: any) => p.itemCount);
    expect(counts[0]).toBeGreaterThan(counts[5]);
  });

  it('is idempotent: publishing again changes nothing and returns the same publication', async () => {
    const before = app.db.$client.prepare('select count(*) n from publication_items').get();
    const first = (await app.gql(graphql('{ publication(year: 2026, quarter: 2) { contentHash publishedAt itemCount } }'))).data.publication;
    app.clock.set('2026-11-27T09:00:00.000Z');
    const again = await publish(2026, 2);
    expect(asType(again, 'MutationPublishQuarterSuccess').data).toMatchObject({
      contentHash: first!.contentHash,
      publishedAt: first!.publishedAt,
      itemCount: first!.itemCount,
    });
    expect(app.db.$client.prepare('select count(*) n from publication_items').get()).toEqual(before);
    app.clock.set('2026-11-27T06:00:00.000Z');
  });

  it("freezes every problem as it stood at the quarter's end, reconstructed from its public history", async () => {
    const published = new Map<number, any>();
    let after: string | null = null;
    for (;;) {
      const res: any = await app.gql(
        graphql(`query ($after: String) { publication(year: 2026, quarter: 2) { items(first: 100, after: $after) {
          pageInfo { hasNextPage endCursor } totalCount
          edges { node { number status dueDate progress overdue organization { code } history { at kind statusAfter } } } } } }`),
        { after },
      );
      for (const e of res.data.publication.items.edges) published.set(e.node.number, e.node);
      if (!res.data.publication.items.pageInfo.hasNextPage) break;
      after = res.data.publication.items.pageInfo.endCursor;
    }

    // The oracle: the live problems through the public read API, replayed up to the end of Q2.
    let expected = 0;
    let changedSince = 0;
    after = null;
    for (;;) {
      const res: any = await app.gql(
        graphql(`query ($after: String) { issues(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node {
          number raisedAt status dueDate progress
          assignments { organization { code } assignedAt endedAt }
          updates { at statusAfter progress dueDateBefore dueDateAfter } } } } }`),
        { after },
      );
      for (const { node } of res.data.issues.edges) {
        const holder = node.assignments.find((a: any) => a.assignedAt < Q2_END && (a.endedAt === null || a.endedAt >= Q2_END));
        if (node.raisedAt >= Q2_END || !holder) {
          expect(published.has(node.number)).toBe(false);
          continue;
        }
        expected += 1;
        const before = [...node.updates].reverse().filter((u: any) => u.at < Q2_END);
        const item = published.get(node.number);
        expect(item, `problem ${node.number}`).toBeDefined();
        expect(item.organization.code).toBe(holder.organization.code);
        expect(item.status).toBe(before.at(-1).statusAfter);
        expect(item.history.map((h: any) => h.at)).toEqual(before.map((u: any) => u.at));
        const lastDeadline = before.filter((u: any) => u.dueDateBefore !== null || u.dueDateAfter !== null).at(-1);
        if (lastDeadline) expect(item.dueDate).toBe(lastDeadline.dueDateAfter);
        expect(item.overdue).toBe(item.dueDate !== null && item.dueDate < '2026-06-30' && !['RESOLVED', 'CLOSED', 'DECLINED'].includes(item.status));
        if (item.status !== node.status) changedSince += 1;
      }
      if (!res.data.issues.pageInfo.hasNextPage) break;
      after = res.data.issues.pageInfo.endCursor;
    }
    expect(published.size).toBe(expected);
    // The demo's problems moved on after June 2026: the snapshot really is historical.
    expect(changedSince).toBeGreaterThan(10);
  });

  it('serves per-body lists and figures that add up to the whole quarter', async () => {
    const res = await app.gql(
      graphql(`{ publication(year: 2026, quarter: 2) {
      itemCount changes { new statusChanged resolved becameOverdue deadlineMoved unchanged }
      bodies { organization { code } contentHash total open overdue resolved disputed deadlinesMoved promiseDriftDays
        changes { new statusChanged resolved becameOverdue deadlineMoved unchanged } items(first: 100) { totalCount edges { node { status overdue change organization { code } } } } } } }`),
    );
    const p = res.data.publication;
    const bodies = p!.bodies as any[];
    expect(bodies.reduce((s, b) => s + b.total, 0)).toBe(p!.itemCount);
    const changeSum = Object.values(p!.changes).reduce((s: number, n: any) => s + n, 0);
    expect(changeSum).toBe(p!.itemCount);
    expect(new Set(bodies.map((b) => b.contentHash)).size).toBe(bodies.length);
    for (const b of bodies) {
      const items = b.items.edges.map((e: any) => e.node);
      expect(b.items.totalCount).toBe(b.total);
      expect(items.every((i: any) => i.organization.code === b.organization.code)).toBe(true);
      expect(b.overdue).toBe(items.filter((i: any) => i.overdue).length);
      expect(b.open).toBe(items.filter((i: any) => !['RESOLVED', 'CLOSED', 'DECLINED'].includes(i.status)).length);
      expect(b.resolved).toBe(items.filter((i: any) => ['RESOLVED', 'CLOSED'].includes(i.status)).length);
      expect(b.changes.new).toBe(items.filter((i: any) => i.change === 'NEW').length);
    }
    const figures = await app.gql(graphql('{ publishedBodyFigures(organizationCode: "min-energy") { publication { label } total open } }'));
    const energy = bodies.find((b) => b.organization.code === 'MIN-ENERGY');
    expect(figures.data.publishedBodyFigures[0]).toEqual({ publication: { label: '2026-Q2' }, total: energy.total, open: energy.open });
    expect(figures.data.publishedBodyFigures.length).toBeGreaterThan(1);
  });

  it("filters a quarter's items by body, change, status and overdue", async () => {
    const res = await app.gql(
      graphql(`{ publication(year: 2026, quarter: 2) {
      overdue: items(first: 100, filter: { overdue: true }) { totalCount edges { node { overdue } } }
      moved: items(first: 100, filter: { changes: [DEADLINE_MOVED] }) { edges { node { change deadlineDriftDays previousDueDate dueDate } } }
      energy: items(first: 100, filter: { organizationCode: "MIN-ENERGY", statuses: [IN_PROGRESS, REOPENED] }) { edges { node { status organization { code } } } } } }`),
    );
    const p = res.data.publication;
    expect(p!.overdue.totalCount).toBeGreaterThan(0);
    expect(p!.overdue.edges.every((e: any) => e.node.overdue)).toBe(true);
    for (const { node } of p!.moved.edges) {
      expect(node.change).toBe('DEADLINE_MOVED');
      if (node.dueDate) {
        const days = (Date.parse(node.dueDate!) - Date.parse(node.previousDueDate!)) / 86_400_000;
        expect(node.deadlineDriftDays).toBe(days);
      }
    }
    expect(p!.energy.edges.every((e: any) => e.node.organization.code === 'MIN-ENERGY' && ['IN_PROGRESS', 'REOPENED'].includes(e.node.status))).toBe(true);
  });

  it('answers unknown quarters with null and keeps a published quarter frozen while problems move on', async () => {
    const none = await app.gql(graphql('{ publication(year: 2030, quarter: 1) { label } q0: publication(year: 2026, quarter: 0) { label } }'));
    expect(none.data).toEqual({ publication: null, q0: null });
    const before = (
      await app.gql(graphql('{ publication(year: 2026, quarter: 2) { contentHash items(first: 1) { edges { node { number status title } } } } }'))
    ).data;
    // The live problem changes (a direct write stands in for any later change): the snapshot does not.
    const number = before.publication!.items.edges[0]!.node.number;
    app.db.$client.prepare("update issues set title = 'Changed later' where id = ?").run(number);
    const after = (await app.gql(graphql('{ publication(year: 2026, quarter: 2) { contentHash items(first: 1) { edges { node { number status title } } } } }')))
      .data;
    expect(after).toEqual(before);
  });

  it('resolves a quarter with its bodies, lists and their relations in a constant number of SQL statements', async () => {
    const query = graphql(`{ publications { label previous { label } changes { new }
      bodies { organization { code name } total items(first: 20) { totalCount edges { node { number organization { code } region { code } unit { code name } } } } }
      items(first: 50) { totalCount edges { node { number organization { code } region { code } unit { code } } } } } }`);
    app.resetQueries();
    const res = await app.gql(query);
    expect(res.errors).toBeUndefined();
    const bodies = res.data.publications.reduce((s: number, p: any) => s + p.bodies.length, 0);
    expect(bodies).toBeGreaterThan(50);
    // One statement for the whole tree plus the connection counts, whatever the number of bodies.
    expect(app.queries.length).toBeLessThanOrEqual(3);
  });
});
