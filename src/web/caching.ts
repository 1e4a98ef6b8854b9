import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { WEB_VERSION } from './assets.ts';

// Caching of pages built from published data. A published quarter never changes, so a page's
// ETag is a hash of the publication's content hash, the page's own address (language, filters,
// page number) and the version of the templates. The ETag is computed *before* rendering, so a
// revalidation that matches costs one small query and no rendering.

/** Pages showing "the latest quarter" change when the next one is published: short freshness. */
export const LATEST = 'public, max-age=300';
/** Live data (problem pages, meetings): a minute is stale enough. */
export const LIVE = 'public, max-age=60';
/** Tracking results and forms: never stored anywhere. */
export const PRIVATE = 'no-store';

export function pageEtag(parts: (string | number | null | undefined)[]): string {
  const hash = createHash('sha256').update([WEB_VERSION, ...parts.map((p) => String(p ?? ''))].join('\n')).digest('base64url');
  return `W/"${hash.slice(0, 27)}"`;
}

/**
 * Sets Cache-Control, ETag and Vary; answers 304 and returns true when the client's copy is
 * current. The caller renders only when this returns false.
 */
export function notModified(req: Request, res: Response, cacheControl: string, etagParts: (string | number | null | undefined)[]): boolean {
  res.set('Cache-Control', cacheControl).set('ETag', pageEtag([req.originalUrl, ...etagParts]));
  if (req.fresh) {
    res.status(304).end();
    return true;
  }
  return false;
}

/** Sends a rendered page. Express would compute its own ETag; ours is already set. */
export function sendHtml(res: Response, status: number, body: { toString(): string }): void {
  res.status(status).type('text/html; charset=utf-8').send(body.toString());
}
