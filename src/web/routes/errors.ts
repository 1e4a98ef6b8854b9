import type { ErrorRequestHandler, Request, Response } from 'express';
import { SearchUnavailableError } from '../../modules/search/search.port.ts';
import { DomainError, InvalidInputError, NotFoundError } from '../../modules/shared/errors.ts';
import { sendHtml } from '../caching.ts';
import { pageRequest } from '../context.ts';
import { html } from '../html.ts';
import { langPath, page } from '../layout.ts';

// Error pages in the page's language. Expected failures say what to do; anything else is logged
// and shown as a plain apology, never a stack trace.

function errorPage(req: Request, res: Response, status: number, heading: string, text: string) {
  const pr = pageRequest(req, res);
  // An ETag set before the failure was known belongs to the page that was not sent.
  res.removeHeader('ETag');
  res.set('Cache-Control', 'no-store');
  sendHtml(
    res,
    status,
    page(
      pr,
      { title: heading, noindex: true },
      html`<h1>${heading}</h1><p>${text}</p><p><a href="${langPath(pr.locale.lang, '/')}">${pr.locale.t.navHome}</a></p>`,
    ),
  );
}

export function notFound(req: Request, res: Response): void {
  const { t } = pageRequest(req, res).locale;
  errorPage(req, res, 404, t.notFoundHeading, t.notFoundText);
}

export const webErrorHandler: ErrorRequestHandler = (err, req, res, next) => {
  if (res.headersSent) return next(err);
  const { t } = pageRequest(req, res).locale;
  if (err instanceof NotFoundError) return errorPage(req, res, 404, t.notFoundHeading, t.notFoundText);
  if (err instanceof InvalidInputError) return errorPage(req, res, 400, t.badRequestHeading, err.message);
  if (err instanceof SearchUnavailableError) {
    res.set('Retry-After', '30');
    return errorPage(req, res, 503, t.serverErrorHeading, t.searchUnavailable);
  }
  if (err instanceof DomainError) return errorPage(req, res, 400, t.badRequestHeading, err.message);
  // Body-parser refusals (too large, malformed) carry their own 4xx status.
  const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
  if (status === 500) req.log?.error({ err }, 'public page failed');
  errorPage(req, res, status, status === 500 ? t.serverErrorHeading : t.badRequestHeading, status === 500 ? t.serverErrorText : '');
};
