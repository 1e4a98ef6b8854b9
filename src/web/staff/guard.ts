import express, { type Request, type RequestHandler, type Response } from 'express';
import type { Role } from '../../modules/shared/enums.ts';
import { LANGUAGES } from '../i18n/index.ts';
import { sendHtml } from '../caching.ts';
import { html } from '../html.ts';
import { CSRF_FIELD, sameOrigin, verifySessionCsrf } from './csrf.ts';
import { staffPage, staffRequest } from './layout.ts';
import type { StaffSession } from './session.ts';

// The middleware every staff route is built from:
//   requireStaff(roles?)  anonymous -> 303 to sign-in (and back after); wrong role -> 403
//   staffForm             parses a small urlencoded body, then refuses a forged one (csrf)
//   csrfGuard             the CSRF and Origin check alone (after another body parser, e.g. multipart)

export const staffSession = (res: Response): StaffSession => {
  const staff = res.locals.staff as StaffSession | undefined;
  if (!staff) throw new Error('requireStaff must run before this handler');
  return staff;
};

const NEXT = /^\/(kk|ru|en)\/staff(?:[/?][A-Za-z0-9\-._~%!$&'()*+,;=:@/?]*)?$/;

/** `?next=` is followed only to a page of the staff console on this site: never elsewhere. */
export function safeNext(value: unknown, lang: string): string {
  if (typeof value === 'string' && value.length <= 500 && NEXT.test(value) && !value.includes('//') && !value.includes('/..')) return value;
  return `/${(LANGUAGES as readonly string[]).includes(lang) ? lang : 'kk'}/staff`;
}

export function signInHref(lang: string, next?: string): string {
  const path = `/${lang}/staff/sign-in`;
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}

function forbidden(req: Request, res: Response, heading: string, text: string): void {
  const sr = staffRequest(req, res);
  sendHtml(res, 403, staffPage(sr, { title: heading }, html`<h1>${heading}</h1><p>${text}</p>`));
}

export function requireStaff(roles?: readonly Role[]): RequestHandler {
  return (req, res, next) => {
    const staff = res.locals.staff as StaffSession | undefined;
    const sr = staffRequest(req, res);
    if (!staff) {
      // Back to the same page after signing in; a form post goes back to the page it came from.
      const back = req.method === 'GET' || req.method === 'HEAD' ? req.originalUrl : `/${sr.locale.lang}/staff`;
      return res.redirect(303, signInHref(sr.locale.lang, safeNext(back, sr.locale.lang)));
    }
    if (roles && staff.viewer.role !== 'ADMIN' && !roles.includes(staff.viewer.role)) {
      return forbidden(req, res, sr.w.forbiddenHeading, sr.w.forbiddenText);
    }
    next();
  };
}

/** The CSRF and Origin check; a failure is a 403 page and nothing runs after it. */
export const csrfGuard: RequestHandler = (req, res, next) => {
  const staff = res.locals.staff as StaffSession | undefined;
  const body = req.body as Record<string, unknown> | undefined;
  if (!staff || !sameOrigin(req) || !verifySessionCsrf(body?.[CSRF_FIELD], staff.token)) {
    const sr = staffRequest(req, res);
    return forbidden(req, res, sr.w.forbiddenHeading, sr.w.formExpired);
  }
  next();
};

/** Small urlencoded forms (a note is at most a few thousand characters). */
export const urlencodedForm = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 50 });

/** For every POST route of a staff form: body, then the CSRF and Origin check. */
export const staffForm: RequestHandler[] = [urlencodedForm, csrfGuard];
