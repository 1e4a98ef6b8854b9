import type { AkimLevel, CoveragePeriod, UnitKind } from '../shared/enums.ts';

// The coverage check as a pure function of rows, so that the service can feed it one region or all
// twenty from the same few queries, and the rules stay data (coverage_rules), never code.

export interface CoverageRuleData {
  id: number;
  code: string;
  akimLevel: AkimLevel;
  visitedKinds: UnitKind[];
  period: CoveragePeriod;
  minMeetings: number;
  effectiveFrom: string;
  effectiveTo: string | null;
}

export interface UnitData {
  id: number;
  kind: UnitKind;
  parentId: number | null;
  /** Set for a unit created after the decree took effect. */
  establishedOn: string | null;
}

/** A planned visiting meeting of the calendar revision being checked. */
export interface PlannedVisit {
  akimUnitId: number;
  visitedUnitId: number;
  plannedFrom: string;
  plannedTo: string;
}

/** A meeting actually held, with its start as a Kazakhstan calendar date. */
export interface HeldVisit {
  akimUnitId: number;
  unitId: number;
  visiting: boolean;
  heldOn: string;
}

export interface PeriodWindow {
  kind: CoveragePeriod;
  /** e.g. 2026, 2026-H1, 2026-Q3 */
  label: string;
  from: string;
  to: string;
}

export interface CoverageGap {
  ruleId: number;
  akimUnitId: number;
  visitedUnitId: number;
  period: PeriodWindow;
  required: number;
  found: number;
  /** For the held check: the period is over, so the shortfall is final. Always true for the plan. */
  periodEnded: boolean;
}

export interface AppliedRule {
  ruleId: number;
  periods: PeriodWindow[];
}

export interface CoverageResult {
  applied: AppliedRule[];
  planGaps: CoverageGap[];
  heldGaps: CoverageGap[];
}

/** Which unit kind's akim a rule's level speaks of. */
export const AKIM_UNIT_KIND: Record<AkimLevel, UnitKind> = {
  REGION: 'OBLAST',
  CITY_REPUBLICAN: 'CITY_REPUBLICAN',
  DISTRICT: 'DISTRICT',
  CITY_OBLAST: 'CITY_OBLAST',
  TOWN: 'TOWN',
  RURAL_OKRUG: 'RURAL_OKRUG',
};

/**
 * The akim level of a unit's akim, or null for units without an akim (villages). The akim of a
 * city district ranks as a district akim, as recordMeeting has it too.
 */
export function akimLevelOf(kind: UnitKind): AkimLevel | null {
  if (kind === 'CITY_DISTRICT') return 'DISTRICT';
  const found = (Object.entries(AKIM_UNIT_KIND) as [AkimLevel, UnitKind][]).find(([, k]) => k === kind);
  return found ? found[0] : null;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function periodsOfYear(year: number, kind: CoveragePeriod): PeriodWindow[] {
  const months = kind === 'YEAR' ? 12 : kind === 'HALF_YEAR' ? 6 : 3;
  const windows: PeriodWindow[] = [];
  for (let start = 1, n = 1; start <= 12; start += months, n++) {
    const end = start + months - 1;
    windows.push({
      kind,
      label: kind === 'YEAR' ? String(year) : `${year}-${kind === 'HALF_YEAR' ? 'H' : 'Q'}${n}`,
      from: `${year}-${pad(start)}-01`,
      to: `${year}-${pad(end)}-${pad(lastDayOfMonth(year, end))}`,
    });
  }
  return windows;
}

/** effectiveTo is exclusive: a rule applies on dates d with effectiveFrom <= d < effectiveTo. */
export function ruleInForce(rule: Pick<CoverageRuleData, 'effectiveFrom' | 'effectiveTo'>, date: string): boolean {
  return rule.effectiveFrom <= date && (rule.effectiveTo === null || date < rule.effectiveTo);
}

/**
 * Each rule is evaluated for the periods of the year that start while it is in force, so a year
 * that crosses a change of the law is judged period by period under the rule of that period. The
 * same holds for the first year: the decree took effect on 3 March 2022, so 2022-Q1 and 2022-H1 owe
 * nothing; 2022-Q2 onwards does.
 */
export function applicableRules(rules: CoverageRuleData[], year: number): AppliedRule[] {
  return rules
    .map((rule) => ({ ruleId: rule.id, periods: periodsOfYear(year, rule.period).filter((p) => ruleInForce(rule, p.from)) }))
    .filter((a) => a.periods.length > 0);
}

export interface CoverageInput {
  year: number;
  /** Every unit of the region, the region itself included. */
  units: UnitData[];
  rules: CoverageRuleData[];
  planned: PlannedVisit[];
  held: HeldVisit[];
  /** Today in Kazakhstan: the held check skips periods that have not started. */
  today: string;
}

export function evaluateCoverage(input: CoverageInput): CoverageResult {
  const children = new Map<number, UnitData[]>();
  for (const unit of input.units) {
    if (unit.parentId === null) continue;
    children.set(unit.parentId, [...(children.get(unit.parentId) ?? []), unit]);
  }
  const below = (unitId: number): UnitData[] => (children.get(unitId) ?? []).flatMap((child) => [child, ...below(child.id)]);

  const plannedByPair = groupBy(input.planned, (p) => `${p.akimUnitId}:${p.visitedUnitId}`);
  const heldByPair = groupBy(input.held, (h) => `${h.akimUnitId}:${h.unitId}`);
  const rulesById = new Map(input.rules.map((r) => [r.id, r]));

  // A unit exists from its own establishment and from that of every unit above it (a district of
  // Abai region belongs to that region, and owes it visits, only from 8 June 2022).
  const unitsById = new Map(input.units.map((u) => [u.id, u]));
  const existsFrom = (unit: UnitData): string => {
    let from = '';
    for (let u: UnitData | undefined = unit; u; u = u.parentId === null ? undefined : unitsById.get(u.parentId)) {
      if (u.establishedOn && u.establishedOn > from) from = u.establishedOn;
    }
    return from;
  };

  const akimsOf = (rule: CoverageRuleData) => input.units.filter((u) => u.kind === AKIM_UNIT_KIND[rule.akimLevel]);
  // A rule about akims the region does not have (a city akim in an oblast) is not reported as applied.
  const applied = applicableRules(input.rules, input.year).filter((a) => akimsOf(rulesById.get(a.ruleId)!).length > 0);
  const planGaps: CoverageGap[] = [];
  const heldGaps: CoverageGap[] = [];
  for (const { ruleId, periods } of applied) {
    const rule = rulesById.get(ruleId)!;
    for (const akim of akimsOf(rule)) {
      const named = below(akim.id).filter((u) => rule.visitedKinds.includes(u.kind));
      // Microdistricts are not administrative units and most villages are not in the reference
      // data: an akim with none of the named units below is held to a meeting in their own unit.
      const ownTerritory = named.length === 0;
      const visited = ownTerritory ? [akim] : named;
      const akimFrom = existsFrom(akim);
      for (const unit of visited) {
        const unitFrom = existsFrom(unit);
        const owed = periods.filter((p) => p.from >= akimFrom && p.from >= unitFrom);
        const key = `${akim.id}:${unit.id}`;
        const plans = plannedByPair.get(key) ?? [];
        // Meetings in the akim's own territory count whether or not they were marked visiting.
        const helds = (heldByPair.get(key) ?? []).filter((h) => ownTerritory || h.visiting);
        for (const period of owed) {
          const base = { ruleId, akimUnitId: akim.id, visitedUnitId: unit.id, period, required: rule.minMeetings };
          const plannedCount = plans.filter((p) => p.plannedFrom <= period.to && p.plannedTo >= period.from).length;
          if (plannedCount < rule.minMeetings) planGaps.push({ ...base, found: plannedCount, periodEnded: true });
          if (period.from > input.today) continue;
          const heldCount = helds.filter((h) => h.heldOn >= period.from && h.heldOn <= period.to).length;
          if (heldCount < rule.minMeetings) {
            heldGaps.push({ ...base, found: heldCount, periodEnded: period.to < input.today });
          }
        }
      }
    }
  }
  return { applied, planGaps, heldGaps };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
