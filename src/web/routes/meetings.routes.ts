import type { Router } from 'express';
import type { FeedMeeting } from '../../modules/meetings/meetings.feed.ts';
import type { Services } from '../../services.ts';
import { localDate, NATIONAL_ZONE } from '../../modules/shared/time-zones.ts';
import { LIVE, sendHtml } from '../caching.ts';
import { pageRequest, queryText, type WebDeps } from '../context.ts';
import { meetingsPage, type MeetingsView } from '../pages/meetings.ts';

/** A page lists at most this many meetings per section; the iCalendar feed has them all. */
const SHOWN = 100;
/** Without a region: the next two weeks across the country. */
const COUNTRY_DAYS = 14;

/**
 * The calendar's lists for `?region=` (or the whole country's next two weeks): the page and its
 * CSV/JSON read this one function, so the files hold exactly the meetings the page lists.
 * `unknownRegion` is true when a region code was asked for and no region has it.
 */
export async function meetingsCalendar(services: Services, regionCode: string | undefined): Promise<MeetingsView & { unknownRegion: boolean }> {
  const regions = await services.geography.listRegions();
  const code = regionCode?.toUpperCase();
  const region = code ? (regions.find((r) => r.code === code) ?? null) : null;
  const now = services.meetingFeeds.now();
  let upcoming: FeedMeeting[];
  let recent: FeedMeeting[] = [];
  if (region) {
    const feed = await services.meetingFeeds.upcomingMeetings('region', region.code);
    const all = feed?.meetings ?? [];
    const nowIso = now.toISOString();
    upcoming = all.filter((m) => m.plannedStartAt >= nowIso).slice(0, SHOWN);
    recent = all
      .filter((m) => m.plannedStartAt < nowIso)
      .reverse()
      .slice(0, SHOWN);
  } else {
    const today = localDate(now, NATIONAL_ZONE);
    const until = localDate(new Date(now.getTime() + COUNTRY_DAYS * 86_400_000), NATIONAL_ZONE);
    upcoming = await services.meetings.meetingsBetween(today, until, SHOWN);
  }
  return { regions, region, upcoming, recent, unknownRegion: !!code && !region };
}

export function registerMeetingRoutes(router: Router, deps: WebDeps): void {
  const { services } = deps;
  router.get('/meetings', deps.pageCache.live(), async (req, res) => {
    const view = await meetingsCalendar(services, queryText(req, 'region'));
    res.set('Cache-Control', LIVE);
    sendHtml(res, view.unknownRegion ? 404 : 200, meetingsPage(pageRequest(req, res), view));
  });
}
