import { kazakhstanDate } from './localized.ts';

/** The Clock port: services ask it for the time so tests can pin "now". */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(iso: string): Clock & { set(iso: string): void } {
  let at = new Date(iso);
  return { now: () => new Date(at), set: (next) => (at = new Date(next)) };
}

/** Today's date in Kazakhstan, the reference for "overdue". */
export function todayInKazakhstan(clock: Clock): string {
  return kazakhstanDate(clock.now());
}
