import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { clearPublications, COLLECT, signIn } from './helpers.ts';
import { asType, errorCode, expectType, graphql } from '../helpers/graphql.ts';

// The Government's collection rounds of 15 February and 15 August: problems that need a decision
// of a central body, holding or company, frozen as they stood at 00:00 of the cutoff in Kazakhstan.

const app = createTestApp({ seed: 'demo' });
// The republican enterprises, corporations and state-owned companies answer at the same level.
const CENTRAL = ['CENTRAL_EXECUTIVE_BODY', 'NATIONAL_HOLDING', 'NATIONAL_COMPANY', 'STATE_ENTERPRISE', 'STATE_CORPORATION', 'STATE_OWNED_COMPANY'];
const FINISHED = ['RESOLVED', 'CLOSED', 'DECLINED'];
let government: string;

beforeAll(async () => {
  clearPublications(app);
  government = await signIn(app, 'government@jauap.demo');
});

const collect = async (year: number, half: number, token?: string) => (await app.gql(COLLECT, { y: year, h: half }, { token })).data.collectRound;

describe('collection rounds', () => {
  it('are run by government staff only, once the cutoff has passed', async () => {
    expect(errorCode(await collect(2026, 1))).toBe('auth/unauthenticated');
    expect(errorCode(await collect(2026, 1, await signIn(app, 'water@jauap.demo')))).toBe('auth/forbidden');
    expect(await collect(2027, 1, government)).toMatchObject({ code: 'publication/round_not_due' });
    expect(await collect(2026, 3, government)).toMatchObject({ code: 'input/invalid' });
    expect((await app.gql(graphql('{ collectionRounds { label } }'))).data.collectionRounds).toEqual([]);
  });

  it('collect exactly the unfinished central-level problems with a proposal, as they stood at the cutoff', async () => {
    const result = await collect(2026, 1, government);
    expectType(result, 'MutationCollectRoundSuccess');
    expect(result.data.label).toBe('2026-H1');
    const cutoff = '2026-02-14T19:00:00.000Z';

    const expected = new Map<number, { organization: string; status: string; proposal: string | null }>();
    let after: string | null = null;
    for (;;) {
      const res: any = await app.gql(
        graphql(`query ($after: String) { issues(first: 100, after: $after, filter: { needsCentralDecision: true }) { pageInfo { hasNextPage endCursor }
          edges { node { number raisedAt centralDecisionProposal assignments { organization { code kind } assignedAt endedAt } updates { at statusAfter } } } } }`),
        { after },
      );
      for (const { node } of res.data.issues.edges) {
        if (node.raisedAt >= cutoff) continue;
        const holder = node.assignments.find((a: any) => a.assignedAt < cutoff && (a.endedAt === null || a.endedAt >= cutoff));
        const status = node.updates.find((u: any) => u.at < cutoff)?.statusAfter;
        // Flagged at the cutoff, whoever held it then: a central-level problem moved on to an akimat
        // keeps its flag and stays in the round (the demo never clears a flag, so today's flag is
        // the flag at the cutoff).
        if (holder && !FINISHED.includes(status)) {
          expected.set(node.number, { organization: holder.organization.code, status, proposal: node.centralDecisionProposal });
        }
      }
      if (!res.data.issues.pageInfo.hasNextPage) break;
      after = res.data.issues.pageInfo.endCursor;
    }
    expect(expected.size).toBeGreaterThan(0);

    const round = (
      await app.gql(
        graphql(`{ collectionRound(year: 2026, half: 1) { label cutoffDate itemCount contentHash
      items { number status proposal organization { code kind } }
      bodies { organization { code } itemCount items { number organization { code } } } } }`),
      )
    ).data.collectionRound;
    expect(round).toMatchObject({ label: '2026-H1', cutoffDate: '2026-02-15', itemCount: expected.size });
    expect(new Map(round!.items.map((i: any) => [i.number, { organization: i.organization.code, status: i.status, proposal: i.proposal }]))).toEqual(expected);
    // Most are held by central-level bodies; a problem transferred to an akimat with its flag stays.
    expect(round!.items.filter((i: any) => CENTRAL.includes(i.organization.kind)).length).toBeGreaterThan(round!.itemCount / 2);

    // Grouped per body, by body code.
    const codes = round!.bodies.map((b: any) => b.organization.code);
    expect(codes).toEqual([...codes].sort());
    expect(round!.bodies.reduce((s: number, b: any) => s + b.itemCount, 0)).toBe(round!.itemCount);
    for (const b of round!.bodies) expect(b.items.every((i: any) => i.organization.code === b.organization.code)).toBe(true);
  });

  it('are frozen: collecting again changes nothing', async () => {
    const first = (await app.gql(graphql('{ collectionRound(year: 2026, half: 1) { contentHash collectedAt itemCount } }'))).data.collectionRound;
    app.clock.set('2026-11-27T08:00:00.000Z');
    const again = await collect(2026, 1, government);
    expect(asType(again, 'MutationCollectRoundSuccess').data).toMatchObject(first!);
    const listed = (await app.gql(graphql('{ collectionRounds { label year half } }'))).data.collectionRounds;
    expect(listed).toEqual([{ label: '2026-H1', year: 2026, half: 1 }]);
    expect((await app.gql(graphql('{ collectionRound(year: 2031, half: 2) { label } }'))).data.collectionRound).toBeNull();
  });
});
