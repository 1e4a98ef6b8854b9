import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock } from '../shared/clock.ts';
import type { OutboxRepo } from './outbox.repo.ts';
import { isPermanentRefusal, type MailTransport } from './mail-transport.ts';

// The delivery worker: claims due messages from the outbox, hands each to the mail server, and
// records the outcome. The order is what makes it safe:
//   1. the claim (SENDING, attempts + 1) commits before anything is sent;
//   2. the server's acceptance and SENT commit together right after the server said 250;
//   3. a failure schedules a retry with exponential backoff, or DEAD after `maxAttempts`
//      (at once for a 5xx refusal).
// A worker killed between 1 and 2 leaves its claim; once the lease runs out another worker sends
// the message again with the same Message-ID. Only a crash in the instant between the server's
// 250 and the commit in 2 can repeat a message the server had already accepted.

export interface DeliveryOptions {
  from: string;
  /** Messages claimed at once. */
  batchSize?: number;
  maxAttempts?: number;
  /** The first retry waits this long; each next one twice as long, up to `maxBackoffMs`. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** At most this many messages to one address in any hour. */
  perRecipientPerHour?: number;
  /** A claim older than this is taken to belong to a dead worker: longer than a batch can take (batchSize x the SMTP timeouts). */
  leaseMs?: number;
}

export interface DeliveryReport {
  claimed: number;
  sent: number;
  retried: number;
  dead: number;
}

export function backoffMs(attempts: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}

export function createDelivery(deps: { outbox: OutboxRepo; transport: MailTransport; clock: Clock; options: DeliveryOptions }) {
  const { outbox, transport, clock, options } = deps;
  const worker = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const batchSize = options.batchSize ?? 20;
  const maxAttempts = options.maxAttempts ?? 8;
  const base = options.baseBackoffMs ?? 60_000;
  const max = options.maxBackoffMs ?? 6 * 3_600_000;
  const perRecipient = options.perRecipientPerHour ?? 10;
  const lease = options.leaseMs ?? 15 * 60_000;
  const at = () => clock.now().toISOString();

  /** One batch: claim, send one by one, record each outcome as it comes. */
  async function deliverBatch(): Promise<DeliveryReport> {
    const now = clock.now();
    const claimed = outbox.claim({
      worker,
      now: now.toISOString(),
      staleBefore: new Date(now.getTime() - lease).toISOString(),
      hourAgo: new Date(now.getTime() - 3_600_000).toISOString(),
      limit: batchSize,
      perRecipient,
    });
    const report: DeliveryReport = { claimed: claimed.length, sent: 0, retried: 0, dead: 0 };
    for (const m of claimed) {
      try {
        const accepted = await transport.send({
          from: options.from,
          to: m.to,
          subject: m.subject,
          text: m.textBody,
          html: m.htmlBody,
          messageId: m.messageId,
          headers: m.unsubscribeUrl
            ? {
                'List-Unsubscribe': `<${m.unsubscribeUrl}>`,
                'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
                'Auto-Submitted': 'auto-generated',
              }
            : { 'Auto-Submitted': 'auto-generated' },
        });
        outbox.markSent(m.id, worker, accepted.response.slice(0, 500), at());
        report.sent++;
      } catch (err) {
        const reason = (err instanceof Error ? err.message : String(err)).slice(0, 500);
        const dead = isPermanentRefusal(err) || m.attempts >= maxAttempts;
        outbox.markFailed(
          m.id,
          worker,
          reason,
          dead ? { dead: true } : { dead: false, retryAt: new Date(clock.now().getTime() + backoffMs(m.attempts, base, max)).toISOString() },
        );
        if (dead) report.dead++;
        else report.retried++;
        // A server that is down fails every message the same way: the rest of the batch goes back
        // untried (no attempt counted) and waits as long as this one.
        if (!isPermanentRefusal(err)) {
          const rest = claimed.slice(claimed.indexOf(m) + 1);
          outbox.release(
            rest.map((r) => r.id),
            worker,
            new Date(clock.now().getTime() + backoffMs(m.attempts, base, max)).toISOString(),
          );
          break;
        }
      }
    }
    return report;
  }

  /** Batches until nothing is due now (or `maxBatches`), summed. */
  async function deliverDue(maxBatches = 1000): Promise<DeliveryReport> {
    const total: DeliveryReport = { claimed: 0, sent: 0, retried: 0, dead: 0 };
    for (let i = 0; i < maxBatches; i++) {
      const r = await deliverBatch();
      total.claimed += r.claimed;
      total.sent += r.sent;
      total.retried += r.retried;
      total.dead += r.dead;
      if (r.claimed === 0 || r.retried > 0) break;
    }
    return total;
  }

  return { worker, deliverBatch, deliverDue };
}
export type Delivery = ReturnType<typeof createDelivery>;
