import { NotFoundError, RuleViolationError } from '../shared/errors.ts';

// Expected failures of the grouping.

export class GroupNotFoundError extends NotFoundError {
  constructor() {
    super('group', 'No such group of problems.');
  }
}

/** The problem's group changed since the form was shown: nothing was written. */
export class GroupConflictError extends RuleViolationError {
  override name = 'GroupConflictError';
  constructor(
    readonly issueId: number,
    readonly expectedGroupId: number | null,
    readonly currentGroupId: number | null,
  ) {
    super(
      'group/conflict',
      `Problem ${issueId}'s group changed since you loaded it (you saw ${expectedGroupId ?? 'no group'}, now ${currentGroupId ?? 'no group'}). ` +
        'Nothing was written; look at it again and repeat your change.',
    );
  }
}

/** A group holds problems of one category; a problem of another category cannot join it. */
export class GroupCategoryError extends RuleViolationError {
  override name = 'GroupCategoryError';
  constructor() {
    super('group/other_category', 'That group holds problems of another category: a problem can only join a group of its own category.');
  }
}

/** Confirming needs a group; moving needs another group than the current one. */
export class GroupActionError extends RuleViolationError {
  override name = 'GroupActionError';
}
