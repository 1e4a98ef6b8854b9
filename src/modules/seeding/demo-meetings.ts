import type { meetingAudience, meetingBroadcasts, meetings } from '../meetings/meetings.tables.ts';
import { ANNOUNCEMENT_CHANNELS, AUDIENCE_CATEGORIES, type AkimLevel, type MeetingStatus, type UnitKind } from '../shared/enums.ts';
import { MISSING_CALENDARS, type EntryPlan } from './demo-calendars.ts';
import type { DemoContext, DemoUnit } from './demo-context.ts';
import { CANCELLED_RESULTS, placeName, VENUES_RURAL, VENUES_TOWN, type ByLanguage } from './demo-texts.ts';
import { addDays, addMinutes, DEMO_END_AT, DEMO_END_DATE, kzTime, minIso } from './demo-time.ts';
import type { Rng } from './random.ts';
import { unitSetting } from './demo-issues.ts';

// Meetings: one for every calendar entry of 2025-2026 (held when its date has passed, planned
// otherwise), one cancelled and rescheduled, and on-demand meetings outside the calendar.

export type MeetingTier = 'TOP' | 'DISTRICT' | 'ON_DEMAND';
export interface MeetingPlan {
  id: number;
  tier: MeetingTier;
  unit: DemoUnit;
  akimUnit: DemoUnit;
  status: MeetingStatus;
  actualStartAt: string | null;
  actualEndAt: string | null;
}
export interface MeetingRows {
  meetings: (typeof meetings.$inferInsert)[];
  broadcasts: (typeof meetingBroadcasts.$inferInsert)[];
  audience: (typeof meetingAudience.$inferInsert)[];
  plans: MeetingPlan[];
}

const LEVEL_OF: Partial<Record<UnitKind, AkimLevel>> = {
  OBLAST: 'REGION',
  CITY_REPUBLICAN: 'CITY_REPUBLICAN',
  DISTRICT: 'DISTRICT',
  CITY_OBLAST: 'CITY_OBLAST',
  TOWN: 'TOWN',
  RURAL_OKRUG: 'RURAL_OKRUG',
};
/** Akims who also meet people outside the calendar (own territory or a visit below). */
const ON_DEMAND_AKIMS = [
  'KZ-19',
  'KZ-19-ENBEKSHIKAZAKH',
  'KZ-61',
  'KZ-71',
  'KZ-19-TALGAR',
  'KZ-75',
  'KZ-61-SAURAN',
  'KZ-19-KARASAY',
  'KZ-19-TALGAR-BELBULAK',
  'KZ-61-SAIRAM',
  'KZ-19-ENBEKSHIKAZAKH-ESIK',
];
const ON_DEMAND_SPREAD = 10;
const ON_DEMAND_NOVEMBER = 4;
/** On-demand meetings a year of the akim of a region that entered no calendar for it. */
const ON_DEMAND_WITHOUT_CALENDAR = 4;
/** The entry whose meeting was called off (mudflow warning) and held a week later. */
const CANCELLED = { akimUnit: 'KZ-19-ENBEKSHIKAZAKH', from: '2026-04-01', to: '2026-05-31' };

const RURAL_WORDS = /ауылдық округ|сельского округа|сельский округ/u;
const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function token(rng: Rng, length: number, alphabet = ID_CHARS): string {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[rng.int(alphabet.length)];
  return s;
}
/** The official account name of an akimat: "almaty_region_akimdigi". */
function handle(unit: DemoUnit): string {
  return `${unit.name.en
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')}_akimdigi`;
}

export function buildMeetings(
  ctx: DemoContext,
  rng: Rng,
  entries: readonly EntryPlan[],
  firstMeetingId: number,
  firstBroadcastId: number,
  results: ByLanguage,
): MeetingRows {
  const out: MeetingRows = { meetings: [], broadcasts: [], audience: [], plans: [] };
  let meetingId = firstMeetingId;
  let broadcastId = firstBroadcastId;
  const akimatUser = ctx.userByEmail('akimat@jauap.demo');

  // A result that speaks of a rural okrug's akim reads wrong after a meeting in a city.
  const resultsFor = (unit: DemoUnit, lang: 'kk' | 'ru') => (unitSetting(unit) === 'urban' ? results[lang].filter((r) => !RURAL_WORDS.test(r)) : results[lang]);

  const add = (spec: {
    tier: MeetingTier;
    akimUnit: DemoUnit;
    unit: DemoUnit;
    date: string;
    entryId: number | null;
    status?: MeetingStatus;
    onDemandReason?: 'POPULATION_DEMAND' | 'NECESSITY';
  }): void => {
    const { tier, akimUnit, unit } = spec;
    const level = LEVEL_OF[akimUnit.kind];
    if (!level) throw new Error(`unit ${akimUnit.code} has no akim`);
    const id = meetingId++;
    const plannedStartAt = kzTime(spec.date, rng.pick(tier === 'DISTRICT' ? [10, 11, 14, 15] : [10, 11, 15]), rng.pick([0, 0, 30]));
    const duration = rng.pick(tier === 'TOP' ? [120, 150, 180] : tier === 'DISTRICT' ? [90, 120] : [90, 120, 150]);
    const status: MeetingStatus = spec.status ?? (spec.date <= DEMO_END_DATE ? 'HELD' : 'PLANNED');
    const held = status === 'HELD';
    const actualStartAt = held ? addMinutes(plannedStartAt, rng.between(0, 20)) : null;
    const actualEndAt = actualStartAt ? addMinutes(actualStartAt, duration + rng.between(-15, 30)) : null;
    const reportMinutes = held
      ? rng.chance(0.03)
        ? rng.between(Math.ceil(duration * 0.28), Math.ceil(duration * 0.4))
        : rng.between(8, Math.floor(duration * 0.2))
      : null;
    let announcedAt: string | null = kzTime(addDays(spec.date, -rng.between(3, 7)), rng.between(9, 18), rng.between(0, 59));
    if (announcedAt > DEMO_END_AT) announcedAt = null;
    const extra = rng.sample(['MASS_MEDIA', 'E_GOVERNMENT_PORTAL', 'OPEN_DATA_PORTAL', 'PUBLIC_PLACES'], rng.between(1, 3));
    const channels = announcedAt ? ANNOUNCEMENT_CHANNELS.filter((c) => c === 'OFFICIAL_WEBSITE' || c === 'SOCIAL_MEDIA' || extra.includes(c)) : null;
    const lang = rng.chance(0.6) ? 'kk' : 'ru';
    let resultsPublishedAt = actualEndAt ? kzTime(addDays(actualEndAt.slice(0, 10), rng.between(1, 3)), 17, rng.between(0, 59)) : null;
    if (resultsPublishedAt && resultsPublishedAt > DEMO_END_AT) resultsPublishedAt = null;
    const rural = unit.kind === 'RURAL_OKRUG' || unit.kind === 'VILLAGE';
    const venue = rng.pick(rural ? VENUES_RURAL : VENUES_TOWN).replace('{place}', rural ? placeName(unit, 'kk') : unit.name.kk);
    out.meetings.push({
      id,
      unitId: unit.id,
      regionId: unit.regionId,
      akimUnitId: akimUnit.id,
      akimLevel: level,
      akimName: null,
      kind: spec.onDemandReason ? 'ON_DEMAND' : 'SCHEDULED',
      onDemandReason: spec.onDemandReason ?? null,
      calendarEntryId: spec.entryId,
      visiting: unit.id !== akimUnit.id,
      status,
      venue,
      plannedStartAt,
      plannedDurationMinutes: duration,
      actualStartAt,
      actualEndAt,
      reportMinutes,
      videoConference: rng.chance(0.15),
      announcedAt,
      announcementChannels: channels,
      results: status === 'CANCELLED' ? CANCELLED_RESULTS : resultsPublishedAt ? rng.pick(resultsFor(unit, lang)) : null,
      resultsPublishedAt,
      recordedByUserId: akimUnit.code === 'KZ-19' ? akimatUser : null,
      createdAt: announcedAt ?? minIso(addMinutes(plannedStartAt, -10 * 24 * 60), DEMO_END_AT),
    });
    out.plans.push({ id, tier, unit, akimUnit, status, actualStartAt, actualEndAt });
    if (!held) return;
    const account = handle(akimUnit);
    const platforms =
      tier === 'TOP'
        ? ['INSTAGRAM', rng.pick(['YOUTUBE', 'FACEBOOK']), ...(rng.chance(0.4) ? ['TELEGRAM'] : [])]
        : [rng.pick(['INSTAGRAM', 'FACEBOOK']), ...(rng.chance(0.3) ? ['TELEGRAM'] : [])];
    for (const platform of platforms) {
      const url =
        platform === 'INSTAGRAM'
          ? `https://www.instagram.com/p/${token(rng, 11)}/`
          : platform === 'YOUTUBE'
            ? `https://www.youtube.com/watch?v=${token(rng, 11)}`
            : platform === 'FACEBOOK'
              ? `https://www.facebook.com/${account}/videos/${token(rng, 16, '0123456789')}`
              : `https://t.me/${account}/${rng.between(120, 9800)}`;
      out.broadcasts.push({ id: broadcastId++, meetingId: id, platform, url, commentsOpen: rng.chance(0.9) });
    }
    const small = tier === 'DISTRICT';
    const counts: Record<(typeof AUDIENCE_CATEGORIES)[number], number> = {
      MASLIKHAT_DEPUTIES: small ? rng.between(1, 5) : rng.between(3, 12),
      PARTIES: small ? rng.between(0, 4) : rng.between(1, 8),
      PUBLIC_ORGANIZATIONS: small ? rng.between(1, 6) : rng.between(2, 15),
      OPPOSITION: small ? rng.between(0, 1) : rng.between(0, 3),
      CITIZENS: small ? rng.between(40, 180) : rng.between(120, 450),
    };
    for (const category of AUDIENCE_CATEGORIES) out.audience.push({ meetingId: id, category, count: counts[category] });
  };

  const ordered = entries
    .filter((e) => !e.removed && e.year <= 2026)
    .sort((a, b) => (a.plannedFrom < b.plannedFrom ? -1 : a.plannedFrom > b.plannedFrom ? 1 : a.id - b.id));
  const cancelled = ordered.find((e) => e.akimUnit.code === CANCELLED.akimUnit && e.plannedFrom >= CANCELLED.from && e.plannedFrom <= CANCELLED.to);
  for (const entry of ordered) {
    const tier: MeetingTier = entry.akimLevel === 'DISTRICT' ? 'DISTRICT' : 'TOP';
    const span = Math.round((Date.parse(entry.plannedTo) - Date.parse(entry.plannedFrom)) / 86_400_000);
    const date = addDays(entry.plannedFrom, rng.between(0, Math.min(3, span)));
    if (entry === cancelled) {
      add({ tier, akimUnit: entry.akimUnit, unit: entry.visited, date, entryId: entry.id, status: 'CANCELLED' });
      add({ tier, akimUnit: entry.akimUnit, unit: entry.visited, date: addDays(date, 7), entryId: entry.id });
      continue;
    }
    add({ tier, akimUnit: entry.akimUnit, unit: entry.visited, date, entryId: entry.id });
  }

  const onDemandDates = [
    ...Array.from({ length: ON_DEMAND_SPREAD }, (_, i) => addDays('2025-02-20', Math.floor((i * 600) / ON_DEMAND_SPREAD) + rng.between(0, 20))),
    ...Array.from({ length: ON_DEMAND_NOVEMBER }, (_, i) => addDays('2026-11-05', i * 4 + rng.between(0, 2))),
  ];
  onDemandDates.forEach((date, i) => {
    const akimUnit = ctx.unit(ON_DEMAND_AKIMS[i % ON_DEMAND_AKIMS.length] as string);
    const below = akimUnit.children.filter((u) => u.kind !== 'VILLAGE');
    const visit = below.length > 0 && (akimUnit.parent === null || rng.chance(0.5));
    add({
      tier: 'ON_DEMAND',
      akimUnit,
      unit: visit ? rng.pick(below) : akimUnit,
      date,
      entryId: null,
      onDemandReason: rng.chance(0.6) ? 'POPULATION_DEMAND' : 'NECESSITY',
    });
  });

  // Regions without a calendar: their akim meets people on demand a few times in the year.
  for (const missing of MISSING_CALENDARS) {
    const akimUnit = ctx.unit(missing.region);
    for (let i = 0; i < ON_DEMAND_WITHOUT_CALENDAR; i++) {
      const date = addDays(`${missing.year}-03-02`, i * 60 + rng.between(0, 20));
      add({
        tier: 'ON_DEMAND',
        akimUnit,
        unit: rng.pick(akimUnit.children),
        date,
        entryId: null,
        onDemandReason: rng.chance(0.6) ? 'POPULATION_DEMAND' : 'NECESSITY',
      });
    }
  }

  // The demo must show at least one report that ate more than a quarter of the meeting.
  const violations = out.meetings.filter((m) => m.reportMinutes != null && m.reportMinutes * 4 > m.plannedDurationMinutes);
  if (violations.length === 0) {
    const victim = out.meetings.find((m) => m.status === 'HELD' && m.akimLevel === 'REGION');
    if (victim) victim.reportMinutes = Math.ceil(victim.plannedDurationMinutes * 0.35);
  }
  return out;
}
