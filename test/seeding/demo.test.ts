import { beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/modules/accounts/password.ts';
import { isValidIin } from '../../src/modules/shared/iin.ts';
import { DEMO_ACCOUNTS } from '../../src/modules/seeding/demo-accounts.ts';
import { seedDatabase, type SeedReport } from '../../src/modules/seeding/seed.service.ts';
import { AUDIENCE_CATEGORIES, ISSUE_STATUSES } from '../../src/modules/shared/enums.ts';
import { all, allTableHashes, freshDatabase, one, rowCounts } from './seed-db.ts';

const TODAY = '2026-11-27';
const n = (db: Parameters<typeof one>[0], sql: string) => one<{ n: number }>(db, sql).n;

describe('demo data', () => {
  const { db } = freshDatabase();
  let report: SeedReport;
  beforeAll(async () => {
    report = await seedDatabase(db, { demo: true });
  }, 60_000);

  it('reports the rows it inserted', () => {
    expect(report.demoSkipped).toBe(false);
    const counts = rowCounts(db);
    for (const table of ['users', 'calendars', 'calendar_entries', 'meetings', 'issues', 'issue_updates', 'issue_assignments', 'issue_contacts'] as const) {
      expect(report.inserted[table]).toBe(counts[table]);
    }
  });

  it('creates one account per role, with the documented password', async () => {
    const users = all<{ email: string; role: string; org: string | null; display_name: string; password_hash: string }>(
      db,
      `
      select u.email, u.role, o.code as org, u.display_name, u.password_hash from users u left join organizations o on o.id = u.organization_id order by u.id`,
    );
    expect(users.map((u) => [u.email, u.role, u.org])).toEqual(DEMO_ACCOUNTS.map((a) => [a.email, a.role, a.organizationCode]));
    expect(DEMO_ACCOUNTS.find((a) => a.role === 'AKIMAT_STAFF')?.organizationCode).toBe('AKIMAT-KZ-19');
    expect(await verifyPassword('jauap-demo-2026', users[0]?.password_hash ?? '')).toBe(true);
  });

  it('has at least 300 problems in every status', () => {
    expect(n(db, 'select count(*) as n from issues')).toBeGreaterThanOrEqual(300);
    const statuses = all<{ status: string }>(db, 'select distinct status from issues')
      .map((r) => r.status)
      .sort();
    expect(statuses).toEqual([...ISSUE_STATUSES].sort());
  });

  it('ties every problem to a held meeting, its unit, region and recording akimat', () => {
    expect(
      n(
        db,
        `
      select count(*) as n from issues i join meetings m on m.id = i.meeting_id
      join organizations rec on rec.id = i.recorded_by_organization_id
      where m.status != 'HELD' or i.raised_at != m.actual_start_at or i.unit_id != m.unit_id or i.region_id != m.region_id
         or rec.unit_id != m.akim_unit_id`,
      ),
    ).toBe(0);
    expect(n(db, `select count(*) as n from issues where text like '%{place}%'`)).toBe(0);
    expect(n(db, `select count(*) as n from issues where language not in ('kk', 'ru')`)).toBe(0);
  });

  it('keeps progress, dates and the responsible body consistent with the status', () => {
    expect(n(db, `select count(*) as n from issues where status in ('RESOLVED','CLOSED') and (progress != 100 or resolved_at is null)`)).toBe(0);
    expect(n(db, `select count(*) as n from issues where status not in ('RESOLVED','CLOSED') and resolved_at is not null`)).toBe(0);
    expect(n(db, `select count(*) as n from issues where status in ('NEW','ASSIGNED') and progress != 0`)).toBe(0);
    expect(n(db, `select count(*) as n from issues where status = 'NEW' and responsible_organization_id is not null`)).toBe(0);
    expect(n(db, `select count(*) as n from issues i where updated_at != (select max(at) from issue_updates u where u.issue_id = i.id)`)).toBe(0);
    expect(
      n(db, `select count(*) as n from issues i where status != (select status_after from issue_updates u where u.issue_id = i.id order by at desc limit 1)`),
    ).toBe(0);
    expect(
      n(
        db,
        `select count(*) as n from issues i where progress != (select progress from issue_updates u where u.issue_id = i.id and progress is not null order by at desc limit 1)`,
      ),
    ).toBe(0);
    expect(n(db, `select count(*) as n from issues i where (select kind from issue_updates u where u.issue_id = i.id order by at limit 1) != 'RECORDED'`)).toBe(
      0,
    );
    // History times strictly increase per problem, and nothing happens after the demo's end.
    expect(n(db, `select count(*) as n from issue_updates a join issue_updates b on b.issue_id = a.issue_id and b.id > a.id and b.at <= a.at`)).toBe(0);
    expect(n(db, `select count(*) as n from issue_updates where at > '2026-11-21' or at < '2025-01-10'`)).toBe(0);
    expect(
      n(
        db,
        `select count(*) as n from issues i where due_date is not (select due_date_after from issue_updates u where u.issue_id = i.id and due_date_after is not null order by at desc limit 1)`,
      ),
    ).toBe(0);
  });

  it('has exactly one open assignment per assigned problem, matching the responsible body', () => {
    expect(
      n(
        db,
        `select count(*) as n from issues i where status != 'NEW' and (select count(*) from issue_assignments a where a.issue_id = i.id and a.ended_at is null) != 1`,
      ),
    ).toBe(0);
    expect(
      n(
        db,
        `select count(*) as n from issues i join issue_assignments a on a.issue_id = i.id and a.ended_at is null where a.organization_id != i.responsible_organization_id`,
      ),
    ).toBe(0);
    expect(n(db, `select count(*) as n from issues i where status = 'NEW' and exists (select 1 from issue_assignments a where a.issue_id = i.id)`)).toBe(0);
  });

  it('routes problems needing a central decision to matching central bodies, the rest to akimats', () => {
    const total = n(db, 'select count(*) as n from issues');
    const central = n(db, 'select count(*) as n from issues where needs_central_decision');
    // About a sixth of what akimats answer for goes up, plus everything only a republican body
    // answers for (national roads, railway, gas networks, mobile coverage: seeds/demo/routing.json).
    expect(central / total).toBeGreaterThan(0.1);
    expect(central / total).toBeLessThan(0.35);
    expect(
      n(db, `select count(*) as n from issues where needs_central_decision and (central_decision_proposal is null or central_decision_proposal = '')`),
    ).toBe(0);
    expect(
      n(
        db,
        `
      select count(*) as n from issues i join organizations o on o.id = i.responsible_organization_id
      where i.needs_central_decision and (o.kind = 'LOCAL_EXECUTIVE_BODY'
        or not exists (select 1 from organization_categories c where c.organization_id = o.id and c.category = i.category))`,
      ),
    ).toBe(0);
    expect(
      n(
        db,
        `select count(*) as n from issues i join organizations o on o.id = i.responsible_organization_id where not i.needs_central_decision and o.kind != 'LOCAL_EXECUTIVE_BODY'`,
      ),
    ).toBe(0);
    for (const code of ['MIN-ENERGY', 'MIN-WATER-RESOURCES']) {
      expect(n(db, `select count(*) as n from issues i join organizations o on o.id = i.responsible_organization_id where o.code = '${code}'`)).toBeGreaterThan(
        2,
      );
    }
  });

  it('has transferred, bounced, disputed and overdue problems', () => {
    const total = n(db, 'select count(*) as n from issues');
    const transferred = n(db, 'select count(*) as n from issues where transfer_count > 0');
    expect(transferred / total).toBeGreaterThan(0.05);
    expect(transferred / total).toBeLessThan(0.2);
    expect(
      n(
        db,
        `select count(*) as n from issues i where transfer_count != (select count(*) from issue_updates u where u.issue_id = i.id and u.kind = 'TRANSFERRED')`,
      ),
    ).toBe(0);
    expect(n(db, `select count(*) as n from issue_updates where kind = 'TRANSFERRED' and (public_note is null or public_note = '')`)).toBe(0);
    // Bounced: back to a body that had it before.
    expect(n(db, 'select count(*) as n from issues where bounced_at is not null')).toBeGreaterThan(0);
    expect(
      n(
        db,
        `
      select count(*) as n from issues i where bounced_at is not null and not exists (
        select 1 from issue_assignments a join issue_assignments b on b.issue_id = a.issue_id and b.assigned_at > a.assigned_at and b.organization_id = a.organization_id
        where a.issue_id = i.id and b.assigned_at = i.bounced_at)`,
      ),
    ).toBe(0);
    expect(n(db, `select count(*) as n from issues where dispute_count > 0 and status = 'REOPENED'`)).toBeGreaterThan(0);
    expect(n(db, `select count(*) as n from issues where dispute_count > 0 and status not in ('REOPENED','IN_PROGRESS','RESOLVED','CLOSED')`)).toBe(0);
    expect(n(db, `select count(*) as n from issues where status = 'REOPENED' and dispute_count = 0`)).toBe(0);
    const overdue = n(db, `select count(*) as n from issues where due_date < '${TODAY}' and status not in ('RESOLVED','CLOSED','DECLINED')`);
    expect(overdue).toBeGreaterThan(0);
    expect(overdue / total).toBeLessThan(0.3);
  });

  it('stores contacts with plausible phones and valid IINs', () => {
    const contacts = all<{ full_name: string; phone: string | null; iin: string | null }>(db, 'select full_name, phone, iin from issue_contacts');
    expect(contacts.length).toBeGreaterThan(200);
    for (const c of contacts) {
      expect(c.full_name).toMatch(/^\p{L}+ \p{L}+( \p{L}+)?$/u);
      if (c.phone) expect(c.phone).toMatch(/^\+770[0-9]\d{7}$/);
      if (c.iin) expect(isValidIin(c.iin), c.iin).toBe(true);
    }
    expect(contacts.filter((c) => c.iin).length).toBeGreaterThan(50);
  });

  it('holds at least 60 meetings, scheduled and on demand, as the decree describes them', () => {
    expect(n(db, 'select count(*) as n from meetings')).toBeGreaterThanOrEqual(70);
    expect(n(db, `select count(*) as n from meetings where kind = 'SCHEDULED' and (calendar_entry_id is null or not visiting)`)).toBe(0);
    expect(n(db, `select count(*) as n from meetings where kind = 'ON_DEMAND'`)).toBeGreaterThanOrEqual(5);
    expect(
      n(
        db,
        `select count(*) as n from meetings m join calendar_entries e on e.id = m.calendar_entry_id where e.visited_unit_id != m.unit_id or e.akim_unit_id != m.akim_unit_id or e.akim_level != m.akim_level`,
      ),
    ).toBe(0);
    expect(n(db, `select count(*) as n from meetings where status = 'CANCELLED'`)).toBe(1);
    expect(n(db, `select count(*) as n from meetings where status = 'PLANNED' and planned_start_at > '${TODAY}'`)).toBeGreaterThan(0);
    expect(n(db, `select count(*) as n from meetings where status = 'PLANNED' and planned_start_at <= '${TODAY}'`)).toBe(0);
    expect(
      n(db, `select count(*) as n from meetings where status = 'HELD' and (actual_start_at is null or actual_end_at is null or report_minutes is null)`),
    ).toBe(0);
    expect(n(db, `select count(*) as n from meetings where report_minutes * 4 > planned_duration_minutes`)).toBeGreaterThan(0);
    expect(n(db, `select count(*) as n from meetings where status = 'HELD' and report_minutes * 4 <= planned_duration_minutes`)).toBeGreaterThan(
      n(db, `select count(*) as n from meetings where report_minutes * 4 > planned_duration_minutes`) * 10,
    );
    expect(n(db, `select count(*) as n from meetings where announced_at is not null and announced_at >= planned_start_at`)).toBe(0);
    expect(
      n(
        db,
        `select count(*) as n from meetings where status = 'HELD' and (select count(*) from meeting_audience a where a.meeting_id = meetings.id) != ${AUDIENCE_CATEGORIES.length}`,
      ),
    ).toBe(0);
    expect(
      n(db, `select count(*) as n from meetings where status = 'HELD' and not exists (select 1 from meeting_broadcasts b where b.meeting_id = meetings.id)`),
    ).toBe(0);
    expect(n(db, `select count(*) as n from meeting_broadcasts where url not like 'https://%'`)).toBe(0);
    expect(n(db, `select count(*) as n from meeting_broadcasts where comments_open`)).toBeGreaterThan(
      n(db, `select count(*) as n from meeting_broadcasts where not comments_open`),
    );
  });

  it('keeps calendars with dated steps, a late one, a revision 2 and a coverage gap', () => {
    expect(n(db, `select count(*) as n from calendars where year in (2025, 2026)`)).toBeGreaterThanOrEqual(6);
    expect(n(db, `select count(*) as n from calendar_transitions where late_by_minutes > 0`)).toBeGreaterThan(0);
    expect(n(db, `select count(*) as n from calendar_transitions where late_by_minutes > 0 and at <= due_at`)).toBe(0);
    expect(n(db, `select count(*) as n from calendar_transitions where late_by_minutes = 0 and at > due_at`)).toBe(0);
    expect(n(db, `select count(*) as n from calendar_transitions where to_status = 'APPROVED' and substr(due_at, 6) != '01-15T18:59:59.999Z'`)).toBe(0);
    // Every approved calendar has revision 1; a corrected one has revision 2 with a reason.
    expect(
      n(
        db,
        `select count(*) as n from calendars c where status != 'DRAFT' and not exists (select 1 from calendar_revisions r where r.calendar_id = c.id and r.number = 1)`,
      ),
    ).toBe(0);
    const revised = all<{ calendar_id: number }>(
      db,
      `select calendar_id from calendar_revisions where number = 2 and reason is not null and maslikhat_notified_on is not null`,
    );
    expect(revised.length).toBeGreaterThan(0);
    for (const { calendar_id } of revised) {
      expect(n(db, `select count(*) as n from calendar_entries where calendar_id = ${calendar_id} and removed_in_revision = 2`)).toBeGreaterThan(0);
      expect(n(db, `select count(*) as n from calendar_entries where calendar_id = ${calendar_id} and added_in_revision = 2`)).toBeGreaterThan(0);
      expect(one(db, `select current_revision from calendars where id = ${calendar_id}`)).toEqual({ current_revision: 2 });
    }
    // A district of a calendared oblast with no oblast-akim entry in some year: what compliance must find.
    const gaps = n(
      db,
      `
      select count(*) as n from calendars c join units d on d.parent_id = c.region_id and d.kind in ('DISTRICT', 'CITY_OBLAST')
      where c.year in (2025, 2026) and not exists (
        select 1 from calendar_entries e where e.calendar_id = c.id and e.visited_unit_id = d.id and e.akim_level = 'REGION' and e.removed_in_revision is null)`,
    );
    expect(gaps).toBeGreaterThan(0);
  });

  it('is skipped on a database that already has problems, changing nothing', async () => {
    const hashes = allTableHashes(db);
    const again = await seedDatabase(db, { demo: true });
    expect(again.demoSkipped).toBe(true);
    expect(again.demoSkipReason).toMatch(/already/);
    expect(Object.values(again.inserted).every((v) => v === 0)).toBe(true);
    expect(allTableHashes(db)).toEqual(hashes);
  });
});
