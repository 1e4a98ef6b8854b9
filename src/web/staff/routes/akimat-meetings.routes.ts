import { randomBytes } from 'node:crypto';
import type { Request, Response, Router } from 'express';
import { MeetingStatusError } from '../../../modules/meetings/meetings.errors.ts';
import { AUDIENCE_CATEGORIES, MEETING_STATUSES, type MeetingStatus } from '../../../modules/shared/enums.ts';
import { NotAuthorizedError, NotFoundError } from '../../../modules/shared/errors.ts';
import { sendHtml } from '../../caching.ts';
import { html } from '../../html.ts';
import { pageNumber, queryText, type WebDeps } from '../../context.ts';
import { fill } from '../../i18n/index.ts';
import { langPath } from '../../layout.ts';
import { checkbox, fieldValues, optionalNumber, optionalText, refusal, zonedInstant } from '../akimat-form.ts';
import { formField } from '../csrf.ts';
import { staffForm, staffSession } from '../guard.ts';
import { notice, staffPage, staffRequest } from '../layout.ts';
import { BROADCAST_ROWS, meetingPage, type MeetingView } from '../pages/akimat-meeting.ts';
import { MEETING_FIELD_LABELS, meetingListPage, newMeetingPage } from '../pages/akimat-meetings.ts';
import { PROBLEM_FIELD_LABELS, problemFormPage, slipPage } from '../pages/akimat-problem.ts';
import { AKIMAT_ONLY, sentValues, yearOf } from './akimat.routes.ts';

// The akimat's meetings: list, record, announce, record the outcome; and recording the problems
// raised at a meeting, answered by the citizen's slip with the tracking code (shown this once).

const FLASH = { recorded: 'mtRecorded', outcome: 'mtOutcomeSaved', announced: 'mtAnnouncementSaved' } as const;

/**
 * Problem forms already sent, by their one-time `submission` value: a browser that sends the
 * same form again (reload, back and resubmit) must not record the problem twice, and must not
 * show the code again. Kept in memory for a day; 0 marks a form still being recorded.
 */
function createSubmissionLog(ttlMs = 86_400_000, max = 20_000) {
  const sent = new Map<string, { issueId: number; at: number }>();
  return {
    issue: () => randomBytes(18).toString('base64url'),
    seen(id: string) {
      const entry = sent.get(id);
      if (entry && Date.now() - entry.at > ttlMs) sent.delete(id);
      return sent.get(id);
    },
    mark(id: string, issueId: number) {
      if (sent.size >= max) sent.delete(sent.keys().next().value!);
      sent.set(id, { issueId, at: Date.now() });
    },
    forget: (id: string) => void sent.delete(id),
  };
}

export function registerAkimatMeetingRoutes(router: Router, deps: WebDeps): void {
  const { services } = deps;
  const desk = services.akimatDesk;
  const submissions = createSubmissionLog();
  /** The zone the akimat's region keeps its clocks in: what a `datetime-local` field means. */
  const zoneOfAkimat = async (res: Response) => {
    const unitId = staffSession(res).viewer.unitId;
    const unit = unitId === null ? undefined : await services.geography.findUnitById(unitId);
    return services.geography.zoneOfRegion(unit?.regionId ?? unit?.id ?? 0);
  };

  const meetingId = (req: Request) => {
    const id = String(req.params.id ?? '');
    if (!/^\d{1,9}$/.test(id)) throw new NotFoundError('meeting');
    return Number(id);
  };

  router.get('/meetings', AKIMAT_ONLY, async (req, res) => {
    const sr = staffRequest(req, res);
    const status = queryText(req, 'status');
    const statuses = MEETING_STATUSES.includes(status as MeetingStatus) ? [status as MeetingStatus] : undefined;
    const page = pageNumber(req) ?? 1;
    const year = yearOf(req, deps);
    const list = await desk.listMeetings(staffSession(res).viewer, { regionCode: queryText(req, 'region'), statuses, year, page });
    const pages = Math.max(1, Math.ceil(list.total / desk.pageSize));
    sendHtml(res, 200, meetingListPage(sr, { ...list, year, status: statuses?.[0], page, pages }));
  });

  const newMeetingForm = async (req: Request, res: Response, status: number, values: Record<string, string>, refused?: ReturnType<typeof refusal>) => {
    const sr = staffRequest(req, res);
    const { viewer } = staffSession(res);
    const regionCode = queryText(req, 'region');
    const [units, calendar] = await Promise.all([
      desk.unitsOfTerritory(viewer, { regionCode }),
      desk.calendarOf(viewer, { regionCode, year: yearOf(req, deps) }),
    ]);
    const entries = calendar.entries.map((e) => ({
      id: e.id,
      label: `${sr.locale.labels.name(e.visitedUnit)} — ${sr.locale.labels.name(e.akimUnit)}, ${e.plannedFrom}${e.plannedTo !== e.plannedFrom ? ` – ${e.plannedTo}` : ''}${e.held ? ' ✓' : ''}`,
    }));
    const akimUnits = units.filter((u) => u.kind !== 'VILLAGE');
    sendHtml(res, status, newMeetingPage(sr, { territory: calendar.territory, units, akimUnits, entries, values, refusal: refused }));
  };

  router.get('/meetings/new', AKIMAT_ONLY, (req, res) => newMeetingForm(req, res, 200, {}));

  router.post('/meetings', AKIMAT_ONLY, ...staffForm, async (req, res) => {
    const sr = staffRequest(req, res);
    try {
      const meeting = await services.meetingsWrite.recordMeeting(staffSession(res).viewer, {
        unitCode: formField(req, 'unitCode'),
        akimUnitCode: optionalText(req, 'akimUnitCode'),
        startAt: zonedInstant(optionalText(req, 'startAt'), await zoneOfAkimat(res)) ?? '',
        durationMinutes: optionalNumber(req, 'durationMinutes') ?? Number.NaN,
        kind: formField(req, 'kind') as 'SCHEDULED',
        onDemandReason: optionalText(req, 'onDemandReason') as 'NECESSITY' | undefined,
        calendarEntryId: optionalNumber(req, 'calendarEntryId'),
        venue: optionalText(req, 'venue'),
        akimName: optionalText(req, 'akimName'),
      });
      res.redirect(303, `${langPath(sr.locale.lang, `/staff/meetings/${meeting.id}`)}?done=recorded`);
    } catch (err) {
      if (err instanceof NotAuthorizedError) throw err;
      const refused = refusal(sr.locale.lang, sr.w, err, MEETING_FIELD_LABELS(sr));
      await newMeetingForm(req, res, refused.status, sentValues(req), refused);
    }
  });

  const showMeeting = async (req: Request, res: Response, status: number, extra: Partial<MeetingView> = {}) => {
    const sr = staffRequest(req, res);
    const { meeting, issues } = await desk.meetingOfTerritory(staffSession(res).viewer, meetingId(req));
    const started = (meeting.actualStartAt ?? meeting.plannedStartAt) <= services.calendars.now().toISOString();
    const done = queryText(req, 'done');
    const flash = done && done in FLASH ? sr.w[FLASH[done as keyof typeof FLASH]] : undefined;
    sendHtml(
      res,
      status,
      meetingPage(sr, { meeting, issues, timeZone: await zoneOfAkimat(res), canRecordProblems: meeting.status !== 'CANCELLED' && started, flash, ...extra }),
    );
  };

  router.get('/meetings/:id', AKIMAT_ONLY, (req, res) => showMeeting(req, res, 200));

  /** A refused step on a meeting: its page again, the form with what was sent and why it was refused. */
  const refusedStep = async (req: Request, res: Response, name: 'announce' | 'outcome', err: unknown) => {
    if (err instanceof NotAuthorizedError || (err instanceof NotFoundError && err.code === 'meeting/not_found')) throw err;
    const sr = staffRequest(req, res);
    const refused =
      err instanceof MeetingStatusError
        ? { status: 409, notice: notice('alert', fill(sr.w.mtStatusRefused, { status: await currentStatus(req, res) })), fields: new Set<string>() }
        : refusal(sr.locale.lang, sr.w, err, MEETING_FIELD_LABELS(sr));
    const values = { ...sentValues(req), channels: fieldValues(req, 'channels') };
    await showMeeting(req, res, refused.status, { form: { name, values, refusal: refused } });
  };
  const currentStatus = async (req: Request, res: Response) => {
    const { meeting } = await desk.meetingOfTerritory(staffSession(res).viewer, meetingId(req));
    return staffRequest(req, res).locale.labels.meetingStatus(meeting.status);
  };

  router.post('/meetings/:id/announce', AKIMAT_ONLY, ...staffForm, async (req, res) => {
    try {
      await services.meetingsWrite.announceMeeting(staffSession(res).viewer, meetingId(req), {
        announcedAt: zonedInstant(optionalText(req, 'announcedAt'), await zoneOfAkimat(res)) ?? '',
        channels: fieldValues(req, 'channels'),
      });
      res.redirect(303, `${langPath(staffRequest(req, res).locale.lang, `/staff/meetings/${meetingId(req)}`)}?done=announced`);
    } catch (err) {
      await refusedStep(req, res, 'announce', err);
    }
  });

  router.post('/meetings/:id/outcome', AKIMAT_ONLY, ...staffForm, async (req, res) => {
    const broadcasts = Array.from({ length: BROADCAST_ROWS }, (_, i) => i + 1)
      .map((n) => ({
        platform: formField(req, `broadcast${n}Platform`).trim(),
        url: formField(req, `broadcast${n}Url`).trim(),
        commentsOpen: checkbox(req, `broadcast${n}Comments`),
      }))
      .filter((b) => b.platform !== '' || b.url !== '');
    const audience = AUDIENCE_CATEGORIES.flatMap((category) => {
      const count = optionalNumber(req, `audience-${category}`);
      return count === undefined ? [] : [{ category, count }];
    });
    try {
      await services.meetingsWrite.recordMeetingOutcome(staffSession(res).viewer, meetingId(req), {
        actualStartAt: zonedInstant(optionalText(req, 'actualStartAt'), await zoneOfAkimat(res)) ?? '',
        actualEndAt: zonedInstant(optionalText(req, 'actualEndAt'), await zoneOfAkimat(res)),
        reportMinutes: optionalNumber(req, 'reportMinutes'),
        videoConference: checkbox(req, 'videoConference'),
        broadcasts,
        audience,
        results: optionalText(req, 'results'),
      });
      res.redirect(303, `${langPath(staffRequest(req, res).locale.lang, `/staff/meetings/${meetingId(req)}`)}?done=outcome`);
    } catch (err) {
      await refusedStep(req, res, 'outcome', err);
    }
  });

  const problemForm = async (req: Request, res: Response, status: number, values: Record<string, string>, refused?: ReturnType<typeof refusal>) => {
    const { viewer } = staffSession(res);
    const { meeting } = await desk.meetingOfTerritory(viewer, meetingId(req));
    const units = await desk.unitsOfTerritory(viewer, { withinUnitId: meeting.akimUnit.id });
    const submission = values.submission && /^[A-Za-z0-9_-]{24}$/.test(values.submission) ? values.submission : submissions.issue();
    sendHtml(res, status, problemFormPage(staffRequest(req, res), { meeting, units, values, submission, refusal: refused }));
  };

  router.get('/meetings/:id/problems/new', AKIMAT_ONLY, (req, res) => problemForm(req, res, 200, {}));

  router.post('/meetings/:id/problems', AKIMAT_ONLY, ...staffForm, async (req, res) => {
    const sr = staffRequest(req, res);
    const submission = formField(req, 'submission');
    const already = submission ? submissions.seen(submission) : undefined;
    if (already) {
      const text = fill(sr.w.prAlreadyRecorded, { number: already.issueId || '…' });
      return sendHtml(
        res,
        409,
        staffPage(
          sr,
          { title: sr.w.prHeading, nav: 'meetings' },
          html`<h1>${sr.w.prHeading}</h1>${notice('alert', text)}
<p><a href="${langPath(sr.locale.lang, `/staff/meetings/${meetingId(req)}`)}">${sr.w.slipBack}</a></p>`,
        ),
      );
    }
    if (submission) submissions.mark(submission, 0);
    try {
      const { issue, trackingCode } = await services.issues.recordIssue(staffSession(res).viewer, {
        meetingId: meetingId(req),
        unitCode: formField(req, 'unitCode'),
        category: formField(req, 'category') as 'ROADS',
        language: optionalText(req, 'language') as 'kk' | undefined,
        title: formField(req, 'title'),
        text: formField(req, 'text'),
        contact: { fullName: formField(req, 'fullName'), phone: formField(req, 'phone'), iin: formField(req, 'iin') },
      });
      if (submission) submissions.mark(submission, issue.id);
      const unit = (await services.geography.findUnitById(issue.unitId))!;
      // The answer to this POST is the only place the code is ever shown (no redirect, no URL).
      res.set('Cache-Control', 'no-store');
      sendHtml(
        res,
        200,
        slipPage(sr, {
          meetingId: issue.meetingId,
          number: issue.id,
          trackingCode,
          title: issue.title,
          language: issue.language,
          raisedAt: issue.raisedAt,
          unit,
        }),
      );
    } catch (err) {
      if (submission) submissions.forget(submission);
      if (err instanceof NotAuthorizedError || (err instanceof NotFoundError && err.code === 'meeting/not_found')) throw err;
      const refused = refusal(sr.locale.lang, sr.w, err, PROBLEM_FIELD_LABELS(sr));
      await problemForm(req, res, refused.status, sentValues(req), refused);
    }
  });
}
