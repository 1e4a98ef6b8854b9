import type { Router } from 'express';
import type { FeedMeeting } from '../../modules/meetings/meetings.feed.ts';
import type { QueryPlan } from '../../modules/shared/query-plan.ts';
import { localDate, NATIONAL_ZONE } from '../../modules/shared/time-zones.ts';
import { LIVE, sendHtml } from '../caching.ts';
import { pageRequest, queryText, type WebDeps } from '../context.ts';
import { meetingsPage } from '../pages/meetings.ts';

/** A page lists at most this many meetings per section; the iCalendar feed has them all. */
const SHOWN = 100;
/** Without a region: the next two weeks across the country. */
const COUNTRY_DAYS = 14;

/** The same shape as a feed's meetings (unit, akim's unit, broadcasts), soonest first. */
const countryPlan: QueryPlan = <T>(options: T) =>
  ({
    ...options,
    orderBy: { plannedStartAt: 'asc', id: 'asc' },
    limit: SHOWN,
    with: { unit: true, akimUnit: true, broadcasts: { orderBy: { id: 'asc' } } },
  }) as T;

export function registerMeetingRoutes(router: Router, { services }: WebDeps): void {
  router.get('/meetings', async (req, res) => {
    const regions = await services.geography.listRegions();
    const code = queryText(req, 'region')?.toUpperCase();
    const region = code ? regions.find((r) => r.code === code) ?? null : null;
    const now = services.meetingFeeds.now();
    let upcoming: FeedMeeting[];
    let recent: FeedMeeting[] = [];
    if (region) {
      const feed = await services.meetingFeeds.upcomingMeetings('region', region.code);
      const all = feed?.meetings ?? [];
      const nowIso = now.toISOString();
      upcoming = all.filter((m) => m.plannedStartAt >= nowIso).slice(0, SHOWN);
      recent = all.filter((m) => m.plannedStartAt < nowIso).reverse().slice(0, SHOWN);
    } else {
      const today = localDate(now, NATIONAL_ZONE);
      const until = localDate(new Date(now.getTime() + COUNTRY_DAYS * 86_400_000), NATIONAL_ZONE);
      const rows = await services.meetings.listMeetings({ from: today, to: until, statuses: ['PLANNED', 'HELD'] }, countryPlan);
      upcoming = rows as unknown as FeedMeeting[];
    }
    res.set('Cache-Control', LIVE);
    sendHtml(res, code && !region ? 404 : 200, meetingsPage(pageRequest(req, res), { regions, region, upcoming, recent }));
  });
}
