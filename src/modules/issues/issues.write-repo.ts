import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { type Db, inTransaction } from '../../db/client.ts';
import { issueAssignments, issueContacts, issues, issueUpdates } from './issues.tables.ts';

// The writes of the issues domain, and the reads a write decides on. Everything here runs inside a
// transaction the service opened: better-sqlite3 is synchronous, so the state a write checks is the
// state it changes (no other request can slip in between).

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type IssueRow = typeof issues.$inferSelect;
export type NewIssue = typeof issues.$inferInsert;
export type NewIssueUpdate = typeof issueUpdates.$inferInsert;
export type IssueContactRow = typeof issueContacts.$inferSelect;

/**
 * Told of every history entry inside the transaction that appends it (the notifications outbox
 * writes its messages there, so they commit or roll back with the change). Must be synchronous.
 */
export type HistoryAppendedListener = (updateId: number, actor: NewIssueUpdate['actor']) => void;

/**
 * Told of every problem inserted or changed, inside the transaction that writes it (the search
 * outbox records it there, so a crash after the commit cannot lose the index update). Synchronous.
 */
export type IssueWrittenListener = (issueId: number) => void;

interface Listeners {
  appended: HistoryAppendedListener[];
  written: IssueWrittenListener[];
}

function writeOps(tx: Tx, { appended, written }: Listeners) {
  return {
    getIssue(id: number): IssueRow | undefined {
      return tx.select().from(issues).where(eq(issues.id, id)).get();
    },
    getIssues(ids: number[]): IssueRow[] {
      return ids.length ? tx.select().from(issues).where(inArray(issues.id, ids)).all() : [];
    },
    getIssueByTrackingCode(code: string): IssueRow | undefined {
      return tx.select().from(issues).where(eq(issues.trackingCode, code)).get();
    },
    trackingCodeTaken(code: string): boolean {
      return tx.select({ id: issues.id }).from(issues).where(eq(issues.trackingCode, code)).get() !== undefined;
    },
    insertIssue(values: NewIssue): IssueRow {
      const row = tx.insert(issues).values(values).returning().get();
      for (const listener of written) listener(row.id);
      return row;
    },
    insertContact(values: IssueContactRow): void {
      tx.insert(issueContacts).values(values).run();
    },
    /** Every write of a problem goes through here, so every write moves its version on by one. */
    updateIssue(id: number, set: Partial<Omit<IssueRow, 'id' | 'trackingCode' | 'createdAt' | 'version'>>): IssueRow {
      const row = tx
        .update(issues)
        .set({ ...set, version: sql`${issues.version} + 1` })
        .where(eq(issues.id, id))
        .returning()
        .get() as IssueRow;
      for (const listener of written) listener(id);
      return row;
    },
    /** A history entry; `version` is the problem's version after the write it records. */
    appendUpdate(values: NewIssueUpdate & { version: number }): void {
      const { id } = tx.insert(issueUpdates).values(values).returning({ id: issueUpdates.id }).get();
      for (const listener of appended) listener(id, values.actor);
    },
    /** The history entries written after `version`, oldest first: what changed since a form was rendered. */
    updatesSince(issueId: number, version: number) {
      return tx
        .select()
        .from(issueUpdates)
        .where(and(eq(issueUpdates.issueId, issueId), gt(issueUpdates.version, version)))
        .orderBy(asc(issueUpdates.version))
        .all();
    },
    /** Ends the current assignment (if any) and opens the next one: one open row per problem. */
    reassign(values: {
      issueId: number;
      organizationId: number;
      fromOrganizationId: number | null;
      reason: string | null;
      at: string;
      byUserId: number;
    }): void {
      tx.update(issueAssignments)
        .set({ endedAt: values.at })
        .where(and(eq(issueAssignments.issueId, values.issueId), isNull(issueAssignments.endedAt)))
        .run();
      tx.insert(issueAssignments)
        .values({
          issueId: values.issueId,
          organizationId: values.organizationId,
          fromOrganizationId: values.fromOrganizationId,
          reason: values.reason,
          assignedAt: values.at,
          byUserId: values.byUserId,
        })
        .run();
    },
    /** Whether the body held the problem before (an ended assignment): a transfer back is a bounce. */
    heldBefore(issueId: number, organizationId: number): boolean {
      const row = tx
        .select({ id: issueAssignments.id })
        .from(issueAssignments)
        .where(and(eq(issueAssignments.issueId, issueId), eq(issueAssignments.organizationId, organizationId), isNotNull(issueAssignments.endedAt)))
        .get();
      return row !== undefined;
    },
    /** The newest public note of each problem, so that re-uploading an export repeats nothing. */
    latestPublicNotes(issueIds: number[]): Map<number, string> {
      const notes = new Map<number, string>();
      if (!issueIds.length) return notes;
      const rows = tx
        .select({ issueId: issueUpdates.issueId, publicNote: issueUpdates.publicNote })
        .from(issueUpdates)
        .where(and(inArray(issueUpdates.issueId, issueIds), isNotNull(issueUpdates.publicNote)))
        .orderBy(desc(issueUpdates.at), desc(issueUpdates.id))
        .all();
      for (const r of rows) if (r.publicNote !== null && !notes.has(r.issueId)) notes.set(r.issueId, r.publicNote);
      return notes;
    },
  };
}
export type IssuesWriter = ReturnType<typeof writeOps>;

export function createIssuesWriteRepo(db: Db, options: { onHistoryAppended?: HistoryAppendedListener[]; onIssueWritten?: IssueWrittenListener[] } = {}) {
  const listeners: Listeners = { appended: options.onHistoryAppended ?? [], written: options.onIssueWritten ?? [] };
  return {
    /** Runs `work` in one transaction: all of its writes happen, or none (a throw rolls back). */
    transaction<T>(work: (writer: IssuesWriter) => T): T {
      return inTransaction(db, (tx) => work(writeOps(tx, listeners)), 'immediate');
    },
    /** Runs `work` in a read transaction (one consistent view); it must not write. */
    read<T>(work: (writer: IssuesWriter) => T): T {
      return inTransaction(db, (tx) => work(writeOps(tx, { appended: [], written: [] })), 'deferred');
    },
  };
}
export type IssuesWriteRepo = ReturnType<typeof createIssuesWriteRepo>;
