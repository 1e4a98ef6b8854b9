import type { Request, Response, Router } from 'express';
import { SignInFailedError } from '../../../modules/accounts/accounts.service.ts';
import { SignInThrottledError } from '../../../modules/accounts/sign-in-throttle.ts';
import { InvalidInputError } from '../../../modules/shared/errors.ts';
import { sendHtml } from '../../caching.ts';
import type { WebDeps } from '../../context.ts';
import { fill } from '../../i18n/index.ts';
import { langPath } from '../../layout.ts';
import { formField, sameOrigin, verifySignInToken } from '../csrf.ts';
import { requireStaff, safeNext, signInHref, staffForm, staffSession, urlencodedForm } from '../guard.ts';
import { staffRequest } from '../layout.ts';
import { accountPage, homePage, signInPage, type AccountState } from '../pages/session.ts';
import { navFor } from '../nav.ts';
import { clearSessionCookie, setSessionCookie } from '../session.ts';

// Signing in and out, the account page, and the console's start page.

export function registerSessionRoutes(router: Router, { services, tokens }: WebDeps): void {
  const signInNotices = (req: Request, res: Response) => {
    const sr = staffRequest(req, res);
    const said = req.query['signed-out'];
    if (said === 'everywhere') return { kind: 'status' as const, text: sr.w.signedOutEverywhere };
    if (said === '1') return { kind: 'status' as const, text: sr.w.signedOut };
    if (typeof req.query.next === 'string') return { kind: 'status' as const, text: sr.w.signInRequired };
    return undefined;
  };

  router.get('/sign-in', (req, res) => {
    const sr = staffRequest(req, res);
    const next = safeNext(req.query.next, sr.locale.lang);
    if (sr.staff) return res.redirect(303, next);
    sendHtml(res, 200, signInPage(sr, { next, notice: signInNotices(req, res) }, tokens));
  });

  router.post('/sign-in', urlencodedForm, async (req, res) => {
    const sr = staffRequest(req, res);
    const email = formField(req, 'email').trim().slice(0, 200);
    const next = safeNext(formField(req, 'next'), sr.locale.lang);
    const show = (status: number, text: string) => sendHtml(res, status, signInPage(sr, { email, next, notice: { kind: 'alert', text } }, tokens));
    if (!sameOrigin(req) || !verifySignInToken(tokens, formField(req, 'token'))) return show(403, sr.w.formExpired);
    try {
      const session = await services.accounts.signIn(email, formField(req, 'password'), req.ip ?? 'unknown');
      setSessionCookie(req, res, session.token, session.expiresAt);
      res.redirect(303, next);
    } catch (err) {
      if (err instanceof SignInThrottledError) {
        res.set('Retry-After', String(err.retryAfterSeconds));
        return show(429, fill(sr.w.signInThrottled, { seconds: err.retryAfterSeconds }));
      }
      if (err instanceof SignInFailedError) return show(401, sr.w.signInFailed);
      throw err;
    }
  });

  router.post('/sign-out', requireStaff(), ...staffForm, (req, res) => {
    services.accounts.signOut(staffSession(res).token);
    clearSessionCookie(req, res);
    res.redirect(303, `${signInHref(staffRequest(req, res).locale.lang)}?signed-out=1`);
  });

  router.post('/sign-out-everywhere', requireStaff(), ...staffForm, (req, res) => {
    services.accounts.signOutEverywhere(staffSession(res).viewer);
    clearSessionCookie(req, res);
    res.redirect(303, `${signInHref(staffRequest(req, res).locale.lang)}?signed-out=everywhere`);
  });

  const account = async (req: Request, res: Response, status: number, noticeOf?: AccountState['notice']) => {
    const sr = staffRequest(req, res);
    const { viewer } = staffSession(res);
    const org = viewer.organizationId !== null ? await services.organizations.findOrganization(viewer.organizationId) : undefined;
    sendHtml(res, status, accountPage(sr, { organizationName: org ? sr.locale.labels.name(org) : null, notice: noticeOf }));
  };

  router.get('/account', requireStaff(), (req, res) => account(req, res, 200));

  router.post('/account/password', requireStaff(), ...staffForm, async (req, res) => {
    const sr = staffRequest(req, res);
    try {
      const session = await services.accounts.changePassword(staffSession(res).viewer, {
        currentPassword: formField(req, 'currentPassword'),
        newPassword: formField(req, 'newPassword'),
      });
      setSessionCookie(req, res, session.token, session.expiresAt);
      // The page below is rendered for the new session (its forms carry the new CSRF token).
      res.locals.staff = { ...staffSession(res), token: session.token };
      await account(req, res, 200, { kind: 'status', text: sr.w.passwordChanged });
    } catch (err) {
      if (!(err instanceof InvalidInputError)) throw err;
      await account(req, res, 400, { kind: 'alert', text: sr.w.fixErrors, details: err.problems.map((p) => `${p.path}: ${p.message}`) });
    }
  });

  router.get('/', requireStaff(), (req, res) => {
    const sr = staffRequest(req, res);
    const items = navFor(staffSession(res).viewer.role);
    // Those who answer for problems start at their queue; everybody else gets their pages listed.
    if (items[0]?.key === 'queue' && staffSession(res).viewer.role !== 'ADMIN') return res.redirect(303, langPath(sr.locale.lang, items[0].path));
    sendHtml(
      res,
      200,
      homePage(
        sr,
        items.map((i) => ({ href: langPath(sr.locale.lang, i.path), label: sr.w[i.label] })),
      ),
    );
  });
}
