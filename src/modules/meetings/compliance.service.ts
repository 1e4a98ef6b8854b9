import { z } from 'zod';
import type { CalendarRow, CalendarsRepo, CoverageRuleRow, RevisionRow, UnitRow } from './calendars.repo.ts';
import type { GeographyService } from '../geography/geography.service.ts';
import type { Clock } from '../shared/clock.ts';
import { todayIn } from '../shared/clock.ts';
import { NotFoundError } from '../shared/errors.ts';
import { localDate, localMidnightUtc } from '../shared/time-zones.ts';
import type { QueryPlan } from '../shared/query-plan.ts';
import { calendarSteps, obligationsFrom, type StepView } from './calendar-deadlines.ts';
import { evaluateCoverage, type CoverageGap, type PeriodWindow } from './coverage.ts';
import { parseInput } from '../shared/validation.ts';
import { MEETING_CONDUCT_FLAGS, type MeetingConductFlag } from '../shared/enums.ts';

export interface GapView {
  rule: CoverageRuleRow;
  akimUnit: UnitRow;
  visitedUnit: UnitRow;
  period: PeriodWindow;
  required: number;
  found: number;
  periodEnded: boolean;
}

export interface ComplianceReport {
  region: UnitRow;
  year: number;
  calendar: CalendarRow | null;
  /** The calendar revision whose entries were checked (null without a calendar: everything is a gap). */
  revision: number | null;
  appliedRules: { rule: CoverageRuleRow; periods: PeriodWindow[] }[];
  planGaps: GapView[];
  heldGaps: GapView[];
  /** Today in Kazakhstan when the report was made: held gaps of periods not over yet are provisional. */
  asOf: string;
  /** Meetings planned in the year that carry each conduct flag (conduct.ts), every flag listed. */
  conductBreaches: { flag: MeetingConductFlag; meetings: number }[];
}

export interface RegionYearOverview {
  region: UnitRow;
  year: number;
  calendar: CalendarRow | null;
  steps: StepView[];
  revisions: RevisionRow[];
  compliance: ComplianceReport;
  plannedEntries: number;
  entriesHeld: number;
  meetingsHeld: number;
  onDemandMeetingsHeld: number;
  reportTimeViolations: number;
}

const yearSchema = z.number().int().min(2022).max(2100);

export function createComplianceService({ repo, geography, clock }: { repo: CalendarsRepo; geography: GeographyService; clock: Clock }) {
  /**
   * The regions grouped by the UTC window of the year in their zone: before 2024 a year began at
   * 18:00Z in Astana and at 19:00Z in Aktobe, so there are two groups; from 2024 there is one.
   */
  function yearWindows(regionIds: number[], year: number) {
    const groups = new Map<string, { fromUtc: string; beforeUtc: string; regionIds: number[] }>();
    for (const regionId of regionIds) {
      const zone = geography.zoneOfRegion(regionId);
      const fromUtc = localMidnightUtc(`${year}-01-01`, zone);
      const beforeUtc = localMidnightUtc(`${year + 1}-01-01`, zone);
      const group = groups.get(fromUtc + beforeUtc) ?? { fromUtc, beforeUtc, regionIds: [] };
      group.regionIds.push(regionId);
      groups.set(fromUtc + beforeUtc, group);
    }
    return [...groups.values()];
  }
  /** One query per window group, each answering for its own regions only. */
  async function perWindow<T extends { regionId: number }>(
    regionIds: number[],
    year: number,
    read: (g: { fromUtc: string; beforeUtc: string; regionIds: number[] }) => Promise<T[]> | T[],
  ) {
    const parts = await Promise.all(yearWindows(regionIds, year).map(async (g) => (await read(g)).filter((row) => g.regionIds.includes(row.regionId))));
    return parts.flat();
  }

  /** Coverage for several regions from a handful of queries, whatever their number. */
  async function complianceFor(regions: UnitRow[], year: number): Promise<Map<number, ComplianceReport>> {
    const regionIds = regions.map((r) => r.id);
    const now = clock.now().toISOString();
    const [units, rules, calendars, held, conduct] = await Promise.all([
      repo.findUnitsOfRegions(regionIds),
      repo.findRules(),
      repo.findMany({ year, regionIds }),
      perWindow(regionIds, year, (g) => repo.findHeldMeetings(g.regionIds, g.fromUtc, g.beforeUtc)),
      perWindow(regionIds, year, (g) => repo.conductCountsByRegion(g.regionIds, g.fromUtc, g.beforeUtc, now)),
    ]);
    const entries = await repo.findCurrentEntriesOf(calendars.map((c) => c.id));
    const unitsById = new Map(units.map((u) => [u.id, u]));
    const rulesById = new Map(rules.map((r) => [r.id, r]));
    const view = (g: CoverageGap): GapView => ({
      rule: rulesById.get(g.ruleId)!,
      akimUnit: unitsById.get(g.akimUnitId)!,
      visitedUnit: unitsById.get(g.visitedUnitId)!,
      period: g.period,
      required: g.required,
      found: g.found,
      periodEnded: g.periodEnded,
    });
    const reports = new Map<number, ComplianceReport>();
    for (const region of regions) {
      const zone = geography.zoneOfRegion(region.id);
      const today = todayIn(clock, zone);
      const calendar = calendars.find((c) => c.regionId === region.id) ?? null;
      const result = evaluateCoverage({
        year,
        units: units.filter((u) => u.regionId === region.id),
        rules,
        planned: calendar ? entries.filter((e) => e.calendarId === calendar.id) : [],
        held: held.filter((m) => m.regionId === region.id && m.actualStartAt).map((m) => ({ ...m, heldOn: localDate(new Date(m.actualStartAt!), zone) })),
        today,
      });
      reports.set(region.id, {
        region,
        year,
        calendar,
        revision: calendar?.currentRevision ?? null,
        appliedRules: result.applied.map((a) => ({ rule: rulesById.get(a.ruleId)!, periods: a.periods })),
        planGaps: result.planGaps.map(view),
        heldGaps: result.heldGaps.map(view),
        asOf: today,
        conductBreaches: MEETING_CONDUCT_FLAGS.map((flag) => ({
          flag,
          meetings: Number(conduct.find((c) => c.regionId === region.id)?.[flag] ?? 0),
        })),
      });
    }
    return reports;
  }

  async function overviewFor(regions: UnitRow[], year: number): Promise<RegionYearOverview[]> {
    const reports = await complianceFor(regions, year);
    const calendars = [...reports.values()].flatMap((r) => (r.calendar ? [r.calendar] : []));
    const calendarIds = calendars.map((c) => c.id);
    const [transitions, revisions, entries, counts, decreeInForceFrom] = await Promise.all([
      repo.findTransitions(calendarIds),
      repo.findRevisions(calendarIds),
      repo.findCurrentEntriesOf(calendarIds),
      perWindow(
        regions.map((r) => r.id),
        year,
        (g) => repo.meetingCountsByRegion(g.fromUtc, g.beforeUtc),
      ),
      repo.decreeInForceFrom(),
    ]);
    const heldEntries = await repo.heldEntryIds(entries.map((e) => e.id));
    const now = clock.now();
    return regions.map((region) => {
      const compliance = reports.get(region.id)!;
      const calendar = compliance.calendar;
      const own = calendar ? entries.filter((e) => e.calendarId === calendar.id) : [];
      const count = counts.find((c) => c.regionId === region.id);
      return {
        region,
        year,
        calendar,
        steps: calendarSteps(
          calendar ?? { year, approvedAt: null, submittedAt: null, forwardedAt: null },
          calendar ? transitions.filter((t) => t.calendarId === calendar.id) : [],
          now,
          obligationsFrom(decreeInForceFrom ?? '', region.establishedOn),
          geography.zoneOfRegion(region.id),
        ),
        revisions: calendar ? revisions.filter((r) => r.calendarId === calendar.id) : [],
        compliance,
        plannedEntries: own.length,
        entriesHeld: own.filter((e) => heldEntries.has(e.id)).length,
        meetingsHeld: Number(count?.held ?? 0),
        onDemandMeetingsHeld: Number(count?.onDemandHeld ?? 0),
        reportTimeViolations: Number(count?.reportTimeViolations ?? 0),
      };
    });
  }

  async function requireRegion(regionCode: string): Promise<UnitRow> {
    const region = await geography.findUnitByCode(regionCode);
    if (!region || region.parentId !== null) throw new NotFoundError('region', `No region has the code ${regionCode.trim().toUpperCase()}.`);
    return region;
  }

  return {
    /** Coverage rules, all of them or those in force on a date. */
    listCoverageRules: (on?: string | null, plan?: QueryPlan) => (on ? repo.findRulesInForce(on, plan) : repo.findRules(plan)),

    /** Every unit lacking a required visiting meeting in each period of the year, for the plan and for what was held. */
    async checkCompliance(regionCode: string, year: number): Promise<ComplianceReport> {
      const y = parseInput(yearSchema, year, ['year']);
      const region = await requireRegion(regionCode);
      return (await complianceFor([region], y)).get(region.id)!;
    },
    /** The same for a public read: null for an unknown region or a year the decree does not cover. */
    async findCompliance(regionCode: string, year: number): Promise<ComplianceReport | null> {
      if (!yearSchema.safeParse(year).success) return null;
      const region = await geography.findUnitByCode(regionCode);
      if (!region || region.parentId !== null) return null;
      return (await complianceFor([region], year)).get(region.id)!;
    },
    async complianceOf(regionId: number, year: number): Promise<ComplianceReport> {
      const region = await geography.findUnitById(regionId);
      if (!region) throw new NotFoundError('region');
      return (await complianceFor([region], year)).get(region.id)!;
    },

    /** The Government's view of a year: every region's dated steps, coverage, report-time violations, held vs planned. */
    async governmentOverview(year: number): Promise<RegionYearOverview[]> {
      // A year the decree does not cover has nothing to show (like an unknown region in findCompliance).
      if (!yearSchema.safeParse(year).success) return [];
      return overviewFor((await geography.listRegions()) as UnitRow[], year);
    },
    /** The same for one region (the compliance CLI). */
    async regionOverview(regionCode: string, year: number): Promise<RegionYearOverview> {
      const y = parseInput(yearSchema, year, ['year']);
      return (await overviewFor([await requireRegion(regionCode)], y))[0]!;
    },
  };
}
export type ComplianceService = ReturnType<typeof createComplianceService>;
