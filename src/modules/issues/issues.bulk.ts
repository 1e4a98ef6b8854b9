import type { Viewer } from '../accounts/viewer.ts';
import type { Policy } from '../accounts/policy.ts';
import type { Clock } from '../shared/clock.ts';
import { todayInKazakhstan } from '../shared/clock.ts';
import { DomainError, InvalidInputError } from '../shared/errors.ts';
import { COLUMN_OF_FIELD, parseBulkCsv } from './issues.csv.ts';
import { CsvRejectedError, type CsvRowProblem } from './issues.errors.ts';
import type { ProgressChange } from './issues.inputs.ts';
import { applyProgress, planProgress, type ProgressPlan } from './issues.progress.ts';
import type { IssueRow, IssuesWriteRepo } from './issues.write-repo.ts';

export interface BulkUpdateReport {
  updated: IssueRow[];
  unchangedCount: number;
}

/**
 * A body updates many of its problems at once from the open-data CSV. All or nothing: every row is
 * decided first (format, ownership, state machine, rules), and the file is applied in one
 * transaction only if no row has a problem; otherwise every problem is reported and nothing is written.
 */
export function createBulkUpdate(deps: { writeRepo: IssuesWriteRepo; policy: Policy; clock: Clock; changed: (ids: number[]) => void }) {
  const { writeRepo, policy, clock, changed } = deps;

  /** Only what differs from the problem as it stands: an exported file uploaded again changes nothing. */
  function effectiveChange(issue: IssueRow, change: ProgressChange, latestNote: string | undefined): ProgressChange | null {
    const effective: ProgressChange = {};
    if (change.status !== undefined && change.status !== issue.status) effective.status = change.status;
    if (change.resolutionPlan !== undefined && change.resolutionPlan !== issue.resolutionPlan) effective.resolutionPlan = change.resolutionPlan;
    if (change.dueDate !== undefined && change.dueDate !== issue.dueDate) effective.dueDate = change.dueDate;
    if (change.progress !== undefined && change.progress !== issue.progress) effective.progress = change.progress;
    if (change.publicNote !== undefined && change.publicNote !== latestNote) effective.publicNote = change.publicNote;
    return Object.keys(effective).length ? effective : null;
  }

  return {
    async bulkUpdateIssues(viewer: Viewer | null, csv: string): Promise<BulkUpdateReport> {
      const v = policy.requireRole(viewer, ['ORGANIZATION_STAFF', 'AKIMAT_STAFF']);
      if (typeof csv !== 'string') throw new InvalidInputError([{ path: 'csv', message: 'must be the text of a CSV file' }]);
      const { rows, problems } = parseBulkCsv(csv);
      const now = clock.now().toISOString();
      const today = todayInKazakhstan(clock);

      const report = writeRepo.transaction((w) => {
        const ids = rows.map((r) => r.issueId);
        const byId = new Map(w.getIssues(ids).map((i) => [i.id, i]));
        const notes = w.latestPublicNotes(ids);
        const plans: ProgressPlan[] = [];
        let unchangedCount = 0;
        for (const { row, issueId, change } of rows) {
          const issue = byId.get(issueId);
          // Another body's problem reads exactly like a missing one.
          if (!issue || !policy.answersForIssue(v, issue)) {
            problems.push({ row, column: 'id', message: 'No such problem.' });
            continue;
          }
          const effective = effectiveChange(issue, change, notes.get(issueId));
          if (!effective) {
            unchangedCount++;
            continue;
          }
          try {
            plans.push(planProgress(issue, effective, today));
          } catch (err) {
            if (!(err instanceof DomainError)) throw err;
            problems.push(...rowProblems(row, err));
          }
        }
        if (problems.length) throw new CsvRejectedError([...problems].sort((a, b) => a.row - b.row));
        const updated = plans.map((plan) => applyProgress(w, plan, { userId: v.userId, at: now }));
        return { updated, unchangedCount };
      });
      changed(report.updated.map((i) => i.id));
      return report;
    },
  };
}

function rowProblems(row: number, err: DomainError): CsvRowProblem[] {
  if (err instanceof InvalidInputError) {
    return err.problems.map((p) => ({ row, column: COLUMN_OF_FIELD[p.path] ?? p.path, message: p.message }));
  }
  const column = err.code === 'issue/forbidden_transition' ? 'status' : '';
  return [{ row, column, message: err.message }];
}
export type BulkUpdate = ReturnType<typeof createBulkUpdate>;
