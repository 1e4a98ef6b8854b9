import type { ErrorRequestHandler } from 'express';
import { DomainError, InvalidInputError, NotFoundError } from '../modules/shared/errors.ts';

// The last error handler of the whole server: routers without their own (open data, Open311,
// feeds, calendars, assets) end here. Express's default handler prints the stack, with absolute
// paths, whenever NODE_ENV is not production; no stack or path ever leaves this server.
export const finalErrorHandler: ErrorRequestHandler = (err, req, res, next) => {
  if (res.headersSent) return next(err);
  // A malformed percent-escape in the path, a body parser's refusal: the client's 4xx.
  const clientStatus = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : null;
  const status =
    err instanceof NotFoundError
      ? 404
      : err instanceof InvalidInputError || err instanceof DomainError
        ? 400
        : err instanceof URIError
          ? 400
          : (clientStatus ?? 500);
  if (status === 500) req.log?.error({ err }, 'request failed');
  const message = status === 500 ? 'Something went wrong on our side.' : err instanceof DomainError ? err.message : 'The request is malformed.';
  const code = err instanceof DomainError ? err.code : status === 500 ? 'internal' : 'request/invalid';
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .type('application/json')
    .send(JSON.stringify({ error: { code, message } }));
};
