import type { BulkPreview, BulkRowState } from '../../../modules/issues/issues.bulk.ts';
import type { CsvRowProblem } from '../../../modules/issues/issues.errors.ts';
import { html, type Html } from '../../html.ts';
import { fill } from '../../i18n/index.ts';
import { langPath } from '../../layout.ts';
import { ISSUE_STATUSES, type IssueStatus } from '../../../modules/shared/enums.ts';
import { csrfField, notice, staffPage, type StaffRequest } from '../layout.ts';

// Bulk update from a CSV: the upload form, then a preview of every row's change and every row's
// problem, then "Apply" (all or nothing) when the file has no problem.

export const BULK_MAX_BYTES = 2 * 1024 * 1024;

export function uploadPage(sr: StaffRequest, alert?: string): Html {
  const { w, locale } = sr;
  return staffPage(
    sr,
    { title: w.bulkHeading, nav: 'queue' },
    html`<h1>${w.bulkHeading}</h1>
${alert ? notice('alert', alert) : ''}
<p>${w.bulkIntro}</p>
<p>${w.bulkVersionRule}</p>
<p><a href="${langPath(locale.lang, '/staff/queue.csv')}" download>${w.downloadCsv}</a></p>
<form method="post" action="${langPath(locale.lang, '/staff/queue/upload')}" enctype="multipart/form-data" class="staff-form">
${csrfField(sr)}
<div class="field"><label for="csv-file">${w.fileField}</label>
<input id="csv-file" name="file" type="file" accept=".csv,text/csv" required></div>
<div class="actions"><button type="submit">${w.uploadButton}</button></div>
</form>`,
  );
}

const FIELDS: [keyof BulkRowState, 'fieldStatus' | 'fieldPlan' | 'fieldDue' | 'fieldProgress' | 'fieldNote'][] = [
  ['status', 'fieldStatus'],
  ['resolutionPlan', 'fieldPlan'],
  ['dueDate', 'fieldDue'],
  ['progress', 'fieldProgress'],
  ['publicNote', 'fieldNote'],
];

const isIssueStatus = (value: unknown): value is IssueStatus => (ISSUE_STATUSES as readonly unknown[]).includes(value);

function changeList(sr: StaffRequest, before: BulkRowState, after: BulkRowState | null): Html {
  if (!after) return html`<span class="muted">${sr.w.unchangedRow}</span>`;
  const { locale, w } = sr;
  const show = (field: keyof BulkRowState, value: BulkRowState[keyof BulkRowState]) =>
    value === null || value === ''
      ? '—'
      : field === 'status' && isIssueStatus(value)
        ? locale.labels.status(value)
        : field === 'progress'
          ? locale.format.percent(value as number)
          : String(value);
  return html`<ul class="diff">${FIELDS.filter(([f]) => before[f] !== after[f]).map(
    ([f, label]) => html`<li>${w[label]}: <del>${show(f, before[f])}</del> → <ins>${show(f, after[f])}</ins></li>`,
  )}</ul>`;
}

function problemsTable(sr: StaffRequest, problems: CsvRowProblem[]): Html {
  const { w } = sr;
  return html`<div class="table-wrap"><table><caption>${w.bulkErrors}</caption>
<thead><tr><th scope="col">${w.colRow}</th><th scope="col">${w.colColumn}</th><th scope="col">${w.colMessage}</th></tr></thead>
<tbody>${problems.map((p) => html`<tr><td>${p.row}</td><td>${p.column}</td><td>${p.message}</td></tr>`)}</tbody></table></div>`;
}

export function previewPage(sr: StaffRequest, preview: BulkPreview, reference: string | null, status?: string): Html {
  const { w, locale } = sr;
  const changed = preview.rows.filter((r) => r.after).length;
  const unchanged = preview.rows.length - changed;
  const canApply = reference !== null && preview.problems.length === 0 && changed > 0;
  return staffPage(
    sr,
    { title: w.previewBulkHeading, nav: 'queue' },
    html`<h1>${w.previewBulkHeading}</h1>
${status ? notice('alert', status) : ''}
${preview.problems.length ? notice('alert', w.bulkErrors) : html`<p role="status">${fill(w.bulkSummary, { changed, unchanged })}</p>`}
${preview.problems.length ? problemsTable(sr, preview.problems) : ''}
${
  preview.rows.length
    ? html`<div class="table-wrap"><table class="items"><caption>${fill(w.bulkSummary, { changed, unchanged })}</caption>
<thead><tr><th scope="col">${w.colRow}</th><th scope="col">${w.colProblem}</th><th scope="col">${w.colChange}</th></tr></thead>
<tbody>${preview.rows.map((r) => html`<tr><td>${r.row}</td><th scope="row"><a href="${langPath(locale.lang, `/staff/issues/${r.issueId}`)}">№ ${r.issueId}</a> ${r.title}</th><td>${changeList(sr, r.before, r.after)}</td></tr>`)}</tbody></table></div>`
    : ''
}
${
  canApply
    ? html`<form method="post" action="${langPath(locale.lang, '/staff/queue/apply')}" class="staff-form">
${csrfField(sr)}
<input type="hidden" name="upload" value="${reference}">
<div class="actions"><button type="submit" class="primary">${w.applyButton}</button></div>
</form>`
    : ''
}
<p><a href="${langPath(locale.lang, '/staff/queue/upload')}">${w.uploadAgain}</a></p>`,
  );
}
