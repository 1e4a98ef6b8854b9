// Local time in Kazakhstan's regions. Since 1 March 2024 the whole country is on UTC+5; before that
// most regions (the capital, Almaty, Shymkent, the south and the east) were on UTC+6 and the west on
// UTC+5. A region's deadlines, "raised on" days and period bounds are its own local days, so every
// conversion between a calendar day and an instant goes through the region's IANA zone (docs/decree.md).
// Node's ICU data is used: the tzdata it ships (2024a or later) knows the 2024 change, and
// `assertTimeZoneData` refuses to run on one that does not.

/** The tz database zones that cover Kazakhstan (zone.tab, country KZ). */
export const KAZAKHSTAN_ZONES = ['Asia/Almaty', 'Asia/Qostanay', 'Asia/Qyzylorda', 'Asia/Aqtobe', 'Asia/Aqtau', 'Asia/Atyrau', 'Asia/Oral'] as const;
export type KazakhstanZone = (typeof KAZAKHSTAN_ZONES)[number];

/**
 * The zone of dates that belong to no region: the Government's (15 February and 15 August, the
 * publication calendar) and a staff page's "today". The capital, Astana, is on Asia/Almaty.
 */
export const NATIONAL_ZONE: KazakhstanZone = 'Asia/Almaty';

export const isKazakhstanZone = (zone: string): zone is KazakhstanZone => (KAZAKHSTAN_ZONES as readonly string[]).includes(zone);

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Offsets by zone and UTC hour; NaN marks an hour with a change of offset inside it. */
const hourlyOffsets = new Map<string, number>();

/**
 * The zone's offset from UTC at the instant, in minutes (360 for UTC+6). Asking ICU costs some
 * microseconds, and a list of problems asks once per row ("overdue" needs the region's today), so
 * the offset is kept per zone and hour when it is the same at both ends of the hour.
 */
export function offsetMinutesAt(zone: string, at: Date | number): number {
  const ms = typeof at === 'number' ? at : at.getTime();
  const hour = Math.floor(ms / HOUR);
  const key = `${zone} ${hour}`;
  let offset = hourlyOffsets.get(key);
  if (offset === undefined) {
    const first = exactOffsetMinutes(zone, hour * HOUR);
    offset = first === exactOffsetMinutes(zone, hour * HOUR + HOUR - 1000) ? first : Number.NaN;
    if (hourlyOffsets.size >= 10_000) hourlyOffsets.clear();
    hourlyOffsets.set(key, offset);
  }
  return Number.isNaN(offset) ? exactOffsetMinutes(zone, ms) : offset;
}

function exactOffsetMinutes(zone: string, ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const p = Object.fromEntries(
    partsFormatter(zone)
      .formatToParts(whole)
      .map((x) => [x.type, x.value]),
  );
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - whole) / 60_000);
}

/** The instant shifted to the zone's wall clock, as a UTC ISO text (for slicing dates and times). */
function wallClock(at: Date | number, zone: string): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  return new Date(ms + offsetMinutesAt(zone, ms) * 60_000).toISOString();
}

/** Per zone, the last day asked for and the UTC span (within one hour of a steady offset) it covers. */
const lastDays = new Map<string, { from: number; to: number; date: string }>();

/**
 * The calendar day in the zone at the instant, as YYYY-MM-DD. A list asks it for every row with the
 * same instant ("now"), so the answer is kept per zone for the rest of the hour (or of the day, if
 * sooner), and only while the zone's offset is the same all hour.
 */
export function localDate(at: Date | number, zone: string): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  const last = lastDays.get(zone);
  if (last && ms >= last.from && ms < last.to) return last.date;
  const date = wallClock(ms, zone).slice(0, 10);
  const hourStart = Math.floor(ms / HOUR) * HOUR;
  const offset = hourlyOffsets.get(`${zone} ${hourStart / HOUR}`);
  if (offset !== undefined && !Number.isNaN(offset)) {
    const local = ms + offset * 60_000;
    const dayStart = local - (((local % DAY) + DAY) % DAY) - offset * 60_000;
    lastDays.set(zone, { from: Math.max(dayStart, hourStart), to: Math.min(dayStart + DAY, hourStart + HOUR), date });
  }
  return date;
}

/** The instant as W3C date-time with the zone's offset at that instant, e.g. 2024-02-29T23:30:00+05:00. */
export function localDateTime(at: Date | number, zone: string): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  const offset = offsetMinutesAt(zone, ms);
  const sign = offset < 0 ? '-' : '+';
  const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const mm = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${wallClock(ms, zone).slice(0, 19)}${sign}${hh}:${mm}`;
}

/**
 * The UTC instant (ISO text) at which a wall-clock time of the zone happens. Kazakhstan's changes
 * since 1992 moved clocks back or kept them, so every wall-clock time exists; in the repeated hour
 * the earlier instant is taken.
 */
export function zonedTimeToUtc(date: string, time: string, zone: string): string {
  const wall = Date.parse(`${date}T${time}Z`);
  // Two passes: the offset at the first guess may be the one from the other side of a change.
  let guess = wall - offsetMinutesAt(zone, wall) * 60_000;
  guess = wall - offsetMinutesAt(zone, guess) * 60_000;
  const earlier = wall - offsetMinutesAt(zone, guess - 3_600_000) * 60_000;
  return new Date(localDateTime(earlier, zone).slice(0, 19) === `${date}T${time}`.slice(0, 19) ? Math.min(earlier, guess) : guess).toISOString();
}

/** The UTC instant at which a calendar day of the zone begins (plus some days). */
export function localMidnightUtc(date: string, zone: string, plusDays = 0): string {
  const day = new Date(Date.parse(`${date}T00:00:00Z`) + plusDays * 86_400_000).toISOString().slice(0, 10);
  return zonedTimeToUtc(day, '00:00:00', zone);
}

/** The last millisecond of a calendar day of the zone: "by 15 January" means up to this instant. */
export function localEndOfDayUtc(date: string, zone: string): string {
  return new Date(Date.parse(localMidnightUtc(date, zone, 1)) - 1).toISOString();
}

/**
 * Stops the program when Node's time-zone data predates Kazakhstan's 2024 change: every date before
 * March 2024 would then be an hour off for the capital and the east, silently.
 */
export function assertTimeZoneData(): void {
  const before = offsetMinutesAt('Asia/Almaty', Date.parse('2024-02-01T00:00:00Z'));
  const after = offsetMinutesAt('Asia/Almaty', Date.parse('2024-03-02T00:00:00Z'));
  if (before !== 360 || after !== 300) {
    throw new Error(
      `This Node's time-zone data (tz ${process.versions.tz ?? 'unknown'}) does not know that Kazakhstan moved to UTC+5 on 1 March 2024; use Node 20.12 or later (tzdata 2024a+).`,
    );
  }
}

/**
 * A value computed per zone for a query over many regions (today's date, a day's first instant):
 * `value` in every region except the listed ones. Since March 2024 every zone agrees and `except`
 * is empty, so the query keeps its single condition.
 */
export interface Zoned<T> {
  value: T;
  except: { regionIds: number[]; value: T }[];
}
export const sameEverywhere = <T>(value: T): Zoned<T> => ({ value, except: [] });

/** The value for one region. */
export function zonedFor<T>(z: Zoned<T>, regionId: number): T {
  return z.except.find((e) => e.regionIds.includes(regionId))?.value ?? z.value;
}
