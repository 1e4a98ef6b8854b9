import type { Viewer } from '../accounts/viewer.ts';
import type { Policy } from '../accounts/policy.ts';
import type { Clock } from '../shared/clock.ts';
import { FINISHED_STATUSES } from '../shared/enums.ts';
import { InvalidInputError } from '../shared/errors.ts';
import { CentralDecisionNotOpenError, IssueNotFoundError } from './issues.errors.ts';
import { parseInput, setCentralDecisionSchema, type SetCentralDecisionInput } from './issues.inputs.ts';
import { requireVersion } from './issues.conflict.ts';
import type { IssueRow, IssuesWriteRepo } from './issues.write-repo.ts';

// "Needs a central decision" after assignment. The Government collects such problems on 15 February
// and 15 August (docs/decree.md); whether a problem needs it often becomes clear only once a body has
// looked at it, and a problem passed on to an akimat must not silently drop out of the rounds. So the
// body answering for it or the akimat that recorded it may set or clear the flag at any time while
// the problem is open, with the proposal and a public reason in the history. Rounds read the flag as
// it stood at their cutoff from that history (snapshot.ts `centralDecisionAt`).

export function createCentralDecision(deps: { writeRepo: IssuesWriteRepo; policy: Policy; clock: Clock; changed: (ids: number[]) => void }) {
  const { writeRepo, policy, clock, changed } = deps;
  return {
    async setCentralDecision(viewer: Viewer | null, input: SetCentralDecisionInput): Promise<IssueRow> {
      const v = policy.requireRole(viewer, ['ORGANIZATION_STAFF', 'AKIMAT_STAFF']);
      const data = parseInput(setCentralDecisionSchema, input);
      const now = clock.now().toISOString();
      const issue = writeRepo.transaction((w) => {
        const current = w.getIssue(data.issueId);
        // A problem the caller has no business with reads exactly like a missing one.
        if (!current || !policy.flagsCentralDecision(v, current)) throw new IssueNotFoundError();
        requireVersion(w, current, data.version);
        if (current.status === 'NEW' || (FINISHED_STATUSES as readonly string[]).includes(current.status)) {
          throw new CentralDecisionNotOpenError(current.status);
        }
        const proposal = data.needsCentralDecision ? (data.proposal ?? null) : null;
        if (current.needsCentralDecision === data.needsCentralDecision && current.centralDecisionProposal === proposal) {
          throw new InvalidInputError([{ path: 'needsCentralDecision', message: 'is already so, with this proposal: nothing would change' }]);
        }
        const updated = w.updateIssue(current.id, { needsCentralDecision: data.needsCentralDecision, centralDecisionProposal: proposal, updatedAt: now });
        w.appendUpdate({
          issueId: current.id,
          kind: 'CENTRAL_DECISION',
          actor: 'ORGANIZATION',
          organizationId: v.organizationId,
          statusBefore: current.status,
          statusAfter: current.status,
          centralDecisionBefore: current.needsCentralDecision,
          centralDecisionAfter: data.needsCentralDecision,
          centralDecisionProposal: proposal,
          publicNote: data.reason,
          at: now,
          byUserId: v.userId,
          version: updated.version,
        });
        return updated;
      });
      changed([issue.id]);
      return issue;
    },
  };
}
