import type { Request, Response, Router } from 'express';
import { RESPONSIVENESS_ORDERS, type ResponsivenessOrder } from '../../../modules/government/ranking.ts';
import { NothingDueError } from '../../../modules/government/government.service.ts';
import { PublicationError, QuarterNotEndedError, RoundNotDueError } from '../../../modules/publication/publication.errors.ts';
import { roundCutoffEverywhereUtc, parseQuarter, parseRound, quarterEndedEverywhereUtc } from '../../../modules/publication/periods.ts';
import { InvalidInputError } from '../../../modules/shared/errors.ts';
import { ORGANIZATION_KINDS, type OrganizationKind } from '../../../modules/shared/enums.ts';
import { sendHtml } from '../../caching.ts';
import { queryText, type WebDeps } from '../../context.ts';
import { fill } from '../../i18n/index.ts';
import { langPath } from '../../layout.ts';
import { formField } from '../csrf.ts';
import { requireStaff, staffForm, staffSession } from '../guard.ts';
import { staffRequest, type StaffRequest } from '../layout.ts';
import { regionsPage, responsivenessPage } from '../pages/government.ts';
import { publicationPage, roundsPage, type Notice } from '../pages/publication.ts';

// The Government office's pages (GOVERNMENT_STAFF; admins too): the regions at a glance,
// collection rounds, the quarterly publication and every body's responsiveness. Each route reads
// the request, calls one service and renders; the services decide who may and what is due.

const GOVERNMENT = ['GOVERNMENT_STAFF'] as const;
/** The decree's calendars begin in 2022 (compliance.service refuses earlier years). */
const FIRST_YEAR = 2022;

/** A refusal of the publication services in the page's words; anything unforeseen is rethrown. */
function refusal(sr: StaffRequest, err: unknown, label: string): Notice {
  const { w, locale } = sr;
  if (err instanceof NothingDueError) return { kind: 'alert', text: fill(w.nothingDue, { quarter: err.next, date: locale.format.dateTime(err.from) }) };
  if (err instanceof QuarterNotEndedError) {
    const q = parseQuarter(label);
    return { kind: 'alert', text: fill(w.quarterNotEnded, { quarter: label, date: q ? locale.format.dateTime(quarterEndedEverywhereUtc(q)) : '' }) };
  }
  if (err instanceof RoundNotDueError) {
    const r = parseRound(label);
    return { kind: 'alert', text: fill(w.roundNotDue, { round: label, date: r ? locale.format.dateTime(roundCutoffEverywhereUtc(r)) : '' }) };
  }
  if (err instanceof InvalidInputError) return { kind: 'alert', text: w.fixErrors, details: err.problems.map((p) => `${p.path}: ${p.message}`) };
  if (err instanceof PublicationError && err.reason === 'already_published') return { kind: 'alert', text: fill(w.alreadyPublished, { quarter: label }) };
  if (err instanceof PublicationError && err.reason === 'busy') return { kind: 'alert', text: w.publicationBusy };
  throw err;
}

export function registerGovernmentRoutes(router: Router, { services }: WebDeps): void {
  const government = services.government;

  router.get('/regions', requireStaff(GOVERNMENT), async (req, res) => {
    const sr = staffRequest(req, res);
    const thisYear = government.currentYear();
    const years = Array.from({ length: Math.max(1, thisYear + 1 - FIRST_YEAR + 1) }, (_, i) => thisYear + 1 - i);
    const asked = Number(queryText(req, 'year'));
    const year = years.includes(asked) ? asked : thisYear;
    const regions = await services.compliance.governmentOverview(year);
    sendHtml(res, 200, regionsPage(sr, year, years, regions));
  });

  router.get('/responsiveness', requireStaff(GOVERNMENT), async (req, res) => {
    const sr = staffRequest(req, res);
    const asked = queryText(req, 'sort') ?? 'rank';
    const order: ResponsivenessOrder = (RESPONSIVENESS_ORDERS as readonly string[]).includes(asked) ? (asked as ResponsivenessOrder) : 'rank';
    const kind = (ORGANIZATION_KINDS as readonly string[]).find((k) => k === queryText(req, 'kind')) as OrganizationKind | undefined;
    const bodies = await government.responsivenessRanking(staffSession(res).viewer, order, kind ? [kind] : null);
    sendHtml(res, 200, responsivenessPage(sr, order, kind ?? null, bodies));
  });

  const showPublication = async (req: Request, res: Response, status: number, shown?: Notice) => {
    const overview = await government.publicationOverview(staffSession(res).viewer);
    sendHtml(res, status, publicationPage(staffRequest(req, res), overview, shown));
  };

  router.get('/publication', requireStaff(GOVERNMENT), async (req, res) => {
    const sr = staffRequest(req, res);
    const started = queryText(req, 'started');
    await showPublication(
      req,
      res,
      200,
      started && parseQuarter(started) ? { kind: 'status', text: fill(sr.w.publishStarted, { quarter: started }) } : undefined,
    );
  });

  router.post('/publication/publish', requireStaff(GOVERNMENT), ...staffForm, async (req, res) => {
    const sr = staffRequest(req, res);
    const label = formField(req, 'quarter').trim().toUpperCase();
    try {
      const job = await government.startPublishing(staffSession(res).viewer, label);
      res.redirect(303, `${langPath(sr.locale.lang, '/staff/publication')}?started=${encodeURIComponent(job.quarter)}`);
    } catch (err) {
      await showPublication(req, res, 409, refusal(sr, err, label));
    }
  });

  const showRounds = async (req: Request, res: Response, status: number, shown?: Notice) => {
    const overview = await government.roundsOverview(staffSession(res).viewer);
    sendHtml(res, status, roundsPage(staffRequest(req, res), overview, shown));
  };

  router.get('/rounds', requireStaff(GOVERNMENT), (req, res) => showRounds(req, res, 200));

  router.post('/rounds/run', requireStaff(GOVERNMENT), ...staffForm, async (req, res) => {
    const sr = staffRequest(req, res);
    const label = formField(req, 'round').trim().toUpperCase();
    try {
      const result = await government.collectRound(staffSession(res).viewer, label);
      const count = sr.locale.format.number(result.itemCount);
      await showRounds(req, res, 200, {
        kind: 'status',
        text: fill(result.created ? sr.w.roundCollected : sr.w.roundAlreadyCollected, { round: result.label, count }),
      });
    } catch (err) {
      await showRounds(req, res, 409, refusal(sr, err, label));
    }
  });
}
