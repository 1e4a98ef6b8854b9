import express, { type Request, type Response } from 'express';
import { parseIsoDate, parseIsoDateTime } from '../shared/iso-time.ts';
import { XMLBuilder } from 'fast-xml-parser';
import type { Services } from '../../services.ts';
import { FINISHED_STATUSES, ISSUE_CATEGORIES, ISSUE_STATUSES, type IssueCategory, type Language } from '../shared/enums.ts';
import { pickName } from '../shared/localized.ts';
import { localDateTime, localEndOfDayUtc, localMidnightUtc, NATIONAL_ZONE } from '../shared/time-zones.ts';
import type { RequestCriteria } from './publication.repo.ts';
import type { OpenDataService } from './open-data.service.ts';
import { CATEGORY_NAMES } from '../shared/labels.ts';
import { requestLanguage } from './open-data.routes.ts';

// Open311 GeoReport v2, read side only (http://wiki.open311.org/GeoReport_v2): the categories as
// services and the problems of the latest published quarter as service requests. Nothing live and
// nothing personal; no coordinates (problems are located by administrative unit only). With
// `extensions=true` each request also carries its public history, `updates` (docs/open-data.md).

type RequestRow = NonNullable<Awaited<ReturnType<OpenDataService['latestRequests']>>>['rows'][number];

const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;
const OPEN_STATUSES = ISSUE_STATUSES.filter((s) => !(FINISHED_STATUSES as readonly string[]).includes(s));

class Open311Error extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A UTC ISO instant as W3C date-time in a region's zone, with the offset it had then, e.g.
 * 2026-09-30T23:59:59+05:00, or 2023-12-31T23:59:59+06:00 in Astana before March 2024.
 */
export function w3cInZone(iso: string, zone: string): string {
  return localDateTime(Date.parse(iso), zone);
}

/**
 * start_date / end_date: a W3C date-time, or a bare date meaning that day in the capital's zone
 * (a filter spans regions; since March 2024 every region's day is the same). Parsed
 * strictly (no 2026-13-01, no 30 February rolled over into March): a bad value is the client's 400.
 */
function parseDateParam(name: string, value: unknown, endOfDay: boolean): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new Open311Error(400, `${name} must be a W3C date-time`);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    if (parseIsoDate(value) === null) throw new Open311Error(400, `${name} is not a valid date`);
    return endOfDay ? localEndOfDayUtc(value, NATIONAL_ZONE) : localMidnightUtc(value, NATIONAL_ZONE);
  }
  // W3C allows the offset without its colon (+0500); the strict parser wants +05:00.
  const instant = parseIsoDateTime(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (instant === null) throw new Open311Error(400, `${name} must be a W3C date-time such as 2026-07-01T00:00:00+05:00`);
  return instant;
}

function listParam(value: unknown): string[] | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

function intParam(name: string, value: unknown, fallback: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Open311Error(400, `${name} must be a whole number from 1 to ${max}`);
  return n;
}

/** The standard filters (service_request_id, service_code, status, start_date, end_date) as criteria. */
export function requestCriteria(query: Request['query']): RequestCriteria {
  const ids = listParam(query.service_request_id);
  if (ids) {
    if (ids.some((id) => !/^\d{1,12}$/.test(id))) throw new Open311Error(400, 'service_request_id must be numbers separated by commas');
    // The spec: with service_request_id, the other filters are ignored.
    return { issueIds: ids.map(Number) };
  }
  const requested = listParam(query.service_code)?.map((c) => c.toUpperCase());
  const codes = requested?.filter((c): c is IssueCategory => (ISSUE_CATEGORIES as readonly string[]).includes(c));
  if (requested && codes?.length !== requested.length) throw new Open311Error(400, 'unknown service_code');
  const statuses = listParam(query.status)?.map((s) => s.toLowerCase());
  if (statuses?.some((s) => s !== 'open' && s !== 'closed')) throw new Open311Error(400, 'status must be open, closed or both');
  const wanted = statuses && statuses.length === 1 ? (statuses[0] === 'open' ? OPEN_STATUSES : [...FINISHED_STATUSES]) : undefined;
  const raisedFrom = parseDateParam('start_date', query.start_date, false);
  const raisedTo = parseDateParam('end_date', query.end_date, true);
  if (raisedFrom && raisedTo && raisedFrom > raisedTo) throw new Open311Error(400, 'start_date must not be after end_date');
  return { categories: codes, statuses: wanted, raisedFrom, raisedTo };
}

const isClosed = (status: string) => (FINISHED_STATUSES as readonly string[]).includes(status);

/**
 * The public history as published for the quarter, oldest first: when, open or closed after it, and
 * the public note (empty when the entry had none). The acting body is public, a person never is: the
 * published history holds no staff or citizen.
 */
export function requestUpdates(row: RequestRow, zone: string) {
  return row.history.map((u) => ({
    updated_datetime: w3cInZone(u.at, zone),
    status: isClosed(u.statusAfter) ? 'closed' : 'open',
    description: u.publicNote ?? '',
  }));
}

/** One published problem as a GeoReport v2 service request (the spec's field names and order), in its region's zone. */
export function toServiceRequest(row: RequestRow, lang: Language, zone: string) {
  const closed = isClosed(row.status);
  return {
    service_request_id: String(row.issueId),
    status: closed ? 'closed' : 'open',
    status_notes: row.publicNote ?? '',
    service_name: CATEGORY_NAMES[row.category][lang],
    service_code: row.category,
    description: row.text,
    agency_responsible: pickName(row.organization, lang),
    service_notice: row.resolutionPlan ?? '',
    requested_datetime: w3cInZone(row.raisedAt, zone),
    updated_datetime: w3cInZone(row.updatedAt, zone),
    // "By <date>": the deadline is the end of that day in the region.
    expected_datetime: row.dueDate ? w3cInZone(new Date(Date.parse(localEndOfDayUtc(row.dueDate, zone)) - 999).toISOString(), zone) : '',
    address: `${pickName(row.unit, lang)}, ${pickName(row.region, lang)}`,
    address_id: row.unit.code,
  };
}

export function toService(code: IssueCategory, lang: Language) {
  return {
    service_code: code,
    service_name: CATEGORY_NAMES[code][lang],
    description: CATEGORY_NAMES[code][lang],
    metadata: 'false',
    type: 'realtime',
    keywords: [CATEGORY_NAMES[code].kk, CATEGORY_NAMES[code].ru, CATEGORY_NAMES[code].en].join(', '),
    group: 'Jauap',
  };
}

const xml = new XMLBuilder({ format: false, suppressEmptyNode: false });

function send(res: Response, format: string, root: string, element: string, list: object[]) {
  if (format === 'xml') {
    res.type('application/xml; charset=utf-8').send(`<?xml version="1.0" encoding="utf-8"?>${xml.build({ [root]: { [element]: list } })}`);
  } else {
    res.json(list);
  }
}

function sendError(res: Response, format: string, err: Open311Error) {
  res.status(err.status).set('Cache-Control', 'no-store');
  send(res, format, 'errors', 'error', [{ code: err.status, description: err.message }]);
}

const FILE = /^(services|requests)\.(json|xml)$/;

/**
 * A request as sent: the spec's fields, and with `extensions=true` its `updates` (in XML one
 * <update> element per entry inside <updates>, as lists are written there).
 */
function requestBody(services: Services, row: RequestRow, lang: Language, format: string, extensions: boolean) {
  const zone = services.geography.zoneOfRegion(row.regionId);
  const request = toServiceRequest(row, lang, zone);
  if (!extensions) return request;
  const updates = requestUpdates(row, zone);
  return { ...request, updates: format === 'xml' ? { update: updates } : updates };
}

function extensionsParam(value: unknown): boolean {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw new Open311Error(400, 'extensions must be true or false');
}

export function createOpen311Router(services: Services): express.Router {
  const router = express.Router();
  router.use('/open311', (_req, res, next) => {
    res.set('Access-Control-Allow-Origin', '*').set('Cache-Control', 'public, max-age=300').vary('Accept-Language');
    next();
  });

  // jurisdiction_id is accepted and ignored: this endpoint serves one jurisdiction.
  router.get('/open311/v2/:file', async (req, res) => {
    const m = FILE.exec(req.params.file);
    const format = m?.[2] ?? (req.params.file.endsWith('.xml') ? 'xml' : 'json');
    try {
      if (!m) throw new Open311Error(404, 'Unknown resource: use services.json, requests.json or requests/{id}.json (or .xml).');
      const lang = requestLanguage(req);
      if (m[1] === 'services')
        return send(
          res,
          format,
          'services',
          'service',
          ISSUE_CATEGORIES.map((c) => toService(c, lang)),
        );
      const page = intParam('page', req.query.page, 1, 1_000_000);
      const pageSize = intParam('page_size', req.query.page_size, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
      const result = await services.openData.latestRequests(requestCriteria(req.query), page, pageSize);
      const rows = result?.rows ?? [];
      const extensions = extensionsParam(req.query.extensions);
      // Paging extension: totals in headers, so the body stays exactly the spec's list.
      res
        .set('X-Total-Count', String(result?.total ?? 0))
        .set('X-Page', String(page))
        .set('X-Page-Size', String(pageSize));
      send(
        res,
        format,
        'service_requests',
        'request',
        rows.map((r) => requestBody(services, r, lang, format, extensions)),
      );
    } catch (err) {
      if (err instanceof Open311Error) return sendError(res, format, err);
      throw err;
    }
  });

  router.get('/open311/v2/requests/:file', async (req, res) => {
    const m = /^(\d{1,12})\.(json|xml)$/.exec(req.params.file);
    const format = m?.[2] ?? (req.params.file.endsWith('.xml') ? 'xml' : 'json');
    let extensions: boolean;
    try {
      extensions = extensionsParam(req.query.extensions);
    } catch (err) {
      return sendError(res, format, err as Open311Error);
    }
    const result = m ? await services.openData.latestRequests({ issueIds: [Number(m[1])] }, 1, 1) : null;
    const row = result?.rows[0];
    if (!row) return sendError(res, format, new Open311Error(404, 'No service request with this id in the latest published quarter.'));
    send(res, format, 'service_requests', 'request', [requestBody(services, row, requestLanguage(req), format, extensions)]);
  });

  return router;
}
