import { DomainError, NotFoundError, RuleFamilyError } from '../shared/errors.ts';

// Expected failures of the issues domain. issue/forbidden_transition lives with the state machine.

/** A missing problem and one the caller may not act on get this same answer: no existence leak. */
export class IssueNotFoundError extends NotFoundError {
  constructor() {
    super('issue', 'No such problem.');
  }
}

/** Rules of a problem's life other than the state machine's steps; the GraphQL enum IssueRule is made from this table. */
export const ISSUE_RULES = {
  central_decision_not_open: {
    code: 'issue/central_decision_not_open',
    when: 'The central-decision flag changes only on an assigned, unfinished problem: not on a NEW, RESOLVED, CLOSED or DECLINED one',
  },
} as const;

/** A rule of the problem's life refused the change: nothing was written. */
export class IssueRuleError extends RuleFamilyError<typeof ISSUE_RULES> {
  override name = 'IssueRuleError';
  constructor(rule: keyof typeof ISSUE_RULES, message: string) {
    super(ISSUE_RULES, rule, message);
  }
}

/** The flag is for problems a body holds and has not finished: not a NEW one, not a resolved, closed or declined one. */
export class CentralDecisionNotOpenError extends IssueRuleError {
  constructor(status: string) {
    super('central_decision_not_open', `A ${status} problem's central-decision flag cannot change: only an assigned, unfinished problem's can.`);
  }
}

/** A wrong, malformed or unknown tracking code: one answer for all of them. */
export class TrackingNotFoundError extends NotFoundError {
  constructor() {
    super('tracking', 'No problem has this tracking code. Check the code printed on your receipt.');
  }
}

/** Too many tracking lookups from one address: codes must not be guessable by brute force. */
export class TrackingRateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('tracking/rate_limited', `Too many lookups. Try again in ${retryAfterSeconds} seconds.`);
  }
}

export interface CsvRowProblem {
  /** The CSV record number as a spreadsheet shows it: the header is row 1. */
  row: number;
  column: string;
  message: string;
}

/** A bulk CSV update that was refused as a whole; nothing was written. */
export class CsvRejectedError extends DomainError {
  constructor(readonly rows: CsvRowProblem[]) {
    super('csv/invalid', `The file was not applied: ${rows.length} problem${rows.length === 1 ? '' : 's'} found. Fix every row and upload it again.`);
  }
}
