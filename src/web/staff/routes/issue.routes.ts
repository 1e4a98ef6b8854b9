import type { Request, Response, Router } from 'express';
import { IssueConflictError } from '../../../modules/issues/issues.conflict.ts';
import { IssueNotFoundError } from '../../../modules/issues/issues.errors.ts';
import { ISSUE_STATUSES, type IssueStatus } from '../../../modules/shared/enums.ts';
import { InvalidInputError, NotFoundError, RuleViolationError, type FieldProblem } from '../../../modules/shared/errors.ts';
import { sendHtml } from '../../caching.ts';
import type { WebDeps } from '../../context.ts';
import { fill } from '../../i18n/index.ts';
import { langPath } from '../../layout.ts';
import { loadProblem, type ProblemView } from '../../pages/problem.ts';
import { formField } from '../csrf.ts';
import { requireStaff, staffForm, staffSession } from '../guard.ts';
import { staffRequest, type StaffRequest } from '../layout.ts';
import { staffIssuePage, type IssuePageState, type StaffIssue } from '../pages/issue.ts';
import type { UpdateValues } from '../pages/issue-forms.ts';
import { loadStaffGroup, staffGroupSection } from '../pages/issue-group.ts';

// A problem's staff page and its two forms. The routes read the form and call the workflow
// (updateIssueProgress, transferIssue) with the version the form was rendered from; every rule
// and every refusal is the service's, put into words here.

const FIELD_LABEL: Record<
  string,
  'fieldStatus' | 'fieldPlan' | 'fieldDue' | 'fieldProgress' | 'fieldNote' | 'fieldBody' | 'fieldReason' | 'centralFlagField' | 'centralProposalField'
> = {
  needsCentralDecision: 'centralFlagField',
  proposal: 'centralProposalField',
  status: 'fieldStatus',
  resolutionPlan: 'fieldPlan',
  dueDate: 'fieldDue',
  progress: 'fieldProgress',
  publicNote: 'fieldNote',
  toOrganizationCode: 'fieldBody',
  reason: 'fieldReason',
};

/** The service's field problems as sentences; the state machine's needs in the page's language. */
function explain(sr: StaffRequest, problems: FieldProblem[], status: IssueStatus): string[] {
  const label = sr.locale.labels.status(status);
  const out = new Set<string>();
  for (const p of problems) {
    if ((p.path === 'resolutionPlan' || p.path === 'dueDate') && p.message.startsWith('is required for a problem'))
      out.add(fill(sr.w.needPlanAndDue, { status: label }));
    else if (p.path === 'publicNote' && p.message.includes('declined')) out.add(fill(sr.w.needNote, { status: label }));
    else if (p.path === 'progress' && p.message.includes('100')) out.add(fill(sr.w.needFull, { status: label }));
    else out.add(`${FIELD_LABEL[p.path] ? sr.w[FIELD_LABEL[p.path]!] : p.path}: ${p.message}`);
  }
  return [...out];
}

function conflictDetails(sr: StaffRequest, err: IssueConflictError): string[] {
  const { locale } = sr;
  return err.changes.map(
    (c) =>
      `${locale.format.dateTime(c.at)} — ${locale.labels.event(c.kind)}: ${locale.labels.status(c.statusAfter)}` +
      `${c.progress !== null ? `, ${locale.format.percent(c.progress)}` : ''}${c.dueDateAfter ? `, ${locale.t.deadline}: ${locale.format.date(c.dueDateAfter)}` : ''}` +
      `${c.publicNote ? ` — «${c.publicNote}»` : ''}`,
  );
}

const issueNumber = (req: Request) => (/^\d{1,9}$/.test(String(req.params.number)) ? Number(req.params.number) : null);

export function registerIssueRoutes(router: Router, { services }: WebDeps): void {
  async function load(req: Request, res: Response): Promise<{ p: ProblemView; s: StaffIssue } | null> {
    const id = issueNumber(req);
    if (id === null) throw new IssueNotFoundError();
    const s = await services.issues.staffIssue(staffSession(res).viewer, id);
    const p = await loadProblem(services, id);
    if (!p) throw new IssueNotFoundError();
    return { p, s };
  }

  const currentValues = (p: ProblemView, s: StaffIssue): UpdateValues => ({
    version: s.issue.version,
    status: p.status,
    resolutionPlan: p.resolutionPlan ?? '',
    dueDate: p.dueDate ?? '',
    progress: String(p.progress),
    publicNote: '',
  });

  async function render(req: Request, res: Response, status: number, build: (p: ProblemView, s: StaffIssue) => Partial<IssuePageState>) {
    const loaded = await load(req, res);
    if (!loaded) return;
    const { p, s } = loaded;
    const sr = staffRequest(req, res);
    const bodies = s.canTransfer ? (await services.organizations.listOrganizations(null)).filter((o) => o.id !== s.issue.responsibleOrganizationId) : [];
    const state: IssuePageState = {
      update: currentValues(p, s),
      transfer: { version: s.issue.version, toOrganizationCode: '', reason: '' },
      central: { version: s.issue.version, needsCentralDecision: p.needsCentralDecision, proposal: p.centralDecisionProposal ?? '', reason: '' },
      preview: false,
      bodies,
      now: new Date().toISOString(),
      group: staffGroupSection(
        sr,
        p.id,
        loadStaffGroup(services, staffSession(res).viewer, p.id, typeof req.query.group === 'string' ? req.query.group : undefined),
      ),
      ...build(p, s),
    };
    sendHtml(res, status, staffIssuePage(sr, p, s, state));
  }

  router.get('/issues/:number', requireStaff(), async (req, res) => {
    const sr = staffRequest(req, res);
    await render(req, res, 200, () =>
      req.query.saved === '1'
        ? { notice: { kind: 'status', text: sr.w.savedNotice }, noticeFor: 'update' }
        : req.query.saved === 'central'
          ? { notice: { kind: 'status', text: sr.w.centralSaved }, noticeFor: 'central' }
          : {},
    );
  });

  router.post('/issues/:number/update', requireStaff(['ORGANIZATION_STAFF', 'AKIMAT_STAFF']), ...staffForm, async (req, res) => {
    const sr = staffRequest(req, res);
    const { viewer } = staffSession(res);
    const status = formField(req, 'status');
    const entered = {
      version: Number(formField(req, 'version')),
      status: ((ISSUE_STATUSES as readonly string[]).includes(status) ? status : 'ASSIGNED') as IssueStatus,
      resolutionPlan: formField(req, 'resolutionPlan').slice(0, 5000),
      dueDate: formField(req, 'dueDate').trim().slice(0, 20),
      progress: formField(req, 'progress').trim().slice(0, 5),
      publicNote: formField(req, 'publicNote').slice(0, 2000),
    };
    const { p, s } = (await load(req, res))!;
    const withEntered = (extra: Partial<IssuePageState>) => () => ({ update: { ...entered, version: entered.version }, ...extra });
    if (formField(req, 'action') === 'preview') return render(req, res, 200, withEntered({ preview: true }));

    // Only what differs from the problem as it stands is sent: saving an untouched form writes nothing.
    const change = {
      status: entered.status !== p.status ? entered.status : undefined,
      resolutionPlan: entered.resolutionPlan.trim() && entered.resolutionPlan.trim() !== (p.resolutionPlan ?? '') ? entered.resolutionPlan : undefined,
      dueDate: entered.dueDate && entered.dueDate !== (p.dueDate ?? '') ? entered.dueDate : undefined,
      progress:
        entered.progress !== '' && entered.progress !== String(p.progress) ? (/^\d{1,3}$/.test(entered.progress) ? Number(entered.progress) : -1) : undefined,
      publicNote: entered.publicNote.trim() ? entered.publicNote : undefined,
    };
    if (Object.values(change).every((v) => v === undefined)) {
      return render(req, res, 200, withEntered({ notice: { kind: 'status', text: sr.w.nothingToSave }, noticeFor: 'update' }));
    }
    if (!Number.isInteger(entered.version) || entered.version < 1) {
      return render(req, res, 400, withEntered({ notice: { kind: 'alert', text: sr.w.formExpired }, noticeFor: 'update' }));
    }
    try {
      await services.issues.updateIssueProgress(viewer, { issueId: s.issue.id, version: entered.version, ...change });
      res.redirect(303, langPath(sr.locale.lang, `/staff/issues/${s.issue.id}?saved=1`));
    } catch (err) {
      if (err instanceof IssueConflictError) {
        return render(req, res, 409, (_p, current) => ({
          update: { ...entered, version: current.issue.version },
          notice: { kind: 'alert', text: `${sr.w.conflictText}`, details: [...conflictDetails(sr, err), sr.w.conflictRetry] },
          noticeFor: 'update',
        }));
      }
      if (err instanceof InvalidInputError) {
        return render(
          req,
          res,
          400,
          withEntered({
            notice: { kind: 'alert', text: sr.w.fixErrors, details: explain(sr, err.problems, entered.status) },
            noticeFor: 'update',
            invalid: new Set(err.problems.map((pr) => pr.path)),
          }),
        );
      }
      if (err instanceof RuleViolationError) {
        return render(
          req,
          res,
          409,
          withEntered({ notice: { kind: 'alert', text: sr.w.fixErrors, details: [err.message] }, noticeFor: 'update', invalid: new Set(['status']) }),
        );
      }
      throw err;
    }
  });

  router.post('/issues/:number/transfer', requireStaff(['ORGANIZATION_STAFF', 'AKIMAT_STAFF']), ...staffForm, async (req, res) => {
    const sr = staffRequest(req, res);
    const { viewer } = staffSession(res);
    const id = issueNumber(req);
    if (id === null) throw new IssueNotFoundError();
    const entered = {
      version: Number(formField(req, 'version')),
      toOrganizationCode: formField(req, 'toOrganizationCode').trim().slice(0, 80),
      reason: formField(req, 'reason').slice(0, 2000),
    };
    const again = (status: number, extra: Partial<IssuePageState>) => render(req, res, status, () => ({ transfer: entered, noticeFor: 'transfer', ...extra }));
    if (!Number.isInteger(entered.version) || entered.version < 1) return again(400, { notice: { kind: 'alert', text: sr.w.formExpired } });
    try {
      await services.issues.transferIssue(viewer, {
        issueId: id,
        version: entered.version,
        toOrganizationCode: entered.toOrganizationCode,
        reason: entered.reason,
      });
      res.redirect(303, langPath(sr.locale.lang, `/staff/queue?transferred=${id}`));
    } catch (err) {
      if (err instanceof IssueConflictError) {
        return render(req, res, 409, (_p, current) => ({
          transfer: { ...entered, version: current.issue.version },
          noticeFor: 'transfer',
          notice: { kind: 'alert', text: sr.w.conflictText, details: [...conflictDetails(sr, err), sr.w.conflictRetry] },
        }));
      }
      if (err instanceof InvalidInputError) {
        const problems = entered.toOrganizationCode
          ? err.problems
          : [{ path: 'toOrganizationCode', message: sr.w.pickBody }, ...err.problems.filter((pr) => pr.path !== 'toOrganizationCode')];
        return again(400, {
          notice: { kind: 'alert', text: sr.w.fixErrors, details: explain(sr, problems, 'ASSIGNED') },
          invalid: new Set(problems.map((pr) => pr.path)),
        });
      }
      if (err instanceof RuleViolationError) return again(409, { notice: { kind: 'alert', text: sr.w.fixErrors, details: [err.message] } });
      // An unknown code: the same words as an empty choice.
      if (err instanceof NotFoundError && err.entity === 'organization') {
        return again(400, {
          notice: { kind: 'alert', text: sr.w.fixErrors, details: [`${sr.w.fieldBody}: ${err.message}`] },
          invalid: new Set(['toOrganizationCode']),
        });
      }
      throw err;
    }
  });

  router.post('/issues/:number/central', requireStaff(['ORGANIZATION_STAFF', 'AKIMAT_STAFF']), ...staffForm, async (req, res) => {
    const sr = staffRequest(req, res);
    const { viewer } = staffSession(res);
    const id = issueNumber(req);
    if (id === null) throw new IssueNotFoundError();
    const entered = {
      version: Number(formField(req, 'version')),
      needsCentralDecision: formField(req, 'needsCentralDecision') === 'yes',
      proposal: formField(req, 'proposal').slice(0, 2000),
      reason: formField(req, 'reason').slice(0, 2000),
    };
    const again = (status: number, extra: Partial<IssuePageState>) => render(req, res, status, () => ({ central: entered, noticeFor: 'central', ...extra }));
    if (!Number.isInteger(entered.version) || entered.version < 1) return again(400, { notice: { kind: 'alert', text: sr.w.formExpired } });
    try {
      await services.issues.setCentralDecision(viewer, {
        issueId: id,
        version: entered.version,
        needsCentralDecision: entered.needsCentralDecision,
        // Clearing the flag sends no proposal, whatever the (now hidden in meaning) field still holds.
        proposal: entered.needsCentralDecision && entered.proposal.trim() ? entered.proposal : undefined,
        reason: entered.reason,
      });
      res.redirect(303, langPath(sr.locale.lang, `/staff/issues/${id}?saved=central`));
    } catch (err) {
      if (err instanceof IssueConflictError) {
        return render(req, res, 409, (_p, current) => ({
          central: { ...entered, version: current.issue.version },
          noticeFor: 'central',
          notice: { kind: 'alert', text: sr.w.conflictText, details: [...conflictDetails(sr, err), sr.w.conflictRetry] },
        }));
      }
      if (err instanceof InvalidInputError) {
        return again(400, {
          notice: { kind: 'alert', text: sr.w.fixErrors, details: explain(sr, err.problems, 'ASSIGNED') },
          invalid: new Set(err.problems.map((pr) => pr.path)),
        });
      }
      if (err instanceof RuleViolationError) return again(409, { notice: { kind: 'alert', text: sr.w.fixErrors, details: [err.message] } });
      throw err;
    }
  });
}
