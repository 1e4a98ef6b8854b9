import type { MeetingProblem, MeetingRecord } from '../../modules/meetings/meeting-record.service.ts';
import type { Language } from '../../modules/shared/enums.ts';
import { html, type Html } from '../html.ts';
import { fill } from '../i18n/index.ts';
import { conductFlagName, JOURNALIST_TEXT, platformName } from '../i18n/journalist.ts';
import { staffWords } from '../i18n/staff.ts';
import { langPath, page, type PageRequest } from '../layout.ts';
import { bodyHref, deadlineText, facts, problemNumber, overdueBadge, problemHref, progressBar, statusBadge, time } from '../components.ts';
import { listDownloads } from '../downloads.ts';
import { userText } from '../user-text.ts';
import { safeUrl } from './problem.ts';

// One meeting's public page: the facts a journalist cites (when, where, which akim, broadcasts,
// audience, report time, the conduct flags, results) and the problems raised there with their
// current status, with the same list as CSV and JSON.

export const meetingHref = (lang: Language, id: number) => langPath(lang, `/meetings/${id}`);
export const meetingProblemsFile = (lang: Language, id: number, format: 'csv' | 'json') => `/api/meetings/${id}/problems.${format}?lang=${lang}`;

/** "Akim: Almaty Region" always, the person only when the akimat recorded a name. */
export function akimText(req: PageRequest, m: Pick<MeetingRecord, 'akimName' | 'akimUnit'>): string {
  const unit = req.locale.labels.name(m.akimUnit);
  return m.akimName ? `${m.akimName}, ${unit}` : unit;
}

function problemRow(req: PageRequest, p: MeetingProblem): Html {
  const { locale } = req;
  const { t, labels, lang } = locale;
  const w = JOURNALIST_TEXT[lang];
  const body = p.responsibleOrganization;
  return html`<tr>
<th scope="row"><a href="${problemHref(lang, p.id)}" lang="${p.language}">${p.title}</a><span class="sub">${problemNumber(p.id)} · ${labels.name(p.unit)} · ${labels.category(p.category)}</span></th>
<td data-label="${w.colBody}">${body ? html`<a href="${bodyHref(lang, body.code)}">${labels.name(body)}</a>` : html`<span class="muted">—</span>`}</td>
<td data-label="${t.colStatus}">${statusBadge(locale, p.status)}${overdueBadge(locale, p.overdue)}</td>
<td data-label="${t.colProgress}">${progressBar(locale, p.progress)}</td>
<td data-label="${t.colDeadline}">${deadlineText(locale, p.dueDate)}</td>
</tr>`;
}

function problemsSection(req: PageRequest, m: MeetingRecord): Html {
  const { t, lang, format } = req.locale;
  const w = JOURNALIST_TEXT[lang];
  return html`<section aria-labelledby="problems">
<h2 id="problems">${fill(w.problemsHeading, { count: format.number(m.problems.length) })}</h2>
${
  m.problems.length
    ? html`<p class="muted">${w.problemsIntro}</p>
<div class="table-wrap"><table class="items">
<thead><tr><th scope="col">${t.colProblem}</th><th scope="col">${w.colBody}</th><th scope="col">${t.colStatus}</th><th scope="col">${t.colProgress}</th><th scope="col">${t.colDeadline}</th></tr></thead>
<tbody>${m.problems.map((p) => problemRow(req, p))}</tbody>
</table></div>
${listDownloads(req, { csv: meetingProblemsFile(lang, m.id, 'csv'), json: meetingProblemsFile(lang, m.id, 'json') })}`
    : html`<p>${w.noProblems}</p>`
}
</section>`;
}

function meetingFacts(req: PageRequest, m: MeetingRecord): Html {
  const { locale } = req;
  const { t, labels, lang, format } = locale;
  const w = JOURNALIST_TEXT[lang];
  const s = staffWords(lang);
  const audienceTotal = m.audience.reduce((sum, a) => sum + a.count, 0);
  const audienceName = (category: string) => (s as Record<string, string>)[`mtAudience${category}`] ?? category;
  const channelName = (channel: string) => (s as Record<string, string>)[`mtChannel${channel}`] ?? channel;
  return facts([
    [t.status, labels.meetingStatus(m.status)],
    [w.planned, time(locale, m.plannedStartAt, m.timeZone)],
    [w.held, m.actualStartAt ? time(locale, m.actualStartAt, m.timeZone) : null],
    [t.meetingWhere, `${labels.name(m.unit)}${m.unit.code !== m.region.code ? `, ${labels.name(m.region)}` : ''}`],
    [t.meetingVenue, m.venue ? userText(lang, m.venue) : null],
    [t.meetingAkim, akimText(req, m)],
    [w.kind, [m.kind === 'ON_DEMAND' ? t.meetingOnDemand : w.scheduled, m.visiting ? t.visiting : null].filter(Boolean).join(' · ')],
    [w.duration, fill(w.minutes, { minutes: format.number(m.plannedDurationMinutes) })],
    [
      w.report,
      m.reportMinutes === null ? null : fill(w.reportOf, { minutes: format.number(m.reportMinutes), planned: format.number(m.plannedDurationMinutes) }),
    ],
    [w.video, m.videoConference ? w.yes : null],
    [w.announced, m.announcedAt ? time(locale, m.announcedAt, m.timeZone) : m.status === 'HELD' ? w.notAnnounced : null],
    [w.channels, m.announcementChannels?.length ? m.announcementChannels.map(channelName).join(', ') : null],
    [
      t.meetingBroadcasts,
      m.broadcasts.length
        ? html`<ul class="inline">${m.broadcasts.map((b) => html`<li><a href="${safeUrl(b.url)}" rel="nofollow noopener">${platformName(b.platform)}</a>${b.commentsOpen ? '' : html` <span class="muted">(${w.broadcastComments})</span>`}</li>`)}</ul>`
        : null,
    ],
    [
      w.audience,
      m.audience.length
        ? html`<ul class="inline">${m.audience.map((a) => html`<li>${audienceName(a.category)}: ${format.number(a.count)}</li>`)}<li><strong>${fill(w.audienceTotal, { count: format.number(audienceTotal) })}</strong></li></ul>`
        : null,
    ],
    [t.meetingResults, m.results ? userText(lang, m.results) : null],
    [w.resultsPublished, m.resultsPublishedAt ? time(locale, m.resultsPublishedAt, m.timeZone) : null],
  ]);
}

export function meetingTitle(req: PageRequest, m: MeetingRecord): string {
  const { labels, format, lang } = req.locale;
  return fill(JOURNALIST_TEXT[lang].heading, { place: labels.name(m.unit), date: format.date(m.actualStartAt ?? m.plannedStartAt, m.timeZone) });
}

export function meetingPage(req: PageRequest, m: MeetingRecord): Html {
  const { lang, labels, format } = req.locale;
  const w = JOURNALIST_TEXT[lang];
  const title = meetingTitle(req, m);
  const content = html`<article class="meeting-record">
<p class="kicker">${w.kicker}</p>
<h1>${title}</h1>
${meetingFacts(req, m)}
<section aria-labelledby="conduct">
<h2 id="conduct">${w.flagsHeading}</h2>
${m.flags.length ? html`<ul class="flags">${m.flags.map((f) => html`<li class="warning">${conductFlagName(f, lang)}</li>`)}</ul>` : html`<p>${w.noFlags}</p>`}
</section>
${problemsSection(req, m)}
<p><a href="${langPath(lang, `/meetings?region=${encodeURIComponent(m.region.code)}`)}">${fill(w.inCalendar, { region: labels.name(m.region) })}</a></p>
</article>`;
  const description = `${w.kicker}: ${title}. ${fill(w.summaryDescription, { count: format.number(m.problems.length), akim: akimText(req, m) })}`;
  return page(req, { title: `${title} — ${w.kicker}`, description, section: 'meetings' }, content);
}
