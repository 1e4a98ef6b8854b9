import type { Logger } from 'pino';
import type { Services } from '../../services.ts';
import type { DeliveryOptions, DeliveryReport } from './delivery.ts';
import type { MailTransport } from './mail-transport.ts';

// The delivery loop, run by the server (OUTBOX_WORKER) and by `npm run outbox:deliver`: every
// interval it writes the digests that are due, then delivers what the outbox holds. One pass at a
// time in a process; other processes are kept apart by the claims in the database.

export interface OutboxWorker {
  /** One pass now: due digests, then delivery until nothing is due. */
  runOnce(): Promise<DeliveryReport & { digests: number }>;
  stop(): void;
}

export function startOutboxWorker(
  app: { services: Services; logger: Logger },
  transport: MailTransport,
  options: DeliveryOptions & { intervalMs: number; loop?: boolean },
): OutboxWorker {
  const log = app.logger.child({ job: 'outbox' });
  const delivery = app.services.outbox.delivery(transport, options);
  let running: Promise<DeliveryReport & { digests: number }> | null = null;
  let timer: NodeJS.Timeout | null = null;

  const runOnce = () => {
    if (running) return running;
    running = (async () => {
      const digests = await app.services.notifications.writeDueDigests();
      const report = await delivery.deliverDue();
      // Counts only: never an address or a subject (they would put personal data in the logs).
      if (report.claimed || digests) log.info({ ...report, digests }, 'outbox delivered');
      return { ...report, digests };
    })()
      .catch((err: unknown) => {
        log.error({ err }, 'outbox delivery failed');
        return { claimed: 0, sent: 0, retried: 0, dead: 0, digests: 0 };
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  if (options.loop !== false) {
    timer = setInterval(() => void runOnce(), options.intervalMs);
    timer.unref();
    setTimeout(() => void runOnce(), 0).unref();
  }
  return {
    runOnce,
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
      transport.close();
    },
  };
}

/** DeliveryOptions from the configuration. */
export function deliveryOptionsFromConfig(config: {
  MAIL_FROM: string;
  OUTBOX_MAX_ATTEMPTS: number;
  OUTBOX_BACKOFF_MS: number;
  MAIL_PER_RECIPIENT_PER_HOUR: number;
  OUTBOX_INTERVAL_MS: number;
  OUTBOX_LEASE_MS: number;
}): DeliveryOptions & { intervalMs: number } {
  return {
    from: config.MAIL_FROM,
    maxAttempts: config.OUTBOX_MAX_ATTEMPTS,
    baseBackoffMs: config.OUTBOX_BACKOFF_MS,
    perRecipientPerHour: config.MAIL_PER_RECIPIENT_PER_HOUR,
    intervalMs: config.OUTBOX_INTERVAL_MS,
    leaseMs: config.OUTBOX_LEASE_MS,
  };
}
