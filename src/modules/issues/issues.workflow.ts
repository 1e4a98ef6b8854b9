import type { Viewer } from '../accounts/viewer.ts';
import type { Policy } from '../accounts/policy.ts';
import type { GeographyService } from '../geography/geography.service.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';
import type { MeetingsService } from '../meetings/meetings.service.ts';
import type { Clock } from '../shared/clock.ts';
import { todayIn } from '../shared/clock.ts';
import { CENTRAL_LEVEL_KINDS } from '../shared/enums.ts';
import { InvalidInputError, NotAuthorizedError, NotFoundError } from '../shared/errors.ts';
import { IssueNotFoundError } from './issues.errors.ts';
import {
  assignIssueSchema,
  guessIssueLanguage,
  parseInput,
  recordIssueSchema,
  transferIssueSchema,
  updateProgressSchema,
  type AssignIssueInput,
  type RecordIssueInput,
  type TransferIssueInput,
  type UpdateProgressInput,
} from './issues.inputs.ts';
import { applyProgress, planProgress } from './issues.progress.ts';
import { requireTransition } from './issues.state-machine.ts';
import { requireVersion } from './issues.conflict.ts';
import type { IssueRow, IssuesWriteRepo } from './issues.write-repo.ts';
import { formatTrackingCode, newTrackingCode } from './tracking-code.ts';

export interface WorkflowDeps {
  writeRepo: IssuesWriteRepo;
  policy: Policy;
  geography: GeographyService;
  organizations: OrganizationsService;
  meetings: MeetingsService;
  clock: Clock;
  /** Called after a commit with the problems it changed. */
  changed: (issueIds: number[]) => void;
}

/**
 * The staff's side of a problem's life: the akimat records and routes it, the responsible body
 * answers for it. Each use case checks the role, validates all input, then in one transaction
 * re-reads the problem, checks scope and the state machine, writes, and appends to the history.
 */
export function createIssueWorkflow(deps: WorkflowDeps) {
  const { writeRepo, policy, geography, organizations, meetings, clock, changed } = deps;
  /** A deadline is a day of the problem's region. */
  const todayInRegion = (regionId: number) => todayIn(clock, geography.zoneOfRegion(regionId));

  async function requireOrganization(code: string, path: string) {
    const org = await organizations.findOrganizationByCode(code);
    if (!org) throw new NotFoundError('organization', `No organisation has the code ${code.trim().toUpperCase()} (${path}).`);
    return org;
  }

  return {
    /** Akimat staff record a problem raised at a meeting in their territory, with the citizen's contact. */
    async recordIssue(viewer: Viewer | null, input: RecordIssueInput): Promise<{ issue: IssueRow; trackingCode: string }> {
      const v = policy.requireRole(viewer, ['AKIMAT_STAFF']);
      const data = parseInput(recordIssueSchema, input);
      const meeting = await meetings.findMeeting(data.meetingId);
      if (!meeting) throw new NotFoundError('meeting');
      const unit = await geography.findUnitByCode(data.unitCode);
      if (!unit) throw new NotFoundError('unit', `No unit has the code ${data.unitCode.toUpperCase()}.`);
      if (!policy.actsForTerritory(v, meeting.unitId) || !policy.actsForTerritory(v, unit.id)) {
        throw new NotAuthorizedError('auth/forbidden', "The meeting or the unit lies outside your akimat's territory.");
      }
      const problems = [];
      if (!geography.isWithin(unit.id, meeting.akimUnitId)) {
        problems.push({ path: 'unitCode', message: 'must lie within the territory of the akim who held the meeting' });
      }
      const startedAt = meeting.actualStartAt ?? meeting.plannedStartAt;
      const now = clock.now().toISOString();
      if (meeting.status === 'CANCELLED') problems.push({ path: 'meetingId', message: 'the meeting was cancelled' });
      else if (startedAt > now) problems.push({ path: 'meetingId', message: 'the meeting has not started yet' });
      const recorder = v.role === 'AKIMAT_STAFF' ? v.organizationId : ((await organizations.findAkimatOfUnit(meeting.akimUnitId))?.id ?? null);
      if (recorder === null) problems.push({ path: 'meetingId', message: 'no akimat is on record for the akim who held it' });
      if (problems.length || recorder === null) throw new InvalidInputError(problems);

      const result = writeRepo.transaction((w) => {
        let code = newTrackingCode();
        while (w.trackingCodeTaken(code)) code = newTrackingCode();
        const issue = w.insertIssue({
          trackingCode: code,
          meetingId: meeting.id,
          unitId: unit.id,
          regionId: unit.regionId ?? unit.id,
          category: data.category,
          language: data.language ?? guessIssueLanguage(data.title, data.text),
          title: data.title,
          text: data.text,
          status: 'NEW',
          progress: 0,
          recordedByOrganizationId: recorder,
          raisedAt: startedAt,
          updatedAt: now,
          createdAt: now,
        });
        w.insertContact({
          issueId: issue.id,
          fullName: data.contact.fullName,
          phone: data.contact.phone,
          iin: data.contact.iin ?? null,
        });
        w.appendUpdate({
          issueId: issue.id,
          kind: 'RECORDED',
          actor: 'ORGANIZATION',
          organizationId: recorder,
          statusAfter: 'NEW',
          progress: 0,
          at: now,
          byUserId: v.userId,
          version: issue.version,
        });
        return { issue, trackingCode: formatTrackingCode(code) };
      });
      changed([result.issue.id]);
      return result;
    },

    /** The akimat routes a new problem to the body that must solve it. */
    async assignIssue(viewer: Viewer | null, input: AssignIssueInput): Promise<IssueRow> {
      const v = policy.requireRole(viewer, ['AKIMAT_STAFF']);
      const data = parseInput(assignIssueSchema, input);
      const org = await requireOrganization(data.organizationCode, 'organizationCode');
      if (data.needsCentralDecision && !(CENTRAL_LEVEL_KINDS as readonly string[]).includes(org.kind)) {
        throw new InvalidInputError([
          { path: 'organizationCode', message: 'a problem that needs a central-level decision goes to a ministry, holding or national company' },
        ]);
      }
      const now = clock.now().toISOString();
      const issue = writeRepo.transaction((w) => {
        const current = w.getIssue(data.issueId);
        if (!current || !policy.routesIssue(v, current)) throw new IssueNotFoundError();
        const today = todayInRegion(current.regionId);
        if (data.dueDate !== undefined && data.dueDate < today) {
          throw new InvalidInputError([{ path: 'dueDate', message: `must not be in the past (today is ${today} in the problem's region)` }]);
        }
        requireVersion(w, current, data.version);
        requireTransition(current.status, 'ASSIGNED', 'assignIssue');
        const akimat = v.role === 'AKIMAT_STAFF' ? v.organizationId : current.recordedByOrganizationId;
        w.reassign({ issueId: current.id, organizationId: org.id, fromOrganizationId: akimat, reason: null, at: now, byUserId: v.userId });
        const updated = w.updateIssue(current.id, {
          status: 'ASSIGNED',
          responsibleOrganizationId: org.id,
          needsCentralDecision: data.needsCentralDecision,
          centralDecisionProposal: data.centralDecisionProposal ?? null,
          dueDate: data.dueDate ?? current.dueDate,
          updatedAt: now,
        });
        w.appendUpdate({
          issueId: current.id,
          kind: 'ASSIGNED',
          actor: 'ORGANIZATION',
          organizationId: akimat,
          statusBefore: current.status,
          statusAfter: 'ASSIGNED',
          progress: current.progress,
          dueDateBefore: data.dueDate ? current.dueDate : null,
          dueDateAfter: data.dueDate ?? null,
          publicNote: data.publicNote ?? null,
          // The flag as routed: a collection round reads it from the history (issues.central.ts).
          centralDecisionBefore: current.needsCentralDecision,
          centralDecisionAfter: data.needsCentralDecision,
          centralDecisionProposal: data.centralDecisionProposal ?? null,
          at: now,
          byUserId: v.userId,
          version: updated.version,
        });
        return updated;
      });
      changed([issue.id]);
      return issue;
    },

    /**
     * "Not our competence": the responsible body hands the problem to another one, with a public
     * reason. The new body starts afresh (ASSIGNED, progress 0, no plan of its own yet) but the
     * deadline stands: passing a problem on must not be a way out of being overdue. A problem
     * coming back to a body that already passed it on is flagged as bounced.
     */
    async transferIssue(viewer: Viewer | null, input: TransferIssueInput): Promise<IssueRow> {
      const v = policy.requireRole(viewer, ['ORGANIZATION_STAFF', 'AKIMAT_STAFF']);
      const data = parseInput(transferIssueSchema, input);
      const target = await requireOrganization(data.toOrganizationCode, 'toOrganizationCode');
      const now = clock.now().toISOString();
      const issue = writeRepo.transaction((w) => {
        const current = w.getIssue(data.issueId);
        if (!current || !policy.answersForIssue(v, current)) throw new IssueNotFoundError();
        requireVersion(w, current, data.version);
        requireTransition(current.status, 'ASSIGNED', 'transferIssue');
        if (target.id === current.responsibleOrganizationId) {
          throw new InvalidInputError([{ path: 'toOrganizationCode', message: 'is already responsible for this problem' }]);
        }
        const bounced = w.heldBefore(current.id, target.id);
        w.reassign({
          issueId: current.id,
          organizationId: target.id,
          fromOrganizationId: current.responsibleOrganizationId,
          reason: data.reason,
          at: now,
          byUserId: v.userId,
        });
        const updated = w.updateIssue(current.id, {
          status: 'ASSIGNED',
          responsibleOrganizationId: target.id,
          transferCount: current.transferCount + 1,
          bouncedAt: bounced ? now : current.bouncedAt,
          progress: 0,
          resolutionPlan: null,
          updatedAt: now,
        });
        w.appendUpdate({
          issueId: current.id,
          kind: 'TRANSFERRED',
          actor: 'ORGANIZATION',
          organizationId: current.responsibleOrganizationId,
          statusBefore: current.status,
          statusAfter: 'ASSIGNED',
          progress: 0,
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

    /** The responsible body moves the problem along: status, plan, deadline, progress, public note. */
    async updateIssueProgress(viewer: Viewer | null, input: UpdateProgressInput): Promise<IssueRow> {
      const v = policy.requireRole(viewer, ['ORGANIZATION_STAFF', 'AKIMAT_STAFF']);
      const { issueId, version, ...change } = parseInput(updateProgressSchema, input);
      const now = clock.now().toISOString();
      const issue = writeRepo.transaction((w) => {
        const current = w.getIssue(issueId);
        if (!current || !policy.answersForIssue(v, current)) throw new IssueNotFoundError();
        requireVersion(w, current, version);
        return applyProgress(w, planProgress(current, change, todayInRegion(current.regionId)), { userId: v.userId, at: now });
      });
      changed([issue.id]);
      return issue;
    },
  };
}
export type IssueWorkflow = ReturnType<typeof createIssueWorkflow>;
