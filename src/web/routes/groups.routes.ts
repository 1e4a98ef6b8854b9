import type { Router } from 'express';
import { LIVE, notModified, sendHtml } from '../caching.ts';
import { pageRequest, type WebDeps } from '../context.ts';
import { formerGroupPage, groupPage, loadGroupPage, MEMBERS_ON_GROUP } from '../pages/group.ts';
import { notFound } from './errors.ts';

// /{lang}/groups/{number}: a group of similar problems (live: it grows as problems are raised), or
// 410 Gone with where its problems are now when it was dissolved.

export function registerGroupRoutes(router: Router, { services }: WebDeps): void {
  router.get('/groups/:id', (req, res) => {
    const id = /^\d{1,9}$/.test(req.params.id ?? '') ? Number(req.params.id) : NaN;
    const group = Number.isFinite(id) ? services.groups.findGroup(id) : null;
    if (!group) {
      // A link kept from a published list to a group since dissolved: say so and where its problems went.
      const former = Number.isFinite(id) ? services.groups.formerGroup(id, MEMBERS_ON_GROUP) : null;
      if (former) return sendHtml(res, 410, formerGroupPage(pageRequest(req, res), former));
      return notFound(req, res);
    }
    // A member's status or body moves the group's updated_at (its figures are refreshed then).
    if (notModified(req, res, LIVE, ['group', group.id, group.updatedAt, group.size])) return;
    const view = loadGroupPage(services, id);
    if (!view) return notFound(req, res);
    sendHtml(res, 200, groupPage(pageRequest(req, res), view));
  });
}
