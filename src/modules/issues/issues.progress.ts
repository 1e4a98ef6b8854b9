import type { IssueStatus } from '../shared/enums.ts';
import { InvalidInputError, type FieldProblem } from '../shared/errors.ts';
import { requireTransition } from './issues.state-machine.ts';
import type { ProgressChange } from './issues.inputs.ts';
import type { IssueRow, IssuesWriter } from './issues.write-repo.ts';

/**
 * A body's update of a problem (status, plan, deadline, progress, public note), decided without
 * writing anything: `updateIssueProgress` applies one, the CSV bulk update first decides every row
 * and only then applies them all. Throws issue/forbidden_transition or input/invalid.
 */
export interface ProgressPlan {
  issue: IssueRow;
  status: IssueStatus;
  resolutionPlan: string | null;
  dueDate: string | null;
  progress: number;
  publicNote: string | null;
}

export function planProgress(issue: IssueRow, change: ProgressChange, today: string): ProgressPlan {
  const status = change.status ?? issue.status;
  const transition = requireTransition(issue.status, status, 'updateIssueProgress');
  const resolutionPlan = change.resolutionPlan ?? issue.resolutionPlan;
  const dueDate = change.dueDate ?? issue.dueDate;
  const progress = change.progress ?? (status === 'RESOLVED' ? 100 : issue.progress);
  const problems: FieldProblem[] = [];

  // A new promise cannot already be broken; an unchanged old deadline may be in the past (overdue).
  if (change.dueDate !== undefined && change.dueDate !== issue.dueDate && change.dueDate < today) {
    problems.push({ path: 'dueDate', message: `must not be in the past (today is ${today} in the problem's region)` });
  }
  for (const need of transition.needs) {
    if (need === 'PLAN_AND_DUE_DATE') {
      if (!resolutionPlan) problems.push({ path: 'resolutionPlan', message: `is required for a problem ${status}` });
      if (!dueDate) problems.push({ path: 'dueDate', message: `is required for a problem ${status}` });
    } else if (need === 'PUBLIC_NOTE') {
      if (!change.publicNote) problems.push({ path: 'publicNote', message: 'must explain publicly why the problem is declined' });
    } else if (need === 'FULL_PROGRESS') {
      if (progress !== 100) problems.push({ path: 'progress', message: 'must be 100 for a resolved problem' });
    }
  }
  if (problems.length) throw new InvalidInputError(problems);
  return { issue, status, resolutionPlan, dueDate, progress, publicNote: change.publicNote ?? null };
}

/** Writes a decided update and its history entry; the caller holds the transaction. */
export function applyProgress(writer: IssuesWriter, plan: ProgressPlan, by: { userId: number; at: string }): IssueRow {
  const { issue } = plan;
  const updated = writer.updateIssue(issue.id, {
    status: plan.status,
    resolutionPlan: plan.resolutionPlan,
    dueDate: plan.dueDate,
    progress: plan.progress,
    resolvedAt: plan.status === 'RESOLVED' && issue.status !== 'RESOLVED' ? by.at : issue.resolvedAt,
    updatedAt: by.at,
  });
  writer.appendUpdate({
    issueId: issue.id,
    kind: 'PROGRESS',
    actor: 'ORGANIZATION',
    organizationId: issue.responsibleOrganizationId,
    statusBefore: issue.status,
    statusAfter: plan.status,
    progress: plan.progress,
    dueDateBefore: issue.dueDate,
    dueDateAfter: plan.dueDate,
    publicNote: plan.publicNote,
    at: by.at,
    byUserId: by.userId,
    version: updated.version,
  });
  return updated;
}
