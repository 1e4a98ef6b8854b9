import { NotFoundError, RuleFamilyError, RuleViolationError } from '../shared/errors.ts';

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

/** The grouping rules a change can break; the GraphQL enum GroupRule is made from this table. */
export const GROUP_RULES = {
  other_category: { code: 'group/other_category', when: 'The group holds problems of another category: a problem joins only a group of its own category' },
  same: { code: 'group/same', when: 'The problem is already in that group' },
  none: { code: 'group/none', when: 'The problem is in no group: there is nothing to confirm or take it out of' },
} as const;

/** A grouping rule refused the change: nothing was written. */
export class GroupError extends RuleFamilyError<typeof GROUP_RULES> {
  override name = 'GroupError';
  constructor(rule: keyof typeof GROUP_RULES, message: string) {
    super(GROUP_RULES, rule, message);
  }
}

/** A group holds problems of one category; a problem of another category cannot join it. */
export class GroupCategoryError extends GroupError {
  constructor() {
    super('other_category', 'That group holds problems of another category: a problem can only join a group of its own category.');
  }
}
