import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { startPublicSite, type PublicSite } from '../web/helpers.ts';
import { call, issueIn, signInAll } from '../workflows/helpers.ts';
import { csrfOf, StaffClient, tablesHash } from './helpers.ts';

// The organisation staff pages over HTTP: anonymous callers, the queue, the update and transfer
// forms (rules in words, own vs other organisation, two people editing at once), CSV round trips.
//
// The Ministry of Energy's problems used here are read from the demo data (by state, not by number)
// or put into the needed state through the public API before any test runs:
//   overdue    — its open problem longest past its deadline;
//   later      — its open problem with the nearest deadline still ahead;
//   reopened   — a RESOLVED demo problem past its deadline the citizen disputes with its tracking code (→ REOPENED);
//   reopened2  — the next RESOLVED demo problem, disputed likewise;
//   assigned   — a new problem the akimat of Almaty oblast records and assigns to the ministry;
//   toStart    — another such ASSIGNED problem, moved to In progress by the save test.

let site: PublicSite;
let energy: StaffClient;
let overdue: number;
let later: number;
/** The ministry's open demo problems before the tests dispute or add any. */
let demoOpen: number[];
let reopened: number;
let reopened2: number;
let assigned: number;
let toStart: number;
const DISPUTE_COMMENT = 'Тұрғын келіспейді: орындалған жұмыстың сапасы төмен';
beforeAll(async () => {
  site = await startPublicSite();
  const today = site.app.clock.now().toISOString().slice(0, 10);
  const open = energyProblems("status in ('ASSIGNED', 'IN_PROGRESS', 'REOPENED')");
  const byDue = (a: { due: string | null; id: number }, b: { due: string | null; id: number }) => a.due!.localeCompare(b.due!) || a.id - b.id;
  const late = open.filter((p) => p.due !== null && p.due < today).sort(byDue);
  expect(late.length, 'the demo has an overdue open problem of the ministry').toBeGreaterThan(0);
  overdue = late[0]!.id;
  const ahead = open.filter((p) => p.due !== null && p.due >= today).sort(byDue);
  expect(ahead.length, 'and an open one due later').toBeGreaterThan(0);
  later = ahead[0]!.id;
  demoOpen = open.map((p) => p.id);
  const tokens = await signInAll(site.app);
  // Two resolutions to dispute: the demo's RESOLVED ones, topped up through the API if it has fewer.
  const resolved = energyProblems("status = 'RESOLVED'").map((p) => p.id);
  while (resolved.length < 2) resolved.push((await issueIn(site.app, tokens, 'RESOLVED', `Газ қысымы төмен ${resolved.length}`)).number);
  // The citizens dispute two resolutions: both problems are REOPENED (the first with a public comment).
  [reopened, reopened2] = [resolved[0]!, resolved[1]!];
  for (const [id, comment] of [
    [reopened, DISPUTE_COMMENT],
    [reopened2, undefined],
  ] as const) {
    const disputed = await call(site.app, 'disputeResolution', { code: issue(id).code, comment });
    expect(disputed.typename, JSON.stringify(disputed)).toBe('MutationDisputeResolutionSuccess');
  }
  assigned = (await issueIn(site.app, tokens, 'ASSIGNED', 'Ауылда электр жарығы жиі сөнеді')).number;
  toStart = (await issueIn(site.app, tokens, 'ASSIGNED', 'Көшеде электр желісі жоқ')).number;
  energy = new StaffClient(site.base);
  await energy.signIn('energy@jauap.demo');
});

const db = () => site.app.db.$client;
/** The Ministry of Energy's problems matching `where` (plain SQL), by number. */
const energyProblems = (where: string) =>
  db()
    .prepare(
      `select i.id, i.due_date as due from issues i join organizations o on o.id = i.responsible_organization_id where o.code = 'MIN-ENERGY' and ${where} order by i.id`,
    )
    .all() as { id: number; due: string | null }[];
const ISSUE_TABLES = ['issues', 'issue_updates', 'issue_assignments', 'issue_contacts'];

/** Edits cells of a CSV as a spreadsheet would: parse, change, write back. */
function editCsv(csv: string, edits: Record<number, Record<string, string>>): string {
  const [header, ...rows] = parse(csv, { bom: true }) as string[][];
  const col = (name: string) => header!.indexOf(name);
  for (const row of rows) for (const [name, value] of Object.entries(edits[Number(row[0])] ?? {})) row[col(name)] = value;
  return stringify([header!, ...rows], { record_delimiter: 'windows' });
}
const issue = (id: number) =>
  db().prepare('select status, progress, resolution_plan as plan, due_date as due, version, tracking_code as code from issues where id = ?').get(id) as {
    status: string;
    progress: number;
    plan: string | null;
    due: string | null;
    version: number;
    code: string;
  };

describe('anonymous callers', () => {
  it('are sent to sign-in from every staff page, and their posts change nothing', async () => {
    const anon = new StaffClient(site.base);
    for (const path of [
      '/kk/staff',
      '/kk/staff/queue',
      '/ru/staff/queue?overdue=1',
      '/en/staff/queue.csv',
      '/kk/staff/queue/upload',
      `/kk/staff/issues/${overdue}`,
      '/kk/staff/account',
      '/kk/staff/calendar',
      '/en/staff/users',
    ]) {
      const res = await anon.get(path);
      expect(res.status, path).toBe(303);
      expect(res.location, path).toBe(`/${path.slice(1, 3)}/staff/sign-in?next=${encodeURIComponent(path)}`);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
    const before = tablesHash(site.app);
    for (const path of [
      `/kk/staff/issues/${overdue}/update`,
      `/kk/staff/issues/${overdue}/transfer`,
      '/kk/staff/queue/apply',
      '/kk/staff/sign-out-everywhere',
      '/kk/staff/account/password',
    ]) {
      const res = await anon.post(path, { status: 'IN_PROGRESS', progress: '99', version: '1' });
      expect(res.status, path).toBe(303);
      expect(res.location, path).toContain('/kk/staff/sign-in');
    }
    expect(tablesHash(site.app)).toBe(before);
  });
});

describe('my queue', () => {
  /** The ministry's open problems past their deadline on `day`, the longest overdue first (plain SQL). */
  const overdueOn = (day: string) =>
    energyProblems(`status in ('ASSIGNED', 'IN_PROGRESS', 'REOPENED') and due_date < '${day}'`)
      .sort((a, b) => a.due!.localeCompare(b.due!) || a.id - b.id)
      .map((p) => p.id);
  const queued = (body: string) => [...body.matchAll(/href="\/en\/staff\/issues\/(\d+)"/g)].map((m) => Number(m[1]));

  it('lists only my organisation’s open problems, overdue first, with the last public note and counts', async () => {
    const res = await energy.get('/en/staff/queue');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const order = queued(res.body);
    expect(new Set(order)).toEqual(new Set([...demoOpen, reopened, reopened2, assigned, toStart]));
    // A disputed problem keeps its deadline: if it had passed, the problem is overdue again.
    const today = site.app.clock.now().toISOString().slice(0, 10);
    const late = overdueOn(today);
    expect(late).toEqual(expect.arrayContaining([overdue, ...[reopened, reopened2].filter((id) => issue(id).due! < today)]));
    expect(order.slice(0, late.length)).toEqual(late);
    expect(order.slice(late.length)).not.toContain(overdue);
    expect(res.body).toContain(DISPUTE_COMMENT);
    expect(queued((await energy.get('/en/staff/queue?overdue=1')).body)).toEqual(late);

    const now = site.app.clock.now().toISOString();
    site.app.clock.set(`${issue(later).due}T23:00:00.000Z`); // already the next day in Kazakhstan: `later`'s deadline has passed too
    try {
      const afterwards = new StaffClient(site.base);
      await afterwards.signIn('energy@jauap.demo');
      const lateThen = overdueOn(new Date(Date.parse(`${issue(later).due}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10));
      expect(lateThen).toContain(later);
      expect(lateThen.length).toBeGreaterThan(late.length);
      expect(queued((await afterwards.get('/en/staff/queue?overdue=1')).body)).toEqual(lateThen);
      expect(queued((await afterwards.get('/en/staff/queue')).body).slice(0, lateThen.length)).toEqual(lateThen);
    } finally {
      site.app.clock.set(now);
    }
    const water = new StaffClient(site.base);
    await water.signIn('water@jauap.demo');
    const theirs = await water.get('/en/staff/queue');
    expect(theirs.status).toBe(200);
    expect(queued(theirs.body).length).toBeGreaterThan(0);
    for (const id of order) expect(theirs.body).not.toContain(`href="/en/staff/issues/${id}"`);
    const reopenedOnly = await energy.get('/en/staff/queue?reopened=1&sort=raised');
    // Only the reopened or once disputed problems (the two just disputed among them), the most recently raised first.
    const raisedAt = (id: number) => (db().prepare('select raised_at as r from issues where id = ?').get(id) as { r: string }).r;
    expect(raisedAt(reopened)).not.toBe(raisedAt(reopened2));
    const disputed = energyProblems("(status = 'REOPENED' or dispute_count > 0)").map((p) => p.id);
    expect(disputed).toEqual(expect.arrayContaining([reopened, reopened2]));
    const newestFirst = disputed.sort((a, b) => raisedAt(b).localeCompare(raisedAt(a)) || b - a);
    expect(queued(reopenedOnly.body)).toEqual(newestFirst);
  });
});

describe('the update form', () => {
  it('explains a refusal in words and changes nothing', async () => {
    const before = tablesHash(site.app);
    const res = await energy.submit(`/en/staff/issues/${assigned}`, `/en/staff/issues/${assigned}/update`, {
      version: String(issue(assigned).version),
      status: 'IN_PROGRESS',
      resolutionPlan: '',
      dueDate: '',
      progress: '0',
      publicNote: '',
      action: 'save',
    });
    expect(res.status).toBe(400);
    expect(res.body).toContain('a plan and a due date are needed for In progress');
    expect(tablesHash(site.app)).toBe(before);
  });

  it('previews the public note without saving it', async () => {
    const before = tablesHash(site.app);
    const res = await energy.submit(`/en/staff/issues/${assigned}`, `/en/staff/issues/${assigned}/update`, {
      version: String(issue(assigned).version),
      status: 'ASSIGNED',
      resolutionPlan: '',
      dueDate: '',
      progress: '0',
      publicNote: 'Жоба <b>дайындалуда</b>',
      action: 'preview',
    });
    expect(res.status).toBe(200);
    expect(res.body).toContain('Preview: the public history will show');
    expect(res.body).toContain('Жоба &lt;b&gt;дайындалуда&lt;/b&gt;');
    expect(tablesHash(site.app)).toBe(before);
  });

  it('saves a move to In progress; the note appears on the public page and the tracking page', async () => {
    const v = issue(toStart).version;
    const res = await energy.submit(`/en/staff/issues/${toStart}`, `/en/staff/issues/${toStart}/update`, {
      version: String(v),
      status: 'IN_PROGRESS',
      resolutionPlan: 'Жаңа электр желісі тартылады',
      dueDate: '2027-06-30',
      progress: '10',
      publicNote: 'Жобалау басталды',
      action: 'save',
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/en/staff/issues/${toStart}?saved=1`);
    expect(issue(toStart)).toMatchObject({ status: 'IN_PROGRESS', progress: 10, due: '2027-06-30', version: v + 1 });
    expect(await (await site.get(`/ru/problems/${toStart}`)).text()).toContain('Жобалау басталды');
    const tracked = await (await site.post('/kk/track', { code: issue(toStart).code })).text();
    expect(tracked).toContain('Жобалау басталды');
  });

  it('refuses the second of two people editing the same problem, saying what changed', async () => {
    const colleague = new StaffClient(site.base);
    await colleague.signIn('energy@jauap.demo');
    const mine = await energy.get(`/en/staff/issues/${reopened}`);
    const theirs = await colleague.get(`/en/staff/issues/${reopened}`);
    const version = /name="version" value="(\d+)"/.exec(mine.body)![1]!;
    const first = await colleague.post(`/en/staff/issues/${reopened}/update`, {
      _csrf: csrfOf(theirs.body),
      version,
      status: 'REOPENED',
      resolutionPlan: '',
      dueDate: '',
      progress: '75',
      publicNote: 'Бригада жұмысты қайта бастады',
      action: 'save',
    });
    expect(first.status).toBe(303);
    const before = tablesHash(site.app);
    const second = await energy.post(`/en/staff/issues/${reopened}/update`, {
      _csrf: csrfOf(mine.body),
      version,
      status: 'REOPENED',
      resolutionPlan: '',
      dueDate: '',
      progress: '80',
      publicNote: 'Менің жазбам',
      action: 'save',
    });
    expect(second.status).toBe(409);
    expect(second.body).toContain('Someone changed this problem after you opened it');
    expect(second.body).toContain('Бригада жұмысты қайта бастады');
    expect(tablesHash(site.app)).toBe(before);
    expect(issue(reopened).progress).toBe(75);
    // The form now carries the current version, so a deliberate second save goes through.
    expect(second.body).toContain(`name="version" value="${issue(reopened).version}"`);
  });

  it('is refused for another organisation’s problem, and for staff who may only look', async () => {
    const water = new StaffClient(site.base);
    await water.signIn('water@jauap.demo');
    expect((await water.get(`/en/staff/issues/${reopened}`)).status).toBe(404);
    const ownPage = await water.get('/en/staff/account');
    const before = tablesHash(site.app, ISSUE_TABLES);
    const attempt = await water.post(`/en/staff/issues/${reopened}/update`, {
      _csrf: csrfOf(ownPage.body),
      version: String(issue(reopened).version),
      progress: '99',
      action: 'save',
    });
    expect(attempt.status).toBe(404);
    const transfer = await water.post(`/en/staff/issues/${reopened}/transfer`, {
      _csrf: csrfOf(ownPage.body),
      version: String(issue(reopened).version),
      toOrganizationCode: 'MIN-WATER-RESOURCES',
      reason: 'Біздің құзыретке өтсін',
    });
    expect(transfer.status).toBe(404);
    // The akimat of Almaty oblast sees a problem in its territory (and the citizen's contact) but does not answer for it.
    const akimat = new StaffClient(site.base);
    await akimat.signIn('akimat@jauap.demo');
    const view = await akimat.get(`/en/staff/issues/${assigned}`);
    expect(view.status).toBe(200);
    expect(view.body).not.toContain(`/staff/issues/${assigned}/update`);
    const refused = await akimat.post(`/en/staff/issues/${assigned}/update`, {
      _csrf: csrfOf(view.body),
      version: String(issue(assigned).version),
      progress: '50',
      action: 'save',
    });
    expect(refused.status).toBe(404);
    const government = new StaffClient(site.base);
    await government.signIn('government@jauap.demo');
    expect((await government.get('/en/staff/queue')).status).toBe(403);
    expect(tablesHash(site.app, ISSUE_TABLES)).toBe(before);
  });

  it('refuses a forged update (no token, wrong token, another site) with 403 and changes nothing', async () => {
    const page = await energy.get(`/en/staff/issues/${assigned}`);
    const fields = { version: String(issue(assigned).version), progress: '50', action: 'save' };
    const before = tablesHash(site.app);
    expect((await energy.post(`/en/staff/issues/${assigned}/update`, fields)).status).toBe(403);
    expect((await energy.post(`/en/staff/issues/${assigned}/update`, { ...fields, _csrf: 'forged-token-forged-token-forged-token-0000' })).status).toBe(403);
    expect(
      (await energy.post(`/en/staff/issues/${assigned}/update`, { ...fields, _csrf: csrfOf(page.body) }, { origin: 'https://attacker.example' })).status,
    ).toBe(403);
    expect(tablesHash(site.app)).toBe(before);
  });

  it('transfers with a reason to the body chosen', async () => {
    const missing = await energy.submit(`/en/staff/issues/${assigned}`, `/en/staff/issues/${assigned}/transfer`, {
      version: String(issue(assigned).version),
      toOrganizationCode: 'MIN-WATER-RESOURCES',
      reason: '',
    });
    expect(missing.status).toBe(400);
    expect(missing.body).toContain('Reason');
    const ok = await energy.submit(`/en/staff/issues/${assigned}`, `/en/staff/issues/${assigned}/transfer`, {
      version: String(issue(assigned).version),
      toOrganizationCode: 'MIN-WATER-RESOURCES',
      reason: 'Су құбыры — су ресурстары министрлігінің ісі',
    });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe(`/en/staff/queue?transferred=${assigned}`);
    expect((await energy.get(`/en/staff/issues/${assigned}`)).status).toBe(404);
  });
});

describe('CSV round trip', () => {
  const download = async () => (await energy.get('/en/staff/queue.csv')).body;
  const upload = async (csv: string) => {
    const page = await energy.get('/en/staff/queue/upload');
    return energy.upload('/en/staff/queue/upload', { _csrf: csrfOf(page.body) }, { name: 'queue.csv', content: csv });
  };

  it('re-uploading the downloaded queue unchanged changes nothing and offers nothing to apply', async () => {
    const csv = await download();
    // (fetch's text() drops the byte order mark the file starts with)
    expect(csv.split('\r\n')[0]).toBe(
      'id,title,category,region_code,unit_code,organization_code,status,resolution_plan,due_date,progress,overdue,raised_at,updated_at,public_note,version',
    );
    const before = tablesHash(site.app);
    const preview = await upload(csv);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatch(/Will change: 0\. Unchanged: \d+\./);
    expect(preview.body).not.toContain('/staff/queue/apply');
    expect(tablesHash(site.app)).toBe(before);
  });

  it('previews two changed rows, then applies them all at once', async () => {
    const csv = await download();
    // A progress the demo problem does not have already, so the row really changes.
    const target = issue(overdue).progress === 85 ? 80 : 85;
    const edited = editCsv(csv, { [overdue]: { progress: String(target) }, [reopened]: { progress: '90', public_note: 'Екінші кезең басталды' } });
    const before = tablesHash(site.app);
    const preview = await upload(edited);
    expect(preview.status).toBe(200);
    expect(preview.body).toContain('Will change: 2.');
    expect(tablesHash(site.app)).toBe(before);
    const reference = /name="upload" value="([0-9a-f]{64})"/.exec(preview.body)![1]!;
    const applied = await energy.post('/en/staff/queue/apply', { _csrf: csrfOf(preview.body), upload: reference });
    expect(applied.status).toBe(303);
    expect(applied.location).toBe(`/en/staff/queue?applied=2&unchanged=${csv.trim().split('\r\n').length - 3}`);
    expect(issue(overdue).progress).toBe(target);
    expect(issue(reopened).progress).toBe(90);
    // The same reference cannot be applied twice.
    expect((await energy.post('/en/staff/queue/apply', { _csrf: csrfOf(preview.body), upload: reference })).status).toBe(410);
  });

  it('refuses a file based on an old version whole, and the published open-data file outright', async () => {
    const old = await download();
    const fresh = await energy.submit(`/en/staff/issues/${overdue}`, `/en/staff/issues/${overdue}/update`, {
      version: String(issue(overdue).version),
      status: 'IN_PROGRESS',
      resolutionPlan: issue(overdue).plan!,
      dueDate: issue(overdue).due!,
      progress: '86',
      publicNote: '',
      action: 'save',
    });
    expect(fresh.status).toBe(303);
    const edited = editCsv(old, { [reopened]: { progress: '91' }, [overdue]: { progress: '87' } });
    const before = tablesHash(site.app);
    const preview = await upload(edited);
    expect(preview.status).toBe(422);
    expect(preview.body).toContain('conflict: the problem changed since version');
    expect(preview.body).not.toContain('/staff/queue/apply');
    expect(tablesHash(site.app)).toBe(before);

    // The ministry's published 2026-Q3 file: `reopened` is RESOLVED in it, REOPENED (and moved on) live.
    const published = await (await site.get('/open-data/quarters/2026-Q3/bodies/MIN-ENERGY.csv')).text();
    expect(published).toMatch(new RegExp(`^${reopened},.*,RESOLVED,`, 'm'));
    expect(issue(reopened).status).toBe('REOPENED');
    const refused = await upload(published);
    expect(refused.status).toBe(422);
    expect(refused.body).toContain('the header must be exactly');
    expect(tablesHash(site.app)).toBe(before);
  });

  it('treats another organisation’s problems in an uploaded file as unknown, and writes nothing', async () => {
    const csv = await download();
    const water = new StaffClient(site.base);
    await water.signIn('water@jauap.demo');
    const page = await water.get('/en/staff/queue/upload');
    const before = tablesHash(site.app, ISSUE_TABLES);
    const res = await water.upload(
      '/en/staff/queue/upload',
      { _csrf: csrfOf(page.body) },
      { name: 'energy.csv', content: editCsv(csv, { [reopened]: { progress: '99' } }) },
    );
    expect(res.status).toBe(422);
    expect(res.body).toContain('No such problem.');
    expect(res.body).not.toContain('/staff/queue/apply');
    expect(tablesHash(site.app, ISSUE_TABLES)).toBe(before);
  });

  it('refuses an upload without the CSRF field or from another site', async () => {
    const csv = await download();
    expect((await energy.upload('/en/staff/queue/upload', {}, { name: 'q.csv', content: csv })).status).toBe(403);
    const page = await energy.get('/en/staff/queue/upload');
    expect(
      (await energy.upload('/en/staff/queue/upload', { _csrf: csrfOf(page.body) }, { name: 'q.csv', content: csv }, { origin: 'https://attacker.example' }))
        .status,
    ).toBe(403);
  });
});
