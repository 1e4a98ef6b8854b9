import express, { type Request, type Response, type Router } from 'express';
import { describeSavedSearch, savedSearchQuery } from '../../modules/notifications/saved-search.ts';
import { REGION_KINDS } from '../../modules/shared/enums.ts';
import { InvalidInputError, NotFoundError } from '../../modules/shared/errors.ts';
import { PRIVATE, sendHtml } from '../caching.ts';
import { pageRequest, queryText, type WebDeps } from '../context.ts';
import { FOLLOW_TEXT } from '../i18n/follow.ts';
import { confirmPage, followPage, unsubscribePage, type FollowTarget } from '../pages/follow.ts';
import { crossSite, formField } from './citizen.routes.ts';
import { notFound } from './errors.ts';

// /<lang>/follow?region=KZ-19 | ?body=MIN-ENERGY   a digest by email (form, POST)
// /<lang>/follow?search=<query string>               a saved search's digest (linked from the search page)
// /<lang>/subscriptions/confirm?token=...           the confirmation link (a button that POSTs)
// /<lang>/subscriptions/unsubscribe?token=...       the unsubscribe link; a POST there unsubscribes,
//                                                    which is also RFC 8058's one-click POST
// The pages are never cached and carry no address: the token is all they know.

const forms = express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 10 });

export function registerFollowRoutes(router: Router, { services, tokens }: WebDeps): void {
  const notifications = services.notifications;

  async function target(kind: 'region' | 'body', rawCode: string | undefined, req: Request, res: Response): Promise<FollowTarget | null> {
    const { labels } = pageRequest(req, res).locale;
    const code = (rawCode ?? '').trim().toUpperCase().slice(0, 80);
    if (!code) return null;
    if (kind === 'region') {
      const unit = await services.geography.findUnitByCode(code);
      if (!unit || !(REGION_KINDS as readonly string[]).includes(unit.kind)) return null;
      return { kind, code: unit.code, name: labels.name(unit), tokenAction: 'follow-region' };
    }
    const body = await services.organizations.findOrganizationByCode(code);
    return body ? { kind, code: body.code, name: labels.name(body), tokenAction: 'follow-body' } : null;
  }
  /** A saved search: the search page's query string, in its saved form (no quarter, page or order). */
  function searchTarget(raw: string): FollowTarget | null {
    try {
      const { query } = savedSearchQuery(raw);
      return { kind: 'search', code: query, name: describeSavedSearch(query), tokenAction: 'follow-search' };
    } catch (err) {
      if (err instanceof InvalidInputError) return null;
      throw err;
    }
  }
  const targetOf = async (req: Request, res: Response, read: (name: string) => string | undefined) => {
    if (read('search') !== undefined) return searchTarget(read('search')!);
    return read('region') !== undefined ? target('region', read('region'), req, res) : target('body', read('body'), req, res);
  };

  router.get('/follow', async (req, res) => {
    const t = await targetOf(req, res, (name) => queryText(req, name));
    if (!t) return notFound(req, res);
    res.set('Cache-Control', PRIVATE);
    sendHtml(res, 200, followPage(pageRequest(req, res, req.url), t, tokens));
  });

  router.post('/follow', forms, async (req, res) => {
    const field = (name: string) => formField(req, name) || undefined;
    const t = await targetOf(req, res, field);
    if (!t) return notFound(req, res);
    const sr = pageRequest(req, res, `/follow?${t.kind}=${encodeURIComponent(t.code)}`);
    const f = FOLLOW_TEXT[sr.locale.lang];
    res.set('Cache-Control', PRIVATE);
    const email = formField(req, 'email').slice(0, 254);
    if (crossSite(req) || !tokens.verify(formField(req, 'token'), t.tokenAction, t.code)) {
      return sendHtml(res, 403, followPage(sr, t, tokens, { email, notice: { kind: 'alert', text: pageRequest(req, res).locale.t.formExpired } }));
    }
    const frequency = formField(req, 'frequency') === 'DAILY' ? 'DAILY' : 'WEEKLY';
    try {
      await notifications.subscribe({
        email,
        language: sr.locale.lang,
        frequency,
        target:
          t.kind === 'region'
            ? { scope: 'REGION', regionCode: t.code }
            : t.kind === 'search'
              ? { scope: 'SEARCH', query: t.code }
              : { scope: 'BODY', organizationCode: t.code },
      });
    } catch (err) {
      if (err instanceof InvalidInputError)
        return sendHtml(res, 400, followPage(sr, t, tokens, { email, invalid: true, notice: { kind: 'alert', text: f.badEmail } }));
      if (err instanceof NotFoundError) return notFound(req, res);
      throw err;
    }
    sendHtml(res, 200, followPage(sr, t, tokens, { notice: { kind: 'status', text: f.checkEmail } }));
  });

  router.get('/subscriptions/confirm', (req, res) => {
    res.set('Cache-Control', 'no-store');
    const token = queryText(req, 'token');
    const valid = token !== undefined && notifications.tokens.verify('confirm', token) !== null;
    sendHtml(res, valid ? 200 : 404, confirmPage(pageRequest(req, res, '/subscriptions/confirm'), { token, invalid: !valid }));
  });

  router.post('/subscriptions/confirm', forms, async (req, res) => {
    res.set('Cache-Control', 'no-store');
    const confirmed = await notifications.confirm(formField(req, 'token'));
    const sr = pageRequest(req, res, '/subscriptions/confirm');
    sendHtml(res, confirmed ? 200 : 404, confirmPage(sr, confirmed ? { confirmed: confirmed.scope } : { invalid: true }));
  });

  router.get('/subscriptions/unsubscribe', async (req, res) => {
    res.set('Cache-Control', 'no-store');
    const token = queryText(req, 'token');
    const found = await notifications.describe(token);
    const sr = pageRequest(req, res, '/subscriptions/unsubscribe');
    sendHtml(res, found ? 200 : 404, unsubscribePage(sr, found ? { token, scope: found.scope, done: !found.active } : {}));
  });

  // The token in the address is the authority: a mail provider's one-click POST (RFC 8058) carries
  // no cookie, no Origin of ours and only "List-Unsubscribe=One-Click" in its body.
  router.post('/subscriptions/unsubscribe', forms, async (req, res) => {
    res.set('Cache-Control', 'no-store');
    const done = await notifications.unsubscribe(queryText(req, 'token') ?? formField(req, 'token'));
    const sr = pageRequest(req, res, '/subscriptions/unsubscribe');
    sendHtml(res, done ? 200 : 404, unsubscribePage(sr, done ? { scope: done.scope, done: true } : {}));
  });
}
