import { z } from 'zod';
import type { Policy } from '../accounts/policy.ts';
import type { Viewer } from '../accounts/viewer.ts';
import { IssueNotFoundError } from '../issues/issues.errors.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError, NotAuthorizedError } from '../shared/errors.ts';
import { parseInput } from '../shared/validation.ts';
import { GroupCategoryError, GroupError, GroupConflictError, GroupNotFoundError } from './groups.errors.ts';
import type { GroupsRepo } from './groups.repo.ts';
import type { GroupEventKind } from './groups.tables.ts';

// Staff decisions on grouping: confirm the suggested group, move a problem to another group, take
// it out. A decision is stored with source STAFF, which the automatic grouping and the full
// regroup never change; each is a history entry naming the body that decided.

const id = z.number().int().positive();
const note = z.string().trim().max(500).optional().nullable();
/** `currentGroupId` is the group the person saw (null: none): a change made meanwhile is a conflict. */
const base = { issueId: id, currentGroupId: id.nullable(), note };
export const confirmInput = z.object(base);
export const removeInput = z.object(base);
export const moveInput = z
  .object({ ...base, toGroupId: id.optional().nullable(), withIssueId: id.optional().nullable() })
  .refine((v) => (v.toGroupId ?? null) !== null || (v.withIssueId ?? null) !== null, {
    message: 'name the group (toGroupId) or a problem of it (withIssueId)',
    path: ['toGroupId'],
  })
  .refine((v) => (v.toGroupId ?? null) === null || (v.withIssueId ?? null) === null, {
    message: 'name the group or a problem, not both',
    path: ['withIssueId'],
  });

export type ConfirmGroupingInput = z.infer<typeof confirmInput>;
export type MoveToGroupInput = z.infer<typeof moveInput>;
export type RemoveFromGroupInput = z.infer<typeof removeInput>;

export function createStaffGrouping({ repo, policy, clock }: { repo: GroupsRepo; policy: Policy; clock: Clock }) {
  /** The akimats of the problem's territory and the body answering for it (and admins) decide. */
  function requireDecider(viewer: Viewer | null, issueId: number) {
    const v = policy.requireRole(viewer, ['AKIMAT_STAFF', 'ORGANIZATION_STAFF']);
    const issue = repo.issueForStaff(issueId);
    if (!issue) throw new IssueNotFoundError();
    if (!policy.routesIssue(v, issue) && !policy.answersForIssue(v, issue))
      throw new NotAuthorizedError('auth/forbidden', 'Only the akimat of the place and the body answering for the problem can change its group.');
    return { viewer: v, issue };
  }

  function requireCurrent(issueId: number, expected: number | null): number | null {
    const current = repo.membership(issueId)?.groupId ?? null;
    if (current !== expected) throw new GroupConflictError(issueId, expected, current);
    return current;
  }

  function record(viewer: Viewer, issueId: number, kind: GroupEventKind, from: number | null, to: number | null, text: string | null | undefined, at: string) {
    repo.appendEvent({
      issueId,
      kind,
      fromGroupId: from,
      toGroupId: to,
      source: 'STAFF',
      organizationId: viewer.organizationId,
      byUserId: viewer.userId,
      note: text || null,
      at,
    });
  }

  return {
    /** Whether the viewer may change this problem's group (the staff page shows the forms only then). */
    mayDecide(viewer: Viewer | null, issueId: number): boolean {
      try {
        requireDecider(viewer, issueId);
        return true;
      } catch (err) {
        // A refusal means "no"; anything else (the database failing) is an error, not a refusal.
        if (err instanceof DomainError) return false;
        throw err;
      }
    },

    confirmGrouping(viewer: Viewer | null, input: ConfirmGroupingInput) {
      const args = parseInput(confirmInput, input);
      return repo.transaction(() => {
        const { viewer: v } = requireDecider(viewer, args.issueId);
        const current = requireCurrent(args.issueId, args.currentGroupId);
        if (current === null) throw new GroupError('none', 'The problem is in no group: there is nothing to confirm.');
        const at = clock.now().toISOString();
        repo.setMembership(args.issueId, current, 'STAFF', null, at);
        record(v, args.issueId, 'CONFIRMED', current, current, args.note, at);
        return { issueId: args.issueId, groupId: current };
      });
    },

    /** Into an existing group, or into the group of another problem (a new group of the two when it has none). */
    moveToGroup(viewer: Viewer | null, input: MoveToGroupInput) {
      const args = parseInput(moveInput, input);
      return repo.transaction(() => {
        const { viewer: v, issue } = requireDecider(viewer, args.issueId);
        const current = requireCurrent(args.issueId, args.currentGroupId);
        const at = clock.now().toISOString();
        let target = args.toGroupId ?? null;
        if (target !== null) {
          const group = repo.findGroup(target);
          if (!group) throw new GroupNotFoundError();
          if (group.category !== issue.category) throw new GroupCategoryError();
        } else {
          const other = repo.issueForStaff(args.withIssueId!);
          if (!other || other.id === issue.id) throw new IssueNotFoundError();
          if (other.category !== issue.category) throw new GroupCategoryError();
          target = repo.membership(other.id)?.groupId ?? null;
          if (target === null) {
            // The other problem had no group: staff pair the two, which is a decision on both.
            target = repo.createGroup(issue.category, at);
            repo.setMembership(other.id, target, 'STAFF', null, at);
            record(v, other.id, 'MOVED', null, target, args.note, at);
          }
        }
        if (target === current) throw new GroupError('same', 'The problem is already in that group.');
        repo.setMembership(args.issueId, target, 'STAFF', null, at);
        record(v, args.issueId, 'MOVED', current, target, args.note, at);
        repo.groupChanged(target, at);
        if (current !== null) repo.groupChanged(current, at);
        return { issueId: args.issueId, groupId: target };
      });
    },

    /** Out of its group for good: the automatic grouping will not put it in a group again. */
    removeFromGroup(viewer: Viewer | null, input: RemoveFromGroupInput) {
      const args = parseInput(removeInput, input);
      return repo.transaction(() => {
        const { viewer: v } = requireDecider(viewer, args.issueId);
        const current = requireCurrent(args.issueId, args.currentGroupId);
        if (current === null) throw new GroupError('none', 'The problem is in no group: there is nothing to take it out of.');
        const at = clock.now().toISOString();
        repo.setMembership(args.issueId, null, 'STAFF', null, at);
        record(v, args.issueId, 'REMOVED', current, null, args.note, at);
        repo.groupChanged(current, at);
        return { issueId: args.issueId, groupId: null };
      });
    },
  };
}
