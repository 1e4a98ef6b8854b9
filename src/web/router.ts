import express, { type RequestHandler, type Router } from 'express';
import type { Services } from '../services.ts';
import { serveAsset } from './assets.ts';
import { createPageCache } from './caching.ts';
import type { WebDeps } from './context.ts';
import { LANGUAGES, negotiateLanguage } from './i18n/index.ts';
import { createFormTokens, pageHeaders, widgetHeaders, type FormTokens } from './security.ts';
import { registerCitizenRoutes } from './routes/citizen.routes.ts';
import { registerFollowRoutes } from './routes/follow.routes.ts';
import { registerGroupRoutes } from './routes/groups.routes.ts';
import { notFound, webErrorHandler } from './routes/errors.ts';
import { registerMeetingRoutes } from './routes/meetings.routes.ts';
import { registerMeetingFiles, registerMeetingPage } from './routes/meeting.routes.ts';
import { registerPublishedRoutes } from './routes/published.routes.ts';
import { registerSearchRoutes } from './routes/search.routes.ts';
import { registerWhereRoutes } from './routes/where.routes.ts';
import { registerRegionFiles } from './routes/region-files.routes.ts';
import { createStaffRouter } from './staff/router.ts';
import type { ChangeStamp } from '../db/data-version.ts';

// The public site: /kk/, /ru/ and /en/ carry the same pages in three languages; / sends a visitor
// to the language their browser asks for (Kazakh by default). Server-rendered HTML throughout.
//
//   /<lang>/                         the latest published quarter at a glance
//   /<lang>/quarters/2026-Q3         an earlier quarter
//   /<lang>/bodies/<ORG-CODE>        a body's published list (?quarter=, ?page=) and its widget snippet
//   /<lang>/widget/bodies/<ORG-CODE> the embeddable widget (framable by any site)
//   /<lang>/search                   search with facets; /<lang>/search.atom the same query as Atom
//   /<lang>/problems/<number>        one problem, its public history, its meeting and its group
//   /<lang>/groups/<number>          a group of similar problems: where, when, who answers
//   /<lang>/track                    the citizen's tracking page (POST forms)
//   /<lang>/follow, /<lang>/subscriptions/...  email subscriptions: digests, confirm, unsubscribe
//   /<lang>/meetings                 the meetings calendar with iCalendar links
//   /<lang>/meetings/<id>            one meeting: its record and the problems raised there
//   /api/meetings.csv, /api/meetings/<id>/problems.csv (and .json)  those lists as files
//   /<lang>/regions, /regions/<CODE> every region in a quarter (tile map, table); a region's districts and bodies
//   /<lang>/trends                   the country's, a region's or a body's figures over the published quarters
//   /<lang>/staff/...                the staff console (signed-in staff only; see docs/staff-console.md)
//   /assets/<file>                   the stylesheet and the search-as-you-type script

export interface WebRouterOptions {
  /** Signs the tracking forms' tokens; a fresh random secret per process when absent. */
  formTokens?: FormTokens;
  /** Bytes of rendered pages kept in memory (PAGE_CACHE_MB); 0 keeps none. */
  pageCacheBytes?: number;
  /** Moves with every write and every minute: live pages are kept under it (src/db/data-version.ts). */
  liveStamp?: ChangeStamp;
}

export function createWebRouter(services: Services, options: WebRouterOptions = {}): Router {
  const deps: WebDeps = {
    services,
    tokens: options.formTokens ?? createFormTokens(),
    pageCache: createPageCache(options.pageCacheBytes ?? 32 * 1024 * 1024, options.liveStamp),
  };
  const router = express.Router();

  router.get('/', pageHeaders, (req, res) => {
    res.vary('Accept-Language').set('Cache-Control', 'public, max-age=300');
    res.redirect(302, `/${negotiateLanguage(req.get('accept-language'))}/`);
  });
  router.get('/assets/:name', pageHeaders, serveAsset);
  registerMeetingFiles(router, deps);
  registerRegionFiles(router, deps);

  const pages = express.Router();
  pages.use('/staff', createStaffRouter(deps));
  registerPublishedRoutes(pages, deps);
  registerCitizenRoutes(pages, deps);
  registerFollowRoutes(pages, deps);
  registerMeetingRoutes(pages, deps);
  registerMeetingPage(pages, deps);
  registerSearchRoutes(pages, deps);
  registerGroupRoutes(pages, deps);
  registerWhereRoutes(pages, deps);
  pages.use(notFound);
  pages.use(webErrorHandler);

  for (const lang of LANGUAGES) {
    const headers: RequestHandler = (req, res, next) => (req.path.startsWith('/widget/') ? widgetHeaders : pageHeaders)(req, res, next);
    router.use(
      `/${lang}`,
      headers,
      (req, res, next) => {
        res.locals.lang = lang;
        // "/kk" has one address: "/kk/".
        if (req.originalUrl === `/${lang}`) return res.redirect(301, `/${lang}/`);
        next();
      },
      pages,
    );
  }
  return router;
}
