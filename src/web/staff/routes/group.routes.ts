import type { Router } from 'express';
import { IssueNotFoundError } from '../../../modules/issues/issues.errors.ts';
import { GroupCategoryError, GroupError, GroupConflictError, GroupNotFoundError } from '../../../modules/groups/groups.errors.ts';
import { InvalidInputError, NotAuthorizedError } from '../../../modules/shared/errors.ts';
import type { WebDeps } from '../../context.ts';
import { langPath } from '../../layout.ts';
import { formField } from '../csrf.ts';
import { requireStaff, staffForm, staffSession } from '../guard.ts';
import { staffRequest } from '../layout.ts';

// POST /staff/issues/<n>/group: confirm, take out or move a problem's group. Every outcome goes
// back to the problem's page (post/redirect/get) with a word for the notice: the service decides.

const number = (value: string): number | null => (/^\d{1,9}$/.test(value.trim()) ? Number(value.trim()) : null);

function outcomeOf(err: unknown): string | null {
  if (err instanceof GroupConflictError) return 'conflict';
  if (err instanceof GroupCategoryError) return 'category';
  if (err instanceof GroupNotFoundError || err instanceof IssueNotFoundError) return 'not_found';
  if (err instanceof GroupError) return err.reason === 'same' ? 'same' : 'none';
  if (err instanceof InvalidInputError) return 'invalid';
  if (err instanceof NotAuthorizedError) return 'forbidden';
  return null;
}

export function registerGroupDecisionRoutes(router: Router, { services }: WebDeps): void {
  router.post('/issues/:number/group', requireStaff(['ORGANIZATION_STAFF', 'AKIMAT_STAFF']), ...staffForm, (req, res) => {
    const sr = staffRequest(req, res);
    const { viewer } = staffSession(res);
    const issueId = number(String(req.params.number));
    if (issueId === null) throw new IssueNotFoundError();
    const base = { issueId, currentGroupId: number(formField(req, 'currentGroup')), note: formField(req, 'note').slice(0, 600) || null };
    const back = (outcome: string) => res.redirect(303, langPath(sr.locale.lang, `/staff/issues/${issueId}?group=${outcome}#group-heading`));
    try {
      const action = formField(req, 'action');
      if (action === 'confirm') services.groups.confirmGrouping(viewer, base);
      else if (action === 'remove') services.groups.removeFromGroup(viewer, base);
      else if (action === 'move') {
        const toGroup = formField(req, 'toGroup').trim();
        const withIssue = formField(req, 'withIssue').trim();
        // A typed non-number is bad input, not an empty choice.
        services.groups.moveToGroup(viewer, {
          ...base,
          toGroupId: toGroup ? (number(toGroup) ?? -1) : null,
          withIssueId: withIssue ? (number(withIssue) ?? -1) : null,
        });
      } else return back('invalid');
      back('saved');
    } catch (err) {
      const outcome = outcomeOf(err);
      if (!outcome) throw err;
      back(outcome);
    }
  });
}
