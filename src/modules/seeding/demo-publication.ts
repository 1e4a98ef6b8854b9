import type { Db } from '../../db/client.ts';
import { createPublicationRepo } from '../publication/publication.repo.ts';
import { createPublicationService, lockHolder, type DueRunResult } from '../publication/publication.service.ts';
import { createRoundsRepo } from '../publication/rounds.repo.ts';
import {
  nextQuarter,
  nextRound,
  quarterEndedEverywhereUtc,
  quarterLabel,
  quarterOf,
  roundCutoffEverywhereUtc,
  roundLabel,
  firstRoundAfter,
  type Quarter,
  type Round,
} from '../publication/periods.ts';
import { fixedClock } from '../shared/clock.ts';
import { createServices } from '../../services.ts';
import { DEMO_START_DATE, DEMO_TODAY, kzTime } from './demo-time.ts';

// The demo's quarters and collection rounds, each published on the day the scheduler would have
// published it: a quarter `delayHours` after its end (PUBLISH_DELAY_HOURS), a round at its cutoff
// (15 February / 15 August). They go through the real publication service on a clock moved to each
// date in turn, so "published on" reads as in a real deployment, never as the day the seed ran.

/** When the scheduler publishes quarter `q`: its end in every region plus the delay. */
export function quarterDueAt(q: Quarter, delayHours: number): string {
  return new Date(Date.parse(quarterEndedEverywhereUtc(q)) + delayHours * 3_600_000).toISOString();
}

type Step = { at: string; quarter: Quarter } | { at: string; round: Round };

/** Every quarter and round due by the demo's "today", oldest first (a round before a quarter due at the same instant). */
export function demoPublicationSteps(delayHours: number): Step[] {
  const today = kzTime(DEMO_TODAY, 12);
  const steps: Step[] = [];
  for (let q = quarterOf(kzTime(DEMO_START_DATE, 12)); quarterDueAt(q, delayHours) <= today; q = nextQuarter(q)) {
    steps.push({ at: quarterDueAt(q, delayHours), quarter: q });
  }
  for (let r = firstRoundAfter(kzTime(DEMO_START_DATE, 12)); roundCutoffEverywhereUtc(r) <= today; r = nextRound(r)) {
    steps.push({ at: roundCutoffEverywhereUtc(r), round: r });
  }
  return steps.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 'round' in a ? -1 : 1));
}

export async function publishDemoPeriods(db: Db, delayHours: number): Promise<DueRunResult> {
  const clock = fixedClock(kzTime(DEMO_START_DATE, 12));
  const services = createServices({ db, clock });
  // Without the search listener: the published index is rebuilt once at the end, not once per quarter.
  const publication = createPublicationService({
    repo: createPublicationRepo(db),
    rounds: createRoundsRepo(db),
    organizations: services.organizations,
    policy: services.policy,
    clock,
  });
  const result: DueRunResult = { skipped: null, published: [], collected: [] };
  const holder = lockHolder('seed');
  for (const step of demoPublicationSteps(delayHours)) {
    clock.set(step.at);
    if ('quarter' in step) {
      if ((await publication.publishQuarter(step.quarter, { holder, pace: 'batch' })).created) result.published.push(quarterLabel(step.quarter));
    } else if ((await publication.collectRound(step.round, { holder })).created) {
      result.collected.push(roundLabel(step.round));
    }
  }
  if (result.published.length) await services.search.quarterPublished();
  return result;
}
