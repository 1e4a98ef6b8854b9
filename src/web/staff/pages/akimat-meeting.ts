import type { DeskIssue, MeetingRecord } from '../../../modules/meetings/akimat-desk.service.ts';
import { isReportTimeViolation } from '../../../modules/meetings/meetings.service.ts';
import { ANNOUNCEMENT_CHANNELS, AUDIENCE_CATEGORIES } from '../../../modules/shared/enums.ts';
import { facts, statusBadge, time } from '../../components.ts';
import { flagAttr, html, type Html } from '../../html.ts';
import { fill } from '../../i18n/index.ts';
import { langPath } from '../../layout.ts';
import { invalid, localValue, type Refusal } from '../akimat-form.ts';
import { csrfField, notice, staffPage, type StaffRequest } from '../layout.ts';
import { unitName } from './akimat-common.ts';

// One meeting of the territory: what is recorded about it (with the report-time violation said
// in words), the problems raised there, and the forms for its announcement and its outcome.

export const BROADCAST_ROWS = 3;

export interface MeetingView {
  meeting: MeetingRecord;
  issues: DeskIssue[];
  /** The region's IANA zone: what the `datetime-local` fields mean. */
  timeZone: string;
  /** Whether problems may be recorded now (the meeting has started and was not cancelled). */
  canRecordProblems: boolean;
  flash?: string;
  /** A refused form: which one, the values sent, and why. */
  form?: { name: 'announce' | 'outcome'; values: Record<string, string | string[]>; refusal: Refusal };
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function record(sr: StaffRequest, m: MeetingRecord): Html {
  const { w, locale } = sr;
  const minutes = (n: number) => fill(w.akMinutes, { n });
  const report =
    m.reportMinutes === null
      ? ''
      : isReportTimeViolation(m)
        ? html`<strong class="warning">${fill(w.mtReportViolation, { report: m.reportMinutes, planned: m.plannedDurationMinutes })}</strong>`
        : fill(w.mtReportOk, { report: m.reportMinutes, planned: m.plannedDurationMinutes });
  return facts([
    [w.mtStatus, locale.labels.meetingStatus(m.status)],
    [w.mtKind, m.onDemandReason ? `${w[`mtKind${m.kind}`]} (${w[`mtReason${m.onDemandReason}`]})` : w[`mtKind${m.kind}`]],
    [w.mtAkim, html`${m.akimName ? `${m.akimName}, ` : ''}${unitName(sr, m.akimUnit)}`],
    [w.mtWhere, html`${unitName(sr, m.unit)}${m.venue ? ` · ${m.venue}` : ''}`],
    [w.mtPlannedStart, time(locale, m.plannedStartAt)],
    [w.mtDuration, minutes(m.plannedDurationMinutes)],
    [w.mtActualStart, m.actualStartAt ? time(locale, m.actualStartAt) : null],
    [w.mtActualEnd, m.actualEndAt ? time(locale, m.actualEndAt) : null],
    [w.mtReportMinutes, report],
    [w.mtVideo, m.videoConference ? w.akYes : null],
    [
      w.mtAnnounced,
      m.announcedAt
        ? html`${time(locale, m.announcedAt)} · ${(m.announcementChannels ?? []).map((c) => w[`mtChannel${c}` as 'mtChannelMASS_MEDIA'] ?? c).join(', ')}`
        : null,
    ],
    [
      w.mtBroadcasts,
      m.broadcasts.length
        ? html`<ul>${m.broadcasts.map((b) => html`<li>${b.platform}: ${b.url}${b.commentsOpen ? '' : html` <span class="muted">(${w.mtCommentsOpen}: ${w.akNo})</span>`}</li>`)}</ul>`
        : null,
    ],
    [
      w.mtAudience,
      m.audience.length
        ? html`<ul>${m.audience.map((a) => html`<li>${w[`mtAudience${a.category}` as 'mtAudienceCITIZENS']}: ${locale.format.number(a.count)}</li>`)}</ul>`
        : null,
    ],
    [w.mtResults, m.results],
  ]);
}

function announceForm(sr: StaffRequest, view: MeetingView): Html {
  const { w, locale } = sr;
  const sent = view.form?.name === 'announce' ? view.form : undefined;
  const r = sent?.refusal;
  const channels = sent ? [sent.values.channels ?? []].flat() : (view.meeting.announcementChannels ?? []);
  return html`<section aria-labelledby="announce-heading"><h2 id="announce-heading">${w.mtAnnounceHeading}</h2>
<p>${w.mtAnnounceHint}</p>
${r ? r.notice : ''}
<form method="post" action="${langPath(locale.lang, `/staff/meetings/${view.meeting.id}/announce`)}" class="staff-form narrow">
${csrfField(sr)}
<div class="field"><label for="announcedAt">${w.mtAnnounced}</label><input id="announcedAt" name="announcedAt" type="datetime-local" required value="${sent ? (one(sent.values.announcedAt) ?? '') : localValue(view.meeting.announcedAt, view.timeZone)}"${invalid(r, 'announcedAt')}></div>
<fieldset${invalid(r, 'channels')}><legend>${w.mtChannels}</legend>${ANNOUNCEMENT_CHANNELS.map((c) => html`<div class="check"><input type="checkbox" id="channel-${c}" name="channels" value="${c}"${flagAttr('checked', channels.includes(c))}><label for="channel-${c}">${w[`mtChannel${c}`]}</label></div>`)}</fieldset>
<div class="actions"><button type="submit">${w.mtAnnounceButton}</button></div>
</form></section>`;
}

function outcomeForm(sr: StaffRequest, view: MeetingView): Html {
  const { w, locale } = sr;
  const m = view.meeting;
  const sent = view.form?.name === 'outcome' ? view.form : undefined;
  const r = sent?.refusal;
  const value = (name: string, fallback: string) => (sent ? (one(sent.values[name]) ?? '') : fallback);
  const broadcasts = Array.from({ length: BROADCAST_ROWS }, (_, i) => {
    const b = m.broadcasts[i];
    const n = i + 1;
    const open = sent ? one(sent.values[`broadcast${n}Comments`]) === 'on' : (b?.commentsOpen ?? true);
    return html`<fieldset${invalid(r, `broadcasts.${i}`)}><legend>${fill(w.mtBroadcastN, { n })}</legend>
<div class="field"><label for="broadcast${n}Platform">${w.mtPlatform}</label><input id="broadcast${n}Platform" name="broadcast${n}Platform" type="text" maxlength="40" value="${value(`broadcast${n}Platform`, b?.platform ?? '')}"></div>
<div class="field"><label for="broadcast${n}Url">${w.mtUrl}</label><input id="broadcast${n}Url" name="broadcast${n}Url" type="url" maxlength="500" value="${value(`broadcast${n}Url`, b?.url ?? '')}"></div>
<div class="check"><input type="checkbox" id="broadcast${n}Comments" name="broadcast${n}Comments"${flagAttr('checked', open)}><label for="broadcast${n}Comments">${w.mtCommentsOpen}</label></div>
</fieldset>`;
  });
  const audience = AUDIENCE_CATEGORIES.map((c) => {
    const recorded = m.audience.find((a) => a.category === c);
    return html`<div class="field"><label for="audience-${c}">${w[`mtAudience${c}`]}</label><input id="audience-${c}" name="audience-${c}" type="number" min="0" max="1000000" value="${value(`audience-${c}`, recorded ? String(recorded.count) : '')}"></div>`;
  });
  const video = sent ? one(sent.values.videoConference) === 'on' : m.videoConference;
  return html`<section aria-labelledby="outcome-heading"><h2 id="outcome-heading">${w.mtOutcomeHeading}</h2>
<p>${w.mtOutcomeHint}</p>
${r ? r.notice : ''}
<form method="post" action="${langPath(locale.lang, `/staff/meetings/${m.id}/outcome`)}" class="staff-form narrow">
${csrfField(sr)}
<div class="field"><label for="actualStartAt">${w.mtActualStart}</label><input id="actualStartAt" name="actualStartAt" type="datetime-local" required value="${value('actualStartAt', localValue(m.actualStartAt ?? m.plannedStartAt, view.timeZone))}"${invalid(r, 'actualStartAt')}></div>
<div class="field"><label for="actualEndAt">${w.mtActualEnd}</label><input id="actualEndAt" name="actualEndAt" type="datetime-local" value="${value('actualEndAt', localValue(m.actualEndAt, view.timeZone))}"${invalid(r, 'actualEndAt')}></div>
<div class="field"><label for="reportMinutes">${w.mtReportMinutes}</label><p class="hint" id="reportMinutes-hint">${fill(w.mtReportHint, { max: Math.floor(m.plannedDurationMinutes / 4), planned: m.plannedDurationMinutes })}</p>
<input id="reportMinutes" name="reportMinutes" type="number" min="0" max="1440" aria-describedby="reportMinutes-hint" value="${value('reportMinutes', m.reportMinutes === null ? '' : String(m.reportMinutes))}"${invalid(r, 'reportMinutes')}></div>
<div class="check"><input type="checkbox" id="videoConference" name="videoConference"${flagAttr('checked', video)}><label for="videoConference">${w.mtVideo}</label></div>
${broadcasts}
<fieldset${invalid(r, 'audience')}><legend>${w.mtAudience}</legend>${audience}</fieldset>
<div class="field"><label for="results">${w.mtResults}</label><textarea id="results" name="results" rows="5" maxlength="10000"${invalid(r, 'results')}>${value('results', m.results ?? '')}</textarea></div>
<div class="actions"><button type="submit">${w.mtOutcomeButton}</button></div>
</form></section>`;
}

export function meetingPage(sr: StaffRequest, view: MeetingView): Html {
  const { w, locale } = sr;
  const m = view.meeting;
  const title = fill(w.mtHeadingOne, { unit: unitName(sr, m.unit), date: locale.format.date(m.actualStartAt ?? m.plannedStartAt) });
  const problems = html`<section aria-labelledby="problems-heading"><h2 id="problems-heading">${fill(w.mtProblemsHeading, { n: view.issues.length })}</h2>
${view.canRecordProblems ? html`<p><a class="button" href="${langPath(locale.lang, `/staff/meetings/${m.id}/problems/new`)}">${w.mtRecordProblem}</a></p>` : html`<p class="muted">${w.mtProblemsWhenStarted}</p>`}
${view.issues.length ? html`<ul>${view.issues.map((i) => html`<li>№ ${i.id} · <span lang="${i.language}">${i.title}</span> · ${statusBadge(locale, i.status)}</li>`)}</ul>` : html`<p>${w.mtNoProblems}</p>`}
</section>`;
  // A refused step whose form this meeting no longer shows (e.g. announcing a held meeting) says why at the top.
  const shown = { announce: m.status === 'PLANNED', outcome: m.status !== 'CANCELLED' };
  const orphan = view.form && !shown[view.form.name] ? view.form.refusal.notice : '';
  return staffPage(
    sr,
    { title, nav: 'meetings' },
    html`<h1>${title}</h1>
${view.flash ? notice('status', view.flash) : ''}${orphan}
${record(sr, m)}
${problems}
${m.status === 'PLANNED' ? announceForm(sr, view) : ''}
${m.status !== 'CANCELLED' ? outcomeForm(sr, view) : ''}`,
  );
}
