import type { Request, Response, Router } from 'express';
import { localDate, NATIONAL_ZONE } from '../../../modules/shared/time-zones.ts';
import { NotAuthorizedError, NotFoundError } from '../../../modules/shared/errors.ts';
import { sendHtml } from '../../caching.ts';
import { pageNumber, queryText, type WebDeps } from '../../context.ts';
import { fill } from '../../i18n/index.ts';
import { langPath } from '../../layout.ts';
import { optionalText, checkbox, refusal } from '../akimat-form.ts';
import { formField } from '../csrf.ts';
import { requireStaff, staffForm, staffSession } from '../guard.ts';
import { notice, staffRequest } from '../layout.ts';
import { CalendarStatusError } from '../../../modules/meetings/meetings.errors.ts';
import { calendarPage, compliancePage } from '../pages/akimat-calendar.ts';
import { ROUTE_FIELD_LABELS, routeFormPage, routingListPage } from '../pages/akimat-routing.ts';

// The akimat's calendar, compliance and routing pages. Akimat staff see their own territory;
// an admin (who acts everywhere) picks the region with ?region=.

export const AKIMAT_ONLY = requireStaff(['AKIMAT_STAFF']);

/** ?year= (2022-2100), or the current year in Kazakhstan. */
export function yearOf(req: Request, deps: WebDeps): number {
  const given = queryText(req, 'year');
  if (given && /^\d{4}$/.test(given) && Number(given) >= 2022 && Number(given) <= 2100) return Number(given);
  return Number(localDate(deps.services.calendars.now(), NATIONAL_ZONE).slice(0, 4));
}

/** The text fields of a posted form, to show them again when it is refused. */
export const sentValues = (req: Request): Record<string, string> =>
  Object.fromEntries(
    Object.entries((req.body ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== '_csrf'),
  );

export function registerAkimatRoutes(router: Router, deps: WebDeps): void {
  const { services } = deps;
  const desk = services.akimatDesk;

  const CALENDAR_FLASH = { approved: 'calApproved', submitted: 'calSubmitted' } as const;
  router.get('/calendar', AKIMAT_ONLY, async (req, res) => {
    const sr = staffRequest(req, res);
    const view = await desk.calendarOf(staffSession(res).viewer, { regionCode: queryText(req, 'region'), year: yearOf(req, deps) });
    const done = queryText(req, 'done');
    const flash = done && done in CALENDAR_FLASH ? sr.w[CALENDAR_FLASH[done as keyof typeof CALENDAR_FLASH]] : undefined;
    sendHtml(res, 200, calendarPage(sr, { ...view, flash }));
  });

  /** The akimat's dated steps of its calendar; a refusal shows the calendar again with the reason. */
  const calendarStep = (step: 'approve' | 'submit') => async (req: Request, res: Response) => {
    const sr = staffRequest(req, res);
    const { viewer } = staffSession(res);
    const id = String(req.params.id ?? '');
    if (!/^\d{1,9}$/.test(id)) throw new NotFoundError('calendar');
    const calendar = await services.calendars.findCalendar(Number(id));
    if (!calendar) throw new NotFoundError('calendar');
    const region = (await services.geography.findUnitById(calendar.regionId))!;
    try {
      if (step === 'approve') {
        await services.calendars.approveCalendar(viewer, calendar.id, {
          maslikhatAgreedOn: optionalText(req, 'maslikhatAgreedOn'),
          maslikhatNotifiedOn: optionalText(req, 'maslikhatNotifiedOn'),
        });
      } else {
        await services.calendars.submitCalendar(viewer, calendar.id);
      }
      const admin = viewer.role === 'ADMIN' ? `&region=${encodeURIComponent(region.code)}` : '';
      res.redirect(303, `${langPath(sr.locale.lang, '/staff/calendar')}?year=${calendar.year}${admin}&done=${step === 'approve' ? 'approved' : 'submitted'}`);
    } catch (err) {
      if (err instanceof NotAuthorizedError) throw err;
      const view = await desk.calendarOf(viewer, { regionCode: region.code, year: calendar.year });
      const status = view.overview.calendar?.status ?? calendar.status;
      const refused =
        err instanceof CalendarStatusError
          ? { status: 409, notice: notice('alert', fill(sr.w.calStatusRefused, { status: sr.w[`calStatus${status}`] })), fields: new Set<string>() }
          : refusal(sr.locale.lang, sr.w, err, { maslikhatAgreedOn: sr.w.calMaslikhatDate, maslikhatNotifiedOn: sr.w.calMaslikhatDate });
      sendHtml(res, refused.status, calendarPage(sr, { ...view, refusal: refused, values: sentValues(req) }));
    }
  };
  router.post('/calendar/:id/approve', AKIMAT_ONLY, ...staffForm, calendarStep('approve'));
  router.post('/calendar/:id/submit', AKIMAT_ONLY, ...staffForm, calendarStep('submit'));

  router.get('/compliance', AKIMAT_ONLY, async (req, res) => {
    const { territory, report } = await desk.complianceOf(staffSession(res).viewer, { regionCode: queryText(req, 'region'), year: yearOf(req, deps) });
    sendHtml(res, 200, compliancePage(staffRequest(req, res), territory, report));
  });

  router.get('/routing', AKIMAT_ONLY, async (req, res) => {
    const sr = staffRequest(req, res);
    const page = pageNumber(req) ?? 1;
    const queue = await desk.routingQueue(staffSession(res).viewer, { regionCode: queryText(req, 'region'), page });
    let flash: string | undefined;
    const routed = queryText(req, 'routed');
    const to = queryText(req, 'to');
    if (routed && /^\d{1,9}$/.test(routed) && to) {
      const body = await services.organizations.findOrganizationByCode(to.slice(0, 80));
      if (body) flash = fill(sr.w.rtRouted, { number: routed, body: sr.locale.labels.name(body) });
    }
    const pages = Math.max(1, Math.ceil(queue.total / desk.pageSize));
    sendHtml(res, 200, routingListPage(sr, { ...queue, page, pages, flash }));
  });

  const issueId = (req: Request) => {
    const id = String(req.params.id ?? '');
    if (!/^\d{1,9}$/.test(id)) throw new NotFoundError('issue');
    return Number(id);
  };

  const routeForm = async (req: Request, res: Response, status: number, values: Record<string, string>, refused?: ReturnType<typeof refusal>) => {
    const { viewer } = staffSession(res);
    const [{ issue, contact }, bodies] = await Promise.all([desk.issueForRouting(viewer, issueId(req)), desk.routingBodies()]);
    sendHtml(res, status, routeFormPage(staffRequest(req, res), { issue, contact, bodies, values, refusal: refused }));
  };

  router.get('/routing/:id', AKIMAT_ONLY, (req, res) => routeForm(req, res, 200, {}));

  router.post('/routing/:id', AKIMAT_ONLY, ...staffForm, async (req, res) => {
    const sr = staffRequest(req, res);
    const id = issueId(req);
    const organizationCode = formField(req, 'organizationCode').trim();
    try {
      await services.issues.assignIssue(staffSession(res).viewer, {
        issueId: id,
        organizationCode,
        needsCentralDecision: checkbox(req, 'needsCentralDecision'),
        centralDecisionProposal: optionalText(req, 'centralDecisionProposal'),
        dueDate: optionalText(req, 'dueDate'),
        publicNote: optionalText(req, 'publicNote'),
      });
      res.redirect(303, `${langPath(sr.locale.lang, '/staff/routing')}?routed=${id}&to=${encodeURIComponent(organizationCode)}`);
    } catch (err) {
      // A problem gone from this akimat's reach (routed meanwhile, or never its own) is a 404 page.
      if (err instanceof NotFoundError && err.entity === 'issue') throw err;
      const refused = refusal(sr.locale.lang, sr.w, err, ROUTE_FIELD_LABELS(sr));
      await routeForm(req, res, refused.status, sentValues(req), refused);
    }
  });
}
