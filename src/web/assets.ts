import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { Request, Response } from 'express';

// The stylesheet and the one script, read once at start and served from memory. Pages link them
// as /assets/<name>?v=<hash>, so a browser may keep them for a year: a new version is a new URL.

interface Asset {
  body: Buffer;
  type: string;
  hash: string;
}

const FILES: Record<string, string> = {
  'site.css': 'text/css; charset=utf-8',
  'search.js': 'text/javascript; charset=utf-8',
  'staff.css': 'text/css; charset=utf-8',
  'where.css': 'text/css; charset=utf-8',
  'staff.js': 'text/javascript; charset=utf-8',
};

const ASSETS = new Map<string, Asset>(
  Object.entries(FILES).map(([name, type]) => {
    const body = readFileSync(new URL(`./assets/${name}`, import.meta.url));
    return [name, { body, type, hash: createHash('sha256').update(body).digest('hex').slice(0, 16) }];
  }),
);

export function assetUrl(name: keyof typeof FILES & string): string {
  const asset = ASSETS.get(name);
  if (!asset) throw new Error(`unknown asset ${name}`);
  return `/assets/${name}?v=${asset.hash}`;
}

/**
 * The version of the web layer (templates, dictionaries, assets), part of every page's ETag: a
 * deployment that changes how a page looks must not be answered "304 Not Modified".
 */
export const WEB_VERSION = (() => {
  const root = new URL('./', import.meta.url);
  const hash = createHash('sha256');
  for (const file of (readdirSync(root, { recursive: true }) as string[]).sort()) {
    if (/\.(ts|css|js)$/.test(file)) hash.update(file).update(readFileSync(new URL(file, root)));
  }
  return hash.digest('hex').slice(0, 12);
})();

export function serveAsset(req: Request, res: Response): void {
  const asset = ASSETS.get(String(req.params.name));
  if (!asset) {
    res.status(404).type('text/plain').set('Cache-Control', 'no-store').send('Not found');
    return;
  }
  const versioned = req.query.v === asset.hash;
  res
    .set('Content-Type', asset.type)
    .set('ETag', `"${asset.hash}"`)
    .set('Cache-Control', versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  res.send(asset.body);
}
