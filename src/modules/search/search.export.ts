import type { Request, Response, Router } from 'express';
import { stringify } from 'csv-stringify';
import type { Services } from '../../services.ts';
import { CSV_CONTENT_TYPE, csvOptions } from '../publication/csv.ts';
import { pickName } from '../shared/localized.ts';
import { hitJson, language, sendError, toInput } from './search.routes.ts';
import { encodeCursor, MAX_RESULT_WINDOW, quarterEnd, type SearchHitView, type SearchPage } from './search.service.ts';

// Every result of a search, for a journalist's spreadsheet or script: the same query string as
// /api/search (page and per_page aside), as CSV or JSON, streamed page by page so memory does not
// grow with the answer, and capped at the first EXPORT_LIMIT results (the engines page no deeper).
//   GET /api/search.csv?q=су&region=KZ-19&quarter=all
//   GET /api/search.json?q=вода&status=IN_PROGRESS
// With collapse=group a file has one row per result, as the page shows them: a group's best match
// with collapsed_count (how many matching problems it stands for); without it every problem, each
// with its group_number, so a spreadsheet can group them itself.

export const EXPORT_LIMIT = MAX_RESULT_WINDOW;
const BATCH = 100;

export const SEARCH_CSV_COLUMNS = [
  'number',
  'quarter',
  'as_of',
  'title',
  'text',
  'language',
  'category',
  'status',
  'progress',
  'due_date',
  'overdue',
  'raised_at',
  'updated_at',
  'region_code',
  'region',
  'unit_code',
  'unit',
  'organization_code',
  'organization',
  'group_number',
  'collapsed_count',
] as const;

type SearchServices = Pick<Services, 'search'>;

/** The pages of a search, first to last (at most EXPORT_LIMIT results); the first is read before anything is sent. */
async function* pages(services: SearchServices, req: Request): AsyncGenerator<SearchPage> {
  const { input } = toInput(req);
  let offset = 0;
  for (;;) {
    const page = await services.search.searchIssues(null, {
      ...input,
      first: Math.min(BATCH, EXPORT_LIMIT - offset),
      after: offset ? encodeCursor(offset) : undefined,
    });
    yield page;
    offset += page.hits.length;
    if (!page.hasNextPage || page.hits.length === 0 || offset >= EXPORT_LIMIT) return;
  }
}

/** Writes and waits when the client reads slower than we search. */
async function send(res: Response, chunk: string): Promise<void> {
  if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
}

function csvRecord(hit: SearchHitView, lang: ReturnType<typeof language>) {
  const d = hit.document;
  return {
    number: String(d.issueId),
    quarter: d.quarter ?? '',
    as_of: d.quarter ? quarterEnd(d.quarter) : '',
    title: d.title,
    text: d.text,
    language: d.language,
    category: d.category,
    status: d.status,
    progress: String(d.progress),
    due_date: d.dueDate ?? '',
    overdue: d.overdue ? 'true' : 'false',
    raised_at: d.raisedAt,
    updated_at: d.updatedAt,
    region_code: hit.region?.code ?? '',
    region: hit.region ? pickName(hit.region, lang) : '',
    unit_code: hit.unit?.code ?? '',
    unit: hit.unit ? pickName(hit.unit, lang) : '',
    organization_code: hit.organization?.code ?? '',
    organization: hit.organization ? pickName(hit.organization, lang) : '',
    group_number: d.groupId === null ? '' : String(d.groupId),
    collapsed_count: hit.collapsed === null ? '' : String(hit.collapsed),
  };
}

function exportName(page: SearchPage, extension: string): string {
  return `jauap-search-${page.quarter ?? 'all-quarters'}.${extension}`;
}

/**
 * The first page of the export, or the typed error answer (a bad filter, the index unavailable) while
 * headers can still be sent; then every hit of that page and the following ones.
 */
async function openExport(
  services: SearchServices,
  req: Request,
  res: Response,
  next: (err: unknown) => void,
): Promise<{ first: SearchPage; hits: AsyncGenerator<SearchHitView> } | null> {
  const iterator = pages(services, req);
  let first: SearchPage;
  try {
    first = (await iterator.next()).value as SearchPage;
  } catch (err) {
    if (!sendError(res, err)) next(err);
    return null;
  }
  async function* hits(): AsyncGenerator<SearchHitView> {
    for (let page: SearchPage | undefined = first; page; page = (await iterator.next()).value || undefined) yield* page.hits;
  }
  return { first, hits: hits() };
}

export function registerSearchExports(router: Router, services: SearchServices): void {
  router.get('/api/search.json', async (req, res, next) => {
    const lang = language(req);
    const opened = await openExport(services, req, res, next);
    if (!opened) return;
    const { first, hits } = opened;
    res
      .set('Cache-Control', 'public, max-age=60')
      .set('Content-Disposition', `inline; filename="${exportName(first, 'json')}"`)
      .type('application/json; charset=utf-8');
    const head = {
      index: first.index,
      quarter: first.quarter,
      asOf: first.quarter ? quarterEnd(first.quarter) : null,
      query: toInput(req).input.query ?? '',
      total: first.total,
      collapse: first.collapse,
      limit: EXPORT_LIMIT,
      complete: first.total <= EXPORT_LIMIT,
    };
    try {
      await send(res, `${JSON.stringify(head).slice(0, -1)},"hits":[`);
      let count = 0;
      for await (const hit of hits) await send(res, `${count++ ? ',' : ''}\n${JSON.stringify(hitJson(hit, lang))}`);
      res.end(`\n],"exported":${count}}\n`);
    } catch (err) {
      // Headers are gone: a cut-off body is the only honest signal left.
      res.destroy(err as Error);
    }
  });

  router.get('/api/search.csv', async (req, res, next) => {
    const lang = language(req);
    const opened = await openExport(services, req, res, next);
    if (!opened) return;
    const { first, hits } = opened;
    res
      .set('Cache-Control', 'public, max-age=60')
      .set('Content-Disposition', `attachment; filename="${exportName(first, 'csv')}"`)
      .set('X-Total-Count', String(first.total))
      .set('X-Export-Limit', String(EXPORT_LIMIT))
      .type(CSV_CONTENT_TYPE);
    const csv = stringify(csvOptions(SEARCH_CSV_COLUMNS));
    csv.on('data', (chunk: Buffer) => {
      if (!res.write(chunk)) csv.pause();
    });
    res.on('drain', () => csv.resume());
    const done = new Promise<void>((resolve, reject) => {
      csv.on('end', resolve);
      csv.on('error', reject);
    });
    try {
      for await (const hit of hits) if (!csv.write(csvRecord(hit, lang))) await new Promise((resolve) => csv.once('drain', resolve));
      csv.end();
      await done;
      res.end();
    } catch (err) {
      res.destroy(err as Error);
    }
  });
}
