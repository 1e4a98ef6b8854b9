import type { Request, Response } from 'express';
import type { Viewer } from '../../modules/accounts/viewer.ts';
import type { Services } from '../../services.ts';

// The staff console's session lives in one cookie holding the same opaque token that the GraphQL
// `signIn` returns (only its hash is stored; it expires and can be revoked). The cookie is
// HttpOnly and SameSite=Lax; served over HTTPS it is Secure and named with the __Host- prefix
// (no Domain, Path=/), which browsers refuse to let any other site or plain-HTTP page set. Plain
// http://localhost cannot carry either, so there it has a plain name.

export const COOKIE_PLAIN = 'jauap_staff';
export const COOKIE_HOST = '__Host-jauap_staff';

export const sessionCookieName = (req: Request) => (req.secure ? COOKIE_HOST : COOKIE_PLAIN);

export interface StaffSession {
  viewer: Viewer;
  /** The session token from the cookie: CSRF tokens are derived from it (csrf.ts). */
  token: string;
}

/** Cookie header -> value of one cookie (no dependency: the header is simple and we read one name). */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

export function setSessionCookie(req: Request, res: Response, token: string, expiresAt: string): void {
  res.cookie(sessionCookieName(req), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure,
    path: '/',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(sessionCookieName(req), { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
}

/** The signed-in staff member of this request, or null (no cookie, expired, revoked, disabled). */
export async function loadStaffSession(services: Services, req: Request): Promise<StaffSession | null> {
  const token = readCookie(req, sessionCookieName(req));
  if (!token) return null;
  const viewer = await services.accounts.authenticate(token);
  return viewer ? { viewer, token } : null;
}
