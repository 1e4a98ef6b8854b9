import { Router } from 'express';
import type { Services } from '../../services.ts';
import { requestLanguage } from '../publication/open-data.routes.ts';
import { publicUrl } from '../../http/public-url.ts';
import { createGroupFeeds } from './groups.feed.ts';

// /feeds/groups/12.atom?lang=kk|ru|en: a group of similar problems as a live Atom feed.

export function createGroupFeedRouter(services: Pick<Services, 'groups'>): Router {
  const feeds = createGroupFeeds(services.groups);
  const router = Router();
  router.get('/feeds/groups/:file', (req, res) => {
    const m = /^(\d{1,9})\.atom$/.exec(req.params.file);
    const xml = m ? feeds.groupAtom(Number(m[1]), publicUrl(req), requestLanguage(req)) : null;
    if (!xml) {
      res
        .status(404)
        .set('Cache-Control', 'no-store')
        .json({ error: { code: 'group/not_found', message: 'No group has this number (e.g. /feeds/groups/12.atom).' } });
      return;
    }
    res
      .set('Cache-Control', 'public, max-age=60')
      .set('Access-Control-Allow-Origin', '*')
      .vary('Accept-Language')
      .type('application/atom+xml; charset=utf-8')
      .send(xml);
  });
  return router;
}
