import type { Viewer } from '../accounts/viewer.ts';
import type { Policy } from '../accounts/policy.ts';
import type { Clock } from '../shared/clock.ts';
import { todayIn } from '../shared/clock.ts';
import type { GeographyService } from '../geography/geography.service.ts';
import type { IssueStatus } from '../shared/enums.ts';
import { DomainError, InvalidInputError } from '../shared/errors.ts';
import { COLUMN_OF_FIELD, parseBulkCsv, type BulkRow } from './issues.csv.ts';
import { CsvRejectedError, type CsvRowProblem } from './issues.errors.ts';
import type { ProgressChange } from './issues.inputs.ts';
import { applyProgress, planProgress, type ProgressPlan } from './issues.progress.ts';
import { ForbiddenTransitionError } from './issues.state-machine.ts';
import type { IssueRow, IssuesWriter, IssuesWriteRepo } from './issues.write-repo.ts';

export interface BulkUpdateReport {
  updated: IssueRow[];
  unchangedCount: number;
}

/** The fields a row can change, as they stand and as the row would leave them. */
export interface BulkRowState {
  status: IssueStatus;
  resolutionPlan: string | null;
  dueDate: string | null;
  progress: number;
  publicNote: string | null;
}

/** What applying a file would do to each of its rows (the staff console's preview). */
export interface BulkPreview {
  rows: { row: number; issueId: number; title: string; version: number; before: BulkRowState; after: BulkRowState | null }[];
  problems: CsvRowProblem[];
}

export interface BulkOptions {
  /** The staff console's upload: only files with the version column (see docs/staff-console.md). */
  requireVersion?: boolean;
}

/**
 * A body updates many of its problems at once from a CSV. All or nothing: every row is decided
 * first (format, ownership, version, state machine, rules), and the file is applied in one
 * transaction only if no row has a problem; otherwise every problem is reported and nothing is written.
 *
 * A row identical to the problem as it stands is a no-op (no history entry). A row that would
 * change something must be based on the problem's current state: its `version` cell (the staff
 * CSV, where it is required) or, in an open-data file without that column, its `updated_at` cell.
 * A published snapshot always carries updated_at, so one uploaded after the problem moved on is
 * refused, never applied over newer live state. Only an API client that leaves updated_at empty
 * writes without a basis, as a mutation without `version` does; the staff console never does.
 */
export function createBulkUpdate(deps: {
  writeRepo: IssuesWriteRepo;
  policy: Policy;
  geography: GeographyService;
  clock: Clock;
  changed: (ids: number[]) => void;
}) {
  const { writeRepo, policy, geography, clock, changed } = deps;

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

  /** A row that would change the problem, based on an older state of it: what happened since, in words. */
  function staleBasis(w: IssuesWriter, issue: IssueRow, row: BulkRow): CsvRowProblem | null {
    const { basis } = row;
    if (basis === null) return null;
    if ('version' in basis) {
      if (basis.version === issue.version) return null;
      const since = basis.version < issue.version ? w.updatesSince(issue.id, basis.version) : [];
      const what = since.map((u) => `${u.kind} → ${u.statusAfter}${u.progress !== null ? ` ${u.progress}%` : ''} (${u.at.slice(0, 10)})`).join('; ');
      return {
        row: row.row,
        column: 'version',
        message: `conflict: the problem changed since version ${basis.version} (now version ${issue.version}, ${issue.status} ${issue.progress}%${what ? `; meanwhile: ${what}` : ''}). Download the queue again.`,
      };
    }
    if (Date.parse(basis.updatedAt) === Date.parse(issue.updatedAt)) return null;
    return {
      row: row.row,
      column: 'updated_at',
      message: `conflict: this row shows the problem as of ${basis.updatedAt}; it was updated at ${issue.updatedAt} (now ${issue.status} ${issue.progress}%). A published snapshot never overwrites newer live state: download the queue again.`,
    };
  }

  function decide(w: IssuesWriter, v: Viewer, csv: string, options: BulkOptions) {
    if (typeof csv !== 'string') throw new InvalidInputError([{ path: 'csv', message: 'must be the text of a CSV file' }]);
    const { rows, problems } = parseBulkCsv(csv, options);
    const ids = rows.map((r) => r.issueId);
    const byId = new Map(w.getIssues(ids).map((i) => [i.id, i]));
    const notes = w.latestPublicNotes(ids);
    const plans: ProgressPlan[] = [];
    const preview: BulkPreview['rows'] = [];
    let unchangedCount = 0;
    for (const row of rows) {
      const issue = byId.get(row.issueId);
      // Another body's problem reads exactly like a missing one.
      if (!issue || !policy.answersForIssue(v, issue)) {
        problems.push({ row: row.row, column: 'id', message: 'No such problem.' });
        continue;
      }
      const before: BulkRowState = {
        status: issue.status,
        resolutionPlan: issue.resolutionPlan,
        dueDate: issue.dueDate,
        progress: issue.progress,
        publicNote: notes.get(issue.id) ?? null,
      };
      const effective = effectiveChange(issue, row.change, notes.get(issue.id));
      if (!effective) {
        unchangedCount++;
        preview.push({ row: row.row, issueId: issue.id, title: issue.title, version: issue.version, before, after: null });
        continue;
      }
      const stale = staleBasis(w, issue, row);
      if (stale) {
        problems.push(stale);
        continue;
      }
      try {
        const plan = planProgress(issue, effective, todayIn(clock, geography.zoneOfRegion(issue.regionId)));
        plans.push(plan);
        const after = {
          status: plan.status,
          resolutionPlan: plan.resolutionPlan,
          dueDate: plan.dueDate,
          progress: plan.progress,
          publicNote: plan.publicNote ?? before.publicNote,
        };
        preview.push({ row: row.row, issueId: issue.id, title: issue.title, version: issue.version, before, after });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        problems.push(...rowProblems(row.row, err));
      }
    }
    problems.sort((a, b) => a.row - b.row);
    return { plans, unchangedCount, preview, problems };
  }

  return {
    async bulkUpdateIssues(viewer: Viewer | null, csv: string, options: BulkOptions = {}): Promise<BulkUpdateReport> {
      const v = policy.requireRole(viewer, ['ORGANIZATION_STAFF', 'AKIMAT_STAFF']);
      const now = clock.now().toISOString();
      const report = writeRepo.transaction((w) => {
        const { plans, unchangedCount, problems } = decide(w, v, csv, options);
        if (problems.length) throw new CsvRejectedError(problems);
        const updated = plans.map((plan) => applyProgress(w, plan, { userId: v.userId, at: now }));
        return { updated, unchangedCount };
      });
      changed(report.updated.map((i) => i.id));
      return report;
    },

    /** Decides every row as `bulkUpdateIssues` would, and writes nothing. */
    async previewBulkUpdate(viewer: Viewer | null, csv: string, options: BulkOptions = {}): Promise<BulkPreview> {
      const v = policy.requireRole(viewer, ['ORGANIZATION_STAFF', 'AKIMAT_STAFF']);
      return writeRepo.read((w) => {
        const { preview, problems } = decide(w, v, csv, options);
        return { rows: preview, problems };
      });
    },
  };
}

function rowProblems(row: number, err: DomainError): CsvRowProblem[] {
  if (err instanceof InvalidInputError) {
    return err.problems.map((p) => ({ row, column: COLUMN_OF_FIELD[p.path] ?? p.path, message: p.message }));
  }
  const column = err instanceof ForbiddenTransitionError ? 'status' : '';
  return [{ row, column, message: err.message }];
}
export type BulkUpdate = ReturnType<typeof createBulkUpdate>;
