import { RuleFamilyError } from '../shared/errors.ts';

/** The publication rules a request can break; the GraphQL enum PublicationRule is made from this table. */
export const PUBLICATION_RULES = {
  busy: { code: 'publication/busy', when: 'Another publication (the scheduler, the CLI, another server) holds the lock right now: try again in a few minutes' },
  quarter_not_ended: { code: 'publication/quarter_not_ended', when: 'The quarter has not ended yet everywhere in Kazakhstan' },
  round_not_due: { code: 'publication/round_not_due', when: 'The collection round’s cutoff (15 February or 15 August, 00:00 UTC+5) has not passed' },
  nothing_due: { code: 'publication/nothing_due', when: '“Publish now” with nothing to publish: the next quarter has not ended (staff console)' },
  already_published: { code: 'publication/already_published', when: 'The quarter is already published (staff console)' },
} as const;

/** A publication rule refused the request: nothing was published. */
export class PublicationError extends RuleFamilyError<typeof PUBLICATION_RULES> {
  override name = 'PublicationError';
  constructor(rule: keyof typeof PUBLICATION_RULES, message: string) {
    super(PUBLICATION_RULES, rule, message);
  }
}

/** Another process (the scheduler, the CLI, another server) holds the publication lock right now. */
export class PublicationBusyError extends PublicationError {
  override name = 'PublicationBusyError';
  constructor() {
    super('busy', 'Another publication is running; try again in a few minutes.');
  }
}

/** A quarter is published only once it is over (in Kazakhstan time). */
export class QuarterNotEndedError extends PublicationError {
  override name = 'QuarterNotEndedError';
  constructor(label: string, endsAt: string) {
    super('quarter_not_ended', `Quarter ${label} has not ended yet: it ends at ${endsAt}.`);
  }
}

/** A collection round is run only once its cutoff (15 February or 15 August, 00:00 UTC+5) has passed. */
export class RoundNotDueError extends PublicationError {
  override name = 'RoundNotDueError';
  constructor(label: string, cutoffAt: string) {
    super('round_not_due', `Collection round ${label} is not due yet: its cutoff is ${cutoffAt}.`);
  }
}
