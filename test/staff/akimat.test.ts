import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startPublicSite, type PublicSite } from '../web/helpers.ts';
import { csrfOf, StaffClient, tablesHash } from './helpers.ts';

// The akimat's pages over HTTP: who may open them, territory, CSRF, refusals explained in the
// form, and the tracking code shown once on the slip.

let site: PublicSite;
let akimat: StaffClient;
const WRITE_TABLES = ['issues', 'issue_updates', 'issue_assignments', 'issue_contacts', 'meetings', 'meeting_broadcasts', 'meeting_audience'];

const sql = <T>(query: string, ...params: unknown[]) => site.app.db.$client.prepare(query).all(...params) as T[];
/** Test fixture: a held meeting of a region, and the unit it was held in. */
const heldMeeting = (region: string) =>
  sql<{ id: number; unit: string }>(
    `select m.id, u.code as unit from meetings m join units u on u.id = m.unit_id join units r on r.id = m.region_id
     where r.code = ? and m.status = 'HELD' order by m.actual_start_at desc limit 1`,
    region,
  )[0]!;
const newIssues = (region: string) =>
  sql<{ id: number }>(`select i.id from issues i join units r on r.id = i.region_id where r.code = ? and i.status = 'NEW' order by i.id`, region);

beforeAll(async () => {
  site = await startPublicSite();
  akimat = new StaffClient(site.base);
  await akimat.signIn('akimat@jauap.demo');
});

const validProblem = (unit: string) => ({
  unitCode: unit,
  category: 'WATER_SUPPLY',
  title: 'Ауылда ауыз су жоқ',
  text: 'Жазда құбырда су болмайды, тұрғындар су тасиды.',
  fullName: 'Айгүл Сейтқалиқызы',
  phone: '+7 701 555 12 34',
  iin: '900101400013',
});

describe('who may open the akimat pages', () => {
  it('sends anonymous callers to sign in and refuses organisation and Government staff (403)', async () => {
    const almaty = heldMeeting('KZ-19');
    const issue = newIssues('KZ-19')[0]!;
    const pages = [
      'calendar',
      'compliance',
      'meetings',
      'meetings/new',
      `meetings/${almaty.id}`,
      `meetings/${almaty.id}/problems/new`,
      'routing',
      `routing/${issue.id}`,
    ];
    const anon = new StaffClient(site.base);
    for (const page of pages) {
      const res = await anon.get(`/en/staff/${page}`);
      expect(res.status, page).toBe(303);
      expect(res.location).toBe(`/en/staff/sign-in?next=${encodeURIComponent(`/en/staff/${page}`)}`);
    }
    const energy = new StaffClient(site.base);
    await energy.signIn('energy@jauap.demo');
    const government = new StaffClient(site.base);
    await government.signIn('government@jauap.demo');
    const before = tablesHash(site.app, [...WRITE_TABLES, 'calendars', 'calendar_transitions']);
    for (const client of [energy, government]) {
      for (const page of pages) expect((await client.get(`/en/staff/${page}`)).status, page).toBe(403);
      const csrf = csrfOf((await client.get('/en/staff/account')).body);
      for (const action of [
        'meetings',
        `meetings/${almaty.id}/outcome`,
        `meetings/${almaty.id}/problems`,
        `routing/${issue.id}`,
        'calendar/1/approve',
        'calendar/1/submit',
      ]) {
        const res = await client.post(`/en/staff/${action}`, { _csrf: csrf, ...validProblem(almaty.unit), organizationCode: 'MIN-ENERGY' });
        expect(res.status, action).toBe(403);
      }
    }
    for (const page of pages) expect((await anon.post(`/en/staff/${page}`, {})).status).toBe(303);
    expect(tablesHash(site.app, [...WRITE_TABLES, 'calendars', 'calendar_transitions'])).toBe(before);
  });

  it('shows the calendar, compliance, meetings and routing of the akimat, and lets an admin choose the region', async () => {
    const calendar = await akimat.get('/en/staff/calendar?year=2025');
    expect(calendar.status).toBe(200);
    expect(calendar.body).toContain('Meeting calendar 2025: Almaty Region');
    expect(calendar.body).toContain('Approval by the akim');
    expect(calendar.body).toContain('Revisions');
    const compliance = await akimat.get('/ru/staff/compliance?year=2026');
    expect(compliance.body).toContain('Соблюдение охвата 2026');
    expect(compliance.body).toMatch(/Пробелы в проведённых встречах \(\d+\)/);
    const meetings = await akimat.get('/kk/staff/meetings?year=2026&status=HELD');
    expect(meetings.body).toMatch(/Табылған кездесулер: \d+/);
    // The akimat sees no chooser of other regions; an admin does, and gets the region asked for.
    expect(meetings.body).not.toContain('name="region"');
    const admin = new StaffClient(site.base);
    await admin.signIn('admin@jauap.demo');
    const other = await admin.get('/en/staff/calendar?year=2026&region=KZ-61');
    expect(other.status).toBe(200);
    expect(other.body).toContain('name="region"');
    expect(other.body).toMatch(/Meeting calendar 2026: (?!Almaty Region)/);
    const shymkent = heldMeeting('KZ-61');
    const list = await admin.get('/en/staff/meetings?region=KZ-61&year=2026');
    expect(list.body).toContain('href="/en/staff/meetings/new?region=KZ-61"');
    const form = await admin.get('/en/staff/meetings/new?region=KZ-61');
    expect(form.body).toContain(`value="${shymkent.unit}"`);
    expect(form.body).toContain('action="/en/staff/meetings?region=KZ-61"');
    expect(form.body).not.toContain('value="KZ-19-TALGAR"');
    expect((await admin.get(`/en/staff/meetings/${shymkent.id}/problems/new`)).body).toContain(`value="${shymkent.unit}" selected`);
  });
});

describe('writes refused', () => {
  it('refuse a missing, wrong or cross-origin CSRF token on every write route and change nothing', async () => {
    const meeting = heldMeeting('KZ-19');
    const issue = newIssues('KZ-19')[0]!;
    const csrf = csrfOf((await akimat.get('/en/staff/meetings/new')).body);
    const before = tablesHash(site.app, WRITE_TABLES);
    const form = {
      ...validProblem(meeting.unit),
      organizationCode: 'MIN-ENERGY',
      akimUnitCode: 'KZ-19',
      startAt: '2026-11-20T10:00',
      durationMinutes: '60',
      kind: 'SCHEDULED',
      actualStartAt: '2026-11-20T10:00',
      announcedAt: '2026-11-10T10:00',
      channels: 'MASS_MEDIA',
    };
    for (const action of [
      'meetings',
      `meetings/${meeting.id}/announce`,
      `meetings/${meeting.id}/outcome`,
      `meetings/${meeting.id}/problems`,
      `routing/${issue.id}`,
    ]) {
      for (const [body, origin] of [
        [form, undefined],
        [{ ...form, _csrf: 'x'.repeat(43) }, undefined],
        [{ ...form, _csrf: csrf }, 'https://evil.example'],
      ] as const) {
        const res = await akimat.post(`/en/staff/${action}`, body, { origin });
        expect(res.status, action).toBe(403);
        expect(res.body).toContain('Nothing was changed');
      }
    }
    expect(tablesHash(site.app, WRITE_TABLES)).toBe(before);
  });

  it("keeps the akimat inside its territory: another region's meeting, unit and problems are out of reach", async () => {
    const shymkent = heldMeeting('KZ-61');
    const before = tablesHash(site.app, WRITE_TABLES);
    expect((await akimat.get(`/en/staff/meetings/${shymkent.id}`)).status).toBe(404);
    const problem = await akimat.submit('/en/staff/meetings/new', `/en/staff/meetings/${shymkent.id}/problems`, validProblem(shymkent.unit));
    expect(problem.status).toBe(403);
    const meeting = await akimat.submit('/en/staff/meetings/new', '/en/staff/meetings', {
      unitCode: shymkent.unit,
      akimUnitCode: 'KZ-19',
      startAt: '2026-12-20T10:00',
      durationMinutes: '90',
      kind: 'SCHEDULED',
    });
    expect(meeting.status).toBe(403);
    const outcome = await akimat.submit('/en/staff/meetings/new', `/en/staff/meetings/${shymkent.id}/outcome`, { actualStartAt: '2026-11-20T10:00' });
    expect(outcome.status).toBe(403);
    const theirs = newIssues('KZ-61')[0]!;
    expect((await akimat.get(`/en/staff/routing/${theirs.id}`)).status).toBe(404);
    expect((await akimat.submit('/en/staff/meetings/new', `/en/staff/routing/${theirs.id}`, { organizationCode: 'MIN-ENERGY' })).status).toBe(404);
    expect((await akimat.get('/en/staff/routing')).body).not.toContain(`routing/${theirs.id}`);
    expect(tablesHash(site.app, WRITE_TABLES)).toBe(before);
  });

  it('re-renders each form with its errors in words, keeps what was typed, and writes nothing', async () => {
    const meeting = heldMeeting('KZ-19');
    const before = tablesHash(site.app, WRITE_TABLES);
    const formPage = `/ru/staff/meetings/${meeting.id}/problems/new`;
    const bad = await akimat.submit(formPage, `/ru/staff/meetings/${meeting.id}/problems`, {
      ...validProblem(meeting.unit),
      phone: '12345',
      iin: '900101400014',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Телефон: должен быть казахстанским номером, например +7 701 123 45 67');
    expect(bad.body).toContain('ИИН (необязательно): недействительный ИИН (не сходится контрольная цифра)');
    expect(bad.body).toContain('value="Айгүл Сейтқалиқызы"');
    expect(bad.body).toMatch(/id="phone"[^>]*aria-invalid="true"/);

    const meetingForm = await akimat.submit('/en/staff/meetings/new', '/en/staff/meetings', {
      unitCode: 'KZ-19-TALGAR',
      akimUnitCode: 'KZ-19',
      startAt: '2026-12-20T10:00',
      durationMinutes: '0',
      kind: 'ON_DEMAND',
    });
    expect(meetingForm.status).toBe(400);
    expect(meetingForm.body).toContain('Planned duration (minutes):');
    expect(meetingForm.body).toContain('Reason: is required for an ON_DEMAND meeting and only for one');

    const outcome = await akimat.submit(`/en/staff/meetings/${meeting.id}`, `/en/staff/meetings/${meeting.id}/outcome`, {
      actualStartAt: '2026-11-20T10:00',
      reportMinutes: '5000',
      broadcast1Platform: 'YouTube',
      broadcast1Url: 'javascript:alert(1)',
    });
    expect(outcome.status).toBe(400);
    expect(outcome.body).toContain('Report (minutes):');
    expect(outcome.body).toContain('Broadcasts: must be an http(s) link');

    const issue = newIssues('KZ-19')[0]!;
    const route = await akimat.submit(`/en/staff/routing/${issue.id}`, `/en/staff/routing/${issue.id}`, {
      organizationCode: 'MIN-ENERGY',
      needsCentralDecision: 'on',
    });
    expect(route.status).toBe(400);
    expect(route.body).toContain('Proposal for solving it: is required when the problem needs a central-level decision');
    const local = await akimat.submit(`/en/staff/routing/${issue.id}`, `/en/staff/routing/${issue.id}`, {
      organizationCode: 'AKIMAT-KZ-19',
      needsCentralDecision: 'on',
      centralDecisionProposal: 'Fund it',
    });
    expect(local.status).toBe(400);
    expect(local.body).toContain('Responsible body: a problem that needs a central-level decision goes to a ministry');
    expect(tablesHash(site.app, WRITE_TABLES)).toBe(before);
  });
});

describe('a problem raised at a held meeting', () => {
  it('shows the tracking code once, on a slip in Kazakh and Russian, and never again; then it is routed', async () => {
    const meeting = heldMeeting('KZ-19');
    const formPage = `/kk/staff/meetings/${meeting.id}/problems/new`;
    const form = await akimat.get(formPage);
    const submission = /name="submission" value="([^"]+)"/.exec(form.body)![1]!;
    const fields = { _csrf: csrfOf(form.body), submission, ...validProblem(meeting.unit) };
    const slip = await akimat.post(`/kk/staff/meetings/${meeting.id}/problems`, fields);
    expect(slip.status).toBe(200);
    expect(slip.location).toBeNull();
    expect(slip.headers.get('cache-control')).toBe('no-store');
    const shown = /<p class="slip-code">([^<]+)<\/p>/.exec(slip.body)![1]!;
    const [recorded] = sql<{ id: number; tracking_code: string; status: string }>('select id, tracking_code, status from issues order by id desc limit 1');
    expect(shown.replace(/-/g, '')).toBe(recorded!.tracking_code);
    expect(recorded!.status).toBe('NEW');
    expect(slip.body).toContain(`${site.base}/kk/track`);
    expect(slip.body).toContain(`${site.base}/ru/track`);
    expect(slip.body).toContain('Бақылау коды');
    expect(slip.body).toContain('Код отслеживания');
    expect(sql('select full_name from issue_contacts where issue_id = ?', recorded!.id)).toEqual([{ full_name: 'Айгүл Сейтқалиқызы' }]);

    // Sent again (a reload of the result): recorded once, and the code is not shown again.
    const again = await akimat.post(`/kk/staff/meetings/${meeting.id}/problems`, fields);
    expect(again.status).toBe(409);
    expect(again.body).toContain(`№ ${recorded!.id}`);
    const count = sql<{ n: number }>('select count(*) as n from issues where title = ?', validProblem('').title)[0]!.n;
    expect(count).toBe(1);
    const code = recorded!.tracking_code;
    const formatted = shown;
    for (const page of [
      again.body,
      (await akimat.get(`/kk/staff/meetings/${meeting.id}`)).body,
      (await akimat.get('/kk/staff/routing')).body,
      (await akimat.get(`/kk/staff/routing/${recorded!.id}`)).body,
    ]) {
      expect(page).not.toContain(code);
      expect(page).not.toContain(formatted);
    }

    const routed = await akimat.submit(`/en/staff/routing/${recorded!.id}`, `/en/staff/routing/${recorded!.id}`, {
      organizationCode: 'MIN-WATER-RESOURCES',
      needsCentralDecision: 'on',
      centralDecisionProposal: 'A new water main is needed from the republican budget.',
    });
    expect(routed.status).toBe(303);
    const list = await akimat.get(routed.location!);
    expect(list.body).toContain(`Problem No. ${recorded!.id} was routed to`);
    const [after] = sql<{ status: string; needs_central_decision: number }>('select status, needs_central_decision from issues where id = ?', recorded!.id);
    expect(after).toEqual({ status: 'ASSIGNED', needs_central_decision: 1 });
    expect((await akimat.get(`/en/staff/routing/${recorded!.id}`)).status).toBe(404);
  });
});

describe("the region's calendar", () => {
  it('approves a draft calendar and submits it to the Government; refusals are explained, forged or foreign steps change nothing', async () => {
    const [draft] = sql<{ id: number }>(`select c.id from calendars c join units r on r.id = c.region_id where r.code = 'KZ-19' and c.status = 'DRAFT'`);
    const [foreign] = sql<{ id: number }>(
      `select c.id from calendars c join units r on r.id = c.region_id where r.code = 'KZ-61' order by c.year desc limit 1`,
    );
    const tables = ['calendars', 'calendar_transitions', 'calendar_revisions'];
    const before = tablesHash(site.app, tables);
    const pageOf = '/en/staff/calendar?year=2027';
    expect((await akimat.get(pageOf)).body).toContain('Approve the calendar');
    expect((await akimat.post(`/en/staff/calendar/${draft!.id}/approve`, { maslikhatNotifiedOn: '2026-11-20' })).status).toBe(403);
    expect((await akimat.submit(pageOf, `/en/staff/calendar/${foreign!.id}/submit`, {})).status).toBe(403);
    const missing = await akimat.submit(pageOf, `/en/staff/calendar/${draft!.id}/approve`, {});
    expect(missing.status).toBe(400);
    expect(missing.body).toContain('Date the maslikhat was notified (or agreed, before 2024): is required for a 2027 calendar');
    const future = await akimat.submit(pageOf, `/ru/staff/calendar/${draft!.id}/approve`, { maslikhatNotifiedOn: '2027-01-05' });
    expect(future.status).toBe(400);
    expect(future.body).toContain('не может быть в будущем');
    expect(tablesHash(site.app, tables)).toBe(before);

    const approved = await akimat.submit(pageOf, `/en/staff/calendar/${draft!.id}/approve`, { maslikhatNotifiedOn: '2026-11-20' });
    expect(approved.status).toBe(303);
    const after = await akimat.get(approved.location!);
    expect(after.body).toContain('The calendar was approved.');
    expect(after.body).toContain('Submit to the Government');
    const submitted = await akimat.submit(pageOf, `/en/staff/calendar/${draft!.id}/submit`, {});
    expect(submitted.status).toBe(303);
    expect(sql('select status from calendars where id = ?', draft!.id)).toEqual([{ status: 'SUBMITTED_TO_GOVERNMENT' }]);
    const again = await akimat.submit(pageOf, `/en/staff/calendar/${draft!.id}/submit`, {});
    expect(again.status).toBe(409);
    expect(again.body).toContain('Nothing was saved: the calendar is “Submitted to the Government” now');
    expect(again.body).not.toContain('Submit to the Government</button>');
  });
});

describe('a meeting from plan to outcome', () => {
  it('records a planned meeting, its announcement and its outcome with the report-time violation in words', async () => {
    const recorded = await akimat.submit('/en/staff/meetings/new', '/en/staff/meetings', {
      unitCode: 'KZ-19-TALGAR',
      akimUnitCode: 'KZ-19',
      startAt: '2026-11-27T14:00',
      durationMinutes: '120',
      kind: 'ON_DEMAND',
      onDemandReason: 'POPULATION_DEMAND',
      venue: 'Talgar, House of Culture',
    });
    expect(recorded.status).toBe(303);
    const page = await akimat.get(recorded.location!);
    expect(page.body).toContain('The meeting was recorded.');
    expect(page.body).toContain('Problems can be recorded once the meeting has started.');
    const id = Number(/meetings\/(\d+)/.exec(recorded.location!)![1]);

    const late = await akimat.submit(recorded.location!, `/en/staff/meetings/${id}/announce`, { announcedAt: '2026-11-27T15:00', channels: 'MASS_MEDIA' });
    expect(late.status).toBe(400);
    expect(late.body).toContain('Announced: must be before the meeting starts');
    const announced = await akimat.submit(recorded.location!, `/en/staff/meetings/${id}/announce`, {
      announcedAt: '2026-11-20T09:00',
      channels: 'SOCIAL_MEDIA',
    });
    expect(announced.status).toBe(303);

    const now = site.app.clock.now().toISOString();
    site.app.clock.set('2026-11-27T12:00:00.000Z');
    onTestFinished(() => site.app.clock.set(now));
    const outcome = await akimat.submit(`/en/staff/meetings/${id}`, `/en/staff/meetings/${id}/outcome`, {
      actualStartAt: '2026-11-27T14:05',
      actualEndAt: '2026-11-27T16:00',
      reportMinutes: '45',
      broadcast1Platform: 'Instagram',
      broadcast1Url: 'https://instagram.com/almaty_akimat/live',
      broadcast1Comments: 'on',
      'audience-CITIZENS': '140',
      'audience-MASLIKHAT_DEPUTIES': '3',
      results: 'Жол жөндеу мәселесі көтерілді.',
    });
    expect(outcome.status).toBe(303);
    const held = await akimat.get(outcome.location!);
    expect(held.body).toContain('The outcome was saved.');
    expect(held.body).toContain('The report took 45 of 120 planned minutes: more than a quarter');
    expect(held.body).toContain('Record a problem raised at this meeting');
    expect(sql('select status, report_minutes from meetings where id = ?', id)).toEqual([{ status: 'HELD', report_minutes: 45 }]);
    expect(sql('select category, count from meeting_audience where meeting_id = ? order by category', id)).toEqual([
      { category: 'CITIZENS', count: 140 },
      { category: 'MASLIKHAT_DEPUTIES', count: 3 },
    ]);
    // Announcing a held meeting is refused in words.
    const twice = await akimat.post(`/en/staff/meetings/${id}/announce`, {
      _csrf: csrfOf(held.body),
      announcedAt: '2026-11-20T09:00',
      channels: 'SOCIAL_MEDIA',
    });
    expect(twice.status).toBe(409);
    expect(twice.body).toContain('Nothing was saved: the meeting is Held now');
  });
});
