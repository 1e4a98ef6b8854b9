import {
  compareQuarters,
  nextQuarter,
  nextRound,
  quarterEndedEverywhereUtc,
  quarterLabel,
  quarterOf,
  roundCutoffEverywhereUtc,
  roundLabel,
  type Quarter,
  type Round,
} from '../publication/periods.ts';
import { localDate, NATIONAL_ZONE } from '../shared/time-zones.ts';

// What the Government office has to do next, from what is already published or collected and the
// clock: the publication service decides how to publish; this only says what is due and when.
// Publications form a chain without gaps, so everything after the latest published quarter up to
// the last ended one is due (publishing the newest of them publishes the earlier ones first).

export interface DuePlan {
  /** Due now, oldest first (a quarter that has ended, a round whose cutoff has passed). */
  due: string[];
  /** The first one not due yet, and the instant from which it is. */
  upcoming: { label: string; from: string };
}

const previousQuarter = (q: Quarter): Quarter => (q.quarter === 1 ? { year: q.year - 1, quarter: 4 } : { year: q.year, quarter: q.quarter - 1 });
const latestOf = <T>(items: T[], compare: (a: T, b: T) => number): T | undefined => [...items].sort(compare).at(-1);

export function quarterPlan(published: Quarter[], now: Date): DuePlan {
  // The quarter under way somewhere: before March 2024 a quarter ended an hour later in the west.
  let current = quarterOf(now);
  while (quarterEndedEverywhereUtc(previousQuarter(current)) > now.toISOString()) current = previousQuarter(current);
  const lastEnded = previousQuarter(current);
  const latest = latestOf(published, compareQuarters);
  const due: string[] = [];
  if (!latest) due.push(quarterLabel(lastEnded));
  else for (let q = nextQuarter(latest); compareQuarters(q, lastEnded) <= 0; q = nextQuarter(q)) due.push(quarterLabel(q));
  // The quarter under way is never published before it ends.
  return { due, upcoming: { label: quarterLabel(current), from: quarterEndedEverywhereUtc(current) } };
}

const compareRounds = (a: Round, b: Round) => a.year - b.year || a.half - b.half;

/** The latest round whose cutoff (15 February / 15 August, 00:00 in every region) is not after `now`. */
function lastPassedRound(now: Date): Round {
  const iso = now.toISOString();
  const year = Number(localDate(now, NATIONAL_ZONE).slice(0, 4));
  for (const r of [
    { year, half: 2 },
    { year, half: 1 },
  ])
    if (roundCutoffEverywhereUtc(r) <= iso) return r;
  return { year: year - 1, half: 2 };
}

export function roundPlan(collected: Round[], now: Date): DuePlan {
  const lastPassed = lastPassedRound(now);
  const latest = latestOf(collected, compareRounds);
  const due: string[] = [];
  if (!latest) due.push(roundLabel(lastPassed));
  else for (let r = nextRound(latest); compareRounds(r, lastPassed) <= 0; r = nextRound(r)) due.push(roundLabel(r));
  const after = latest && compareRounds(latest, lastPassed) > 0 ? latest : lastPassed;
  const upcoming = nextRound(after);
  return { due, upcoming: { label: roundLabel(upcoming), from: roundCutoffEverywhereUtc(upcoming) } };
}
