import type { IssueStatus } from '../../../modules/shared/enums.ts';
import type { Transition } from '../../../modules/issues/issues.state-machine.ts';
import type { Trilingual } from '../../../modules/shared/localized.ts';
import { historyList } from '../../components.ts';
import { flagAttr, html, type Html } from '../../html.ts';
import { fill } from '../../i18n/index.ts';
import { langPath } from '../../layout.ts';
import { csrfField, type StaffRequest } from '../layout.ts';

// The two forms of a problem's staff page. Both carry the version they were rendered from; the
// service refuses a write based on an older one (issue/conflict) and the page says what changed.

export interface UpdateValues {
  version: number;
  status: IssueStatus;
  resolutionPlan: string;
  dueDate: string;
  progress: string;
  publicNote: string;
}

export interface TransferValues {
  version: number;
  toOrganizationCode: string;
  reason: string;
}

/** The transition's needs in words: "a plan and a due date are needed for In progress". */
export function needsInWords(sr: StaffRequest, tr: Transition): string {
  const status = sr.locale.labels.status(tr.to);
  if (!tr.needs.length) return fill(sr.w.needNothing, { status });
  return tr.needs
    .map((need) => fill(need === 'PLAN_AND_DUE_DATE' ? sr.w.needPlanAndDue : need === 'PUBLIC_NOTE' ? sr.w.needNote : sr.w.needFull, { status }))
    .join('; ');
}

export function updateForm(
  sr: StaffRequest,
  issue: { id: number; status: IssueStatus; language: string; dueDate: string | null },
  steps: Transition[],
  values: UpdateValues,
  preview: { organization: Trilingual | null; at: string } | null,
  invalid: Set<string>,
): Html {
  const { w, locale } = sr;
  const bad = (field: string) => (invalid.has(field) ? html` aria-invalid="true"` : '');
  const options = steps.map((tr) => {
    const label = tr.to === issue.status ? fill(w.keepStatus, { status: locale.labels.status(tr.to) }) : locale.labels.status(tr.to);
    return html`<option value="${tr.to}"${flagAttr('selected', values.status === tr.to)}>${label}</option>`;
  });
  const previewBlock = preview
    ? html`<section class="preview" aria-labelledby="preview-heading" id="preview"><h3 id="preview-heading">${w.previewHeading}</h3>
${
  values.publicNote.trim()
    ? historyList(locale, [
        {
          kind: 'PROGRESS',
          statusBefore: issue.status,
          statusAfter: values.status,
          progress: /^\d{1,3}$/.test(values.progress) ? Number(values.progress) : null,
          dueDateBefore: issue.dueDate,
          dueDateAfter: values.dueDate || issue.dueDate,
          publicNote: values.publicNote.trim(),
          at: preview.at,
          organization: preview.organization,
        },
      ])
    : html`<p>${w.previewEmpty}</p>`
}</section>`
    : '';
  return html`<form method="post" action="${langPath(locale.lang, `/staff/issues/${issue.id}/update`)}#update-heading" class="staff-form" aria-labelledby="update-heading">
${csrfField(sr)}
<input type="hidden" name="version" value="${values.version}">
<div class="field"><label for="u-status">${w.statusField}</label>
<select id="u-status" name="status" aria-describedby="u-rules"${bad('status')}>${options}</select></div>
<div id="u-rules"><p class="hint">${w.rulesHeading}:</p><ul class="rules">${steps.map((tr) => html`<li>${needsInWords(sr, tr)}</li>`)}</ul></div>
<div class="field"><label for="u-plan">${w.planField}</label>
<textarea id="u-plan" name="resolutionPlan" rows="3" maxlength="5000" lang="${issue.language}"${bad('resolutionPlan')}>${values.resolutionPlan}</textarea></div>
<div class="field"><label for="u-due">${w.dueField}</label>
<input id="u-due" name="dueDate" type="date" value="${values.dueDate}"${bad('dueDate')}></div>
<div class="field"><label for="u-progress">${w.progressField}</label>
<input id="u-progress" name="progress" type="number" min="0" max="100" step="1" inputmode="numeric" value="${values.progress}"${bad('progress')}></div>
<div class="field"><label for="u-note">${w.noteField}</label>
<p id="u-note-hint" class="hint">${w.noteHint}</p>
<textarea id="u-note" name="publicNote" rows="3" maxlength="2000" aria-describedby="u-note-hint"${bad('publicNote')}>${values.publicNote}</textarea></div>
${previewBlock}
<div class="actions">
<button type="submit" name="action" value="preview" class="secondary">${w.previewButton}</button>
<button type="submit" name="action" value="save">${w.saveButton}</button>
</div>
</form>`;
}

export function transferForm(sr: StaffRequest, issueId: number, bodies: (Trilingual & { code: string })[], values: TransferValues, invalid: Set<string>): Html {
  const { w, locale } = sr;
  const bad = (field: string) => (invalid.has(field) ? html` aria-invalid="true"` : '');
  return html`<form method="post" action="${langPath(locale.lang, `/staff/issues/${issueId}/transfer`)}#transfer-heading" class="staff-form" aria-labelledby="transfer-heading">
${csrfField(sr)}
<input type="hidden" name="version" value="${values.version}">
<p>${w.transferHint}</p>
<div class="field"><label for="t-body">${w.bodyField}</label>
<select id="t-body" name="toOrganizationCode" required data-filter-label="${w.bodyFilter}"${bad('toOrganizationCode')}>
<option value="">${w.pickBody}</option>
${bodies.map((b) => html`<option value="${b.code}"${flagAttr('selected', values.toOrganizationCode === b.code)}>${locale.labels.name(b)} (${b.code})</option>`)}
</select></div>
<div class="field"><label for="t-reason">${w.reasonField}</label>
<textarea id="t-reason" name="reason" rows="3" minlength="10" maxlength="2000" required${bad('reason')}>${values.reason}</textarea></div>
<div class="actions"><button type="submit">${w.transferButton}</button></div>
</form>`;
}

export interface CentralValues {
  version: number;
  needsCentralDecision: boolean;
  proposal: string;
  reason: string;
}

/** Setting or clearing "needs a central decision" after assignment, with the proposal and a public reason. */
export function centralDecisionForm(sr: StaffRequest, issueId: number, values: CentralValues, invalid: Set<string>): Html {
  const { w, locale } = sr;
  const bad = (field: string) => (invalid.has(field) ? html` aria-invalid="true"` : '');
  return html`<form method="post" action="${langPath(locale.lang, `/staff/issues/${issueId}/central`)}#central-heading" class="staff-form" aria-labelledby="central-heading">
${csrfField(sr)}
<input type="hidden" name="version" value="${values.version}">
<p>${w.centralHint}</p>
<div class="check"><input type="checkbox" id="c-flag" name="needsCentralDecision" value="yes"${flagAttr('checked', values.needsCentralDecision)}${bad('needsCentralDecision')}><label for="c-flag">${w.centralFlagField}</label></div>
<div class="field"><label for="c-proposal">${w.centralProposalField}</label>
<textarea id="c-proposal" name="proposal" rows="3" maxlength="2000"${bad('proposal')}>${values.proposal}</textarea></div>
<div class="field"><label for="c-reason">${w.centralReasonField}</label>
<textarea id="c-reason" name="reason" rows="2" minlength="10" maxlength="2000" required${bad('reason')}>${values.reason}</textarea></div>
<div class="actions"><button type="submit">${w.centralButton}</button></div>
</form>`;
}
