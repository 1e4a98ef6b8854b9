import { localDate } from './time-zones.ts';

/** The Clock port: services ask it for the time so tests can pin "now". */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(iso: string): Clock & { set(iso: string): void } {
  let at = new Date(iso);
  return { now: () => new Date(at), set: (next) => (at = new Date(next)) };
}

/** Today's date in a zone (a region's, for its "overdue"; NATIONAL_ZONE for the country's). */
export function todayIn(clock: Clock, zone: string): string {
  return localDate(clock.now(), zone);
}
