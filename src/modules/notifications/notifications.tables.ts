import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, oneOf, timestamp } from '../shared/columns.ts';
import { LANGUAGES, type Language } from '../shared/enums.ts';
import { issues } from '../issues/issues.tables.ts';
import { units } from '../geography/geography.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';

export const SUBSCRIPTION_SCOPES = ['ISSUE', 'REGION', 'BODY', 'SEARCH'] as const;
export type SubscriptionScope = (typeof SUBSCRIPTION_SCOPES)[number];
/** IMMEDIATE: one message per public event (a citizen's own problem); the others are digests. */
export const FREQUENCIES = ['IMMEDIATE', 'DAILY', 'WEEKLY'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const SUBSCRIPTION_STATUSES = ['PENDING', 'ACTIVE', 'UNSUBSCRIBED'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];
/** QUARTER: a body's list published for a quarter, written in the publication's final transaction. */
export const MESSAGE_KINDS = ['CONFIRM', 'ISSUE_EVENT', 'DIGEST', 'QUARTER'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
/** PENDING -> SENDING (claimed by a worker) -> SENT, or back to PENDING for a retry, or DEAD. */
export const MESSAGE_STATUSES = ['PENDING', 'SENDING', 'SENT', 'DEAD', 'CANCELLED'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/**
 * Email addresses: personal data, kept in this table only. Nothing public joins it; the delivery
 * worker reads the address at the moment it hands a message to the mail server.
 */
export const emailRecipients = sqliteTable('email_recipients', {
  id: id(),
  /** Lower-cased and trimmed, so one person has one row (and one rate limit). */
  email: text('email').notNull().unique(),
  createdAt: timestamp('created_at').notNull(),
});

/** What a person follows, in which language and how often; confirmed by a link (double opt-in). */
export const subscriptions = sqliteTable(
  'subscriptions',
  {
    id: id(),
    recipientId: integer('recipient_id')
      .notNull()
      .references(() => emailRecipients.id, { onDelete: 'cascade' }),
    scope: text('scope', { enum: SUBSCRIPTION_SCOPES }).$type<SubscriptionScope>().notNull(),
    issueId: integer('issue_id').references(() => issues.id),
    regionId: integer('region_id').references(() => units.id),
    organizationId: integer('organization_id').references(() => organizations.id),
    /** A saved search: the public search page's query string ("q=су&status=IN_PROGRESS"). */
    searchQuery: text('search_query'),
    frequency: text('frequency', { enum: FREQUENCIES }).$type<Frequency>().notNull(),
    language: text('language', { enum: LANGUAGES }).$type<Language>().notNull(),
    status: text('status', { enum: SUBSCRIPTION_STATUSES }).$type<SubscriptionStatus>().notNull().default('PENDING'),
    createdAt: timestamp('created_at').notNull(),
    confirmedAt: timestamp('confirmed_at'),
    unsubscribedAt: timestamp('unsubscribed_at'),
    /** Digests: the newest history entry (issue_updates.id) already reported, and when. */
    digestCursor: integer('digest_cursor').notNull().default(0),
    digestSentAt: timestamp('digest_sent_at'),
  },
  (t) => [
    index('subscriptions_issue_idx').on(t.issueId, t.status),
    index('subscriptions_due_idx').on(t.frequency, t.status, t.digestSentAt),
    index('subscriptions_recipient_idx').on(t.recipientId),
    oneOf('subscriptions_scope_check', 'scope', SUBSCRIPTION_SCOPES),
    oneOf('subscriptions_frequency_check', 'frequency', FREQUENCIES),
    oneOf('subscriptions_status_check', 'status', SUBSCRIPTION_STATUSES),
    oneOf('subscriptions_language_check', 'language', LANGUAGES),
    check(
      'subscriptions_target_check',
      sql`(${t.scope} = 'ISSUE' and ${t.issueId} is not null) or (${t.scope} = 'REGION' and ${t.regionId} is not null)
        or (${t.scope} = 'BODY' and ${t.organizationId} is not null) or (${t.scope} = 'SEARCH' and ${t.searchQuery} is not null)`,
    ),
  ],
);

/**
 * The transactional outbox: a message is written in the same transaction as the change that
 * causes it, fully rendered, and leaves only through the delivery worker. `dedupeKey` makes the
 * enqueueing idempotent (one message per event and subscription); `smtpResponse` is the mail
 * server's acceptance, recorded in the same write that marks the message SENT.
 */
export const outboxMessages = sqliteTable(
  'outbox_messages',
  {
    id: id(),
    recipientId: integer('recipient_id')
      .notNull()
      .references(() => emailRecipients.id, { onDelete: 'cascade' }),
    subscriptionId: integer('subscription_id').references(() => subscriptions.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: MESSAGE_KINDS }).$type<MessageKind>().notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    /** Our Message-ID, fixed at enqueueing: a retry carries the same one, so a receiver can tell a repeat. */
    messageId: text('message_id').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body').notNull(),
    /** The unsubscribe URL for the List-Unsubscribe header (RFC 8058); null for confirmations. */
    unsubscribeUrl: text('unsubscribe_url'),
    status: text('status', { enum: MESSAGE_STATUSES }).$type<MessageStatus>().notNull().default('PENDING'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at').notNull(),
    /** Who claimed it and when (SENDING): a claim older than the lease is taken over after a crash. */
    claimedBy: text('claimed_by'),
    claimedAt: timestamp('claimed_at'),
    lastError: text('last_error'),
    smtpResponse: text('smtp_response'),
    createdAt: timestamp('created_at').notNull(),
    sentAt: timestamp('sent_at'),
  },
  (t) => [
    uniqueIndex('outbox_messages_dedupe_idx').on(t.dedupeKey),
    index('outbox_messages_due_idx').on(t.status, t.nextAttemptAt),
    index('outbox_messages_recipient_sent_idx').on(t.recipientId, t.sentAt),
    oneOf('outbox_messages_kind_check', 'kind', MESSAGE_KINDS),
    oneOf('outbox_messages_status_check', 'status', MESSAGE_STATUSES),
  ],
);

/** One row: the secret that signs confirmation and unsubscribe links (they must outlive restarts). */
export const notificationKeys = sqliteTable('notification_keys', {
  id: integer('id').primaryKey(),
  secret: text('secret').notNull(),
});
