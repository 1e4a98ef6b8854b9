import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Services } from '../services.ts';
import { WEB_VERSION } from './assets.ts';
import { listPublished, publishedFingerprint } from './published.ts';
import type { ChangeStamp } from '../db/data-version.ts';

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
  const hash = createHash('sha256')
    .update([WEB_VERSION, ...parts.map((p) => String(p ?? ''))].join('\n'))
    .digest('base64url');
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

interface CachedPage {
  body: string;
  headers: Record<string, string>;
}

export interface PageCache {
  /**
   * Route middleware: answers a GET from memory when the same address (which carries the language)
   * was rendered for the same `fingerprint`, e.g. the published quarters, which change only when a
   * quarter is published. Otherwise the route renders, and a 200 text answer marked public is kept.
   */
  page(fingerprint: (req: Request) => string | Promise<string>): RequestHandler;
  /**
   * Route middleware for live pages (meetings, a problem): kept while the database is unchanged and
   * for the current minute at most. Without a change stamp (tests of the router alone) nothing is kept.
   */
  live(): RequestHandler;
  stats(): { entries: number; bytes: number; hits: number; misses: number };
}

const KEPT_HEADERS = ['content-type', 'cache-control', 'etag', 'vary', 'content-language', 'x-robots-tag'];

/**
 * Pages rendered once per fingerprint, in memory, least recently used first out once `maxBytes`
 * is reached (0 turns the cache off). One small query (the fingerprint) replaces the page's queries
 * and its rendering, which keeps the event loop free for everybody else under load.
 */
export function createPageCache(maxBytes: number, liveStamp?: ChangeStamp): PageCache {
  const pages = new Map<string, CachedPage>();
  let bytes = 0;
  let hits = 0;
  let misses = 0;
  const sizeOf = (p: CachedPage) => p.body.length * 2 + 256;

  function keep(key: string, page: CachedPage): void {
    const size = sizeOf(page);
    if (size > maxBytes / 4) return;
    const old = pages.get(key);
    if (old) bytes -= sizeOf(old);
    pages.delete(key);
    pages.set(key, page);
    bytes += size;
    for (const [oldest, value] of pages) {
      if (bytes <= maxBytes) break;
      pages.delete(oldest);
      bytes -= sizeOf(value);
    }
  }

  const cache: PageCache = {
    live() {
      return liveStamp ? cache.page(liveStamp) : (_req, _res, next) => next();
    },
    page(fingerprint) {
      return async (req, res, next) => {
        if (maxBytes <= 0 || req.method !== 'GET') return next();
        try {
          const key = `${req.originalUrl}\n${await fingerprint(req)}`;
          const cached = pages.get(key);
          if (cached) {
            hits++;
            pages.delete(key);
            pages.set(key, cached);
            res.set(cached.headers);
            if (req.fresh) return void res.status(304).end();
            return void res.status(200).send(cached.body);
          }
          misses++;
          const send = res.send.bind(res);
          res.send = (body?: unknown) => {
            const cacheControl = String(res.get('Cache-Control') ?? '');
            if (res.statusCode === 200 && typeof body === 'string' && cacheControl.startsWith('public') && !res.get('Set-Cookie')) {
              const headers: Record<string, string> = {};
              for (const name of KEPT_HEADERS) {
                const value = res.get(name);
                if (value !== undefined) headers[name] = String(value);
              }
              keep(key, { body, headers });
            }
            return send(body);
          };
          next();
        } catch (err) {
          next(err);
        }
      };
    },
    stats: () => ({ entries: pages.size, bytes, hits, misses }),
  };
  return cache;
}

/** Route middleware for pages built only from published data: cached until the next publication. */
export function cachedUntilPublished(pageCache: PageCache, services: Services): RequestHandler {
  return pageCache.page(async () => publishedFingerprint(await listPublished(services)));
}
