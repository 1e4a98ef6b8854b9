import type { Express, Request } from 'express';

// Every absolute link the server writes (feeds, open data, pages' alternates, the widget snippet,
// the akimat's tracking slip) starts with the configured PUBLIC_URL. Never with the Host or
// X-Forwarded-* headers: a client chooses those, and a page or feed built from them could be
// cached (page cache, proxies) and served to everyone else with the attacker's links.

const KEY = 'publicUrl';
const STRICT = 'publicOriginOnly';

/**
 * Sets the site's public address (an origin without a trailing slash) for every route of this app.
 * `originOnly` (production): a form is ours only when its Origin is the public one.
 */
export function setPublicUrl(app: Express, url: string, options: { originOnly?: boolean } = {}): void {
  app.locals[KEY] = url;
  if (options.originOnly !== undefined) app.locals[STRICT] = options.originOnly;
}

/** The site's public address, e.g. `https://jauap.example.kz`; links are `${publicUrl(req)}/path`. */
export function publicUrl(req: Request): string {
  const url = req.app.locals[KEY] as unknown;
  if (typeof url !== 'string') throw new Error('PUBLIC_URL is not set on this app');
  return url;
}

/**
 * True when `origin` (an Origin header, or a Referer's origin) is this site. In production only the
 * PUBLIC_URL's origin counts: behind a proxy the Host the server sees may not be the public one.
 * Elsewhere the address the request was sent to counts too, so the demo works whether it is opened
 * as localhost, 127.0.0.1 or a LAN address.
 */
export function isOwnOrigin(req: Request, origin: string): boolean {
  if (origin === new URL(publicUrl(req)).origin) return true;
  if (req.app.locals[STRICT] === true) return false;
  return origin === `${req.protocol}://${req.get('host') ?? ''}`;
}
