import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import helmet from 'helmet';
import type { RequestHandler } from 'express';

// Security headers for the public pages (helmet) and the anti-forgery token of the tracking forms.

const directives = (frameAncestors: string[]) => ({
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors,
  frameSrc: ["'self'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
  // Not upgrade-insecure-requests: it would rewrite same-origin URLs of a plain-HTTP deployment
  // (localhost, an intranet) to https and break them; TLS is the reverse proxy's business.
  upgradeInsecureRequests: null,
});

/**
 * Every page: a strict CSP (self only, no inline script or style), no framing by others. The
 * referrer goes to our own pages only: with "no-referrer" Chromium sends `Origin: null` on our own
 * form posts, and the tracking forms check that Origin (see citizen.routes.ts).
 */
export const pageHeaders: RequestHandler = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: directives(["'none'"]) },
  xFrameOptions: { action: 'deny' },
  referrerPolicy: { policy: 'same-origin' },
});

/**
 * The embeddable widget: the same CSP, except that any site may frame it (that is its purpose),
 * so no X-Frame-Options; cross-origin embedding of the resource is allowed.
 */
export const widgetHeaders: RequestHandler = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: directives(['*']) },
  xFrameOptions: false,
  crossOriginResourcePolicy: { policy: 'cross-origin' },
  referrerPolicy: { policy: 'same-origin' },
});

/**
 * The tracking forms' anti-forgery token. The forms carry no cookie and no session, so the token is
 * a signed statement in a hidden field: "this server rendered a form for this tracking code and
 * this action at this time". It is `<issued-at-ms>.<hmac>` where the HMAC-SHA256 covers the
 * issue time, the action and a hash of the normalised code, under a secret kept in memory (a
 * restart makes open forms expire: the citizen enters the code again). A forged cross-site POST
 * would need the code *and* a token minted for it in the last hour.
 */
export interface FormTokens {
  issue(action: string, code: string): string;
  verify(token: unknown, action: string, code: string): boolean;
}

export const FORM_TOKEN_TTL_MS = 60 * 60_000;

export function createFormTokens(options: { secret?: Buffer; now?: () => number } = {}): FormTokens {
  const secret = options.secret ?? randomBytes(32);
  const now = options.now ?? Date.now;
  const codeHash = (code: string) => createHash('sha256').update(code).digest('hex');
  const sign = (issuedAt: string, action: string, code: string) =>
    createHmac('sha256', secret)
      .update(`${issuedAt}\n${action}\n${codeHash(code)}`)
      .digest('base64url');
  return {
    issue(action, code) {
      const issuedAt = String(now());
      return `${issuedAt}.${sign(issuedAt, action, code)}`;
    },
    verify(token, action, code) {
      if (typeof token !== 'string' || token.length > 200) return false;
      const [issuedAt = '', mac = ''] = token.split('.');
      if (!/^\d{10,16}$/.test(issuedAt)) return false;
      const age = now() - Number(issuedAt);
      if (age < 0 || age > FORM_TOKEN_TTL_MS) return false;
      const expected = Buffer.from(sign(issuedAt, action, code));
      const given = Buffer.from(mac);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
