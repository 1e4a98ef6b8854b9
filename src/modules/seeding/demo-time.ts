// The demo's clock. Everything is anchored to these constants, never to Date.now(), so every run
// writes the same rows. Kazakhstan keeps UTC+5 all year; stored times are UTC.

export const DEMO_START_DATE = '2025-01-10';
/** The last moment anything in the demo happened (23:00 in Kazakhstan on 20 November 2026). */
export const DEMO_END_AT = '2026-11-20T18:00:00.000Z';
export const DEMO_END_DATE = '2026-11-20';
/** "Today" for the demo: deadlines before it are overdue, meetings after it are still planned. */
export const DEMO_TODAY = '2026-11-27';
export const KZ_UTC_OFFSET_HOURS = 5;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export function ms(iso: string): number {
  const value = Date.parse(iso.length === 10 ? `${iso}T00:00:00.000Z` : iso);
  if (Number.isNaN(value)) throw new Error(`bad date "${iso}"`);
  return value;
}
export function iso(millis: number): string {
  return new Date(millis).toISOString();
}

/** A wall-clock time in Kazakhstan as a UTC ISO string: kzTime('2026-01-15', 18, 0) = '2026-01-15T13:00:00.000Z'. */
export function kzTime(date: string, hour: number, minute = 0): string {
  return iso(ms(date) + (hour - KZ_UTC_OFFSET_HOURS) * 60 * MINUTE + minute * MINUTE);
}
/** The Kazakhstan calendar date of a UTC instant. */
export function kzDate(at: string): string {
  return iso(ms(at) + KZ_UTC_OFFSET_HOURS * 60 * MINUTE).slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return iso(ms(date) + days * DAY).slice(0, 10);
}
export function addMinutes(at: string, minutes: number): string {
  return iso(ms(at) + Math.round(minutes * MINUTE));
}
export function minutesBetween(from: string, to: string): number {
  return (ms(to) - ms(from)) / MINUTE;
}
export function daysBetween(from: string, to: string): number {
  return (ms(to) - ms(from)) / DAY;
}
/** The last day of the month `months` months after the month of `date`. */
export function monthEnd(date: string, months = 0): string {
  const d = new Date(ms(date));
  return iso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months + 1, 0)).slice(0, 10);
}
export function minIso(a: string, b: string): string {
  return a < b ? a : b;
}
export function maxIso(a: string, b: string): string {
  return a > b ? a : b;
}
