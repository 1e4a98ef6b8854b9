import type { Request, Response, Router } from 'express';
import { parseQuarter, quarterLabel } from '../../modules/publication/periods.ts';
import type { Trilingual } from '../../modules/shared/localized.ts';
import { cachedUntilPublished, LATEST, notModified, sendHtml } from '../caching.ts';
import { pageNumber, pageRequest, queryText, type WebDeps } from '../context.ts';
import { bodyPage, BODY_CHANGES_SHOWN, BODY_PAGE_SIZE } from '../pages/body.ts';
import { nothingPublishedPage, quarterPage } from '../pages/quarter.ts';
import { widgetPage } from '../pages/widget.ts';
import { listPublished, publishedFingerprint, quarterOverview, type PublicationEntry } from '../published.ts';
import { notFound } from './errors.ts';

// Pages of published data: the home page, a quarter, a body's list and its widget. Their ETag
// comes from the content hashes of the publications (see caching.ts), checked before rendering.

export function registerPublishedRoutes(router: Router, { services, pageCache }: WebDeps): void {
  // The home page and a quarter's page change only when a quarter is published: rendered once per
  // publication, then served from memory (the busiest pages under load).
  const untilPublished = cachedUntilPublished(pageCache, services);
  async function showQuarter(req: Request, res: Response, published: PublicationEntry[], entry: PublicationEntry | undefined) {
    if (!entry) {
      if (notModified(req, res, LATEST, ['nothing-published'])) return;
      return sendHtml(res, 200, nothingPublishedPage(pageRequest(req, res)));
    }
    if (notModified(req, res, LATEST, ['quarter', publishedFingerprint(published)])) return;
    const overview = await quarterOverview(services, entry);
    if (!overview) return notFound(req, res);
    const q = parseQuarter(entry.label);
    const mostRaised = q ? services.groups.largestOfPublishedQuarter(q) : [];
    sendHtml(res, 200, quarterPage(pageRequest(req, res), overview, published, mostRaised));
  }

  router.get('/', untilPublished, async (req, res) => {
    const published = await listPublished(services);
    await showQuarter(req, res, published, published[0]);
  });

  router.get('/quarters/:label', untilPublished, async (req, res) => {
    const q = parseQuarter(String(req.params.label ?? ''));
    const published = await listPublished(services);
    const entry = q ? published.find((p) => p.label === quarterLabel(q)) : undefined;
    if (!entry) return notFound(req, res);
    await showQuarter(req, res, published, entry);
  });

  /** The body's figures in every published quarter, newest first (null for an unknown code). */
  async function bodyFigures(code: string) {
    const history = await services.openData.bodyHistory(code);
    if (!history) return null;
    return {
      organization: history.organization,
      figures: history.bodies.map((b) => ({
        quarter: quarterLabel(b.publication),
        total: b.total,
        open: b.open,
        overdue: b.overdue,
        resolved: b.resolved,
        disputed: b.disputed,
        deadlinesMoved: b.deadlinesMoved,
        driftDays: b.driftDays,
      })),
    };
  }

  /** ?after=N / ?before=N: the keyset cursor of the body's list (a problem number); null when malformed. */
  function listCursor(req: Request): { after?: number; before?: number } | null {
    const cursor: { after?: number; before?: number } = {};
    for (const name of ['after', 'before'] as const) {
      const value = queryText(req, name);
      if (value === undefined) continue;
      if (!/^\d{1,12}$/.test(value)) return null;
      cursor[name] = Number(value);
    }
    return cursor.after !== undefined && cursor.before !== undefined ? null : cursor;
  }

  router.get('/bodies/:code', async (req, res) => {
    const code = (req.params.code ?? '').toUpperCase();
    const pageNo = pageNumber(req);
    const cursor = listCursor(req);
    const published = await listPublished(services);
    const asked = queryText(req, 'quarter');
    const q = asked ? parseQuarter(asked) : null;
    const quarter = asked ? (q ? quarterLabel(q) : null) : (published[0]?.label ?? null);
    if (!/^[A-Z0-9][A-Z0-9-]{0,79}$/.test(code) || pageNo === null || !cursor || (asked && !published.some((p) => p.label === quarter))) {
      return notFound(req, res);
    }
    if (notModified(req, res, LATEST, ['body', publishedFingerprint(published)])) return;
    const body = await bodyFigures(code);
    if (!body) return notFound(req, res);
    const list = quarter ? await services.openData.bodyListPage(quarter, code, cursor, BODY_PAGE_SIZE, BODY_CHANGES_SHOWN) : null;
    if (list && list.items.length === 0 && (cursor.after !== undefined || cursor.before !== undefined)) return notFound(req, res);
    const places = new Map<string, Trilingual>();
    for (const unitCode of new Set(list?.items.map((i) => i.unitCode) ?? [])) {
      const unit = await services.geography.findUnitByCode(unitCode);
      if (unit) places.set(unitCode, unit);
    }
    sendHtml(
      res,
      200,
      bodyPage(pageRequest(req, res), {
        organization: body.organization,
        quarter: quarter ?? '—',
        published,
        list,
        places,
        figures: body.figures,
        page: pageNo,
      }),
    );
  });

  router.get('/widget/bodies/:code', async (req, res) => {
    const code = (req.params.code ?? '').toUpperCase();
    if (!/^[A-Z0-9][A-Z0-9-]{0,79}$/.test(code)) return notFound(req, res);
    const published = await listPublished(services);
    if (notModified(req, res, LATEST, ['widget', publishedFingerprint(published)])) return;
    const body = await bodyFigures(code);
    if (!body) return notFound(req, res);
    const latest = body.figures[0] ?? null;
    sendHtml(res, 200, widgetPage(pageRequest(req, res), { organization: body.organization, latest }));
  });
}
