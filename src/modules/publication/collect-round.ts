import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { IssueCategory, IssueStatus } from '../shared/enums.ts';
import { canonicalJson, sha256 } from './freeze.ts';
import { centralDecisionAt, isFinished, issueStateAt } from './snapshot.ts';
import { boundsByRegion, roundCutoffDate, roundCutoffEverywhereUtc, roundCutoffUtc, type Round } from './periods.ts';
import { codeBook, PUBLISH_BATCH } from './publish-quarter.ts';
import type { NewRoundItem, RoundRow, RoundsRepo } from './rounds.repo.ts';

/** One problem in a collection round, in the exact shape that is hashed and served as JSON. */
export interface RoundItem {
  id: number;
  title: string;
  text: string;
  category: IssueCategory;
  regionCode: string;
  unitCode: string;
  organizationCode: string;
  status: IssueStatus;
  dueDate: string | null;
  resolutionPlan: string | null;
  proposal: string | null;
  raisedAt: string;
}

/** sha256 of canonicalJson({ year, half, cutoffDate, items sorted by body code, then problem number }). */
export function roundContentHash(r: Round, items: RoundItem[]): string {
  return sha256(canonicalJson({ year: r.year, half: r.half, cutoffDate: roundCutoffDate(r), items }));
}

/** Grouped per body (by code), then by problem number: the order of the hash, the CSV and the JSON. */
export function compareRoundItems(a: { organizationCode: string; id: number }, b: { organizationCode: string; id: number }): number {
  return a.organizationCode < b.organizationCode ? -1 : a.organizationCode > b.organizationCode ? 1 : a.id - b.id;
}

/**
 * Collects round `r`: the problems flagged as needing a central decision at the cutoff (read from
 * their history, so a flag set or cleared later does not change the round) and not finished then.
 * Reads the flagged problems a batch at a time (each batch in its own read transaction, yielding
 * to the event loop between batches), so memory holds only the round's own items; writes the
 * round in one IMMEDIATE transaction; returns the existing round when it was already collected.
 */
export async function collectRoundNow(repo: RoundsRepo, r: Round, collectedAt: string, heartbeat?: () => void): Promise<{ round: RoundRow; created: boolean }> {
  const existing = repo.findRoundRow(r);
  if (existing) return { round: existing, created: false };
  // Read up to the cutoff in the last zone; each problem is taken as it stood at its region's cutoff.
  const cutoff = roundCutoffEverywhereUtc(r);
  const ref = repo.loadReference();
  const codes = codeBook(ref);
  const cutoffOf = boundsByRegion(ref.regionZone, (zone) => roundCutoffUtc(r, zone));

  const frozen: { item: RoundItem; row: NewRoundItem }[] = [];
  for (let cursor = 0; ; ) {
    const batch = repo.sources.batchAfter(cursor, cutoff, PUBLISH_BATCH, { centralOnly: true });
    if (batch.issues.length === 0) break;
    cursor = batch.issues[batch.issues.length - 1]!.id;
    for (const issue of batch.issues) {
      const state = issueStateAt(issue, batch.updatesByIssue.get(issue.id) ?? [], batch.assignmentsByIssue.get(issue.id) ?? [], cutoffOf(issue.regionId));
      if (!state || state.organizationId === null || isFinished(state.status)) continue;
      // Every problem flagged at the cutoff, whoever held it then (a flagged problem passed on to an
      // akimat still needs the central decision).
      const central = centralDecisionAt(issue, batch.updatesByIssue.get(issue.id) ?? [], cutoffOf(issue.regionId));
      if (!central.flagged) continue;
      const item: RoundItem = {
        id: issue.id,
        title: issue.title,
        text: issue.text,
        category: issue.category,
        regionCode: codes.unit(issue.regionId),
        unitCode: codes.unit(issue.unitId),
        organizationCode: codes.organization(state.organizationId),
        status: state.status,
        dueDate: state.dueDate,
        resolutionPlan: state.resolutionPlan,
        proposal: central.proposal,
        raisedAt: issue.raisedAt,
      };
      const { id: issueId, regionCode: _r, unitCode: _u, organizationCode: _o, ...fields } = item;
      frozen.push({ item, row: { ...fields, issueId, organizationId: state.organizationId, regionId: issue.regionId, unitId: issue.unitId } });
    }
    heartbeat?.();
    await yieldToEventLoop();
  }
  frozen.sort((a, b) => compareRoundItems(a.item, b.item));
  const contentHash = roundContentHash(
    r,
    frozen.map((f) => f.item),
  );
  return repo.atomically((w) => {
    const again = w.findRoundRow(r);
    if (again) return { round: again, created: false };
    const round = w.insertRound({ year: r.year, half: r.half, cutoffDate: roundCutoffDate(r), collectedAt, contentHash, itemCount: frozen.length });
    w.insertRoundItems(
      round.id,
      frozen.map((f) => f.row),
    );
    return { round, created: true };
  });
}
