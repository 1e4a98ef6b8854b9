import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { isOwnOrigin } from '../../http/public-url.ts';
import type { FormTokens } from '../security.ts';

// Anti-forgery for the staff console: every state-changing form carries a hidden `_csrf` field,
// and every POST is refused (403, nothing changed) unless
//   1. its Origin (or, when a browser sends none, its Referer) is this site, and
//   2. its `_csrf` matches the session: an HMAC of a fixed label keyed by the session token.
// The session token sits in an HttpOnly cookie no other site can read, so no other site can
// compute the field; it needs no server-side store and survives restarts, and it dies with the
// session (sign out everywhere makes every open form useless).
// The sign-in form has no session yet; it carries the tracking forms' signed token instead
// (security.ts), so a login CSRF ("sign the victim in as me") fails too.

export const CSRF_FIELD = '_csrf';
const LABEL = 'jauap staff console csrf v1';

export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update(LABEL).digest('base64url');
}

export function verifySessionCsrf(given: unknown, sessionToken: string): boolean {
  if (typeof given !== 'string' || given.length > 100) return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

const SIGN_IN_ACTION = 'staff-sign-in';
export const signInToken = (tokens: FormTokens) => tokens.issue(SIGN_IN_ACTION, 'staff');
export const verifySignInToken = (tokens: FormTokens, given: unknown) => tokens.verify(given, SIGN_IN_ACTION, 'staff');

/**
 * True when the request names this site (PUBLIC_URL; see isOwnOrigin) as its origin. Browsers send Origin with every POST;
 * `null` (a sandboxed frame, some redirects) is refused. Without Origin, a Referer, if any, must
 * be ours; with neither (a non-browser client), the token alone decides.
 */
export function sameOrigin(req: Request): boolean {
  const origin = req.get('origin');
  if (origin !== undefined) return isOwnOrigin(req, origin);
  const referer = req.get('referer');
  if (referer === undefined) return true;
  try {
    return isOwnOrigin(req, new URL(referer).origin);
  } catch {
    return false;
  }
}

export function formField(req: Request, name: string): string {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}
