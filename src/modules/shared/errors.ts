/**
 * Expected failures. Each has a stable `code` ("domain/reason") that clients may switch on; the
 * GraphQL layer returns them as typed results, the CLI prints them, HTTP routes map them to 4xx.
 * Anything that is not a DomainError is unexpected: masked by yoga and logged.
 *
 * No code is made up where it is thrown: a family of failures declares its codes once, in a table
 * whose keys are the reasons (the GraphQL enum values, in upper case) and whose `when` says when
 * each happens (the enum value's description). The family's constructor takes a key of its table.
 */
export type ErrorCode = `${string}/${string}`;

/** A family's declared codes: reason -> its stable code and when it happens. */
export interface CodeEntry {
  readonly code: ErrorCode;
  readonly when: string;
}
export type CodeTable = Readonly<Record<string, CodeEntry>>;

export abstract class DomainError extends Error {
  override name = 'DomainError';
  protected constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface FieldProblem {
  path: string;
  message: string;
}

/** Bad input: nothing was written. `problems` names each field and what is wrong with it. */
export class InvalidInputError extends DomainError {
  override name = 'InvalidInputError';
  constructor(
    readonly problems: FieldProblem[],
    message = problems.map((p) => `${p.path}: ${p.message}`).join('; '),
  ) {
    super('input/invalid', message || 'The input is invalid.');
  }
}

export const NOT_AUTHORIZED = {
  unauthenticated: { code: 'auth/unauthenticated', when: 'No one is signed in (no or an expired bearer token) and this needs an account' },
  forbidden: { code: 'auth/forbidden', when: "The signed-in account's role or territory does not allow this action" },
} as const satisfies CodeTable;
export type NotAuthorizedCode = (typeof NOT_AUTHORIZED)[keyof typeof NOT_AUTHORIZED]['code'];

/** The caller is not signed in, or may not do this. */
export class NotAuthorizedError extends DomainError {
  override name = 'NotAuthorizedError';
  readonly reason: keyof typeof NOT_AUTHORIZED;
  constructor(code: NotAuthorizedCode = 'auth/forbidden', message?: string) {
    super(code, message ?? (code === 'auth/unauthenticated' ? 'Sign in to do this.' : 'Your role does not allow this action.'));
    this.reason = code === 'auth/unauthenticated' ? 'unauthenticated' : 'forbidden';
  }
}

/** What a caller can name that may not exist (or not be visible to them). */
export const NOT_FOUND = {
  issue: { code: 'issue/not_found', when: 'No such problem, or the caller may not act on it: the same answer for both' },
  tracking: { code: 'tracking/not_found', when: 'No problem has this tracking code (a wrong, malformed or unknown code: one answer for all)' },
  group: { code: 'group/not_found', when: 'No such group of similar problems' },
  user: { code: 'user/not_found', when: 'No staff account has this email or id' },
  region: { code: 'region/not_found', when: 'No region has this code' },
  unit: { code: 'unit/not_found', when: 'No region or lower unit has this code' },
  organization: { code: 'organization/not_found', when: 'No organisation (responsible body or akimat) has this code' },
  meeting: { code: 'meeting/not_found', when: 'No such meeting, or it lies outside the caller’s territory' },
  calendar: { code: 'calendar/not_found', when: 'No such calendar' },
  calendar_entry: { code: 'calendar_entry/not_found', when: 'No such entry in the current revision of a calendar' },
  quarter: { code: 'quarter/not_found', when: 'The quarter asked for is not published' },
  page: { code: 'page/not_found', when: 'No such page of the staff console (never a GraphQL answer)' },
} as const satisfies CodeTable;
export type NotFoundEntity = keyof typeof NOT_FOUND;

/** Something named by the caller does not exist, or is not visible to them: the same answer for both. */
export class NotFoundError extends DomainError {
  override name = 'NotFoundError';
  constructor(
    readonly entity: NotFoundEntity,
    message?: string,
  ) {
    super(NOT_FOUND[entity].code, message ?? `No such ${entity.replace(/_/g, ' ')}.`);
  }
}

/** A rule of the domain forbids the change in the current state. */
export abstract class RuleViolationError extends DomainError {
  override name = 'RuleViolationError';
}

/** Rule violations of one family, each with a reason declared in the family's table. */
export abstract class RuleFamilyError<T extends Record<keyof T, CodeEntry>> extends RuleViolationError {
  protected constructor(
    table: T,
    readonly reason: keyof T & string,
    message: string,
  ) {
    super(table[reason].code, message);
  }
}
