import type { Request, Response, Router } from 'express';
import { parseQuarter, quarterLabel } from '../../modules/publication/periods.ts';
import { cachedUntilPublished, LATEST, LIVE, notModified, sendHtml } from '../caching.ts';
import { pageRequest, queryText, type WebDeps } from '../context.ts';
import { regionPage, regionsPage } from '../pages/regions.ts';
import { trendsPage, type TrendsView } from '../pages/trends.ts';
import { changesPage, CHANGES_PAGE_SIZE } from '../pages/changes.ts';
import { ISSUE_CHANGE_KINDS, type IssueChangeKind } from '../../modules/shared/enums.ts';
import { listPublished, publishedFingerprint, type PublicationEntry } from '../published.ts';
import { notFound } from './errors.ts';

// Where and when: /regions (every region in a quarter: tile map and table), /regions/<CODE> (a
// region's districts and bodies), /trends (the country, ?region= or ?body= over every published
// quarter). The region pages count meetings held from the live meetings, so they are fresh for a
// minute; the trends are published figures only, cached until the next publication.

const CODE = /^[A-Z0-9][A-Z0-9-]{0,79}$/;

/** ?quarter= among the published ones (the latest by default); null when it names another. */
export function chosenQuarter(req: Request, published: PublicationEntry[]): string | null {
  const asked = queryText(req, 'quarter');
  if (!asked) return published[0]?.label ?? null;
  const q = parseQuarter(asked.toUpperCase());
  const label = q ? quarterLabel(q) : null;
  return label && published.some((p) => p.label === label) ? label : null;
}

export function registerWhereRoutes(router: Router, { services, pageCache }: WebDeps): void {
  /** The same quarter one year before, when it was published. */
  function yearBefore(label: string, published: PublicationEntry[]): string | null {
    const q = parseQuarter(label);
    const before = q ? quarterLabel({ year: q.year - 1, quarter: q.quarter }) : null;
    return before && published.some((p) => p.label === before) ? before : null;
  }

  async function showRegions(req: Request, res: Response) {
    const published = await listPublished(services);
    const quarter = chosenQuarter(req, published);
    if (!quarter) return notFound(req, res);
    const [now, then] = await Promise.all([
      services.areas.regionsInQuarter(quarter),
      (async () => {
        const before = yearBefore(quarter, published);
        return before ? services.areas.regionsInQuarter(before) : null;
      })(),
    ]);
    if (!now) return notFound(req, res);
    res.set('Cache-Control', LIVE);
    sendHtml(res, 200, regionsPage(pageRequest(req, res), { ...now, quarters: published.map((p) => p.label), yearEarlier: then }));
  }

  router.get('/regions', showRegions);

  router.get('/regions/:code', async (req, res) => {
    const code = String(req.params.code ?? '').toUpperCase();
    if (!CODE.test(code)) return notFound(req, res);
    const published = await listPublished(services);
    const quarter = chosenQuarter(req, published);
    const detail = quarter ? await services.areas.regionInQuarter(quarter, code) : null;
    if (!detail) return notFound(req, res);
    res.set('Cache-Control', LIVE);
    sendHtml(
      res,
      200,
      regionPage(
        pageRequest(req, res),
        detail,
        published.map((p) => p.label),
      ),
    );
  });

  // /quarters/2026-Q3/changes/became-overdue?after=123: what a number of "changes since the previous quarter" counts.
  router.get('/quarters/:label/changes/:kind', cachedUntilPublished(pageCache, services), async (req, res) => {
    const change = String(req.params.kind ?? '')
      .toUpperCase()
      .replace(/-/g, '_') as IssueChangeKind;
    const after = queryText(req, 'after');
    if (change === 'UNCHANGED' || !ISSUE_CHANGE_KINDS.includes(change) || (after !== undefined && !/^\d{1,12}$/.test(after))) return notFound(req, res);
    const published = await listPublished(services);
    const q = parseQuarter(String(req.params.label ?? ''));
    const label = q ? quarterLabel(q) : null;
    if (!label || !published.some((p) => p.label === label)) return notFound(req, res);
    if (notModified(req, res, LATEST, ['changes', publishedFingerprint(published)])) return;
    const list = await services.areas.changedInQuarter(label, change, Number(after ?? 0), CHANGES_PAGE_SIZE);
    if (!list || (after !== undefined && list.items.length === 0)) return notFound(req, res);
    sendHtml(res, 200, changesPage(pageRequest(req, res), change, list, after === undefined));
  });

  router.get('/trends', cachedUntilPublished(pageCache, services), async (req, res) => {
    const regionCode = queryText(req, 'region')?.toUpperCase();
    const bodyCode = queryText(req, 'body')?.toUpperCase();
    if ((regionCode && !CODE.test(regionCode)) || (bodyCode && !CODE.test(bodyCode))) return notFound(req, res);
    const published = await listPublished(services);
    if (notModified(req, res, LATEST, ['trends', publishedFingerprint(published)])) return;
    const [regions, organizations, latest] = await Promise.all([
      services.geography.listRegions(),
      services.organizations.listOrganizations(null),
      published[0] ? services.openData.quarterFigures(published[0].label) : null,
    ]);
    // The body list offers the bodies that have a published list (the latest quarter's).
    const listed = new Set(latest?.bodies.map((b) => b.organizationCode) ?? []);
    const bodies = organizations.filter((o) => listed.has(o.code));
    let view: TrendsView;
    if (regionCode) {
      const trend = await services.areas.regionTrend(regionCode);
      if (!trend) return notFound(req, res);
      view = { scope: { kind: 'region', region: trend.region }, points: trend.points, regions, bodies };
    } else if (bodyCode) {
      const trend = await services.areas.bodyTrend(bodyCode);
      if (!trend) return notFound(req, res);
      view = { scope: { kind: 'body', body: trend.body }, points: trend.points, regions, bodies };
    } else {
      view = { scope: { kind: 'country' }, points: await services.areas.countryTrend(), regions, bodies };
    }
    sendHtml(res, 200, trendsPage(pageRequest(req, res), view));
  });
}
