import type { StepView } from '../../../modules/meetings/calendar-deadlines.ts';
import type { RegionYearOverview } from '../../../modules/meetings/compliance.service.ts';
import { RESPONSIVENESS_ORDERS, type RankedBody, type ResponsivenessOrder } from '../../../modules/government/ranking.ts';
import { ORGANIZATION_KINDS, type OrganizationKind } from '../../../modules/shared/enums.ts';
import { bodyHref } from '../../components.ts';
import { flagAttr, html, type Html } from '../../html.ts';
import { fill } from '../../i18n/index.ts';
import { langPath } from '../../layout.ts';
import { staffPage, type StaffRequest } from '../layout.ts';

// The Government office's read-only pages: the regions at a glance and every body's responsiveness.

/** A delay in minutes as the largest sensible unit: "3 d", "5 h", "12 min". */
export function lateness(sr: StaffRequest, minutes: number): string {
  if (minutes >= 1440) return fill(sr.w.govDays, { n: sr.locale.format.number(Math.floor(minutes / 1440)) });
  if (minutes >= 60) return fill(sr.w.govHours, { n: sr.locale.format.number(Math.floor(minutes / 60)) });
  return fill(sr.w.govMinutes, { n: sr.locale.format.number(minutes) });
}

function stepCell(sr: StaffRequest, step: StepView): Html {
  const { w, locale } = sr;
  switch (step.state) {
    case 'ON_TIME':
      return html`<td>${locale.format.date(step.doneAt!)}<span class="sub">${w.stepOnTime}</span></td>`;
    case 'LATE':
      return html`<td>${locale.format.date(step.doneAt!)}<span class="sub warning">${fill(w.stepLate, { time: lateness(sr, step.lateByMinutes) })}</span></td>`;
    case 'OVERDUE':
      return html`<td><span class="warning">${fill(w.stepOverdue, { time: lateness(sr, step.lateByMinutes) })}</span></td>`;
    default:
      return html`<td><span class="muted">${step.dueAt ? fill(w.stepPending, { date: locale.format.date(step.dueAt) }) : w.stepNoDeadline}</span></td>`;
  }
}

export function regionsPage(sr: StaffRequest, year: number, years: number[], regions: RegionYearOverview[]): Html {
  const { w, locale } = sr;
  const n = (v: number) => locale.format.number(v);
  const rows = regions.map((r) => {
    const heldGaps = r.compliance.heldGaps.filter((g) => g.periodEnded).length;
    return html`<tr>
<th scope="row">${locale.labels.name(r.region)}<span class="sub">${r.region.code}</span></th>
<td>${r.calendar ? w[`calendar${r.calendar.status}`] : html`<span class="warning">${w.noCalendar}</span>`}</td>
${r.steps.map((s) => stepCell(sr, s))}
<td class="num">${r.compliance.planGaps.length ? html`<span class="warning">${n(r.compliance.planGaps.length)}</span>` : n(0)}</td>
<td class="num">${heldGaps ? html`<span class="warning">${n(heldGaps)}</span>` : n(0)}</td>
<td class="num">${n(r.entriesHeld)} / ${n(r.plannedEntries)}</td>
<td class="num">${n(r.meetingsHeld)} (${n(r.onDemandMeetingsHeld)})</td>
<td class="num">${r.reportTimeViolations ? html`<span class="warning">${n(r.reportTimeViolations)}</span>` : n(0)}</td>
</tr>`;
  });
  return staffPage(
    sr,
    { title: w.regionsHeading, nav: 'regions' },
    html`<h1>${w.regionsHeading}</h1>
<p>${fill(w.regionsIntro, { year })}</p>
<form method="get" action="${langPath(locale.lang, '/staff/regions')}" class="filter-row">
<label for="year">${w.govYear}</label>
<select id="year" name="year">${years.map((y) => html`<option value="${y}"${flagAttr('selected', y === year)}>${y}</option>`)}</select>
<button type="submit">${w.govShow}</button>
</form>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="regions-caption">
<table class="staff-table">
<caption id="regions-caption">${fill(w.regionsCaption, { year })}</caption>
<thead><tr><th scope="col">${w.colRegion}</th><th scope="col">${w.colCalendar}</th><th scope="col">${w.colApproved}</th><th scope="col">${w.colSubmitted}</th><th scope="col">${w.colForwarded}</th>
<th scope="col">${w.colPlanGaps}</th><th scope="col">${w.colHeldGaps}</th><th scope="col">${w.colEntriesHeld}</th><th scope="col">${w.colMeetingsHeld}</th><th scope="col">${w.colReportViolations}</th></tr></thead>
<tbody>${rows}</tbody>
</table>
</div>`,
  );
}

const ORDER_LABEL: Record<ResponsivenessOrder, keyof StaffRequest['w']> = {
  rank: 'orderRank',
  overdue: 'orderOverdue',
  open: 'orderOpen',
  resolved: 'orderResolved',
  disputed: 'orderDisputed',
  median: 'orderMedian',
  updated: 'orderUpdated',
};

export function responsivenessPage(sr: StaffRequest, order: ResponsivenessOrder, kind: OrganizationKind | null, bodies: RankedBody[]): Html {
  const { w, locale } = sr;
  const n = (v: number) => locale.format.number(v);
  const share = (v: number | null) => (v === null ? w.govNone : locale.format.percent(Math.round(v * 100)));
  const rows = bodies.map(
    (b) => html`<tr>
<td class="num">${b.rank === null ? html`<span class="muted">${w.notRanked}</span>` : n(b.rank)}</td>
<th scope="row"><a href="${bodyHref(locale.lang, b.organization.code)}">${locale.labels.name(b.organization)}</a><span class="sub">${b.organization.code}</span></th>
<td>${locale.labels.organizationKind(b.organization.kind)}</td>
<td class="num">${n(b.figures.open)}</td>
<td class="num">${b.figures.overdue ? html`<span class="warning">${n(b.figures.overdue)}</span>` : n(0)}</td>
<td class="num">${share(b.overdueShare)}</td>
<td class="num">${share(b.figures.shareUpdatedThisQuarter)}</td>
<td class="num">${b.figures.medianDaysToResolution === null ? w.govNone : n(Math.round(b.figures.medianDaysToResolution))}</td>
<td class="num">${n(b.figures.resolved)}</td>
<td class="num">${n(b.figures.declined)}</td>
<td class="num">${n(b.figures.disputed)}</td>
</tr>`,
  );
  return staffPage(
    sr,
    { title: w.responsivenessHeading, nav: 'responsiveness' },
    html`<h1>${w.responsivenessHeading}</h1>
<p>${w.responsivenessIntro}</p>
<form method="get" action="${langPath(locale.lang, '/staff/responsiveness')}" class="filter-row">
<label for="sort">${w.sortBy}</label>
<select id="sort" name="sort">${RESPONSIVENESS_ORDERS.map((o) => html`<option value="${o}"${flagAttr('selected', o === order)}>${w[ORDER_LABEL[o]]}</option>`)}</select>
<label for="kind">${w.colKind}</label>
<select id="kind" name="kind"><option value="">${w.govAllKinds}</option>${ORGANIZATION_KINDS.map((k) => html`<option value="${k}"${flagAttr('selected', k === kind)}>${locale.labels.organizationKind(k)}</option>`)}</select>
<button type="submit">${w.govShow}</button>
</form>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="responsiveness-caption">
<table class="staff-table">
<caption id="responsiveness-caption">${w.responsivenessCaption}</caption>
<thead><tr><th scope="col">${w.colRank}</th><th scope="col">${w.colBody}</th><th scope="col">${w.colKind}</th><th scope="col">${w.colOpen}</th><th scope="col">${w.colOverdue}</th>
<th scope="col">${w.colOverdueShare}</th><th scope="col">${w.colUpdatedQuarter}</th><th scope="col">${w.colMedian}</th><th scope="col">${w.colResolved}</th><th scope="col">${w.colDeclined}</th><th scope="col">${w.colDisputed}</th></tr></thead>
<tbody>${rows}</tbody>
</table>
</div>`,
  );
}
