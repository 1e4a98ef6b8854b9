import { RuleViolationError } from '../shared/errors.ts';

/** Another process (the scheduler, the CLI, another server) holds the publication lock right now. */
export class PublicationBusyError extends RuleViolationError {
  override name = 'PublicationBusyError';
  constructor() {
    super('publication/busy', 'Another publication is running; try again in a few minutes.');
  }
}

/** A quarter is published only once it is over (in Kazakhstan time). */
export class QuarterNotEndedError extends RuleViolationError {
  override name = 'QuarterNotEndedError';
  constructor(label: string, endsAt: string) {
    super('publication/quarter_not_ended', `Quarter ${label} has not ended yet: it ends at ${endsAt}.`);
  }
}

/** A collection round is run only once its cutoff (15 February or 15 August, 00:00 UTC+5) has passed. */
export class RoundNotDueError extends RuleViolationError {
  override name = 'RoundNotDueError';
  constructor(label: string, cutoffAt: string) {
    super('publication/round_not_due', `Collection round ${label} is not due yet: its cutoff is ${cutoffAt}.`);
  }
}
