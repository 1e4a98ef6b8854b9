import express, { type Request, type Response } from 'express';
import type { Services } from '../../services.ts';
import { LANGUAGES, type Language } from '../shared/enums.ts';
import { quarterLabel, roundLabel } from './periods.ts';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CSV_CONTENT_TYPE, publishedItemRecord, publishedItemsCsvStream, roundItemsCsv } from './csv.ts';
import type { PublishedItem } from './freeze.ts';
import { bodyAtom, publicationsAtom } from './feeds.ts';
import { publicUrl } from '../../http/public-url.ts';

// Stable public URLs for what was published: nothing here reads live problems. A published
// quarter never changes, so its files are served as immutable with the content hash as ETag.

const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Lists and feeds change when a quarter is published: short caching, revalidated by ETag. */
const CHANGING = 'public, max-age=300';

export function requestLanguage(req: Request): Language {
  const fromQuery = typeof req.query.lang === 'string' ? req.query.lang : '';
  if ((LANGUAGES as readonly string[]).includes(fromQuery)) return fromQuery as Language;
  for (const part of (req.get('accept-language') ?? '').split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if ((LANGUAGES as readonly string[]).includes(tag)) return tag as Language;
  }
  return 'kk';
}

/** "2026-Q3.csv" -> ["2026-Q3", "csv"]. */
function splitFile(file: string, pattern: RegExp): [string, 'csv' | 'json'] | null {
  const m = pattern.exec(file);
  return m ? [m[1]!.toUpperCase(), m[2]!.toLowerCase() as 'csv' | 'json'] : null;
}
const QUARTER_FILE = /^(\d{4}-Q[1-4])\.(csv|json)$/i;
const ROUND_FILE = /^(\d{4}-H[12])\.(csv|json)$/i;
const BODY_FILE = /^([A-Z0-9][A-Z0-9-]*)\.(csv|json)$/i;

function notFound(res: Response, code: string, message: string) {
  res.status(404).set('Cache-Control', 'no-store').json({ error: { code, message } });
}

/**
 * Streams a published list: its JSON (the head's fields, then the items a batch at a time, the
 * same bytes as JSON.stringify of the whole document) or its CSV (csv-stringify's stream), with
 * the content hash as ETag and 304 when If-None-Match carries it. Memory holds one batch.
 */
async function streamFrozen(
  req: Request,
  res: Response,
  head: { contentHash: string },
  format: 'csv' | 'json',
  filename: string,
  batches: () => AsyncGenerator<PublishedItem[]>,
): Promise<void> {
  res.set('ETag', `"${head.contentHash}"`).set('Cache-Control', IMMUTABLE);
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  if (format === 'csv') res.set('Content-Type', CSV_CONTENT_TYPE).set('Content-Disposition', `attachment; filename="${filename}.csv"`);
  else res.type('application/json; charset=utf-8');
  // HEAD gets the headers only: nothing is read (the body would be thrown away).
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  if (format === 'csv') {
    const records = async function* () {
      for await (const batch of batches()) for (const item of batch) yield publishedItemRecord(item);
    };
    await pipeline(Readable.from(records()), publishedItemsCsvStream(), res);
    return;
  }
  const chunks = async function* () {
    const opening = JSON.stringify({ ...head, items: [] });
    yield opening.slice(0, -2);
    let first = true;
    for await (const batch of batches()) {
      const json = batch.map((item) => JSON.stringify(item)).join(',');
      yield first ? json : `,${json}`;
      first = false;
    }
    yield ']}';
  };
  // One batch's text buffered ahead of the socket, not Readable.from's default sixteen.
  await pipeline(Readable.from(chunks(), { objectMode: false, highWaterMark: 1 }), res);
}

/** Sends a frozen file; express answers 304 itself when If-None-Match carries the same hash. */
function sendFrozen(res: Response, hash: string, format: 'csv' | 'json', filename: string, build: () => string | object) {
  res.set('ETag', `"${hash}"`).set('Cache-Control', IMMUTABLE);
  if (format === 'csv') {
    res.set('Content-Type', CSV_CONTENT_TYPE).set('Content-Disposition', `attachment; filename="${filename}.csv"`);
    res.send(build());
  } else {
    res.json(build());
  }
}

export function createOpenDataRouter(services: Services): express.Router {
  const router = express.Router();
  const openData = services.openData;

  router.use(['/open-data', '/feeds'], (_req, res, next) => {
    // Open data is for anyone's page or app to fetch.
    res.set('Access-Control-Allow-Origin', '*');
    next();
  });

  router.get('/open-data/index.json', async (req, res) => {
    const { publications, rounds } = await openData.catalogue();
    const base = publicUrl(req);
    res.set('Cache-Control', CHANGING).json({
      publications: publications.map((p) => ({
        label: quarterLabel(p),
        periodEnd: p.periodEnd,
        publishedAt: p.publishedAt,
        contentHash: p.contentHash,
        itemCount: p.itemCount,
        csv: `${base}/open-data/quarters/${quarterLabel(p)}.csv`,
        json: `${base}/open-data/quarters/${quarterLabel(p)}.json`,
        bodies: p.bodies
          .map((b) => b.organization.code)
          .sort()
          .map((code) => ({ organizationCode: code, json: `${base}/open-data/quarters/${quarterLabel(p)}/bodies/${code}.json` })),
      })),
      collectionRounds: rounds.map((r) => ({
        label: roundLabel(r),
        cutoffDate: r.cutoffDate,
        collectedAt: r.collectedAt,
        contentHash: r.contentHash,
        itemCount: r.itemCount,
        csv: `${base}/open-data/rounds/${roundLabel(r)}.csv`,
        json: `${base}/open-data/rounds/${roundLabel(r)}.json`,
      })),
      feeds: { publications: `${base}/feeds/publications.atom`, body: `${base}/feeds/bodies/{ORGANIZATION-CODE}.atom` },
    });
  });

  router.get('/open-data/quarters/:file', async (req, res) => {
    const parsed = splitFile(req.params.file, QUARTER_FILE);
    const found = parsed ? await openData.quarterHead(parsed[0]) : null;
    if (!parsed || !found) return notFound(res, 'publication/not_found', 'No published quarter at this address (e.g. /open-data/quarters/2026-Q3.csv).');
    await streamFrozen(req, res, found.head, parsed[1], `jauap-${found.head.label}`, () => openData.itemBatches(found.publicationId));
  });

  router.get('/open-data/quarters/:quarter/bodies/:file', async (req, res) => {
    const parsed = splitFile(req.params.file, BODY_FILE);
    const found = parsed ? await openData.bodyHead(req.params.quarter, parsed[0]) : null;
    if (!parsed || !found) return notFound(res, 'publication/not_found', 'This body has no list in this published quarter.');
    await streamFrozen(req, res, found.head, parsed[1], `jauap-${found.head.label}-${found.head.organizationCode}`, () =>
      openData.itemBatches(found.publicationId, found.organizationId),
    );
  });

  router.get('/open-data/rounds/:file', async (req, res) => {
    const parsed = splitFile(req.params.file, ROUND_FILE);
    const doc = parsed ? await openData.roundDocument(parsed[0]) : null;
    if (!parsed || !doc) return notFound(res, 'collection_round/not_found', 'No collection round at this address (e.g. /open-data/rounds/2026-H1.csv).');
    sendFrozen(res, doc.contentHash, parsed[1], `jauap-round-${doc.label}`, () => (parsed[1] === 'csv' ? roundItemsCsv(doc.items) : doc));
  });

  router.get('/feeds/publications.atom', async (req, res) => {
    const xml = publicationsAtom(await openData.catalogue(), publicUrl(req), requestLanguage(req));
    res.set('Cache-Control', CHANGING).vary('Accept-Language').type('application/atom+xml; charset=utf-8').send(xml);
  });

  router.get('/feeds/bodies/:file', async (req, res) => {
    const m = /^([A-Z0-9][A-Z0-9-]*)\.atom$/i.exec(req.params.file);
    const history = m ? await openData.bodyHistory(m[1]!) : null;
    if (!history) return notFound(res, 'organization/not_found', 'No responsible body has this code.');
    const xml = bodyAtom(history, publicUrl(req), requestLanguage(req));
    res.set('Cache-Control', CHANGING).vary('Accept-Language').type('application/atom+xml; charset=utf-8').send(xml);
  });

  return router;
}
