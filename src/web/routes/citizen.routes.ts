import express, { type Request, type Response, type Router } from 'express';
import { TrackingNotFoundError, TrackingRateLimitedError } from '../../modules/issues/issues.errors.ts';
import type { TrackedIssue } from '../../modules/issues/issues.citizen.ts';
import { normalizeTrackingCode } from '../../modules/issues/tracking-code.ts';
import { InvalidInputError, RuleViolationError } from '../../modules/shared/errors.ts';
import { LIVE, PRIVATE, notModified, sendHtml } from '../caching.ts';
import { pageRequest, type WebDeps } from '../context.ts';
import { fill } from '../i18n/index.ts';
import { loadProblem, problemPage } from '../pages/problem.ts';
import { loadProblemGroup } from '../pages/group.ts';
import { trackPage, type TrackState } from '../pages/track.ts';
import { notFound } from './errors.ts';
import { isOwnOrigin } from '../../http/public-url.ts';
import { FOLLOW_TEXT } from '../i18n/follow.ts';

// The problem page (public, live) and the tracking flow (the citizen's, by code, never cached).

/** Small urlencoded bodies only: a code, a token and a comment of at most 1,000 characters. */
const forms = express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 10 });

export const formField = (req: Request, name: string): string => {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
};

/**
 * A browser sends Origin with every POST; when it names another site, the form was not ours.
 * (No Origin at all: an old browser or a non-browser client, which the token still guards.)
 */
export function crossSite(req: Request): boolean {
  const origin = req.get('origin');
  if (!origin || origin === 'null') return origin === 'null';
  return !isOwnOrigin(req, origin);
}

export function registerCitizenRoutes(router: Router, deps: WebDeps): void {
  const { services, tokens } = deps;
  router.get('/problems/:id', deps.pageCache.live(), async (req, res) => {
    const id = /^\d{1,9}$/.test(String(req.params.id ?? '')) ? Number(req.params.id) : NaN;
    const problem = Number.isFinite(id) ? await loadProblem(services, id) : null;
    if (!problem) return notFound(req, res);
    // Its group changes without the problem changing (others raised, staff regrouping): part of the ETag.
    const group = loadProblemGroup(services, problem.id);
    const groupVersion = group ? `${group.group.id}:${group.group.updatedAt}` : '';
    const published = services.asOf.latestPublishedState(problem.id);
    if (notModified(req, res, LIVE, ['problem', problem.id, problem.updatedAt, String(services.issues.isOverdue(problem)), groupVersion, published?.quarter]))
      return;
    sendHtml(res, 200, problemPage(pageRequest(req, res), problem, services.issues.isOverdue(problem), group, published));
  });

  const render = (req: Request, res: Response, status: number, state: TrackState) => {
    res.set('Cache-Control', PRIVATE);
    sendHtml(res, status, trackPage(pageRequest(req, res, '/track'), state, tokens));
  };
  const overdue = (issue: TrackedIssue) => services.issues.isOverdue(issue);

  /** Maps the tracking service's expected failures to a page; anything else goes to the error handler. */
  async function attempt(req: Request, res: Response, code: string, work: () => Promise<{ issue: TrackedIssue; notice?: string }>) {
    const { t } = pageRequest(req, res).locale;
    try {
      const { issue, notice } = await work();
      render(req, res, 200, { code, issue, overdue: overdue(issue), notice: notice ? { kind: 'status', text: notice } : undefined });
    } catch (err) {
      if (err instanceof TrackingRateLimitedError) {
        res.set('Retry-After', String(err.retryAfterSeconds));
        return render(req, res, 429, { code, notice: { kind: 'alert', text: fill(t.rateLimited, { seconds: err.retryAfterSeconds }) } });
      }
      if (err instanceof TrackingNotFoundError) return render(req, res, 404, { code, notice: { kind: 'alert', text: t.trackNotFound } });
      if (err instanceof RuleViolationError || err instanceof InvalidInputError) {
        // The answer was refused (no longer RESOLVED, or a bad comment): show why, with the problem as it is now.
        const text = err instanceof InvalidInputError ? err.message : t.cannotAnswer;
        const status = err instanceof InvalidInputError ? 400 : 409;
        const issue = await services.issues.trackIssue(code, req.ip ?? 'unknown').catch(() => undefined);
        return render(req, res, status, { code, issue, overdue: issue ? overdue(issue) : false, notice: { kind: 'alert', text } });
      }
      throw err;
    }
  }

  router.get('/track', (req, res) => render(req, res, 200, {}));

  router.post('/track', forms, async (req, res) => {
    const code = formField(req, 'code').trim().slice(0, 64);
    await attempt(req, res, code, async () => ({ issue: await services.issues.trackIssue(code, req.ip ?? 'unknown') }));
  });

  // A citizen's email for news of their problem: the code proves it is theirs (and costs a lookup
  // of the rate limit, like every use of a code); the address goes to the notifications domain only.
  router.post('/track/subscribe', forms, async (req, res) => {
    const { t, lang } = pageRequest(req, res).locale;
    const typed = formField(req, 'code').slice(0, 64);
    const code = normalizeTrackingCode(typed) ?? '';
    if (crossSite(req) || !code || !tokens.verify(formField(req, 'token'), 'subscribe', code)) {
      return render(req, res, 403, { code: typed, notice: { kind: 'alert', text: t.formExpired } });
    }
    const language = formField(req, 'language') || lang;
    await attempt(req, res, code, async () => {
      const issue = await services.issues.trackIssue(code, req.ip ?? 'unknown');
      await services.notifications.subscribeToIssue(issue.id, { email: formField(req, 'email'), language });
      return { issue, notice: FOLLOW_TEXT[lang].checkEmail };
    });
  });

  for (const action of ['confirm', 'dispute'] as const) {
    router.post(`/track/${action}`, forms, async (req, res) => {
      const { t } = pageRequest(req, res).locale;
      const typed = formField(req, 'code').slice(0, 64);
      const code = normalizeTrackingCode(typed) ?? '';
      if (crossSite(req) || !code || !tokens.verify(formField(req, 'token'), action, code)) {
        return render(req, res, 403, { code: typed, notice: { kind: 'alert', text: t.formExpired } });
      }
      const comment = formField(req, 'comment').trim();
      await attempt(req, res, code, async () =>
        action === 'confirm'
          ? { issue: await services.issues.confirmResolution(code, req.ip ?? 'unknown'), notice: t.confirmedNotice }
          : { issue: await services.issues.disputeResolution(code, comment || undefined, req.ip ?? 'unknown'), notice: t.disputedNotice },
      );
    });
  }
}
