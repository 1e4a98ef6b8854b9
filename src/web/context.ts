import type { Request, Response } from 'express';
import type { Services } from '../services.ts';
import type { Language } from '../modules/shared/enums.ts';
import { DEFAULT_LANGUAGE, isLanguage, locale } from './i18n/index.ts';
import type { PageRequest } from './layout.ts';
import type { FormTokens } from './security.ts';
import type { PageCache } from './caching.ts';
import { publicUrl } from '../http/public-url.ts';

/** What every page handler receives: the services (never repositories), the form tokens and the page cache. */
export interface WebDeps {
  services: Services;
  tokens: FormTokens;
  pageCache: PageCache;
}

export function languageOf(res: Response): Language {
  const lang = res.locals.lang as unknown;
  return isLanguage(lang) ? lang : DEFAULT_LANGUAGE;
}

/** The page's language (from the path prefix), its address below the prefix, and the site's public address (PUBLIC_URL). */
export function pageRequest(req: Request, res: Response, path: string = req.url): PageRequest {
  return { locale: locale(languageOf(res)), path: path.startsWith('/') ? path : `/${path}`, baseUrl: publicUrl(req) };
}

/** One query-string value as text, or undefined; arrays (?a=1&a=2) give their first value. */
export function queryText(req: Request, name: string): string | undefined {
  const raw = req.query[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Every value of a repeatable query parameter (?status=A&status=B or ?status=A,B). */
export function queryList(req: Request, name: string): string[] {
  const raw = req.query[name];
  const values = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return values
    .flatMap((v) => (typeof v === 'string' ? v.split(',') : []))
    .map((v) => v.trim())
    .filter(Boolean);
}

/** A page number from 1 (default 1); null when it is not a sensible whole number. */
export function pageNumber(req: Request): number | null {
  const value = queryText(req, 'page');
  if (value === undefined) return 1;
  return /^\d{1,5}$/.test(value) && Number(value) >= 1 ? Number(value) : null;
}
