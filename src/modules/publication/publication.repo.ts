import type { IssueCategory, IssueStatus } from '../shared/enums.ts';
import { and, eq, gte, inArray, lte, sql, type InferInsertModel, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { asIs, type QueryPlan } from '../shared/query-plan.ts';
import { jobLocks, type publicationBodies, publicationItems, publications } from './publication.tables.ts';
import { createSourceRepo } from './source.repo.ts';
import { createQuarterBuildRepo } from './quarter-build.repo.ts';
import type { PublishedUpdate } from './snapshot.ts';
import type { Quarter } from './periods.ts';

export type PublicationRow = typeof publications.$inferSelect;
export type NewPublicationItem = Omit<InferInsertModel<typeof publicationItems>, 'id' | 'publicationId'>;
export type NewPublicationBody = Omit<InferInsertModel<typeof publicationBodies>, 'publicationId'>;

const itemExportWith = {
  organization: { columns: { code: true, nameKk: true, nameRu: true, nameEn: true } },
  region: { columns: { code: true, nameKk: true, nameRu: true, nameEn: true } },
  unit: { columns: { code: true, nameKk: true, nameRu: true, nameEn: true } },
} as const;

/** Open311 filters, already resolved: ids, categories, statuses and UTC bounds on raisedAt. */
export interface RequestCriteria {
  issueIds?: number[];
  categories?: IssueCategory[];
  statuses?: IssueStatus[];
  raisedFrom?: string;
  raisedTo?: string;
}

type ItemsTable = typeof publicationItems;

/** One condition for a page and its count (against whichever alias the query uses), so they never disagree. */
function requestCondition(t: ItemsTable, publicationId: number, c: RequestCriteria): SQL {
  return and(
    eq(t.publicationId, publicationId),
    c.issueIds ? inArray(t.issueId, c.issueIds) : undefined,
    c.categories ? inArray(t.category, c.categories) : undefined,
    c.statuses ? inArray(t.status, c.statuses) : undefined,
    c.raisedFrom ? gte(t.raisedAt, c.raisedFrom) : undefined,
    c.raisedTo ? lte(t.raisedAt, c.raisedTo) : undefined,
  )!;
}

/** Only published quarters are public: a quarter being built is filtered out of every read. */
const PUBLISHED = { status: 'published' as const };

/** A frozen item as the downloads and the body page read it: ids, not names (codes come from the reference). */
export interface StoredItem extends Omit<NewPublicationItem, 'history'> {
  history: PublishedUpdate[];
}

const STORED_ITEM_SELECT = `select issue_id as issueId, organization_id as organizationId, region_id as regionId, unit_id as unitId,
  category, language, title, text, status, resolution_plan as resolutionPlan, due_date as dueDate, progress, overdue,
  raised_at as raisedAt, updated_at as updatedAt, public_note as publicNote, history, change,
  deadline_drift_days as deadlineDriftDays, previous_status as previousStatus, previous_due_date as previousDueDate,
  group_id as groupId from publication_items`;

type RawItem = Omit<StoredItem, 'overdue' | 'history'> & { overdue: number; history: string };
const toStored = (r: RawItem): StoredItem => ({ ...r, overdue: r.overdue === 1, history: JSON.parse(r.history) as PublishedUpdate[] });

/** Who holds a lock: the process (pid on hostname) whose death frees it at once. */
export interface LockOwner {
  holder: string;
  pid: number;
  hostname: string;
}

/** `onPublished` listeners run inside the transaction that flips a quarter to published (the email outbox writes there). */
export function createPublicationRepo(db: Db, options: { onPublished?: ((publicationId: number) => void)[] } = {}) {
  /**
   * Takes the named lock, or takes it over when its lease has expired, in one statement: two
   * processes racing for it cannot both win.
   */
  function takeLock(name: string, owner: LockOwner, nowIso: string, expiresIso: string): boolean {
    const values = { holder: owner.holder, pid: owner.pid, hostname: owner.hostname, acquiredAt: nowIso, expiresAt: expiresIso };
    const row = db
      .insert(jobLocks)
      .values({ name, ...values })
      .onConflictDoUpdate({ target: jobLocks.name, set: values, setWhere: sql`${jobLocks.expiresAt} <= ${nowIso}` })
      .returning({ holder: jobLocks.holder })
      .get();
    return row?.holder === owner.holder;
  }

  const itemsAfter = db.$client.prepare<[number, number, number], RawItem>(
    `${STORED_ITEM_SELECT} where publication_id = ? and issue_id > ? order by issue_id limit ?`,
  );
  const bodyItemsAfter = db.$client.prepare<[number, number, number, number], RawItem>(
    `${STORED_ITEM_SELECT} where publication_id = ? and organization_id = ? and issue_id > ? order by issue_id limit ?`,
  );
  const bodyItemsBefore = db.$client.prepare<[number, number, number, number], RawItem>(
    `select * from (${STORED_ITEM_SELECT} where publication_id = ? and organization_id = ? and issue_id < ? order by issue_id desc limit ?) order by issueId`,
  );
  const bodyChanged = db.$client.prepare<[number, number, number], RawItem>(
    `${STORED_ITEM_SELECT} where publication_id = ? and organization_id = ? and change <> 'UNCHANGED' order by issue_id limit ?`,
  );

  return {
    build: createQuarterBuildRepo(db, options.onPublished ?? []),
    ...createSourceRepo(db),

    /** Published quarters (not one being built): what the scheduler has no more to do for. */
    publishedQuarters(): Quarter[] {
      return db.select({ year: publications.year, quarter: publications.quarter }).from(publications).where(eq(publications.status, 'published')).all();
    },
    listPublications(plan: QueryPlan = asIs) {
      return db.query.publications.findMany(plan({ where: PUBLISHED, orderBy: { year: 'desc' as const, quarter: 'desc' as const } }));
    },
    findPublication(q: Quarter, plan: QueryPlan = asIs) {
      return db.query.publications.findFirst(plan({ where: { year: q.year, quarter: q.quarter, ...PUBLISHED } }));
    },
    findLatestPublication(plan: QueryPlan = asIs) {
      return db.query.publications.findFirst(plan({ where: PUBLISHED, orderBy: { year: 'desc' as const, quarter: 'desc' as const } }));
    },
    /** A body's published figures, newest quarter first (bodies are written only when a quarter is published). */
    findBodyFigures(organizationId: number, plan: QueryPlan = asIs) {
      return db.query.publicationBodies.findMany(
        plan({
          where: { organizationId },
          orderBy: (t: typeof publicationBodies) => [sql`(select p.year * 10 + p.quarter from publications p where p.id = ${t.publicationId}) desc`],
        }),
      );
    },
    findPublicationWithPrevious(q: Quarter) {
      return db.query.publications.findFirst({
        where: { year: q.year, quarter: q.quarter, ...PUBLISHED },
        with: { previous: { columns: { year: true, quarter: true } } },
      });
    },
    /** Every publication with its bodies' figures, newest first (the index and the publications feed). */
    listPublicationsWithBodies() {
      return db.query.publications.findMany({
        where: PUBLISHED,
        with: { bodies: { with: { organization: { columns: { code: true, nameKk: true, nameRu: true, nameEn: true } } } } },
        orderBy: { year: 'desc', quarter: 'desc' },
      });
    },
    /** A body's row in every publication, newest first, with its first `changedLimit` changed problems (its feed). */
    findBodyHistory(organizationId: number, changedLimit: number) {
      return db.query.publicationBodies.findMany({
        where: { organizationId },
        with: {
          publication: true,
          items: {
            where: { change: { ne: 'UNCHANGED' } },
            columns: { issueId: true, title: true, change: true, status: true, deadlineDriftDays: true },
            orderBy: { issueId: 'asc' },
            limit: changedLimit,
          },
        },
        orderBy: (t, { desc }) => [desc(sql`(select p.year * 10 + p.quarter from publications p where p.id = ${t.publicationId})`)],
      });
    },
    /** The next `limit` items after problem `afterIssueId`, in problem order (keyset: no OFFSET). */
    storedItemsAfter(publicationId: number, afterIssueId: number, limit: number, organizationId?: number): StoredItem[] {
      const rows =
        organizationId === undefined
          ? itemsAfter.all(publicationId, afterIssueId, limit)
          : bodyItemsAfter.all(publicationId, organizationId, afterIssueId, limit);
      return rows.map(toStored);
    },
    /** The `limit` items of a body just before problem `beforeIssueId`, in problem order (the previous page). */
    storedItemsBefore(publicationId: number, organizationId: number, beforeIssueId: number, limit: number): StoredItem[] {
      return bodyItemsBefore.all(publicationId, organizationId, beforeIssueId, limit).map(toStored);
    },
    /** A body's first `limit` problems that changed since the previous quarter. */
    storedChangedItems(publicationId: number, organizationId: number, limit: number): StoredItem[] {
      return bodyChanged.all(publicationId, organizationId, limit).map(toStored);
    },
    findExportBodies(publicationId: number) {
      return db.query.publicationBodies.findMany({
        where: { publicationId },
        with: { organization: { columns: { code: true, nameKk: true, nameRu: true, nameEn: true } } },
        orderBy: { organizationId: 'asc' },
      });
    },
    /** Open311's request search over one publication: newest raised first, one page. */
    findRequestPage(publicationId: number, c: RequestCriteria, limit: number, offset: number) {
      return db.query.publicationItems.findMany({
        where: { RAW: (t: ItemsTable) => requestCondition(t, publicationId, c) },
        with: itemExportWith,
        orderBy: { raisedAt: 'desc', issueId: 'desc' },
        limit,
        offset,
      });
    },
    async countRequests(publicationId: number, c: RequestCriteria): Promise<number> {
      return db.$count(publicationItems, requestCondition(publicationItems, publicationId, c));
    },
    findBody(publicationId: number, organizationId: number) {
      return db.query.publicationBodies.findFirst({ where: { publicationId, organizationId } });
    },

    /**
     * The lock, or false when another holder has it (or is busy writing with it). A holder on this
     * host whose process is gone is removed first: its lock is taken over at once, not at expiry.
     */
    acquireLock(name: string, owner: LockOwner, nowIso: string, expiresIso: string, isAlive: (pid: number) => boolean): boolean {
      try {
        const current = db.select().from(jobLocks).where(eq(jobLocks.name, name)).get();
        if (current && current.hostname === owner.hostname && current.pid !== null && !isAlive(current.pid)) {
          db.delete(jobLocks)
            .where(and(eq(jobLocks.name, name), eq(jobLocks.holder, current.holder)))
            .run();
        }
        return takeLock(name, owner, nowIso, expiresIso);
      } catch (err) {
        // Another process is writing a publication right now (busy_timeout ran out): that is "held".
        if ((err as { cause?: { code?: string } }).cause?.code === 'SQLITE_BUSY' || (err as { code?: string }).code === 'SQLITE_BUSY') return false;
        throw err;
      }
    },
    /** Extends the lease; false when the lock is no longer this holder's (it was taken over). */
    renewLock(name: string, holder: string, expiresIso: string): boolean {
      const rows = db
        .update(jobLocks)
        .set({ expiresAt: expiresIso })
        .where(and(eq(jobLocks.name, name), eq(jobLocks.holder, holder)))
        .returning({ name: jobLocks.name })
        .all();
      return rows.length > 0;
    },
    releaseLock(name: string, holder: string): void {
      db.delete(jobLocks)
        .where(and(eq(jobLocks.name, name), eq(jobLocks.holder, holder)))
        .run();
    },
    findLock(name: string) {
      return db.select().from(jobLocks).where(eq(jobLocks.name, name)).get();
    },
  };
}
export type PublicationRepo = ReturnType<typeof createPublicationRepo>;
