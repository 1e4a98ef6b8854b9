import { Router, type Response } from 'express';
import type { Services } from '../../services.ts';
import { requestLanguage } from '../publication/open-data.routes.ts';
import { publicUrl } from '../../http/public-url.ts';

// Live Atom feeds: /feeds/issues/129.atom (one problem's public history) and
// /feeds/regions/KZ-19.atom (the newest events of a region's problems). `?lang=kk|ru|en`.

/** They follow live changes: a short cache, revalidated by ETag (express computes it from the body). */
const LIVE = 'public, max-age=60';

function sendAtom(res: Response, xml: string) {
  res.set('Cache-Control', LIVE).set('Access-Control-Allow-Origin', '*').vary('Accept-Language').type('application/atom+xml; charset=utf-8').send(xml);
}

function notFound(res: Response, code: string, message: string) {
  res.status(404).set('Cache-Control', 'no-store').json({ error: { code, message } });
}

export function createIssueFeedRouter(services: Pick<Services, 'issueFeeds'>): Router {
  const router = Router();
  router.get('/feeds/issues/:file', (req, res) => {
    const m = /^(\d{1,9})\.atom$/.exec(req.params.file);
    const xml = m ? services.issueFeeds.issueAtom(Number(m[1]), publicUrl(req), requestLanguage(req)) : null;
    if (!xml) return notFound(res, 'issue/not_found', 'No problem has this number (e.g. /feeds/issues/129.atom).');
    sendAtom(res, xml);
  });
  router.get('/feeds/regions/:file', async (req, res) => {
    const m = /^([A-Za-z0-9-]{1,40})\.atom$/.exec(req.params.file);
    const xml = m ? await services.issueFeeds.regionAtom(m[1]!, publicUrl(req), requestLanguage(req)) : null;
    if (!xml) return notFound(res, 'unit/not_found', 'No region has this code (e.g. /feeds/regions/KZ-19.atom).');
    sendAtom(res, xml);
  });
  return router;
}
