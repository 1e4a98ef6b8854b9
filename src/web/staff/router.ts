import express, { type ErrorRequestHandler, type Router } from 'express';
import { NotAuthorizedError, NotFoundError } from '../../modules/shared/errors.ts';
import { sendHtml } from '../caching.ts';
import type { WebDeps } from '../context.ts';
import { html } from '../html.ts';
import { requireStaff } from './guard.ts';
import { staffPage, staffRequest } from './layout.ts';
import { registerBulkRoutes } from './routes/bulk.routes.ts';
import { registerIssueRoutes } from './routes/issue.routes.ts';
import { registerGroupDecisionRoutes } from './routes/group.routes.ts';
import { registerQueueRoutes } from './routes/queue.routes.ts';
import { registerAkimatMeetingRoutes } from './routes/akimat-meetings.routes.ts';
import { registerAkimatRoutes } from './routes/akimat.routes.ts';
import { registerSessionRoutes } from './routes/session.routes.ts';
import { createUploadStore } from './uploads.ts';
import { registerGovernmentRoutes } from './routes/government.routes.ts';
import { registerUserRoutes } from './routes/users.routes.ts';
import { loadStaffSession } from './session.ts';

// The staff console, mounted at /{lang}/staff by the public web router (so it has the same
// headers: helmet's CSP, frame denial, referrer policy). Every answer is private: no-store, and it
// varies with the cookie. A new page: a register*Routes function in routes/, added below.

export function createStaffRouter(deps: WebDeps): Router {
  const router = express.Router();
  router.use(async (req, res, next) => {
    res.set('Cache-Control', 'no-store').vary('Cookie');
    try {
      const staff = await loadStaffSession(deps.services, req);
      if (staff) res.locals.staff = staff;
      next();
    } catch (err) {
      next(err);
    }
  });

  registerSessionRoutes(router, deps);
  registerQueueRoutes(router, deps);
  registerBulkRoutes(router, deps, createUploadStore());
  registerIssueRoutes(router, deps);
  registerGroupDecisionRoutes(router, deps);
  registerAkimatRoutes(router, deps);
  registerAkimatMeetingRoutes(router, deps);
  registerGovernmentRoutes(router, deps);
  registerUserRoutes(router, deps);

  // Any other address under /staff: anonymous callers sign in first, staff get a 404 page.
  router.use(requireStaff(), (req, res) => {
    const sr = staffRequest(req, res);
    sendHtml(res, 404, staffPage(sr, { title: sr.locale.t.notFoundHeading }, html`<h1>${sr.locale.t.notFoundHeading}</h1><p>${sr.locale.t.notFoundText}</p>`));
  });
  router.use(staffErrors);
  return router;
}

/** The policy's refusals as the console's pages; everything else goes to the public error handler. */
const staffErrors: ErrorRequestHandler = (err, req, res, next) => {
  if (res.headersSent) return next(err);
  const sr = staffRequest(req, res);
  if (err instanceof NotAuthorizedError) {
    return sendHtml(res, 403, staffPage(sr, { title: sr.w.forbiddenHeading }, html`<h1>${sr.w.forbiddenHeading}</h1><p>${sr.w.forbiddenText}</p>`));
  }
  if (err instanceof NotFoundError) {
    return sendHtml(
      res,
      404,
      staffPage(sr, { title: sr.locale.t.notFoundHeading }, html`<h1>${sr.locale.t.notFoundHeading}</h1><p>${sr.locale.t.notFoundText}</p>`),
    );
  }
  next(err);
};
