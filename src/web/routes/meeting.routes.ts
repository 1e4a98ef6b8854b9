import type { Request, Router } from 'express';
import { requestLanguage } from '../../modules/publication/open-data.routes.ts';
import { pickName } from '../../modules/shared/localized.ts';
import type { MeetingProblem } from '../../modules/meetings/meeting-record.service.ts';
import type { FeedMeeting } from '../../modules/meetings/meetings.feed.ts';
import { isReportTimeViolation } from '../../modules/meetings/meetings.service.ts';
import { publicUrl } from '../../http/public-url.ts';
import { LIVE, sendHtml } from '../caching.ts';
import { pageRequest, queryText, type WebDeps } from '../context.ts';
import { fileFormat, sendListFile } from '../list-export.ts';
import { meetingHref, meetingPage } from '../pages/meeting.ts';
import { notFound } from './errors.ts';
import { meetingsCalendar } from './meetings.routes.ts';

// A meeting's page (live: its problems as they stand now), and the files of the meeting lists:
//   /<lang>/meetings/<id>                      the page
//   /api/meetings/<id>/problems.csv|json?lang= the problems it lists, in the same order
//   /api/meetings.csv|json?region=KZ-19&lang=  the calendar page's meetings (upcoming, then recent)

const meetingId = (req: Request) => (/^\d{1,9}$/.test(String(req.params.id ?? '')) ? Number(req.params.id) : null);

const PROBLEM_COLUMNS = [
  'number',
  'title',
  'language',
  'category',
  'status',
  'overdue',
  'progress',
  'due_date',
  'updated_at',
  'unit_code',
  'unit',
  'organization_code',
  'organization',
  'url',
] as const;

const MEETING_COLUMNS = [
  'section',
  'id',
  'status',
  'kind',
  'visiting',
  'planned_start_at',
  'actual_start_at',
  'unit_code',
  'unit',
  'akim',
  'venue',
  'report_over_quarter',
  'broadcasts',
  'url',
] as const;

export function registerMeetingPage(router: Router, deps: WebDeps): void {
  const { services } = deps;
  router.get('/meetings/:id', deps.pageCache.live(), async (req, res) => {
    const id = meetingId(req);
    const meeting = id === null ? null : await services.meetingRecords.findMeetingRecord(id);
    if (!meeting) return notFound(req, res);
    res.set('Cache-Control', LIVE);
    sendHtml(res, 200, meetingPage(pageRequest(req, res), meeting));
  });
}

/** Mounted at the site's root, beside /api/search.csv. */
export function registerMeetingFiles(router: Router, { services }: WebDeps): void {
  router.get('/api/meetings/:id/:file', async (req, res, next) => {
    const id = meetingId(req);
    const format = fileFormat(req.params.file, 'problems');
    const meeting = id === null || !format ? null : await services.meetingRecords.findMeetingRecord(id);
    if (!meeting || !format)
      return res
        .status(404)
        .set('Cache-Control', 'no-store')
        .json({ error: { code: 'meeting/not_found', message: 'No meeting at this address (e.g. /api/meetings/42/problems.csv).' } });
    const lang = requestLanguage(req);
    const base = publicUrl(req);
    const name = (row: Parameters<typeof pickName>[0] | null) => (row ? pickName(row, lang) : '');
    const record = (p: MeetingProblem) => ({
      number: String(p.id),
      title: p.title,
      language: p.language,
      category: p.category,
      status: p.status,
      overdue: p.overdue ? 'true' : 'false',
      progress: String(p.progress),
      due_date: p.dueDate ?? '',
      updated_at: p.updatedAt,
      unit_code: p.unit.code,
      unit: name(p.unit),
      organization_code: p.responsibleOrganization?.code ?? '',
      organization: name(p.responsibleOrganization),
      url: `${base}/${lang}/problems/${p.id}`,
    });
    res.set('Cache-Control', LIVE).set('Access-Control-Allow-Origin', '*');
    await sendListFile(res, format, {
      name: `jauap-meeting-${meeting.id}-problems`,
      head: {
        meeting: meeting.id,
        page: `${base}${meetingHref(lang, meeting.id)}`,
        asOf: services.meetingFeeds.now().toISOString(),
        total: meeting.problems.length,
      },
      columns: PROBLEM_COLUMNS,
      items: meeting.problems,
      csvRecord: record,
      jsonItem: (p) => ({ ...record(p), number: p.id, overdue: p.overdue, progress: p.progress, due_date: p.dueDate }),
    }).catch(next);
  });

  router.get(['/api/meetings.csv', '/api/meetings.json'], async (req, res, next) => {
    const format = req.path.endsWith('.csv') ? 'csv' : 'json';
    const view = await meetingsCalendar(services, queryText(req, 'region'));
    if (view.unknownRegion)
      return res
        .status(404)
        .set('Cache-Control', 'no-store')
        .json({ error: { code: 'region/not_found', message: 'No region has this code (e.g. ?region=KZ-19).' } });
    const lang = requestLanguage(req);
    const base = publicUrl(req);
    const rows = [...view.upcoming.map((m) => ['upcoming', m] as const), ...view.recent.map((m) => ['recent', m] as const)];
    const record = ([section, m]: readonly [string, FeedMeeting]) => ({
      section,
      id: String(m.id),
      status: m.status,
      kind: m.kind,
      visiting: m.visiting ? 'true' : 'false',
      planned_start_at: m.plannedStartAt,
      actual_start_at: m.actualStartAt ?? '',
      unit_code: m.unit.code,
      unit: pickName(m.unit, lang),
      akim: m.akimName ? `${m.akimName}, ${pickName(m.akimUnit, lang)}` : pickName(m.akimUnit, lang),
      venue: m.venue ?? '',
      report_over_quarter: isReportTimeViolation(m) ? 'true' : 'false',
      broadcasts: m.broadcasts.map((b) => b.url).join(' '),
      url: `${base}${meetingHref(lang, m.id)}`,
    });
    res.set('Cache-Control', LIVE).set('Access-Control-Allow-Origin', '*');
    await sendListFile(res, format, {
      name: `jauap-meetings-${view.region?.code ?? 'next-14-days'}`,
      head: { region: view.region?.code ?? null, asOf: services.meetingFeeds.now().toISOString(), total: rows.length },
      columns: MEETING_COLUMNS,
      items: rows,
      csvRecord: record,
      jsonItem: (row) => ({
        ...record(row),
        id: row[1].id,
        visiting: row[1].visiting,
        reportOverQuarter: isReportTimeViolation(row[1]),
        broadcasts: row[1].broadcasts.map((b) => b.url),
      }),
    }).catch(next);
  });
}
