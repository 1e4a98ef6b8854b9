import { RuleFamilyError } from '../shared/errors.ts';
import type { CalendarStatus } from '../shared/enums.ts';

// Expected failures of calendars and meetings, with stable codes. Not-found and authorization use
// the shared NotFoundError ('calendar/not_found', 'calendar_entry/not_found', 'meeting/not_found')
// and NotAuthorizedError.

/** The calendar rules a change can break; the GraphQL enum CalendarRule is made from this table. */
export const CALENDAR_RULES = {
  already_exists: { code: 'calendar/already_exists', when: 'The region already has a calendar for that year: correct it with reviseCalendar' },
  invalid_status: {
    code: 'calendar/invalid_status',
    when: 'The calendar is not in the status the step needs (DRAFT -> APPROVED -> SUBMITTED_TO_GOVERNMENT -> FORWARDED_TO_ADMINISTRATION; drafts are edited, approved calendars revised)',
  },
  empty: { code: 'calendar/empty', when: 'A calendar without entries cannot be approved' },
  entry_held: { code: 'calendar/entry_held', when: 'A revision would remove an entry that already has a held meeting' },
  concurrent_change: { code: 'calendar/concurrent_change', when: 'Someone else changed the calendar at the same time: load it again and retry' },
} as const;

/** A calendar rule refused the change: nothing was written. */
export class CalendarError extends RuleFamilyError<typeof CALENDAR_RULES> {
  override name = 'CalendarError';
  constructor(rule: keyof typeof CALENDAR_RULES, message: string) {
    super(CALENDAR_RULES, rule, message);
  }
}

export class CalendarExistsError extends CalendarError {
  constructor(regionCode: string, year: number) {
    super('already_exists', `${regionCode} already has a calendar for ${year}; correct it with a revision.`);
  }
}

/** The calendar is not in the status the step needs: steps run DRAFT -> APPROVED -> SUBMITTED -> FORWARDED. */
export class CalendarStatusError extends CalendarError {
  constructor(status: CalendarStatus, wanted: string) {
    super('invalid_status', `The calendar is ${status}; this needs ${wanted}.`);
  }
}

export class EmptyCalendarError extends CalendarError {
  constructor() {
    super('empty', 'A calendar without entries cannot be approved.');
  }
}

/** Entries planned as held cannot be dropped by a correction: the meeting happened. */
export class EntryAlreadyHeldError extends CalendarError {
  constructor(entryId: number) {
    super('entry_held', `Entry ${entryId} already has a held meeting and cannot be removed.`);
  }
}

/** Someone else changed the calendar between our read and our write. */
export class CalendarChangedError extends CalendarError {
  constructor() {
    super('concurrent_change', 'The calendar was changed at the same time; load it again and retry.');
  }
}

/** The meeting rules a change can break; the GraphQL enum MeetingRule is made from this table. */
export const MEETING_RULES = {
  invalid_status: {
    code: 'meeting/invalid_status',
    when: 'The meeting is not in the status the step needs (announce and cancel a PLANNED meeting; record the outcome of a PLANNED or HELD one), or it changed meanwhile',
  },
} as const;

/** A meeting rule refused the change: nothing was written. */
export class MeetingError extends RuleFamilyError<typeof MEETING_RULES> {
  override name = 'MeetingError';
  constructor(rule: keyof typeof MEETING_RULES, message: string) {
    super(MEETING_RULES, rule, message);
  }
}

export class MeetingStatusError extends MeetingError {
  constructor(status: string, wanted: string) {
    super('invalid_status', `The meeting is ${status}; this needs ${wanted}.`);
  }
}
