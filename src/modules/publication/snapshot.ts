import { FINISHED_STATUSES, type IssueCategory, type IssueEventKind, type IssueStatus } from '../shared/enums.ts';
import { isOverdue } from '../issues/issues.filter.ts';

// Reconstructs what the public could see about a problem at a past instant, from the append-only
// history. Pure functions: the repository loads the rows, the service decides what to freeze.

export interface SourceIssue {
  id: number;
  title: string;
  text: string;
  language: string;
  category: IssueCategory;
  unitId: number;
  regionId: number;
  status: IssueStatus;
  resolutionPlan: string | null;
  dueDate: string | null;
  progress: number;
  responsibleOrganizationId: number | null;
  needsCentralDecision: boolean;
  centralDecisionProposal: string | null;
  raisedAt: string;
  updatedAt: string;
  /** Its group of similar problems (two or more) as the snapshot is taken; null when none. */
  groupId: number | null;
}

export interface SourceUpdate {
  id: number;
  issueId: number;
  kind: IssueEventKind;
  actor: string;
  organizationId: number | null;
  statusBefore: IssueStatus | null;
  statusAfter: IssueStatus;
  progress: number | null;
  dueDateBefore: string | null;
  dueDateAfter: string | null;
  publicNote: string | null;
  /** The central-decision flag before/after the entry (1/0, null when the entry did not touch it). */
  centralDecisionBefore: number | null;
  centralDecisionAfter: number | null;
  centralDecisionProposal: string | null;
  at: string;
}

/**
 * "Needs a central decision" as it stood just before `endExclusive`, and its proposal: the last entry
 * before then that set it, else the state before the first later one, else the problem's current row
 * (problems routed before the flag was kept in the history).
 */
export function centralDecisionAt(
  issue: { needsCentralDecision: boolean | number; centralDecisionProposal: string | null },
  updates: SourceUpdate[],
  endExclusive: string,
): { flagged: boolean; proposal: string | null } {
  const touching = updates.filter((u) => u.centralDecisionAfter !== null);
  const before = touching.filter((u) => u.at < endExclusive).at(-1);
  if (before) return { flagged: before.centralDecisionAfter === 1, proposal: before.centralDecisionProposal };
  const after = touching.find((u) => u.at >= endExclusive);
  if (after && after.centralDecisionBefore !== null) {
    // The proposal before a later change is the one an earlier entry carried, which there is not.
    return { flagged: after.centralDecisionBefore === 1, proposal: after.centralDecisionBefore === 1 ? issue.centralDecisionProposal : null };
  }
  return { flagged: Boolean(issue.needsCentralDecision), proposal: issue.centralDecisionProposal };
}

export interface SourceAssignment {
  id: number;
  issueId: number;
  organizationId: number;
  assignedAt: string;
  endedAt: string | null;
}

/** One entry of the public history as frozen in a publication: the acting body, never the person. */
export interface PublishedUpdate {
  at: string;
  kind: IssueEventKind;
  actor: string;
  organizationCode: string | null;
  statusBefore: IssueStatus | null;
  statusAfter: IssueStatus;
  progress: number | null;
  dueDateBefore: string | null;
  dueDateAfter: string | null;
  publicNote: string | null;
}

export interface IssueState {
  organizationId: number | null;
  status: IssueStatus;
  progress: number;
  dueDate: string | null;
  resolutionPlan: string | null;
  updatedAt: string;
  /** Updates at or before the instant, oldest first. */
  history: SourceUpdate[];
}

function splitAt<T extends { at: string }>(rows: T[], end: string): { before: T | undefined; after: T | undefined } {
  let before: T | undefined;
  let after: T | undefined;
  for (const row of rows) {
    if (row.at < end) before = row;
    else if (!after) after = row;
  }
  return { before, after };
}

function responsibleAt(issue: SourceIssue, assignments: SourceAssignment[], end: string, status: IssueStatus): number | null {
  if (assignments.length === 0) {
    // Rows written without an assignment chain: the current body, unless it was not routed yet.
    return status === 'NEW' ? null : issue.responsibleOrganizationId;
  }
  let current: SourceAssignment | undefined;
  for (const a of assignments) {
    if (a.assignedAt < end && (a.endedAt === null || a.endedAt >= end)) {
      if (!current || a.assignedAt > current.assignedAt || (a.assignedAt === current.assignedAt && a.id > current.id)) current = a;
    }
  }
  return current?.organizationId ?? null;
}

/**
 * The problem as it stood just before `endExclusive` (an ISO UTC instant), or null if it had not
 * been raised yet. `updates` and `assignments` are this problem's rows, oldest first.
 *
 * Each field is the value after the last change before the end; when no change came before the
 * end, it is the value *before* the first change after it; with no change at all, the current one.
 * The resolution plan has no history in issue_updates: it is the current plan, or null when the
 * problem was still NEW or has been transferred since (the plan then belonged to another body).
 */
export function issueStateAt(issue: SourceIssue, updates: SourceUpdate[], assignments: SourceAssignment[], endExclusive: string): IssueState | null {
  if (issue.raisedAt >= endExclusive) return null;
  const history = updates.filter((u) => u.at < endExclusive);
  if (issue.updatedAt < endExclusive) {
    // Nothing happened to it since: the current row is exactly its state at the end.
    const status = issue.status;
    return {
      organizationId: responsibleAt(issue, assignments, endExclusive, status),
      status,
      progress: issue.progress,
      dueDate: issue.dueDate,
      resolutionPlan: issue.resolutionPlan,
      updatedAt: issue.updatedAt,
      history,
    };
  }
  const statusChange = splitAt(updates, endExclusive);
  const status = statusChange.before?.statusAfter ?? statusChange.after?.statusBefore ?? issue.status;
  const deadline = splitAt(
    updates.filter((u) => u.dueDateBefore !== null || u.dueDateAfter !== null),
    endExclusive,
  );
  const dueDate = deadline.before ? deadline.before.dueDateAfter : deadline.after ? deadline.after.dueDateBefore : issue.dueDate;
  const progressReport = splitAt(
    updates.filter((u) => u.progress !== null),
    endExclusive,
  );
  const progress = progressReport.before ? progressReport.before.progress! : progressReport.after ? 0 : issue.progress;
  const last = history[history.length - 1];
  // A transfer after the end wiped the plan of the body that held it then: it is unknown, and the
  // current plan belongs to another body. A NEW problem has no plan yet.
  const planUnknown = status === 'NEW' || updates.some((u) => u.at >= endExclusive && u.kind === 'TRANSFERRED');
  return {
    organizationId: responsibleAt(issue, assignments, endExclusive, status),
    status,
    progress,
    dueDate,
    resolutionPlan: planUnknown ? null : issue.resolutionPlan,
    updatedAt: last && last.at > issue.raisedAt ? last.at : issue.raisedAt,
    history,
  };
}

export const isFinished = (status: IssueStatus) => (FINISHED_STATUSES as readonly string[]).includes(status);
export const isResolved = (status: IssueStatus) => status === 'RESOLVED' || status === 'CLOSED';
export { isOverdue };

/** Days from one YYYY-MM-DD date to another (positive: later). */
export function daysBetweenDates(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
