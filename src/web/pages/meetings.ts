import type { FeedMeeting } from '../../modules/meetings/meetings.feed.ts';
import { isReportTimeViolation } from '../../modules/meetings/meetings.service.ts';
import type { Trilingual } from '../../modules/shared/localized.ts';
import { html, type Html } from '../html.ts';
import { fill } from '../i18n/index.ts';
import { page, type PageRequest } from '../layout.ts';
import { time } from '../components.ts';
import { safeUrl } from './problem.ts';
import { meetingHref } from './meeting.ts';
import { platformName } from '../i18n/journalist.ts';
import { listDownloads } from '../downloads.ts';
import { userText } from '../user-text.ts';

// The meetings calendar: upcoming and recent meetings of a region (or the whole country), and the
// iCalendar feeds a citizen subscribes to in a calendar app.

export interface Region extends Trilingual {
  code: string;
}

export interface MeetingsView {
  regions: Region[];
  region: Region | null;
  upcoming: FeedMeeting[];
  recent: FeedMeeting[];
}

const icsHref = (region: Region, lang: string) => `/calendar/regions/${encodeURIComponent(region.code)}.ics?lang=${lang}`;

const meetingFiles = (lang: string, region: Region | null) => {
  const query = `?${region ? `region=${encodeURIComponent(region.code)}&` : ''}lang=${lang}`;
  return { csv: `/api/meetings.csv${query}`, json: `/api/meetings.json${query}` };
};

function meetingItem(req: PageRequest, m: FeedMeeting): Html {
  const { locale } = req;
  const { t, labels } = locale;
  const tags = [
    m.visiting ? t.visiting : null,
    m.kind === 'ON_DEMAND' ? t.meetingOnDemand : null,
    m.status !== 'PLANNED' ? labels.meetingStatus(m.status) : null,
  ].filter((x): x is string => x !== null);
  return html`<li class="meeting${m.status === 'CANCELLED' ? ' cancelled' : ''}">
<p class="when"><a href="${meetingHref(locale.lang, m.id)}">${time(locale, m.actualStartAt ?? m.plannedStartAt)}</a></p>
<p class="where"><strong>${labels.name(m.unit)}</strong>${m.venue ? html` · ${userText(locale.lang, m.venue)}` : ''}</p>
<p class="who">${t.meetingAkim}: ${m.akimName ? `${m.akimName}, ` : ''}${labels.name(m.akimUnit)}${tags.length ? html` · <span class="tags">${tags.join(' · ')}</span>` : ''}</p>
${isReportTimeViolation(m) ? html`<p class="warning">${t.reportViolation}</p>` : ''}
${m.broadcasts.length ? html`<p>${t.meetingBroadcasts}: ${m.broadcasts.map((b, i) => html`${i ? ', ' : ''}<a href="${safeUrl(b.url)}" rel="nofollow noopener">${platformName(b.platform)}</a>`)}</p>` : ''}
</li>`;
}

function meetingList(req: PageRequest, meetings: FeedMeeting[]): Html {
  return meetings.length ? html`<ol class="meetings">${meetings.map((m) => meetingItem(req, m))}</ol>` : html`<p class="muted">${req.locale.t.noMeetings}</p>`;
}

export function meetingsPage(req: PageRequest, view: MeetingsView): Html {
  const { t, labels, lang } = req.locale;
  const options = view.regions.map((r) => html`<option value="${r.code}"${view.region?.code === r.code ? html` selected` : ''}>${labels.name(r)}</option>`);
  const content = html`<h1>${t.meetingsHeading}</h1>
<p>${t.meetingsIntro}</p>
<form class="filter-row" method="get" action="/${lang}/meetings">
<label for="region">${t.regionLabel}</label>
<select id="region" name="region"><option value="">${t.allRegions}</option>${options}</select>
<button type="submit">${t.show}</button>
</form>
${view.region ? html`<p class="subscribe"><a href="${icsHref(view.region, lang)}" type="text/calendar">${fill(t.subscribeRegion, { region: labels.name(view.region) })}</a></p>` : ''}
<section aria-labelledby="upcoming">
<h2 id="upcoming">${t.upcomingHeading}${view.region ? ` — ${labels.name(view.region)}` : ''}</h2>
${meetingList(req, view.upcoming)}
</section>
${view.region ? html`<section aria-labelledby="recent"><h2 id="recent">${t.recentHeading}</h2>${meetingList(req, view.recent)}</section>` : ''}
${listDownloads(req, meetingFiles(lang, view.region))}
<section aria-labelledby="calendars">
<h2 id="calendars">${t.calendarsHeading}</h2>
<ul class="columns">${view.regions.map((r) => html`<li><a href="${icsHref(r, lang)}" type="text/calendar">${labels.name(r)} (.ics)</a></li>`)}</ul>
</section>`;
  return page(req, { title: view.region ? `${t.meetingsHeading} — ${labels.name(view.region)}` : t.meetingsHeading, section: 'meetings' }, content);
}
