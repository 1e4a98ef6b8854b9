/**
 * Expected failures. Each has a stable `code` ("domain/reason") that clients may switch on; the
 * GraphQL layer returns them as typed results, the CLI prints them, HTTP routes map them to 4xx.
 * Anything that is not a DomainError is unexpected: masked by yoga and logged.
 */
export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly code: string,
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

/** The caller is not signed in, or may not do this. */
export class NotAuthorizedError extends DomainError {
  override name = 'NotAuthorizedError';
  constructor(code: 'auth/unauthenticated' | 'auth/forbidden' = 'auth/forbidden', message?: string) {
    super(code, message ?? (code === 'auth/unauthenticated' ? 'Sign in to do this.' : 'Your role does not allow this action.'));
  }
}

/** Something named by the caller does not exist, or is not visible to them: the same answer for both. */
export class NotFoundError extends DomainError {
  override name = 'NotFoundError';
  constructor(what: string, message?: string) {
    super(`${what}/not_found`, message ?? `No such ${what.replace(/_/g, ' ')}.`);
  }
}

/** A rule of the domain forbids the change in the current state. */
export class RuleViolationError extends DomainError {
  override name = 'RuleViolationError';
}
