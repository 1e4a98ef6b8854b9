import type { CalendarStatus } from '../shared/enums.ts';
import { localEndOfDayUtc, NATIONAL_ZONE } from '../shared/time-zones.ts';

// The decree's dates for a region's annual calendar (15 January, 20 January, 1 February; docs/decree.md). A step taken after
// its date is recorded with its delay, never refused: the Government wants to see lateness, and a
// refused step would hide it.

/** The steps that have a legal date, with the day of the calendar's own year they are due on. */
export const CALENDAR_STEP_DUE: Record<Exclude<CalendarStatus, 'DRAFT'>, string> = {
  APPROVED: '01-15',
  SUBMITTED_TO_GOVERNMENT: '01-20',
  FORWARDED_TO_ADMINISTRATION: '02-01',
};
export type CalendarStep = keyof typeof CALENDAR_STEP_DUE;
export const CALENDAR_STEPS = Object.keys(CALENDAR_STEP_DUE) as CalendarStep[];

/** The step that follows each status; FORWARDED_TO_ADMINISTRATION is the last. */
export const NEXT_STEP: Record<CalendarStatus, CalendarStep | null> = {
  DRAFT: 'APPROVED',
  APPROVED: 'SUBMITTED_TO_GOVERNMENT',
  SUBMITTED_TO_GOVERNMENT: 'FORWARDED_TO_ADMINISTRATION',
  FORWARDED_TO_ADMINISTRATION: null,
};

/**
 * "By 15 January" means until the last millisecond of that day in the region's zone: 18:59:59.999Z
 * in Astana before March 2024 (UTC+6), 19:59:59.999Z in Aktobe (UTC+5). A region's calendar passes
 * its zone; the capital's is the default.
 */
export function stepDueAt(year: number, step: CalendarStep, zone: string = NATIONAL_ZONE): string {
  return localEndOfDayUtc(`${year}-${CALENDAR_STEP_DUE[step]}`, zone);
}

/**
 * The first day a region's calendar steps can be due: the decree in force (3 March 2022, so no 2022
 * step was due on 15 or 20 January or 1 February 2022) and the region in existence (Abai, Zhetisu
 * and Ulytau regions from 8 June 2022). Both dates are reference data (legal_acts, units).
 */
export function obligationsFrom(decreeInForceFrom: string, regionEstablishedOn: string | null): string {
  return regionEstablishedOn && regionEstablishedOn > decreeInForceFrom ? regionEstablishedOn : decreeInForceFrom;
}

/** The step's legal due time, or null when its due day came before the region's obligations began. */
export function stepDueFor(year: number, step: CalendarStep, from: string, zone: string): string | null {
  return `${year}-${CALENDAR_STEP_DUE[step]}` < from ? null : stepDueAt(year, step, zone);
}

/**
 * Whole minutes after the due day ended, rounded up, and at least 1 for any late step: a step
 * taken at 00:00:30 on 16 January is late by 1 minute, at 00:05:00 by 5 minutes. 0 when on time.
 */
export function lateByMinutes(at: string, dueAt: string): number {
  const atMs = Date.parse(at);
  const dueMs = Date.parse(dueAt);
  if (atMs <= dueMs) return 0;
  return Math.max(1, Math.ceil((atMs - (dueMs + 1)) / 60_000));
}

/**
 * The 2022 decree had the akim approve the calendar "in agreement with the maslikhat"; the
 * amendment in force from 1 January 2024 replaced that with "notifying the maslikhat". We decide by
 * the calendar's year: a calendar for 2024 or later needs the notification date, an earlier one the
 * agreement date.
 */
export const MASLIKHAT_NOTIFICATION_FROM_YEAR = 2024;
export function maslikhatStepFor(year: number): 'AGREEMENT' | 'NOTIFICATION' {
  return year >= MASLIKHAT_NOTIFICATION_FROM_YEAR ? 'NOTIFICATION' : 'AGREEMENT';
}

/** NO_DEADLINE: the step's legal date came before the decree or the region existed. */
export type StepState = 'ON_TIME' | 'LATE' | 'PENDING' | 'OVERDUE' | 'NO_DEADLINE';
export const STEP_STATES = ['ON_TIME', 'LATE', 'PENDING', 'OVERDUE', 'NO_DEADLINE'] as const satisfies readonly StepState[];
export interface StepView {
  step: CalendarStep;
  dueAt: string | null;
  doneAt: string | null;
  /** The recorded delay of a step taken late; for a step not yet taken, how late it is now. */
  lateByMinutes: number;
  state: StepState;
}

/** The calendar column that holds when each step was taken. */
export const STEP_COLUMN = { APPROVED: 'approvedAt', SUBMITTED_TO_GOVERNMENT: 'submittedAt', FORWARDED_TO_ADMINISTRATION: 'forwardedAt' } as const;

/**
 * Where each dated step of a calendar stands. The recorded transition is the truth (its due time and
 * delay were fixed when the step was taken); the calendar's own timestamp is the fallback.
 */
export function calendarSteps(
  calendar: { year: number; approvedAt: string | null; submittedAt: string | null; forwardedAt: string | null },
  transitions: { toStatus: CalendarStatus; at: string; dueAt: string | null; lateByMinutes: number }[],
  now: Date,
  from: string,
  zone: string,
): StepView[] {
  return CALENDAR_STEPS.map((step) => {
    const recorded = transitions.filter((t) => t.toStatus === step).at(-1);
    const doneAt = recorded?.at ?? calendar[STEP_COLUMN[step]];
    // A due date recorded before the transitional facts were data does not make a step late.
    const legalDue = stepDueFor(calendar.year, step, from, zone);
    const dueAt = legalDue === null ? null : (recorded?.dueAt ?? legalDue);
    if (dueAt === null) return { step, dueAt, doneAt, lateByMinutes: 0, state: 'NO_DEADLINE' };
    if (doneAt) {
      const late = recorded?.dueAt ? recorded.lateByMinutes : lateByMinutes(doneAt, dueAt);
      return { step, dueAt, doneAt, lateByMinutes: late, state: late > 0 ? 'LATE' : 'ON_TIME' };
    }
    const lateNow = lateByMinutes(now.toISOString(), dueAt);
    return { step, dueAt, doneAt: null, lateByMinutes: lateNow, state: lateNow > 0 ? 'OVERDUE' : 'PENDING' };
  });
}
