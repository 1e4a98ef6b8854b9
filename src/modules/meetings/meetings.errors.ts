import { RuleViolationError } from '../shared/errors.ts';
import type { CalendarStatus } from '../shared/enums.ts';

// Expected failures of calendars and meetings, with stable codes. Not-found and authorization use
// the shared NotFoundError ('calendar/not_found', 'calendar_entry/not_found', 'meeting/not_found')
// and NotAuthorizedError.

export class CalendarExistsError extends RuleViolationError {
  constructor(regionCode: string, year: number) {
    super('calendar/already_exists', `${regionCode} already has a calendar for ${year}; correct it with a revision.`);
  }
}

/** The calendar is not in the status the step needs: steps run DRAFT -> APPROVED -> SUBMITTED -> FORWARDED. */
export class CalendarStatusError extends RuleViolationError {
  constructor(status: CalendarStatus, wanted: string) {
    super('calendar/invalid_status', `The calendar is ${status}; this needs ${wanted}.`);
  }
}

export class EmptyCalendarError extends RuleViolationError {
  constructor() {
    super('calendar/empty', 'A calendar without entries cannot be approved.');
  }
}

/** Entries planned as held cannot be dropped by a correction: the meeting happened. */
export class EntryAlreadyHeldError extends RuleViolationError {
  constructor(entryId: number) {
    super('calendar/entry_held', `Entry ${entryId} already has a held meeting and cannot be removed.`);
  }
}

/** Someone else changed the calendar between our read and our write. */
export class CalendarChangedError extends RuleViolationError {
  constructor() {
    super('calendar/concurrent_change', 'The calendar was changed at the same time; load it again and retry.');
  }
}

export class MeetingStatusError extends RuleViolationError {
  constructor(status: string, wanted: string) {
    super('meeting/invalid_status', `The meeting is ${status}; this needs ${wanted}.`);
  }
}
