import { Router } from 'express';
import type { Services } from '../../services.ts';
import { LANGUAGES, type Language } from '../shared/enums.ts';
import { renderMeetingsFeed } from './meetings.ical.ts';
import { publicUrl } from '../../http/public-url.ts';

/**
 * Public iCalendar feeds of upcoming (and last month's) meetings:
 *   /calendar/regions/KZ-19.ics   every meeting in the region
 *   /calendar/units/KZ-19-TALGAR.ics   meetings held in the unit or below it
 * `?lang=kk|ru|en` picks the language of names and texts (default kk).
 */
export function createMeetingFeedRouter(services: Pick<Services, 'meetingFeeds'>): Router {
  const router = Router();
  for (const scope of ['region', 'unit'] as const) {
    router.get(`/calendar/${scope}s/:file`, async (req, res, next) => {
      try {
        const match = /^([A-Za-z0-9-]{1,80})\.ics$/.exec(req.params.file);
        const feed = match ? await services.meetingFeeds.upcomingMeetings(scope, match[1]!) : null;
        if (!feed) {
          res.status(404).type('text/plain').send(`No such ${scope}.`);
          return;
        }
        const lang = typeof req.query.lang === 'string' && (LANGUAGES as readonly string[]).includes(req.query.lang) ? (req.query.lang as Language) : 'kk';
        const source = `${publicUrl(req)}/calendar/${scope}s/${encodeURIComponent(feed.unit.code)}.ics${lang === 'kk' ? '' : `?lang=${lang}`}`;
        const body = renderMeetingsFeed(feed.unit, feed.meetings, lang, services.meetingFeeds.now(), source);
        res
          .status(200)
          .set('Cache-Control', 'public, max-age=300')
          .set('Content-Disposition', `inline; filename="${feed.unit.code}.ics"`)
          .type('text/calendar; charset=utf-8')
          .send(body);
      } catch (err) {
        next(err);
      }
    });
  }
  return router;
}
