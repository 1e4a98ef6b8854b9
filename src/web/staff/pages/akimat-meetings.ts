import type { NamedRow, Territory, TerritoryMeeting } from '../../../modules/meetings/akimat-desk.service.ts';
import { isReportTimeViolation } from '../../../modules/meetings/meetings.service.ts';
import { MEETING_KINDS, MEETING_STATUSES, ON_DEMAND_REASONS } from '../../../modules/shared/enums.ts';
import { time } from '../../components.ts';
import { flagAttr, html, type Html } from '../../html.ts';
import { fill } from '../../i18n/index.ts';
import { langPath, pagination } from '../../layout.ts';
import type { Refusal } from '../akimat-form.ts';
import { invalid } from '../akimat-form.ts';
import { csrfField, notice, staffPage, type StaffRequest } from '../layout.ts';
import { chooser, regionQuery, unitName } from './akimat-common.ts';

// The territory's meetings (a page at a time, filtered by year and status) and the form that
// records a new one.

export interface MeetingListView {
  territory: Territory;
  items: TerritoryMeeting[];
  total: number;
  year: number;
  status: string | undefined;
  page: number;
  pages: number;
  flash?: string;
}

export const meetingHref = (sr: StaffRequest, id: number) => langPath(sr.locale.lang, `/staff/meetings/${id}`);

export function meetingListPage(sr: StaffRequest, view: MeetingListView): Html {
  const { w, locale } = sr;
  const title = fill(w.mtHeading, { territory: unitName(sr, view.territory.unit) });
  const statusSelect = html`<div class="field"><label for="status">${w.mtStatus}</label><select id="status" name="status"><option value="">${w.mtAllStatuses}</option>${MEETING_STATUSES.map(
    (s) => html`<option value="${s}"${flagAttr('selected', view.status === s)}>${locale.labels.meetingStatus(s)}</option>`,
  )}</select></div>`;
  const rows = view.items.map(
    (m) => html`<tr>
<th scope="row"><a href="${meetingHref(sr, m.id)}">${time(locale, m.actualStartAt ?? m.plannedStartAt)}</a></th>
<td data-label="${w.mtWhere}">${unitName(sr, m.unit)}${m.venue ? html`<span class="sub">${m.venue}</span>` : ''}</td>
<td data-label="${w.mtAkim}">${unitName(sr, m.akimUnit)}<span class="sub">${w[`mtKind${m.kind}`]}</span></td>
<td data-label="${w.mtStatus}">${locale.labels.meetingStatus(m.status)}${isReportTimeViolation(m) ? html`<span class="sub warning">${w.mtReportViolationShort}</span>` : ''}</td>
<td data-label="${w.mtProblems}">${m.issues.length}</td></tr>`,
  );
  const query = (page: number) => {
    const params = new URLSearchParams(regionQuery(view.territory));
    params.set('year', String(view.year));
    if (view.status) params.set('status', view.status);
    params.set('page', String(page));
    return `${langPath(locale.lang, '/staff/meetings')}?${params}`;
  };
  return staffPage(
    sr,
    { title, nav: 'meetings' },
    html`<h1>${title}</h1>
${view.flash ? notice('status', view.flash) : ''}
<p><a class="button" href="${langPath(locale.lang, '/staff/meetings/new')}${regionQuery(view.territory) ? `?${regionQuery(view.territory)}` : ''}">${w.mtRecordLink}</a></p>
${chooser(sr, '/staff/meetings', view.territory, view.year, statusSelect)}
<p>${fill(w.mtCount, { n: view.total })}</p>
${
  view.items.length
    ? html`<div class="table-wrap" role="region" tabindex="0" aria-label="${title}"><table class="items">
<thead><tr><th scope="col">${w.mtWhen}</th><th scope="col">${w.mtWhere}</th><th scope="col">${w.mtAkim}</th><th scope="col">${w.mtStatus}</th><th scope="col">${w.mtProblems}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`
    : html`<p>${w.mtNone}</p>`
}
${pagination(sr, view.page, view.pages, query)}`,
  );
}

export interface NewMeetingView {
  territory: Territory;
  units: NamedRow[];
  /** Units whose akim may hold a meeting (those with an akimat). */
  akimUnits: NamedRow[];
  entries: { id: number; label: string }[];
  values: Record<string, string>;
  refusal?: Refusal;
}

export const MEETING_FIELD_LABELS = (sr: StaffRequest): Record<string, string> => ({
  unitCode: sr.w.mtUnit,
  akimUnitCode: sr.w.mtAkimUnit,
  startAt: sr.w.mtStart,
  durationMinutes: sr.w.mtDurationMinutes,
  kind: sr.w.mtKind,
  onDemandReason: sr.w.mtReason,
  calendarEntryId: sr.w.mtCalendarEntry,
  venue: sr.w.mtVenue,
  akimName: sr.w.mtAkimName,
  unit: sr.w.mtUnit,
  actualStartAt: sr.w.mtActualStart,
  actualEndAt: sr.w.mtActualEnd,
  reportMinutes: sr.w.mtReportMinutes,
  results: sr.w.mtResults,
  broadcasts: sr.w.mtBroadcasts,
  audience: sr.w.mtAudience,
  announcedAt: sr.w.mtAnnounced,
  channels: sr.w.mtChannels,
  calendar_entry: sr.w.mtCalendarEntry,
});

const unitOptions = (sr: StaffRequest, units: NamedRow[], selected: string | undefined) =>
  units.map((u) => html`<option value="${u.code}"${flagAttr('selected', u.code === selected)}>${unitName(sr, u)} (${u.code})</option>`);

export function newMeetingPage(sr: StaffRequest, view: NewMeetingView): Html {
  const { w, locale } = sr;
  const v = view.values;
  const r = view.refusal;
  return staffPage(
    sr,
    { title: w.mtNewHeading, nav: 'meetings' },
    html`<h1>${w.mtNewHeading}</h1>
<p>${w.mtNewIntro}</p>
${r ? r.notice : ''}
<form method="post" action="${langPath(locale.lang, '/staff/meetings')}${regionQuery(view.territory) ? `?${regionQuery(view.territory)}` : ''}" class="staff-form narrow">
${csrfField(sr)}
<div class="field"><label for="unitCode">${w.mtUnit}</label><select id="unitCode" name="unitCode" required${invalid(r, 'unitCode')}>${unitOptions(sr, view.units, v.unitCode)}</select></div>
<div class="field"><label for="akimUnitCode">${w.mtAkimUnit}</label><select id="akimUnitCode" name="akimUnitCode" required${invalid(r, 'akimUnitCode')}>${unitOptions(sr, view.akimUnits, v.akimUnitCode)}</select></div>
<div class="field"><label for="startAt">${w.mtStart}</label><input id="startAt" name="startAt" type="datetime-local" required value="${v.startAt ?? ''}"${invalid(r, 'startAt')}></div>
<div class="field"><label for="durationMinutes">${w.mtDurationMinutes}</label><input id="durationMinutes" name="durationMinutes" type="number" min="1" max="1440" required value="${v.durationMinutes ?? '120'}"${invalid(r, 'durationMinutes')}></div>
<fieldset><legend>${w.mtKind}</legend>${MEETING_KINDS.map((k) => html`<div class="check"><input type="radio" id="kind-${k}" name="kind" value="${k}"${flagAttr('checked', (v.kind ?? 'SCHEDULED') === k)}><label for="kind-${k}">${w[`mtKind${k}`]}</label></div>`)}</fieldset>
<div class="field"><label for="onDemandReason">${w.mtReason}</label><p class="hint" id="onDemandReason-hint">${w.mtOnDemandHint}</p>
<select id="onDemandReason" name="onDemandReason" aria-describedby="onDemandReason-hint"${invalid(r, 'onDemandReason')}><option value="">${w.mtNoEntry}</option>${ON_DEMAND_REASONS.map((o) => html`<option value="${o}"${flagAttr('selected', v.onDemandReason === o)}>${w[`mtReason${o}`]}</option>`)}</select></div>
<div class="field"><label for="calendarEntryId">${w.mtCalendarEntry}</label><p class="hint" id="calendarEntryId-hint">${w.mtEntryHint}</p>
<select id="calendarEntryId" name="calendarEntryId" aria-describedby="calendarEntryId-hint"${invalid(r, 'calendarEntryId')}><option value="">${w.mtNoEntry}</option>${view.entries.map((e) => html`<option value="${e.id}"${flagAttr('selected', v.calendarEntryId === String(e.id))}>${e.label}</option>`)}</select></div>
<div class="field"><label for="venue">${w.mtVenue}</label><input id="venue" name="venue" type="text" maxlength="500" value="${v.venue ?? ''}"${invalid(r, 'venue')}></div>
<div class="field"><label for="akimName">${w.mtAkimName}</label><input id="akimName" name="akimName" type="text" maxlength="200" value="${v.akimName ?? ''}"${invalid(r, 'akimName')}></div>
<div class="actions"><button type="submit">${w.mtRecordButton}</button></div>
</form>`,
  );
}
