import type { calendarEntries, calendarRevisions, calendars, calendarTransitions } from '../meetings/meetings.tables.ts';
import type { AkimLevel, CalendarStatus } from '../shared/enums.ts';
import type { DemoContext, DemoUnit } from './demo-context.ts';
import { addDays, kzDate, kzTime } from './demo-time.ts';
import { lateByMinutes, stepDueAt } from '../meetings/calendar-deadlines.ts';
import type { Rng } from './random.ts';

// Annual calendars of visiting meetings for the 20 regions, 2025 and 2026 (and a 2027 draft), with
// their dated steps, revisions and entries. Deliberate imperfections for the demo to find: two late
// steps, a corrected calendar (revision 2), two coverage gaps and calendars never entered.

/**
 * Calendars never entered: the compliance pages show these regions' steps overdue. Their akims still
 * meet people on demand (demo-meetings.ts), so every region has meetings and problems.
 */
export const MISSING_CALENDARS: readonly { region: string; year: number }[] = [
  { region: 'KZ-10', year: 2025 },
  { region: 'KZ-10', year: 2026 },
  { region: 'KZ-79', year: 2026 },
];

export const CALENDAR_YEARS = [2025, 2026] as const;
const DRAFT_NEXT_YEAR = { region: 'KZ-19', year: 2027, createdOn: '2026-11-16' } as const;

const LATE_STEPS: { region: string; year: number; to: CalendarStatus; date: string; hour: number; minute: number }[] = [
  { region: 'KZ-61', year: 2025, to: 'APPROVED', date: '2025-01-17', hour: 16, minute: 40 },
  { region: 'KZ-75', year: 2026, to: 'SUBMITTED_TO_GOVERNMENT', date: '2026-01-22', hour: 10, minute: 15 },
];

/** Units the calendar forgot: the compliance check must find these. `half` 0 = the year-level rule. */
export const COVERAGE_GAPS = [
  { region: 'KZ-61', year: 2026, half: 0, visited: 'KZ-61-SHARDARA' },
  { region: 'KZ-19', year: 2025, half: 2, visited: 'KZ-19-TALGAR-NURA' },
] as const;

const REVISIONS = [
  {
    region: 'KZ-19',
    year: 2025,
    on: '2025-03-28',
    notifiedOn: '2025-03-27',
    level: 'REGION',
    movedFrom: '2025-03-29',
    movedTo: '2025-06-10',
    shiftDays: 126,
    reason: 'Перенос выездных встреч акима области на осень в связи с паводковой обстановкой и противопаводковыми работами в районах',
  },
  {
    region: 'KZ-71',
    year: 2026,
    on: '2026-05-12',
    notifiedOn: '2026-05-11',
    level: 'CITY_REPUBLICAN',
    movedFrom: '2026-05-13',
    movedTo: '2026-07-31',
    shiftDays: 63,
    reason: 'Перенос выездной встречи акима города в связи с проведением Астанинского международного форума',
  },
] as const;

export interface EntryPlan {
  id: number;
  calendarId: number;
  year: number;
  akimLevel: AkimLevel;
  akimUnit: DemoUnit;
  visited: DemoUnit;
  plannedFrom: string;
  plannedTo: string;
  removed: boolean;
}

export interface CalendarRows {
  calendars: (typeof calendars.$inferInsert)[];
  transitions: (typeof calendarTransitions.$inferInsert)[];
  revisions: (typeof calendarRevisions.$inferInsert)[];
  entries: (typeof calendarEntries.$inferInsert)[];
  plans: EntryPlan[];
}

export interface FirstIds {
  calendars: number;
  transitions: number;
  revisions: number;
  entries: number;
}

/** `n` dates spread over [from, to] with a few days of jitter, avoiding the week around "today". */
function spread(rng: Rng, n: number, from: string, to: string): string[] {
  const span = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  return Array.from({ length: n }, (_, i) => {
    let date = addDays(from, Math.floor(((i + 0.5) * span) / n) + rng.between(-3, 3));
    if (date > '2026-11-13' && date < '2026-11-30') date = addDays('2026-11-30', rng.between(0, 5));
    return date;
  });
}

function windowEnd(from: string, days: number, limit: string): string {
  let to = addDays(from, days);
  if (to > limit) to = limit;
  if (from <= '2026-11-20' && to > '2026-11-20') to = '2026-11-20';
  return to < from ? from : to;
}

export function buildCalendars(ctx: DemoContext, rng: Rng, first: FirstIds): CalendarRows {
  const out: CalendarRows = { calendars: [], transitions: [], revisions: [], entries: [], plans: [] };
  let transitionId = first.transitions;
  let revisionId = first.revisions;
  let entryId = first.entries;
  const akimatUser = ctx.userByEmail('akimat@jauap.demo');
  const governmentUser = ctx.userByEmail('government@jauap.demo');

  const addEntry = (calendarId: number, year: number, akimLevel: AkimLevel, akimUnit: DemoUnit, visited: DemoUnit, from: string, to: string, added = 1) => {
    const id = entryId++;
    out.entries.push({
      id,
      calendarId,
      akimLevel,
      akimUnitId: akimUnit.id,
      visitedUnitId: visited.id,
      plannedFrom: from,
      plannedTo: to,
      addedInRevision: added,
      removedInRevision: null,
    });
    out.plans.push({ id, calendarId, year, akimLevel, akimUnit, visited, plannedFrom: from, plannedTo: to, removed: false });
  };

  const planEntries = (calendarId: number, region: DemoUnit, year: number) => {
    const isGap = (half: number, code: string) =>
      COVERAGE_GAPS.some((g) => g.region === region.code && g.year === year && g.half === half && g.visited === code);
    const level: AkimLevel = region.kind === 'OBLAST' ? 'REGION' : 'CITY_REPUBLICAN';
    const visitedKinds = region.kind === 'OBLAST' ? ['DISTRICT', 'CITY_OBLAST'] : ['CITY_DISTRICT'];
    const top = rng.shuffle(region.children.filter((u) => visitedKinds.includes(u.kind) && !isGap(0, u.code)));
    spread(rng, top.length, `${year}-02-01`, `${year}-12-15`).forEach((from, i) =>
      addEntry(calendarId, year, level, region, top[i] as DemoUnit, from, windowEnd(from, rng.between(6, 13), `${year}-12-31`)),
    );
    for (const district of region.children.filter((u) => u.kind === 'DISTRICT')) {
      const lower = district.children.filter((u) => ['VILLAGE', 'TOWN', 'RURAL_OKRUG'].includes(u.kind));
      for (const [half, from, to, limit] of [
        [1, `${year}-02-01`, `${year}-06-20`, `${year}-06-30`],
        [2, `${year}-07-01`, `${year}-12-15`, `${year}-12-31`],
      ] as const) {
        const visited = rng.shuffle(lower.filter((u) => !isGap(half, u.code)));
        spread(rng, visited.length, from, to).forEach((date, i) =>
          addEntry(calendarId, year, 'DISTRICT', district, visited[i] as DemoUnit, date, windowEnd(date, rng.between(4, 9), limit)),
        );
      }
    }
  };

  let calendarId = first.calendars;
  for (const year of CALENDAR_YEARS) {
    for (const region of ctx.regions()) {
      const code = region.code;
      if (MISSING_CALENDARS.some((m) => m.region === code && m.year === year)) continue;
      const id = calendarId++;
      const byUser = code === 'KZ-19' ? akimatUser : null;
      const late = (to: CalendarStatus) => LATE_STEPS.find((s) => s.region === code && s.year === year && s.to === to);
      const stepAt = (to: CalendarStatus, date: string) => {
        const l = late(to);
        return l ? kzTime(l.date, l.hour, l.minute) : kzTime(date, rng.between(10, 17), rng.between(0, 59));
      };
      const createdAt =
        year === 2025 ? kzTime(addDays('2025-01-10', rng.between(0, 1)), 10, rng.between(0, 59)) : kzTime(`${year - 1}-12-${rng.between(10, 22)}`, 11, 0);
      const approvedAt = stepAt('APPROVED', `${year}-01-${rng.between(12, 15)}`);
      const submitOn = addDays(kzDate(approvedAt), rng.between(1, 2));
      const submittedAt = stepAt('SUBMITTED_TO_GOVERNMENT', submitOn > `${year}-01-20` ? `${year}-01-20` : submitOn);
      // The Government forwards the calendars of the year to the Presidential Administration by 1 February.
      const forwardedAt = kzTime(`${year}-01-${rng.between(22, 30)}`, rng.between(10, 17), rng.between(0, 59));
      const revision = REVISIONS.find((r) => r.region === code && r.year === year);
      out.calendars.push({
        id,
        regionId: region.id,
        year,
        status: 'FORWARDED_TO_ADMINISTRATION',
        currentRevision: revision ? 2 : 1,
        maslikhatAgreedOn: null,
        maslikhatNotifiedOn: kzDate(approvedAt),
        approvedAt,
        submittedAt,
        forwardedAt,
        createdAt,
      });
      const steps: [CalendarStatus | null, CalendarStatus, string, string | null, number | null][] = [
        [null, 'DRAFT', createdAt, null, byUser],
        ['DRAFT', 'APPROVED', approvedAt, stepDueAt(year, 'APPROVED'), byUser],
        ['APPROVED', 'SUBMITTED_TO_GOVERNMENT', submittedAt, stepDueAt(year, 'SUBMITTED_TO_GOVERNMENT'), byUser],
      ];
      steps.push(['SUBMITTED_TO_GOVERNMENT', 'FORWARDED_TO_ADMINISTRATION', forwardedAt, stepDueAt(year, 'FORWARDED_TO_ADMINISTRATION'), governmentUser]);
      for (const [fromStatus, toStatus, at, dueAt, byUserId] of steps) {
        out.transitions.push({
          id: transitionId++,
          calendarId: id,
          fromStatus,
          toStatus,
          at,
          dueAt,
          lateByMinutes: dueAt ? lateByMinutes(at, dueAt) : 0,
          byUserId,
        });
      }
      out.revisions.push({
        id: revisionId++,
        calendarId: id,
        number: 1,
        reason: null,
        maslikhatNotifiedOn: kzDate(approvedAt),
        createdAt: approvedAt,
        byUserId: byUser,
      });

      const firstEntry = out.plans.length;
      planEntries(id, region, year);
      if (revision) {
        out.revisions.push({
          id: revisionId++,
          calendarId: id,
          number: 2,
          reason: revision.reason,
          maslikhatNotifiedOn: revision.notifiedOn,
          createdAt: kzTime(revision.on, 15, 30),
          byUserId: byUser,
        });
        for (const plan of out.plans.slice(firstEntry)) {
          if (plan.akimLevel !== revision.level || plan.plannedFrom < revision.movedFrom || plan.plannedFrom > revision.movedTo) continue;
          plan.removed = true;
          const row = out.entries.find((e) => e.id === plan.id);
          if (row) row.removedInRevision = 2;
          const from = addDays(plan.plannedFrom, revision.shiftDays);
          addEntry(id, year, plan.akimLevel, plan.akimUnit, plan.visited, from, windowEnd(from, 7, `${year}-12-31`), 2);
        }
      }
    }
  }

  // Next year's calendar, still a draft in November.
  const region = ctx.unit(DRAFT_NEXT_YEAR.region);
  const draftId = calendarId++;
  const draftAt = kzTime(DRAFT_NEXT_YEAR.createdOn, 11, 20);
  out.calendars.push({ id: draftId, regionId: region.id, year: DRAFT_NEXT_YEAR.year, status: 'DRAFT', currentRevision: 1, createdAt: draftAt });
  out.transitions.push({
    id: transitionId++,
    calendarId: draftId,
    fromStatus: null,
    toStatus: 'DRAFT',
    at: draftAt,
    dueAt: null,
    lateByMinutes: 0,
    byUserId: akimatUser,
  });
  planEntries(draftId, region, DRAFT_NEXT_YEAR.year);
  return out;
}
