import type { NamedRow, RoutableIssue, Territory } from '../../../modules/meetings/akimat-desk.service.ts';
import { ORGANIZATION_KINDS } from '../../../modules/shared/enums.ts';
import { facts, time } from '../../components.ts';
import { flagAttr, html, type Html } from '../../html.ts';
import { fill } from '../../i18n/index.ts';
import { langPath, pagination } from '../../layout.ts';
import { checkboxValue, invalid, type Refusal } from '../akimat-form.ts';
import { csrfField, notice, staffPage, type StaffRequest } from '../layout.ts';
import { chooser, regionQuery, unitName } from './akimat-common.ts';

// Routing: the territory's problems nobody answers for yet, and the form that assigns one to the
// body that must solve it (with "needs a central decision" and the proposal).

export interface RoutingListView {
  territory: Territory;
  items: RoutableIssue[];
  total: number;
  page: number;
  pages: number;
  flash?: string;
}

export function routingListPage(sr: StaffRequest, view: RoutingListView): Html {
  const { w, locale } = sr;
  const title = fill(w.rtHeading, { territory: unitName(sr, view.territory.unit) });
  const region = regionQuery(view.territory);
  const href = (id: number) => langPath(locale.lang, `/staff/routing/${id}${region ? `?${region}` : ''}`);
  return staffPage(
    sr,
    { title, nav: 'routing' },
    html`<h1>${title}</h1>
${view.flash ? notice('status', view.flash) : ''}
<p>${w.rtIntro}</p>
${view.territory.regions.length > 1 ? chooser(sr, '/staff/routing', view.territory, null) : ''}
<p>${fill(w.rtCount, { n: view.total })}</p>
${
  view.items.length
    ? html`<div class="table-wrap" role="region" tabindex="0" aria-label="${title}"><table class="items">
<thead><tr><th scope="col">${w.prTitle}</th><th scope="col">${w.rtNumber}</th><th scope="col">${w.prUnit}</th><th scope="col">${w.prCategory}</th><th scope="col">${w.rtRaised}</th><th scope="col"><span class="visually-hidden">${w.rtRoute}</span></th></tr></thead>
<tbody>${view.items.map(
        (i) => html`<tr><th scope="row" lang="${i.language}">${i.title}</th><td data-label="${w.rtNumber}">${i.id}</td>
<td data-label="${w.prUnit}">${unitName(sr, i.unit)}</td><td data-label="${w.prCategory}">${locale.labels.category(i.category)}</td>
<td data-label="${w.rtRaised}">${time(locale, i.raisedAt)}</td><td><a href="${href(i.id)}">${w.rtRoute}<span class="visually-hidden"> № ${i.id}</span></a></td></tr>`,
      )}</tbody>
</table></div>`
    : html`<p>${w.rtNone}</p>`
}
${pagination(sr, view.page, view.pages, (page) => `${langPath(locale.lang, '/staff/routing')}?${region ? `${region}&` : ''}page=${page}`)}`,
  );
}

export interface RouteFormView {
  issue: RoutableIssue;
  contact: { fullName: string; phone: string | null; iin: string | null } | null;
  bodies: NamedRow[];
  values: Record<string, string>;
  refusal?: Refusal;
}

export const ROUTE_FIELD_LABELS = (sr: StaffRequest): Record<string, string> => ({
  organizationCode: sr.w.rtBody,
  organization: sr.w.rtBody,
  centralDecisionProposal: sr.w.rtProposal,
  dueDate: sr.w.rtDue,
  publicNote: sr.w.rtNote,
  needsCentralDecision: sr.w.rtNeedsCentral,
});

export function routeFormPage(sr: StaffRequest, view: RouteFormView): Html {
  const { w, locale } = sr;
  const { issue } = view;
  const v = view.values;
  const r = view.refusal;
  const title = fill(w.rtRouteHeading, { number: issue.id });
  // One <select> grouped by kind: keyboard type-ahead works without JavaScript, and staff.js adds a filter box.
  const groups = ORGANIZATION_KINDS.map((kind) => {
    const bodies = view.bodies.filter((b) => b.kind === kind).sort((a, b) => locale.labels.name(a).localeCompare(locale.labels.name(b), locale.lang));
    return bodies.length
      ? html`<optgroup label="${locale.labels.organizationKind(kind)}">${bodies.map((b) => html`<option value="${b.code}"${flagAttr('selected', v.organizationCode === b.code)}>${locale.labels.name(b)}</option>`)}</optgroup>`
      : '';
  });
  return staffPage(
    sr,
    { title, nav: 'routing', scripts: ['staff'] },
    html`<h1>${title}</h1>
<h2 lang="${issue.language}">${issue.title}</h2>
<blockquote class="note" lang="${issue.language}">${issue.text}</blockquote>
${facts([
  [w.prUnit, unitName(sr, issue.unit)],
  [w.prCategory, locale.labels.category(issue.category)],
  [w.rtRaised, time(locale, issue.raisedAt)],
  [
    w.prMeeting,
    html`<a href="${langPath(locale.lang, `/staff/meetings/${issue.meeting.id}`)}">${locale.format.dateTime(issue.meeting.actualStartAt ?? issue.meeting.plannedStartAt)}</a>`,
  ],
  [w.rtContact, view.contact ? [view.contact.fullName, view.contact.phone, view.contact.iin].filter(Boolean).join(' · ') : null],
])}
${r ? r.notice : ''}
<form method="post" action="${langPath(locale.lang, `/staff/routing/${issue.id}`)}" class="staff-form narrow">
${csrfField(sr)}
<div class="field"><label for="organizationCode">${w.rtBody}</label>
<select id="organizationCode" name="organizationCode" required data-filter-label="${w.rtBodyFilter}"${invalid(r, 'organizationCode')}><option value="">${w.akNone}</option>${groups}</select></div>
<div class="check"><input type="checkbox" id="needsCentralDecision" name="needsCentralDecision" aria-describedby="central-hint"${flagAttr('checked', checkboxValue(v.needsCentralDecision))}><label for="needsCentralDecision">${w.rtNeedsCentral}</label></div>
<p class="hint" id="central-hint">${w.rtNeedsCentralHint}</p>
<div class="field"><label for="centralDecisionProposal">${w.rtProposal}</label><p class="hint" id="proposal-hint">${w.rtProposalHint}</p>
<textarea id="centralDecisionProposal" name="centralDecisionProposal" rows="4" maxlength="2000" aria-describedby="proposal-hint"${invalid(r, 'centralDecisionProposal')}>${v.centralDecisionProposal ?? ''}</textarea></div>
<div class="field"><label for="dueDate">${w.rtDue}</label><input id="dueDate" name="dueDate" type="date" value="${v.dueDate ?? ''}"${invalid(r, 'dueDate')}></div>
<div class="field"><label for="publicNote">${w.rtNote}</label><textarea id="publicNote" name="publicNote" rows="3" maxlength="2000"${invalid(r, 'publicNote')}>${v.publicNote ?? ''}</textarea></div>
<div class="actions"><button type="submit">${w.rtButton}</button></div>
</form>`,
  );
}
