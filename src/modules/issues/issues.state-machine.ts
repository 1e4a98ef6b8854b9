import type { IssueStatus } from '../shared/enums.ts';
import { RuleViolationError } from '../shared/errors.ts';

/**
 * The life of a problem, in one table. Every write of a status goes through `requireTransition`,
 * so the README's diagram, the services and the CSV bulk update can never disagree.
 *
 * `by` says who may take the step: the akimat that routes problems, the body currently responsible
 * for it, or the citizen holding the tracking code. `needs` lists what must be true after the step.
 */
export type IssueActorRole = 'AKIMAT' | 'BODY' | 'CITIZEN';
export type IssueOperation = 'assignIssue' | 'transferIssue' | 'updateIssueProgress' | 'confirmResolution' | 'disputeResolution';
export type TransitionNeed = 'PLAN_AND_DUE_DATE' | 'PUBLIC_NOTE' | 'FULL_PROGRESS';

export interface Transition {
  from: IssueStatus;
  to: IssueStatus;
  via: IssueOperation;
  by: IssueActorRole;
  needs: readonly TransitionNeed[];
}

const t = (from: IssueStatus, to: IssueStatus, via: IssueOperation, by: IssueActorRole, needs: TransitionNeed[] = []): Transition => ({
  from,
  to,
  via,
  by,
  needs,
});

export const ISSUE_TRANSITIONS: readonly Transition[] = [
  t('NEW', 'ASSIGNED', 'assignIssue', 'AKIMAT'),
  // "Not our competence": the problem goes to another body and starts again there.
  t('ASSIGNED', 'ASSIGNED', 'transferIssue', 'BODY'),
  t('IN_PROGRESS', 'ASSIGNED', 'transferIssue', 'BODY'),
  t('REOPENED', 'ASSIGNED', 'transferIssue', 'BODY'),
  // Updates that keep the status (a new plan, deadline, progress or note).
  t('ASSIGNED', 'ASSIGNED', 'updateIssueProgress', 'BODY'),
  t('IN_PROGRESS', 'IN_PROGRESS', 'updateIssueProgress', 'BODY', ['PLAN_AND_DUE_DATE']),
  t('REOPENED', 'REOPENED', 'updateIssueProgress', 'BODY'),
  // The decree: explain the ways and the deadline. Work starts only with both.
  t('ASSIGNED', 'IN_PROGRESS', 'updateIssueProgress', 'BODY', ['PLAN_AND_DUE_DATE']),
  t('REOPENED', 'IN_PROGRESS', 'updateIssueProgress', 'BODY', ['PLAN_AND_DUE_DATE']),
  t('IN_PROGRESS', 'RESOLVED', 'updateIssueProgress', 'BODY', ['FULL_PROGRESS']),
  t('REOPENED', 'RESOLVED', 'updateIssueProgress', 'BODY', ['FULL_PROGRESS']),
  // An honest "no, because": the reason must be public.
  t('ASSIGNED', 'DECLINED', 'updateIssueProgress', 'BODY', ['PUBLIC_NOTE']),
  t('IN_PROGRESS', 'DECLINED', 'updateIssueProgress', 'BODY', ['PUBLIC_NOTE']),
  t('REOPENED', 'DECLINED', 'updateIssueProgress', 'BODY', ['PUBLIC_NOTE']),
  // The citizen has the last word on a resolution.
  t('RESOLVED', 'CLOSED', 'confirmResolution', 'CITIZEN'),
  t('RESOLVED', 'REOPENED', 'disputeResolution', 'CITIZEN'),
];

/** Statuses in which the responsible body is still expected to act. */
export const OPEN_STATUSES = ['ASSIGNED', 'IN_PROGRESS', 'REOPENED'] as const satisfies readonly IssueStatus[];

export function findTransition(from: IssueStatus, to: IssueStatus, via: IssueOperation): Transition | undefined {
  return ISSUE_TRANSITIONS.find((tr) => tr.from === from && tr.to === to && tr.via === via);
}

/** The statuses `via` can lead to from `from`, for error messages and the README. */
export function nextStatuses(from: IssueStatus, via: IssueOperation): IssueStatus[] {
  return ISSUE_TRANSITIONS.filter((tr) => tr.from === from && tr.via === via).map((tr) => tr.to);
}

export class ForbiddenTransitionError extends RuleViolationError {
  constructor(
    readonly from: IssueStatus,
    readonly to: IssueStatus | null,
    via: IssueOperation,
  ) {
    const allowed = nextStatuses(from, via);
    super(
      'issue/forbidden_transition',
      to === null || allowed.length === 0
        ? `${via} is not possible for a problem in status ${from}.`
        : `A problem in status ${from} cannot go to ${to} by ${via}; allowed: ${allowed.join(', ')}.`,
    );
  }
}

/** The transition, or an issue/forbidden_transition error. */
export function requireTransition(from: IssueStatus, to: IssueStatus, via: IssueOperation): Transition {
  const found = findTransition(from, to, via);
  if (!found) throw new ForbiddenTransitionError(from, nextStatuses(from, via).length ? to : null, via);
  return found;
}

/** The table as Markdown, so the README's copy can be regenerated and checked against the code. */
export function transitionsMarkdown(): string {
  const rows = ISSUE_TRANSITIONS.map((tr) => `| ${tr.from} | ${tr.to} | \`${tr.via}\` | ${tr.by} | ${tr.needs.join(', ') || '-'} |`);
  return ['| from | to | mutation | who | needs |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}
