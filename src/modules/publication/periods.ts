import { KAZAKHSTAN_ZONES, localDate, localMidnightUtc, NATIONAL_ZONE } from '../shared/time-zones.ts';

// The decree's two rhythms: calendar quarters for the publication and the 15 February / 15 August
// collection rounds. A problem belongs to its region's days, so a period ends at midnight in the
// region's zone (before March 2024 an hour apart in Astana and Aktobe); a period is over for the
// country once it is over in the last zone ("...Everywhere"). Every bound is an exclusive UTC
// instant, so "at or before the quarter's end" is `at < endExclusiveUtc` on ISO text.

export interface Quarter {
  year: number;
  quarter: number;
}

export interface Round {
  year: number;
  /** 1: the round of 15 February, 2: the round of 15 August. */
  half: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

export function isValidQuarter(q: Quarter): boolean {
  return Number.isInteger(q.year) && q.year >= MIN_YEAR && q.year <= MAX_YEAR && [1, 2, 3, 4].includes(q.quarter);
}

export function isValidRound(r: Round): boolean {
  return Number.isInteger(r.year) && r.year >= MIN_YEAR && r.year <= MAX_YEAR && [1, 2].includes(r.half);
}

/** "2026-Q3" -> { year: 2026, quarter: 3 }; null when malformed. */
export function parseQuarter(label: string): Quarter | null {
  const m = /^(\d{4})-Q([1-4])$/i.exec(label.trim());
  if (!m) return null;
  const q = { year: Number(m[1]), quarter: Number(m[2]) };
  return isValidQuarter(q) ? q : null;
}

export const quarterLabel = (q: Quarter) => `${q.year}-Q${q.quarter}`;

/** "2026-H1" -> the round of 15 February 2026; "2026-H2" -> 15 August 2026. */
export function parseRound(label: string): Round | null {
  const m = /^(\d{4})-H([12])$/i.exec(label.trim());
  if (!m) return null;
  const r = { year: Number(m[1]), half: Number(m[2]) };
  return isValidRound(r) ? r : null;
}

export const roundLabel = (r: Round) => `${r.year}-H${r.half}`;

export function quarterFirstDay(q: Quarter): string {
  return `${q.year}-${pad((q.quarter - 1) * 3 + 1)}-01`;
}

export function nextQuarter(q: Quarter): Quarter {
  return q.quarter === 4 ? { year: q.year + 1, quarter: 1 } : { year: q.year, quarter: q.quarter + 1 };
}

export function compareQuarters(a: Quarter, b: Quarter): number {
  return a.year - b.year || a.quarter - b.quarter;
}

/** The quarter's last calendar day, e.g. 2026-09-30: the "today" against which overdue is judged. */
export function quarterLastDay(q: Quarter): string {
  const next = quarterFirstDay(nextQuarter(q));
  return new Date(Date.parse(`${next}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** The first instant after the quarter in a zone: midnight starting the next quarter, in UTC. */
export function quarterEndExclusiveUtc(q: Quarter, zone: string): string {
  return localMidnightUtc(quarterFirstDay(nextQuarter(q)), zone);
}

/** The latest of a bound over Kazakhstan's zones: when a period is over in every region. */
const latestEverywhere = (bound: (zone: string) => string): string => KAZAKHSTAN_ZONES.map(bound).reduce((a, b) => (a > b ? a : b));

/**
 * A bound per region, computed once per zone: `endOf(regionId)` for a snapshot that freezes each
 * problem as it stood at its own region's midnight.
 */
export function boundsByRegion(regionZone: Map<number, string>, bound: (zone: string) => string): (regionId: number) => string {
  const byZone = new Map<string, string>();
  const of = (zone: string) => byZone.get(zone) ?? byZone.set(zone, bound(zone)).get(zone)!;
  return (regionId) => of(regionZone.get(regionId) ?? NATIONAL_ZONE);
}

/** The first instant after the quarter in every region: when it can be published. */
export function quarterEndedEverywhereUtc(q: Quarter): string {
  return latestEverywhere((zone) => quarterEndExclusiveUtc(q, zone));
}

/** The quarter an instant falls in, in a zone (the capital's by default: the publication calendar). */
export function quarterOf(at: Date | string, zone: string = NATIONAL_ZONE): Quarter {
  const date = localDate(typeof at === 'string' ? new Date(at) : at, zone);
  return { year: Number(date.slice(0, 4)), quarter: Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1 };
}

/** 15 February or 15 August of the round's year. */
export function roundCutoffDate(r: Round): string {
  return `${r.year}-${r.half === 1 ? '02' : '08'}-15`;
}

/** The round collects a problem as it stood at 00:00 of the cutoff date in its region's zone. */
export function roundCutoffUtc(r: Round, zone: string): string {
  return localMidnightUtc(roundCutoffDate(r), zone);
}

/** The cutoff has passed in every region: when the round can be collected. */
export function roundCutoffEverywhereUtc(r: Round): string {
  return latestEverywhere((zone) => roundCutoffUtc(r, zone));
}

export function nextRound(r: Round): Round {
  return r.half === 2 ? { year: r.year + 1, half: 1 } : { year: r.year, half: 2 };
}

/** The first round whose cutoff comes after the given instant. */
export function firstRoundAfter(at: string): Round {
  const year = Number(localDate(new Date(at), NATIONAL_ZONE).slice(0, 4));
  for (let r: Round = { year, half: 1 }; ; r = nextRound(r)) {
    if (roundCutoffEverywhereUtc(r) > at) return r;
  }
}

/**
 * The decree took effect on 3 March 2022: the first quarter published is 2022-Q2 and the first
 * collection round the one of 15 August 2022. Earlier periods would be empty, permanent snapshots.
 */
export const FIRST_QUARTER: Quarter = { year: 2022, quarter: 2 };
export const FIRST_ROUND: Round = { year: 2022, half: 2 };
export const isBeforeDecree = (q: Quarter): boolean => compareQuarters(q, FIRST_QUARTER) < 0;
export const isRoundBeforeDecree = (r: Round): boolean => r.year < FIRST_ROUND.year || (r.year === FIRST_ROUND.year && r.half < FIRST_ROUND.half);
