import { ISSUE_CATEGORIES, ISSUE_STATUSES, type IssueCategory, type IssueStatus } from '../../../modules/shared/enums.ts';
import type { QueueItem } from '../../../modules/issues/issues.queue-repo.ts';
import type { Trilingual } from '../../../modules/shared/localized.ts';
import { deadlineText, overdueBadge, progressBar, statusBadge, time } from '../../components.ts';
import { flagAttr, html, queryString, type Html } from '../../html.ts';
import { fill } from '../../i18n/index.ts';
import { langPath, pagination } from '../../layout.ts';
import { notice, staffPage, type StaffRequest } from '../layout.ts';

// My queue: the organisation's problems, overdue first, with counts, filters, sorting and pages.
// A plain GET form: the address of a filtered queue can be bookmarked and shared with colleagues.

export interface QueueFilters {
  statuses: IssueStatus[];
  overdue: boolean;
  dueSoon: boolean;
  reopenedOrDisputed: boolean;
  needsCentralDecision: boolean;
  category?: IssueCategory;
  regionCode?: string;
  sort: 'urgency' | 'due' | 'updated' | 'raised';
}

export interface QueueView {
  organizationName: string;
  items: (QueueItem & { overdue: boolean })[];
  counts: { open: number; overdue: number; dueSoon: number; reopenedOrDisputed: number; needsCentralDecision: number };
  total: number;
  page: number;
  pages: number;
  regions: (Trilingual & { code: string })[];
  notice?: string;
}

/** The query string of a filtered queue (also used by the CSV link, so it downloads what is shown). */
export function queueQuery(f: QueueFilters, page?: number): string {
  return queryString([
    ...f.statuses.map((s): [string, string] => ['status', s]),
    ['overdue', f.overdue ? '1' : undefined],
    ['due-soon', f.dueSoon ? '1' : undefined],
    ['reopened', f.reopenedOrDisputed ? '1' : undefined],
    ['central', f.needsCentralDecision ? '1' : undefined],
    ['category', f.category],
    ['region', f.regionCode],
    ['sort', f.sort === 'urgency' ? undefined : f.sort],
    ['page', page && page > 1 ? page : undefined],
  ]);
}

function filtersForm(sr: StaffRequest, f: QueueFilters, view: QueueView): Html {
  const { w, locale } = sr;
  const check = (name: string, label: string, on: boolean) =>
    html`<div class="check"><input type="checkbox" id="f-${name}" name="${name}" value="1"${flagAttr('checked', on)}><label for="f-${name}">${label}</label></div>`;
  return html`<form method="get" action="${langPath(locale.lang, '/staff/queue')}" class="staff-filters" aria-label="${w.filtersLegend}">
<fieldset class="field"><legend>${w.filterStatus}</legend>
${ISSUE_STATUSES.filter((s) => s !== 'NEW').map((s) => html`<div class="check"><input type="checkbox" id="f-status-${s}" name="status" value="${s}"${flagAttr('checked', f.statuses.includes(s))}><label for="f-status-${s}">${locale.labels.status(s)}</label></div>`)}
</fieldset>
<div>
${check('overdue', w.filterOverdue, f.overdue)}
${check('due-soon', w.filterDueSoon, f.dueSoon)}
${check('reopened', w.filterReopened, f.reopenedOrDisputed)}
${check('central', w.filterCentral, f.needsCentralDecision)}
</div>
<div class="field"><label for="f-category">${w.filterCategory}</label>
<select id="f-category" name="category"><option value="">${w.filterAnyCategory}</option>
${ISSUE_CATEGORIES.map((c) => html`<option value="${c}"${flagAttr('selected', f.category === c)}>${locale.labels.category(c)}</option>`)}
</select></div>
<div class="field"><label for="f-region">${w.filterRegion}</label>
<select id="f-region" name="region"><option value="">${w.filterAnyRegion}</option>
${view.regions.map((r) => html`<option value="${r.code}"${flagAttr('selected', f.regionCode === r.code)}>${locale.labels.name(r)}</option>`)}
</select></div>
<div class="field"><label for="f-sort">${w.sortLabel}</label>
<select id="f-sort" name="sort">
${(['urgency', 'due', 'updated', 'raised'] as const).map((s) => html`<option value="${s}"${flagAttr('selected', f.sort === s)}>${w[`sort${s[0]!.toUpperCase()}${s.slice(1)}` as 'sortDue']}</option>`)}
</select></div>
<div><button type="submit">${w.applyFilters}</button></div>
</form>`;
}

function countsList(sr: StaffRequest, view: QueueView): Html {
  const { w, locale } = sr;
  const link = (href: string, label: string, n: number, warn = false) =>
    html`<li${warn && n > 0 ? html` class="tile-warn"` : ''}><a href="${langPath(locale.lang, `/staff/queue${href}`)}"><span class="tile-number">${locale.format.number(n)}</span> <span class="tile-label">${label}</span></a></li>`;
  return html`<ul class="tiles">
${link('?status=ASSIGNED&status=IN_PROGRESS&status=REOPENED', w.countOpen, view.counts.open)}
${link('?overdue=1', w.countOverdue, view.counts.overdue, true)}
${link('?due-soon=1', w.countDueSoon, view.counts.dueSoon)}
${link('?reopened=1', w.countReopened, view.counts.reopenedOrDisputed, true)}
${link('?central=1', w.countCentral, view.counts.needsCentralDecision)}
</ul>`;
}

function queueTable(sr: StaffRequest, view: QueueView): Html {
  const { w, locale } = sr;
  if (!view.items.length) return html`<p>${w.queueEmpty}</p>`;
  return html`<div class="table-wrap"><table class="queue items">
<caption>${fill(w.queueCaption, { count: locale.format.number(view.total) })}</caption>
<thead><tr><th scope="col">${w.colProblem}</th><th scope="col">${w.colStatus}</th><th scope="col">${w.colDeadline}</th><th scope="col">${w.colProgress}</th><th scope="col">${w.colLastNote}</th><th scope="col">${w.colUpdated}</th></tr></thead>
<tbody>
${view.items.map(
  (i) => html`<tr>
<th scope="row"><a href="${langPath(locale.lang, `/staff/issues/${i.id}`)}">№ ${i.id}</a> <span lang="${i.language}">${i.title}</span><span class="sub">${locale.labels.category(i.category)} · ${i.regionCode}</span></th>
<td>${statusBadge(locale, i.status)}${overdueBadge(locale, i.overdue)}</td>
<td>${deadlineText(locale, i.dueDate)}</td>
<td>${progressBar(locale, i.progress)}</td>
<td>${i.lastPublicNote ? html`<span lang="${i.language}">${i.lastPublicNote}</span>` : ''}</td>
<td>${time(locale, i.updatedAt)}</td>
</tr>`,
)}
</tbody></table></div>`;
}

export function queuePage(sr: StaffRequest, f: QueueFilters, view: QueueView): Html {
  const { w, locale } = sr;
  const query = queueQuery(f);
  return staffPage(
    sr,
    { title: w.queueHeading, nav: 'queue', scripts: [] },
    html`<h1>${w.queueHeading}</h1>
<p>${fill(w.queueIntro, { org: view.organizationName })}</p>
${view.notice ? notice('status', view.notice) : ''}
${countsList(sr, view)}
<ul class="inline"><li><a href="${langPath(locale.lang, `/staff/queue.csv${query}`)}" download>${w.downloadCsv}</a></li><li><a href="${langPath(locale.lang, '/staff/queue/upload')}">${w.uploadCsv}</a></li></ul>
${filtersForm(sr, f, view)}
${queueTable(sr, view)}
${pagination(sr, view.page, view.pages, (p) => langPath(locale.lang, `/staff/queue${queueQuery(f, p)}`))}`,
  );
}
