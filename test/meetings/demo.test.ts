import { describe, expect, it } from 'vitest';
import { createTestApp, TEST_NOW } from '../helpers/app.ts';
import { runCommand } from '../helpers/process.ts';
import { complianceReport, type ComplianceRequest } from '../../src/cli/compliance-report.ts';
import { COVERAGE_GAPS } from '../../src/modules/seeding/demo-calendars.ts';
import { graphql } from '../helpers/graphql.ts';

// "Done when": the demo's late step, revision, coverage gap and report-time violation each show up
// through GraphQL and through `npm run compliance`.

const app = createTestApp({ seed: 'demo' });

const OVERVIEW = graphql(`query($year: Int!) { governmentOverview(year: $year) {
  region { code } year status
  approval { step dueAt doneAt lateByMinutes state }
  submission { step dueAt doneAt lateByMinutes state }
  forwarding { step dueAt doneAt lateByMinutes state }
  planGapCount heldGapCount reportTimeViolations plannedEntries entriesHeld meetingsHeld onDemandMeetingsHeld
  calendar { currentRevision revisions { number reason } }
} }`);

describe('the Government view in GraphQL', () => {
  it('shows every region with its dated steps, and the demo has a late one', async () => {
    const late: string[] = [];
    for (const year of [2025, 2026]) {
      const res = await app.gql(OVERVIEW, { year });
      expect(res.errors).toBeUndefined();
      const rows = res.data.governmentOverview;
      expect(rows).toHaveLength(20);
      for (const row of rows) {
        for (const step of [row.approval, row.submission, row.forwarding]) {
          if (step.state === 'LATE') {
            expect(step.lateByMinutes).toBeGreaterThan(0);
            late.push(`${row.region.code} ${year} ${step.step}`);
          }
        }
      }
      // A region without a calendar: nothing done, every step overdue by now (27 November 2026).
      const abai = rows.find((r: any) => r.region.code === 'KZ-10');
      expect(abai).toMatchObject({ status: null, calendar: null, plannedEntries: 0, approval: { state: 'OVERDUE', doneAt: null } });
    }
    expect(late.length).toBeGreaterThanOrEqual(1);
    expect(late).toContain('KZ-61 2025 APPROVED');
  });

  it('shows held vs planned, report-time violations and coverage gap counts per region', async () => {
    const res = await app.gql(OVERVIEW, { year: 2026 });
    const kz19 = res.data.governmentOverview.find((r: any) => r.region.code === 'KZ-19');
    expect(kz19!.plannedEntries).toBeGreaterThan(0);
    expect(kz19!.entriesHeld).toBeGreaterThan(0);
    expect(kz19!.entriesHeld).toBeLessThanOrEqual(kz19!.plannedEntries);
    expect(kz19!.meetingsHeld).toBeGreaterThanOrEqual(kz19!.entriesHeld);
    expect(kz19!.onDemandMeetingsHeld).toBeGreaterThan(0);
    const total = res.data.governmentOverview.reduce((n: number, r: any) => n + r.reportTimeViolations, 0);
    const listed = await app.gql(
      graphql(
        `{ meetings(filter: { reportTimeViolation: true, from: "2026-01-01", to: "2026-12-31" }) { totalCount edges { node { reportTimeViolation reportMinutes plannedDurationMinutes } } } }`,
      ),
    );
    expect(listed.data.meetings.totalCount).toBe(total);
    expect(total).toBeGreaterThanOrEqual(1);
    for (const { node } of listed.data.meetings.edges) {
      expect(node.reportTimeViolation).toBe(true);
      expect(node.reportMinutes! * 4).toBeGreaterThan(node.plannedDurationMinutes);
    }
    const kz61 = res.data.governmentOverview.find((r: any) => r.region.code === 'KZ-61');
    expect(kz61!.planGapCount).toBeGreaterThan(0);
  });

  it('answers for all twenty regions in a fixed handful of SQL statements (no N+1)', async () => {
    app.resetQueries();
    const res = await app.gql(
      graphql(`{ governmentOverview(year: 2026) {
      region { code name } calendar { id status revisions { number } entries { held visitedUnit { code } } }
      approval { state } planGapCount heldGapCount
      compliance { planGaps { akimUnit { code } visitedUnit { code name } rule { code } } }
    } }`),
    );
    expect(res.errors).toBeUndefined();
    expect(app.queries.length).toBeLessThanOrEqual(20);
  });

  it('shows a corrected calendar with every revision readable', async () => {
    const res = await app.gql(
      graphql(`{ calendars(year: 2025) { region { code } currentRevision
      revisions { number reason maslikhatNotifiedOn }
      first: entries(revision: 1) { id } current: entries { id addedInRevision } } }`),
    );
    const revised = res.data.calendars.filter((c: any) => c.currentRevision >= 2);
    expect(revised.length).toBeGreaterThanOrEqual(1);
    for (const c of revised) {
      expect(c.revisions[1]!.reason).toBeTruthy();
      expect(c.revisions[1]!.maslikhatNotifiedOn).toBeTruthy();
      expect(c.current.some((e: any) => e.addedInRevision === 2)).toBe(true);
      expect(c.first.map((e: any) => e.id)).not.toEqual(c.current.map((e: any) => e.id));
    }
  });

  it("lists the demo's coverage gaps in the compliance check", async () => {
    for (const gap of COVERAGE_GAPS) {
      const res = await app.gql(
        graphql(`query($r: String!, $y: Int!) { coverageCompliance(regionCode: $r, year: $y) {
        planGaps { rule { code } akimUnit { code } visitedUnit { code } period { label } } } }`),
        { r: gap.region, y: gap.year },
      );
      const labels = res.data
        .coverageCompliance!.planGaps.filter((g: any) => g.visitedUnit.code === gap.visited && g.akimUnit.code !== gap.visited)
        .map((g: any) => g.period.label);
      expect(labels).toContain(gap.half === 0 ? String(gap.year) : `${gap.year}-H${gap.half}`);
    }
  });
});

/** `npm run compliance -- ...` as its own process (node + tsx, as npm runs it) against this test file's database. */
const complianceCli = (...args: string[]) => runCommand('src/cli/compliance.ts', args, { DATABASE_PATH: app.config.DATABASE_PATH });

/** The same report built in this process (what the command prints), with the clock put back after. */
async function complianceText(request: ComplianceRequest): Promise<string> {
  try {
    return await complianceReport(app.services, request, app.clock);
  } finally {
    app.clock.set(TEST_NOW);
  }
}

// A process costs node and tsx (about 2 s alone, far more while other test files share the two
// cores): the command runs as a process for its printed report and for its failures; the other
// reports are the same function (src/cli/compliance-report.ts) called in this process.
describe('npm run compliance', { timeout: 120_000 }, () => {
  it('prints the coverage of KZ-19 in 2026 with its gaps, steps and report-time violations', async () => {
    const { code, stdout } = await complianceCli('--region', 'KZ-19', '--year', '2026', '--as-of', '2026-11-27');
    expect(code).toBe(0);
    expect(stdout).toContain('Coverage compliance of Almaty Region (KZ-19) for 2026, as of 2026-11-27');
    expect(stdout).toMatch(/Calendar: FORWARDED_TO_ADMINISTRATION, revision 1/);
    expect(stdout).toMatch(/APPROVED\s+due 2026-01-15T\S+\s+ON_TIME/);
    expect(stdout).toContain('D826-2024-DISTRICT');
    expect(Number(stdout.match(/Plan gaps: (\d+)/)?.[1])).toBeGreaterThan(0);
    expect(stdout).toMatch(/Report-time violations: \d+/);
  });

  it("shows the demo's late step, revision, coverage gap and report-time violation", async () => {
    const kz61 = await complianceText({ region: 'KZ-61', year: 2025, asOf: '2026-11-27', json: false });
    expect(kz61).toMatch(/APPROVED\s+due 2025-01-15T\S+\s+LATE by 1 d 16 h 40 min/);
    const report = JSON.parse(await complianceText({ region: 'kz-19', year: 2025, json: true }));
    expect(report.calendar.currentRevision).toBe(2);
    expect(report.revisions[1].reason).toMatch(/паводк/);
    expect(report.compliance.planGaps.some((g: any) => g.visitedUnit.code === 'KZ-19-TALGAR-NURA' && g.period.label === '2025-H2')).toBe(true);
    expect(report.reportTimeViolationMeetings.length).toBe(report.reportTimeViolations);
    const gaps = await complianceText({ region: 'KZ-61', year: 2026, json: false });
    expect(gaps).toMatch(/2026\s+D826-2024-REGION\s+akim KZ-61 -> KZ-61-SHARDARA: planned 0 of 1/);

    // The demo's report-time violation, wherever the seed put it, is listed for its region and year.
    const listed = await app.gql(
      graphql(`{ meetings(filter: { reportTimeViolation: true }, first: 1) { edges { node { id plannedStartAt reportMinutes region { code } } } } }`),
    );
    const violation = listed.data.meetings.edges[0]!.node;
    const number = Buffer.from(violation.id, 'base64').toString().split(':')[1];
    const year = new Date(Date.parse(violation.plannedStartAt) + 5 * 3_600_000).toISOString().slice(0, 4); // in Kazakhstan time
    const printed = await complianceText({ region: violation.region.code, year: Number(year), json: false });
    expect(Number(printed.match(/Report-time violations: (\d+)/)?.[1])).toBeGreaterThanOrEqual(1);
    expect(printed).toMatch(new RegExp(`meeting ${number} .* report ${violation.reportMinutes} of \\d+ min \\(\\d+ %\\)`));
  });

  it('fails with a clear line for an unknown region or a missing argument', async () => {
    const [unknown, missing] = await Promise.all([complianceCli('--region', 'KZ-00', '--year', '2026'), complianceCli('--region', 'KZ-19')]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('region/not_found');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('usage: npm run compliance');
  });
});
