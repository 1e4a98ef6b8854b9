// Strict ISO-8601 parsing for what clients send. `Date.parse` rolls 2026-02-30 over to 2 March and
// reads a bare date as UTC midnight, and `new Date('2026-13-01')` throws on toISOString(): a value
// we cannot represent exactly is refused instead.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** `YYYY-MM-DD` when it names a real day, otherwise null. */
export function parseIsoDate(value: string): string | null {
  const m = DATE.exec(value);
  if (!m) return null;
  return isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) ? value : null;
}

/**
 * An instant with an explicit offset (`Z` or `±HH:MM`) as a UTC ISO string, or null when the text is
 * not such an instant (no offset, an impossible day, hour 24, offset beyond ±14:00).
 */
export function parseIsoDateTime(value: string): string | null {
  const m = DATE_TIME.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i])) as [number, number, number, number, number];
  const second = Number(m[6] ?? 0);
  const millis = Number((m[7] ?? '0').padEnd(3, '0'));
  if (!isCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (m[8] !== 'Z') {
    const hours = Number(m[10]);
    const minutes = Number(m[11]);
    if (hours > 14 || minutes > 59 || (hours === 14 && minutes > 0)) return null;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
  const instant = new Date(utc);
  return Number.isNaN(instant.getTime()) ? null : instant.toISOString();
}
