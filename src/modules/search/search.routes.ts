import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services.ts';
import { LANGUAGES, type Language } from '../shared/enums.ts';
import { DomainError, InvalidInputError } from '../shared/errors.ts';
import { pickName } from '../shared/localized.ts';
import { SearchUnavailableError } from './search.port.ts';
import { registerSearchExports } from './search.export.ts';
import { encodeCursor, quarterEnd, type SearchHitView, type SearchInput, type SearchPage } from './search.service.ts';

// The public search as JSON, for the public pages and anybody's scripts:
//   GET /api/search?q=су құбыр&region=KZ-19&status=IN_PROGRESS&page=2
// Always the published quarters (the latest unless ?quarter=2026-Q3): staff use GraphQL.
// Lists take repeated or comma-separated values (?status=NEW,ASSIGNED). ?lang=kk|ru|en names things.
// ?collapse=group: one result per group of similar problems (collapsedCount: how many it stands
// for); ?facets_count=groups|problems: what facet values count (default: groups when collapsed).
//   GET /api/search/status   whether search answers, and how much waits to be indexed
//   GET /api/search.csv, /api/search.json   every result of the same search (search.export.ts)

const SORTS: Record<string, NonNullable<SearchInput['sort']>> = {
  relevance: 'RELEVANCE',
  raised_desc: 'RAISED_DESC',
  raised_asc: 'RAISED_ASC',
  updated_desc: 'UPDATED_DESC',
  due_date_asc: 'DUE_DATE_ASC',
};

function list(req: Request, name: string): string[] | undefined {
  const raw = req.query[name];
  const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
    .flatMap((v) => (typeof v === 'string' ? v.split(',') : []))
    .map((v) => v.trim())
    .filter(Boolean);
  return values.length ? values : undefined;
}

function single(req: Request, name: string): string | undefined {
  const raw = req.query[name];
  return typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : undefined;
}

function positive(req: Request, name: string, fallback: number): number {
  const raw = single(req, name);
  if (raw === undefined) return fallback;
  if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1) throw new InvalidInputError([{ path: name, message: 'must be a whole number from 1' }]);
  return Number(raw);
}

export function language(req: Request): Language {
  const lang = single(req, 'lang');
  return lang && (LANGUAGES as readonly string[]).includes(lang) ? (lang as Language) : 'kk';
}

/** Query string -> the service's input; the service validates values, this only reads shapes. */
export function toInput(req: Request): { input: SearchInput; page: number; perPage: number } {
  const page = positive(req, 'page', 1);
  const perPage = positive(req, 'per_page', 20);
  const sortName = single(req, 'sort');
  const sort = sortName === undefined ? 'RELEVANCE' : SORTS[sortName.toLowerCase()];
  if (!sort) throw new InvalidInputError([{ path: 'sort', message: `must be one of ${Object.keys(SORTS).join(', ')}` }]);
  const overdue = single(req, 'overdue');
  if (overdue !== undefined && overdue !== 'true' && overdue !== 'false') {
    throw new InvalidInputError([{ path: 'overdue', message: 'must be true or false' }]);
  }
  const upper = (values: string[] | undefined) => values?.map((v) => v.toUpperCase());
  const collapse = single(req, 'collapse')?.toLowerCase();
  if (collapse !== undefined && collapse !== 'group' && collapse !== 'none') {
    throw new InvalidInputError([{ path: 'collapse', message: 'must be group or none' }]);
  }
  const facetsCount = single(req, 'facets_count')?.toLowerCase();
  if (facetsCount !== undefined && facetsCount !== 'groups' && facetsCount !== 'problems') {
    throw new InvalidInputError([{ path: 'facets_count', message: 'must be groups or problems' }]);
  }
  return {
    page,
    perPage,
    input: {
      collapse: collapse === 'group' ? 'GROUP' : 'NONE',
      facetsCount: facetsCount === 'groups' ? 'GROUPS' : facetsCount === 'problems' ? 'PROBLEMS' : undefined,
      query: single(req, 'q') ?? '',
      filter: {
        quarter: single(req, 'quarter'),
        regionCodes: list(req, 'region'),
        unitCodes: list(req, 'unit'),
        organizationCodes: list(req, 'organization'),
        organizationKinds: upper(list(req, 'kind')),
        categories: upper(list(req, 'category')),
        statuses: upper(list(req, 'status')),
        overdue: overdue === undefined ? undefined : overdue === 'true',
      },
      first: perPage,
      after: page > 1 ? encodeCursor((page - 1) * perPage) : undefined,
      sort,
    },
  };
}

export function hitJson(hit: SearchHitView, lang: Language) {
  const d = hit.document;
  return {
    number: d.issueId,
    quarter: d.quarter,
    asOf: d.quarter ? quarterEnd(d.quarter) : null,
    title: d.title,
    titleHtml: hit.titleHtml,
    snippetHtml: hit.snippetHtml,
    language: d.language,
    category: d.category,
    status: d.status,
    progress: d.progress,
    dueDate: d.dueDate,
    overdue: d.overdue,
    raisedAt: d.raisedAt,
    updatedAt: d.updatedAt,
    region: hit.region && { code: hit.region.code, name: pickName(hit.region, lang) },
    unit: hit.unit && { code: hit.unit.code, name: pickName(hit.unit, lang) },
    organization: hit.organization && {
      code: hit.organization.code,
      kind: hit.organization.kind,
      name: pickName(hit.organization, lang),
    },
    groupNumber: d.groupId,
    ...(hit.collapsed === null ? {} : { collapsedCount: hit.collapsed }),
  };
}

const FACET_NAMES = {
  status: 'status',
  category: 'category',
  regionId: 'region',
  organizationId: 'organization',
  organizationKind: 'kind',
  overdue: 'overdue',
} as const;

function pageJson(result: SearchPage, query: string, page: number, perPage: number, lang: Language) {
  return {
    index: result.index,
    quarter: result.quarter,
    asOf: result.quarter ? quarterEnd(result.quarter) : null,
    query,
    suggestion: result.suggestion,
    total: result.total,
    collapse: result.collapse,
    facetsCount: result.facetsCount,
    page,
    perPage,
    pages: Math.ceil(result.total / perPage),
    hits: result.hits.map((h) => hitJson(h, lang)),
    facets: Object.fromEntries(
      result.facets.map((f) => [
        FACET_NAMES[f.field],
        f.values.map((v) => ({ value: v.value, count: v.count, ...(v.names ? { name: pickName(v.names, lang) } : {}) })),
      ]),
    ),
  };
}

export function sendError(res: Response, err: unknown): boolean {
  if (err instanceof SearchUnavailableError) {
    res
      .status(503)
      .set('Retry-After', '30')
      .set('Cache-Control', 'no-store')
      .json({ error: { code: err.code, message: err.message } });
    return true;
  }
  if (err instanceof DomainError) {
    const problems = err instanceof InvalidInputError ? { problems: err.problems } : {};
    res
      .status(400)
      .set('Cache-Control', 'no-store')
      .json({ error: { code: err.code, message: err.message, ...problems } });
    return true;
  }
  return false;
}

export function createSearchRouter(services: Pick<Services, 'search'>): Router {
  const router = Router();
  registerSearchExports(router, services);
  router.get('/api/search', async (req, res, next) => {
    try {
      const { input, page, perPage } = toInput(req);
      const result = await services.search.searchIssues(null, input);
      // Published quarters change only when a new one is published: a short public cache is safe.
      res.set('Cache-Control', 'public, max-age=60').json(pageJson(result, input.query ?? '', page, perPage, language(req)));
    } catch (err) {
      if (!sendError(res, err)) next(err);
    }
  });
  router.get('/api/search/status', (_req, res) => {
    const status = services.search.status();
    res
      .status(status.available ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({
        backend: status.backend,
        available: status.available,
        message: status.available ? 'Search is working.' : status.lastError,
        pendingChanges: status.pendingChanges,
        rebuilding: status.rebuilding,
      });
  });
  return router;
}
