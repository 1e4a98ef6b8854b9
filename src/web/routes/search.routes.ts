import type { Request, Response, Router } from 'express';
import type { FacetValueView, SearchPage } from '../../modules/search/search.service.ts';
import { LATEST, notModified, sendHtml } from '../caching.ts';
import { pageRequest, type WebDeps } from '../context.ts';
import { publicUrl } from '../../http/public-url.ts';
import { searchLive, searchPage, type SearchView } from '../pages/search.ts';
import { listPublished, publishedFingerprint } from '../published.ts';
import { FEED_SIZE, searchAtom } from '../search-feed.ts';
import { LIST_FILTERS, readSearchParams, toSearchInput, type ListParam, type SearchParams } from '../search-params.ts';
import { notFound } from './errors.ts';

// Search over the published quarters through the search service, as a page, as the live
// fragment the search-as-you-type script swaps in, and as an Atom feed of the same URL.

/** How long a page's "now" beside each published status may be reused: the pages' max-age. */
const LIVE_STATE_MS = 300_000;
const liveStateEpoch = () => Math.floor(Date.now() / LIVE_STATE_MS);

export function registerSearchRoutes(router: Router, { services, pageCache }: WebDeps): void {
  // The search pages read the published index, which changes only when a quarter is published;
  // but each result also says where its problem stands today, so a rendered page is kept for at
  // most LIVE_STATE_MS (the browsers' max-age) before today's states are read again.
  const cached = pageCache.page(async () => `${publishedFingerprint(await listPublished(services))}:${liveStateEpoch()}`);
  const search = (input: Parameters<typeof services.search.searchIssues>[1]) => services.search.searchIssues(null, input);

  /**
   * The results, and for each filter the counts of its values as if it were not applied: ticking
   * a second status must stay possible (values OR-ed within a filter). One extra query per filter
   * in use, asking for counts only.
   */
  async function runSearch(params: SearchParams): Promise<SearchView> {
    const result = await search(toSearchInput(params));
    const facetValues = Object.fromEntries(LIST_FILTERS.map((f) => [f.param, facetOf(result, f.facet)])) as Record<ListParam, FacetValueView[]>;
    for (const f of LIST_FILTERS) {
      if (params.lists[f.param].length === 0) continue;
      facetValues[f.param] = facetOf(await search(toSearchInput(params, { without: f.param, first: 1, page: 1 })), f.facet);
    }
    let overdueCount = result.facets.find((f) => f.field === 'overdue')?.values.find((v) => v.value === 'true')?.count ?? 0;
    if (params.overdue) overdueCount = result.total;
    // Each result's status is the published one; today's is shown beside it where it differs.
    const now = new Map(services.asOf.liveStates(result.hits.map((h) => h.document.issueId)).map((s) => [s.id, s]));
    return { params, result, facetValues, overdueCount, quarters: services.search.publishedQuarters(), now };
  }

  const facetOf = (result: SearchPage, field: string) => result.facets.find((f) => f.field === field)?.values ?? [];

  /** Common to the three answers: parse, 404 on nonsense, 304 when nothing was published since. */
  async function prepare(req: Request, res: Response): Promise<{ params: SearchParams; fingerprint: string; publishedAt: string } | null> {
    const params = readSearchParams(req);
    if (!params) {
      notFound(req, res);
      return null;
    }
    const published = await listPublished(services);
    const fingerprint = publishedFingerprint(published);
    if (notModified(req, res, LATEST, ['search', fingerprint, liveStateEpoch()])) return null;
    return { params, fingerprint, publishedAt: published[0]?.publishedAt ?? '2000-01-01T00:00:00.000Z' };
  }

  router.get('/search', cached, async (req, res) => {
    const ready = await prepare(req, res);
    if (!ready) return;
    sendHtml(res, 200, searchPage(pageRequest(req, res), await runSearch(ready.params)));
  });

  router.get('/search/live', cached, async (req, res) => {
    const ready = await prepare(req, res);
    if (!ready) return;
    const pr = pageRequest(req, res, `/search${req.url.slice(req.url.indexOf('?') >= 0 ? req.url.indexOf('?') : req.url.length)}`);
    res.set('X-Robots-Tag', 'noindex');
    sendHtml(res, 200, searchLive(pr, await runSearch(ready.params)));
  });

  router.get('/search.atom', async (req, res) => {
    const ready = await prepare(req, res);
    if (!ready) return;
    const params = { ...ready.params, page: 1, sort: ready.params.sort === 'relevance' ? 'updated_desc' : ready.params.sort } as SearchParams;
    const result = await search(toSearchInput(params, { first: FEED_SIZE, page: 1 }));
    const { locale } = pageRequest(req, res);
    const xml = searchAtom(locale, params, result, publicUrl(req), req.originalUrl, ready.publishedAt);
    res.type('application/atom+xml; charset=utf-8').send(xml);
  });
}
