import { kazakhstanDate, kazakhstanMidnightUtc } from '../shared/localized.ts';

// The decree's two rhythms, in Kazakhstan time (UTC+5): calendar quarters for the publication and
// the 15 February / 15 August collection rounds. Every bound is expressed as an exclusive UTC
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

/** The first instant after the quarter: midnight in Kazakhstan starting the next quarter, in UTC. */
export function quarterEndExclusiveUtc(q: Quarter): string {
  return kazakhstanMidnightUtc(quarterFirstDay(nextQuarter(q)));
}

/** The quarter (in Kazakhstan time) an instant falls in. */
export function quarterOf(at: Date | string): Quarter {
  const date = kazakhstanDate(typeof at === 'string' ? new Date(at) : at);
  return { year: Number(date.slice(0, 4)), quarter: Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1 };
}

/** 15 February or 15 August of the round's year. */
export function roundCutoffDate(r: Round): string {
  return `${r.year}-${r.half === 1 ? '02' : '08'}-15`;
}

/** The round collects problems as they stood at 00:00 of the cutoff date in Kazakhstan. */
export function roundCutoffUtc(r: Round): string {
  return kazakhstanMidnightUtc(roundCutoffDate(r));
}

export function nextRound(r: Round): Round {
  return r.half === 2 ? { year: r.year + 1, half: 1 } : { year: r.year, half: 2 };
}

/** The first round whose cutoff comes after the given instant. */
export function firstRoundAfter(at: string): Round {
  const year = Number(kazakhstanDate(new Date(at)).slice(0, 4));
  for (let r: Round = { year, half: 1 }; ; r = nextRound(r)) {
    if (roundCutoffUtc(r) > at) return r;
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
