import type { Clock } from '../shared/clock.ts';
import { createDelivery, type DeliveryOptions } from './delivery.ts';
import type { MailTransport } from './mail-transport.ts';
import type { OutboxRepo } from './outbox.repo.ts';

/** The outbox as the rest of the program sees it: its backlog, and delivery workers over a transport. */
export function createOutboxService(deps: { repo: OutboxRepo; clock: Clock }) {
  const { repo, clock } = deps;
  return {
    /** Counts by status, the age of the oldest waiting message and when the next one falls due. */
    status() {
      const counts = repo.counts();
      return { ...counts, waiting: counts.PENDING + counts.SENDING, oldestWaitingAt: repo.oldestWaiting(), nextDueAt: repo.nextDue() };
    },
    delivery: (transport: MailTransport, options: DeliveryOptions) => createDelivery({ outbox: repo, transport, clock, options }),
  };
}
export type OutboxService = ReturnType<typeof createOutboxService>;
