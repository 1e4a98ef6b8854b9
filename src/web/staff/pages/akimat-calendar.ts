import type { CalendarEntry, Territory } from '../../../modules/meetings/akimat-desk.service.ts';
import type { ComplianceReport, GapView, RegionYearOverview } from '../../../modules/meetings/compliance.service.ts';
import { time } from '../../components.ts';
import { html, type Html } from '../../html.ts';
import { fill } from '../../i18n/index.ts';
import { maslikhatStepFor } from '../../../modules/meetings/calendar-deadlines.ts';
import { langPath } from '../../layout.ts';
import { invalid, type Refusal } from '../akimat-form.ts';
import { csrfField, notice, staffPage, type StaffRequest } from '../layout.ts';
import { chooser, duration, unitName } from './akimat-common.ts';

// The region's calendar for a year (its dated steps, who is late, revisions and entries) and the
// coverage compliance of the calendar and of the meetings held.

export interface CalendarView {
  territory: Territory;
  overview: RegionYearOverview;
  entries: (CalendarEntry & { held: boolean })[];
  flash?: string;
  /** A refused step: what was sent and why. */
  refusal?: Refusal;
  values?: Record<string, string>;
}

const calendarStepOpen = (view: CalendarView) => view.overview.calendar?.status === 'DRAFT' || view.overview.calendar?.status === 'APPROVED';

/** The akimat's next dated step, when it is theirs (the Government forwards). */
function stepForm(sr: StaffRequest, view: CalendarView): Html {
  const { w, locale } = sr;
  const calendar = view.overview.calendar;
  if (!calendar || !calendarStepOpen(view)) return html``;
  const action = (step: string) => langPath(locale.lang, `/staff/calendar/${calendar.id}/${step}`);
  const r = view.refusal;
  if (calendar.status === 'DRAFT') {
    const field = maslikhatStepFor(calendar.year) === 'AGREEMENT' ? 'maslikhatAgreedOn' : 'maslikhatNotifiedOn';
    return html`<section aria-labelledby="step-heading"><h2 id="step-heading">${w.calApproveHeading}</h2><p>${w.calApproveHint}</p>${r ? r.notice : ''}
<form method="post" action="${action('approve')}" class="staff-form narrow">${csrfField(sr)}
<div class="field"><label for="${field}">${w.calMaslikhatDate}</label><input id="${field}" name="${field}" type="date" required value="${view.values?.[field] ?? ''}"${invalid(r, field)}></div>
<div class="actions"><button type="submit">${w.calApproveButton}</button></div></form></section>`;
  }
  return html`<section aria-labelledby="step-heading"><h2 id="step-heading">${w.calSubmitHeading}</h2><p>${w.calSubmitHint}</p>${r ? r.notice : ''}
<form method="post" action="${action('submit')}" class="staff-form narrow">${csrfField(sr)}<div class="actions"><button type="submit">${w.calSubmitButton}</button></div></form></section>`;
}

const STEP_OWNER = { APPROVED: 'calWhoAkimat', SUBMITTED_TO_GOVERNMENT: 'calWhoAkimat', FORWARDED_TO_ADMINISTRATION: 'calWhoGovernment' } as const;

function stepsTable(sr: StaffRequest, overview: RegionYearOverview): Html {
  const { w, locale } = sr;
  const rows = overview.steps.map((s) => {
    const late = s.state === 'LATE' || s.state === 'OVERDUE';
    const state = fill(w[`calState${s.state}`], { late: duration(sr, s.lateByMinutes) });
    return html`<tr${late ? html` class="late"` : ''}><th scope="row">${w[`calStep${s.step}`]}</th><td>${w[STEP_OWNER[s.step]]}</td>
<td>${s.dueAt ? time(locale, s.dueAt) : w.akNone}</td><td>${s.doneAt ? time(locale, s.doneAt) : w.akNone}</td><td>${late ? html`<strong class="warning">${state}</strong>` : state}</td></tr>`;
  });
  return html`<div class="table-wrap" role="region" tabindex="0" aria-label="${w.calStepsHeading}"><table><caption>${w.calStepsHeading}</caption>
<thead><tr><th scope="col">${w.calStep}</th><th scope="col">${w.calWho}</th><th scope="col">${w.calDue}</th><th scope="col">${w.calDone}</th><th scope="col">${w.calState}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

function revisionsTable(sr: StaffRequest, overview: RegionYearOverview): Html {
  const { w, locale } = sr;
  if (!overview.revisions.length) return html``;
  return html`<h2>${w.calRevisionsHeading}</h2><div class="table-wrap" role="region" tabindex="0" aria-label="${w.calRevisionsHeading}"><table>
<thead><tr><th scope="col">${w.calRevisionNumber}</th><th scope="col">${w.calRevisionReason}</th><th scope="col">${w.calMaslikhatNotified}</th><th scope="col">${w.calRevisionMade}</th></tr></thead>
<tbody>${overview.revisions.map((r) => html`<tr><td>${r.number}</td><td>${r.reason ?? w.calRevisionFirst}</td><td>${r.maslikhatNotifiedOn ? locale.format.date(r.maslikhatNotifiedOn) : w.akNone}</td><td>${time(locale, r.createdAt)}</td></tr>`)}</tbody>
</table></div>`;
}

function entriesTable(sr: StaffRequest, entries: CalendarView['entries']): Html {
  const { w, locale } = sr;
  const period = (e: CalendarEntry) =>
    e.plannedFrom === e.plannedTo ? locale.format.date(e.plannedFrom) : `${locale.format.date(e.plannedFrom)} – ${locale.format.date(e.plannedTo)}`;
  return html`<h2>${fill(w.calEntriesHeading, { count: entries.length })}</h2><div class="table-wrap" role="region" tabindex="0" aria-label="${fill(w.calEntriesHeading, { count: entries.length })}"><table class="items">
<thead><tr><th scope="col">${w.calEntryVisited}</th><th scope="col">${w.calEntryAkim}</th><th scope="col">${w.calEntryPlanned}</th><th scope="col">${w.calEntryAdded}</th><th scope="col">${w.calEntryHeld}</th></tr></thead>
<tbody>${entries.map((e) => html`<tr><th scope="row">${unitName(sr, e.visitedUnit)}</th><td data-label="${w.calEntryAkim}">${unitName(sr, e.akimUnit)}</td><td data-label="${w.calEntryPlanned}">${period(e)}</td><td data-label="${w.calEntryAdded}">${e.addedInRevision}</td><td data-label="${w.calEntryHeld}">${e.held ? w.akYes : html`<span class="muted">${w.akNo}</span>`}</td></tr>`)}</tbody>
</table></div>`;
}

export function calendarPage(sr: StaffRequest, view: CalendarView): Html {
  const { w, locale } = sr;
  const { overview } = view;
  const calendar = overview.calendar;
  const title = fill(w.calHeading, { year: overview.year, region: unitName(sr, view.territory.region) });
  const facts = calendar
    ? html`<dl class="facts">
<div><dt>${w.calStatus}</dt><dd>${w[`calStatus${calendar.status}`]}</dd></div>
<div><dt>${w.calRevision}</dt><dd>${calendar.currentRevision}</dd></div>
${calendar.maslikhatAgreedOn ? html`<div><dt>${w.calMaslikhatAgreed}</dt><dd>${locale.format.date(calendar.maslikhatAgreedOn)}</dd></div>` : ''}
${calendar.maslikhatNotifiedOn ? html`<div><dt>${w.calMaslikhatNotified}</dt><dd>${locale.format.date(calendar.maslikhatNotifiedOn)}</dd></div>` : ''}
</dl>`
    : html`<p class="notice notice-alert">${fill(w.calNone, { year: overview.year })}</p>`;
  const summary = fill(w.calSummary, {
    planned: overview.plannedEntries,
    held: overview.entriesHeld,
    year: overview.year,
    meetings: overview.meetingsHeld,
    onDemand: overview.onDemandMeetingsHeld,
    violations: overview.reportTimeViolations,
  });
  return staffPage(
    sr,
    { title, nav: 'calendar' },
    html`<h1>${title}</h1>
${view.flash ? notice('status', view.flash) : ''}
${view.refusal && !calendarStepOpen(view) ? view.refusal.notice : ''}
${chooser(sr, '/staff/calendar', view.territory, overview.year)}
${facts}
<p>${summary}</p>
${stepsTable(sr, overview)}
${stepForm(sr, view)}
${revisionsTable(sr, overview)}
${calendar ? entriesTable(sr, view.entries) : ''}`,
  );
}

/** `held`: gaps in meetings held, provisional while their period runs (a plan gap is a gap at once). */
function gapsTable(sr: StaffRequest, caption: string, gaps: GapView[], id: string, held: boolean): Html {
  const { w, locale } = sr;
  if (!gaps.length) return html`<h2 id="${id}">${caption}</h2><p>${w.compNoGaps}</p>`;
  return html`<h2 id="${id}">${caption}</h2><div class="table-wrap" role="region" tabindex="0" aria-labelledby="${id}"><table class="items gaps" aria-labelledby="${id}">
<thead><tr><th scope="col">${w.compVisited}</th><th scope="col">${w.compAkim}</th><th scope="col">${w.compPeriod}</th><th scope="col">${w.compRequired}</th><th scope="col">${w.compFound}</th></tr></thead>
<tbody>${gaps.map((g) => {
    const firm = !held || g.periodEnded;
    return html`<tr class="${firm ? 'gap' : 'gap provisional'}"><th scope="row">${unitName(sr, g.visitedUnit)}</th>
<td data-label="${w.compAkim}">${unitName(sr, g.akimUnit)}</td>
<td data-label="${w.compPeriod}">${locale.format.date(g.period.from)} – ${locale.format.date(g.period.to)}${firm ? '' : html` <span class="muted">(${w.compProvisional})</span>`}</td>
<td data-label="${w.compRequired}">${g.required}</td><td data-label="${w.compFound}">${firm ? html`<strong class="warning">${g.found}</strong>` : g.found}</td></tr>`;
  })}</tbody>
</table></div>`;
}

export function compliancePage(sr: StaffRequest, territory: Territory, report: ComplianceReport): Html {
  const { w, locale } = sr;
  const title = fill(w.compHeading, { year: report.year, region: unitName(sr, territory.region) });
  const ended = report.heldGaps.filter((g) => g.periodEnded).length;
  const describe = (r: ComplianceReport['appliedRules'][number]['rule']) =>
    locale.labels.name({ nameKk: r.descriptionKk, nameRu: r.descriptionRu, nameEn: r.descriptionEn });
  return staffPage(
    sr,
    { title, nav: 'compliance' },
    html`<h1>${title}</h1>
${chooser(sr, '/staff/compliance', territory, report.year)}
<p>${w.compIntro}</p>
<p>${fill(w.compAsOf, { date: locale.format.date(report.asOf) })}</p>
${report.calendar ? '' : html`<p class="notice notice-alert">${w.compNoCalendar}</p>`}
<p class="${report.planGaps.length || ended ? 'notice notice-alert' : 'notice'}">${fill(w.compSummary, { plan: report.planGaps.length, held: report.heldGaps.length, ended })}</p>
<h2>${w.compRulesHeading}</h2>
<ul>${report.appliedRules.map((a) => html`<li>${describe(a.rule)} <span class="muted">(${a.rule.code}; ${w.compPeriods}: ${a.periods.length})</span></li>`)}</ul>
${gapsTable(sr, fill(w.compPlanGaps, { count: report.planGaps.length }), report.planGaps, 'plan-gaps', false)}
${gapsTable(sr, fill(w.compHeldGaps, { count: report.heldGaps.length }), report.heldGaps, 'held-gaps', true)}`,
  );
}
