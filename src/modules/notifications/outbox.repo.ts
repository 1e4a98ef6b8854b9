import { and, asc, eq, gte, inArray, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { emailRecipients, outboxMessages, type MessageStatus } from './notifications.tables.ts';

// The delivery worker's queries. Claims are short immediate transactions, so several workers (the
// server's loop and the CLI) never claim the same message; a claim a crashed worker left behind
// is taken over once its lease has run out.

export interface ClaimedMessage {
  id: number;
  recipientId: number;
  /** The address, read here and only here, at the moment of delivery. */
  to: string;
  messageId: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  unsubscribeUrl: string | null;
  attempts: number;
}

export function createOutboxRepo(db: Db) {
  const sentSince = (recipientId: number, since: string) =>
    db
      .select({ sentAt: outboxMessages.sentAt })
      .from(outboxMessages)
      .where(and(eq(outboxMessages.recipientId, recipientId), gte(outboxMessages.sentAt, since)))
      .orderBy(asc(outboxMessages.sentAt))
      .all()
      .map((r) => r.sentAt!);

  return {
    /**
     * Claims up to `limit` due messages for `worker`: pending ones whose time has come, and ones
     * claimed before `staleBefore` by a worker that died. A recipient who already had
     * `perRecipient` messages in the past hour waits: the message is put off until the hour frees up.
     */
    claim(options: { worker: string; now: string; staleBefore: string; limit: number; perRecipient: number; hourAgo: string }): ClaimedMessage[] {
      const { worker, now, staleBefore, limit, perRecipient, hourAgo } = options;
      return db.transaction(
        () => {
          const due = db
            .select({ id: outboxMessages.id, recipientId: outboxMessages.recipientId })
            .from(outboxMessages)
            .where(
              or(
                and(eq(outboxMessages.status, 'PENDING'), lte(outboxMessages.nextAttemptAt, now)),
                and(eq(outboxMessages.status, 'SENDING'), lte(outboxMessages.claimedAt, staleBefore)),
              ),
            )
            .orderBy(asc(outboxMessages.nextAttemptAt), asc(outboxMessages.id))
            .limit(limit * 4)
            .all();
          const taken: number[] = [];
          const inBatch = new Map<number, number>();
          for (const m of due) {
            if (taken.length >= limit) break;
            const sent = sentSince(m.recipientId, hourAgo);
            const already = sent.length + (inBatch.get(m.recipientId) ?? 0);
            if (already >= perRecipient) {
              // Put off until the oldest message of the hour leaves the window (or an hour, if the
              // whole allowance went to this batch). Not an attempt: nothing failed.
              const frees = sent[0] ? new Date(Date.parse(sent[0]) + 3_600_000).toISOString() : new Date(Date.parse(now) + 3_600_000).toISOString();
              db.update(outboxMessages)
                .set({ status: 'PENDING', nextAttemptAt: frees, claimedBy: null, claimedAt: null })
                .where(eq(outboxMessages.id, m.id))
                .run();
              continue;
            }
            inBatch.set(m.recipientId, (inBatch.get(m.recipientId) ?? 0) + 1);
            taken.push(m.id);
          }
          if (taken.length === 0) return [];
          db.update(outboxMessages)
            .set({ status: 'SENDING', claimedBy: worker, claimedAt: now, attempts: sql`${outboxMessages.attempts} + 1` })
            .where(inArray(outboxMessages.id, taken))
            .run();
          return db
            .select({
              id: outboxMessages.id,
              recipientId: outboxMessages.recipientId,
              to: emailRecipients.email,
              messageId: outboxMessages.messageId,
              subject: outboxMessages.subject,
              textBody: outboxMessages.textBody,
              htmlBody: outboxMessages.htmlBody,
              unsubscribeUrl: outboxMessages.unsubscribeUrl,
              attempts: outboxMessages.attempts,
            })
            .from(outboxMessages)
            .innerJoin(emailRecipients, eq(emailRecipients.id, outboxMessages.recipientId))
            .where(inArray(outboxMessages.id, taken))
            .orderBy(asc(outboxMessages.id))
            .all();
        },
        { behavior: 'immediate' },
      );
    },
    /** The mail server accepted the message: its answer and SENT, in one write, only if the claim is still ours. */
    markSent(id: number, worker: string, smtpResponse: string, at: string): void {
      db.update(outboxMessages)
        .set({ status: 'SENT', smtpResponse, sentAt: at, claimedBy: null, lastError: null })
        .where(and(eq(outboxMessages.id, id), eq(outboxMessages.claimedBy, worker)))
        .run();
    },
    /** A failed attempt: back to PENDING for a later retry, or DEAD. */
    markFailed(id: number, worker: string, error: string, next: { dead: true } | { dead: false; retryAt: string }): void {
      db.update(outboxMessages)
        .set(
          next.dead
            ? { status: 'DEAD', lastError: error, claimedBy: null }
            : { status: 'PENDING', lastError: error, nextAttemptAt: next.retryAt, claimedBy: null, claimedAt: null },
        )
        .where(and(eq(outboxMessages.id, id), eq(outboxMessages.claimedBy, worker)))
        .run();
    },
    /** Claimed messages given back untried: their claim's attempt is not counted. */
    release(ids: number[], worker: string, retryAt: string): void {
      if (ids.length === 0) return;
      db.update(outboxMessages)
        .set({ status: 'PENDING', nextAttemptAt: retryAt, claimedBy: null, claimedAt: null, attempts: sql`${outboxMessages.attempts} - 1` })
        .where(and(inArray(outboxMessages.id, ids), eq(outboxMessages.claimedBy, worker)))
        .run();
    },
    /** Messages by status, for /metrics and the Government page. */
    counts(): Record<MessageStatus, number> {
      const rows = db.select({ status: outboxMessages.status, n: sql<number>`count(*)` }).from(outboxMessages).groupBy(outboxMessages.status).all();
      const counts: Record<MessageStatus, number> = { PENDING: 0, SENDING: 0, SENT: 0, DEAD: 0, CANCELLED: 0 };
      for (const r of rows) counts[r.status] = r.n;
      return counts;
    },
    /** When the oldest message still waiting was written (null: nothing waits). */
    oldestWaiting(): string | null {
      return db.get<{ at: string | null }>(sql`select min(created_at) as at from outbox_messages where status in ('PENDING', 'SENDING')`)?.at ?? null;
    },
    /** When the next pending message falls due (null: none). */
    nextDue(): string | null {
      return db.get<{ at: string | null }>(sql`select min(next_attempt_at) as at from outbox_messages where status = 'PENDING'`)?.at ?? null;
    },
  };
}
export type OutboxRepo = ReturnType<typeof createOutboxRepo>;
