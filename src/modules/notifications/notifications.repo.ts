import { randomBytes } from 'node:crypto';
import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { type Db, inTransaction } from '../../db/client.ts';
import { emailRecipients, notificationKeys, outboxMessages, subscriptions, type Frequency } from './notifications.tables.ts';

// Subscriptions and the addresses behind them. The address is read in two places only: when a
// subscription is made (to find or add the recipient) and by the delivery worker (outbox.repo.ts).
//
// The enqueueing writes run inside the transaction of the change that causes them: better-sqlite3
// has one connection and the issues domain holds BEGIN IMMEDIATE on it while it calls us, so these
// statements commit or roll back with that change.

export type SubscriptionRow = typeof subscriptions.$inferSelect;
export type NewSubscription = typeof subscriptions.$inferInsert;
export type NewOutboxMessage = typeof outboxMessages.$inferInsert;

export function createNotificationsRepo(db: Db) {
  return {
    transaction<T>(work: () => T): T {
      return inTransaction(db, () => work(), 'immediate');
    },
    /** The link-signing secret, made once per database. */
    secret(): Buffer {
      const row = db.select().from(notificationKeys).where(eq(notificationKeys.id, 1)).get();
      if (row) return Buffer.from(row.secret, 'base64');
      db.insert(notificationKeys)
        .values({ id: 1, secret: randomBytes(32).toString('base64') })
        .onConflictDoNothing()
        .run();
      return Buffer.from(db.select().from(notificationKeys).where(eq(notificationKeys.id, 1)).get()!.secret, 'base64');
    },
    recipientIdFor(email: string, at: string): number {
      db.insert(emailRecipients).values({ email, createdAt: at }).onConflictDoNothing().run();
      return db.select({ id: emailRecipients.id }).from(emailRecipients).where(eq(emailRecipients.email, email)).get()!.id;
    },
    /** The same recipient following the same thing: reused rather than duplicated. */
    findSame(s: NewSubscription): SubscriptionRow | undefined {
      const same = (
        column: typeof subscriptions.issueId | typeof subscriptions.regionId | typeof subscriptions.organizationId,
        value: number | null | undefined,
      ) => (value == null ? isNull(column) : eq(column, value));
      return db
        .select()
        .from(subscriptions)
        .where(
          and(
            eq(subscriptions.recipientId, s.recipientId),
            eq(subscriptions.scope, s.scope),
            same(subscriptions.issueId, s.issueId),
            same(subscriptions.regionId, s.regionId),
            same(subscriptions.organizationId, s.organizationId),
            s.searchQuery == null ? isNull(subscriptions.searchQuery) : eq(subscriptions.searchQuery, s.searchQuery),
          ),
        )
        .get();
    },
    insertSubscription(s: NewSubscription): SubscriptionRow {
      return db.insert(subscriptions).values(s).returning().get();
    },
    updateSubscription(id: number, set: Partial<NewSubscription>): SubscriptionRow | undefined {
      return db.update(subscriptions).set(set).where(eq(subscriptions.id, id)).returning().get();
    },
    findSubscription(id: number): SubscriptionRow | undefined {
      return db.select().from(subscriptions).where(eq(subscriptions.id, id)).get();
    },
    /** Confirmed subscribers, who want every event, of the problem a history entry belongs to. */
    activeIssueSubscribersOfUpdate(updateId: number): SubscriptionRow[] {
      return db
        .select()
        .from(subscriptions)
        .where(
          and(
            sql`${subscriptions.issueId} = (select issue_id from issue_updates where id = ${updateId})`,
            eq(subscriptions.status, 'ACTIVE'),
            eq(subscriptions.frequency, 'IMMEDIATE'),
          ),
        )
        .all();
    },
    /** Confirmed followers of the bodies that have a list in a publication, with the body's figures. */
    bodyFollowersOfPublication(publicationId: number) {
      return db.all<{
        subscriptionId: number;
        year: number;
        quarter: number;
        total: number;
        open: number;
        overdue: number;
        resolved: number;
        code: string;
        nameKk: string;
        nameRu: string;
        nameEn: string;
      }>(sql`
        select s.id as subscriptionId, p.year as year, p.quarter as quarter, b.total as total, b.open as open, b.overdue as overdue, b.resolved as resolved,
          o.code as code, o.name_kk as nameKk, o.name_ru as nameRu, o.name_en as nameEn
        from subscriptions s
        join organizations o on o.id = s.organization_id
        join publication_bodies b on b.organization_id = s.organization_id and b.publication_id = ${publicationId}
        join publications p on p.id = b.publication_id
        where s.scope = 'BODY' and s.status = 'ACTIVE'`);
    },
    /** Confirmed digests last sent before `sentBefore` (or never), oldest first. */
    dueDigests(frequency: Frequency, sentBefore: string, limit: number): SubscriptionRow[] {
      return db
        .select()
        .from(subscriptions)
        .where(
          and(
            eq(subscriptions.frequency, frequency),
            eq(subscriptions.status, 'ACTIVE'),
            or(isNull(subscriptions.digestSentAt), lt(subscriptions.digestSentAt, sentBefore)),
          ),
        )
        .orderBy(asc(subscriptions.id))
        .limit(limit)
        .all();
    },
    /** The newest history entry: where a new digest subscription starts reading. */
    latestEventId(): number {
      return (db.get<{ id: number | null }>(sql`select max(id) as id from issue_updates`)?.id ?? 0) as number;
    },
    /** The newest published quarter: where a saved search's digest starts reading. */
    latestPublicationId(): number {
      return (db.get<{ id: number | null }>(sql`select max(id) as id from publications where status = 'published'`)?.id ?? 0) as number;
    },
    /**
     * The newest publication the published search index holds (search_index_state's mark): a saved
     * search must not read a quarter its index has not taken in yet, or the digest would skip it.
     */
    searchablePublicationId(): number {
      const row = db.get<{ mark: string | null }>(sql`select source_mark as mark from search_index_state where index_name = 'published'`);
      return Number(row?.mark ?? 0) || 0;
    },
    /** Quarters published after the publication `after`, up to `upTo`, oldest first. */
    publicationsBetween(after: number, upTo: number): { id: number; quarter: string }[] {
      return db.all<{ id: number; quarter: string }>(sql`
        select id, year || '-Q' || quarter as quarter from publications
        where status = 'published' and id > ${after} and id <= ${upTo} order by id`);
    },
    /** Of these problems, the ones new or changed in a publication, with the title as published. */
    changedItems(publicationId: number, issueIds: number[]) {
      if (issueIds.length === 0) return [];
      return db.all<{ issueId: number; title: string; language: string; change: string }>(sql`
        select issue_id as issueId, title, language, change from publication_items
        where publication_id = ${publicationId} and change != 'UNCHANGED'
          and issue_id in (select value from json_each(${JSON.stringify(issueIds)}))
        order by issue_id`);
    },
    /** Whether a message with this key was already written (enqueueing is idempotent). */
    insertMessage(message: NewOutboxMessage): boolean {
      return db.insert(outboxMessages).values(message).onConflictDoNothing().run().changes > 0;
    },
    /** Messages not yet sent of one subscription: an unsubscribe cancels them. */
    cancelUnsent(subscriptionId: number): void {
      db.update(outboxMessages)
        .set({ status: 'CANCELLED' })
        .where(and(eq(outboxMessages.subscriptionId, subscriptionId), eq(outboxMessages.status, 'PENDING')))
        .run();
    },
    /** Confirmation messages to this recipient since `since`: a form cannot be used to flood an inbox. */
    confirmationsSince(recipientId: number, since: string): number {
      return db
        .select({ n: sql<number>`count(*)` })
        .from(outboxMessages)
        .where(and(eq(outboxMessages.recipientId, recipientId), eq(outboxMessages.kind, 'CONFIRM'), sql`${outboxMessages.createdAt} >= ${since}`))
        .get()!.n;
    },
  };
}
export type NotificationsRepo = ReturnType<typeof createNotificationsRepo>;
