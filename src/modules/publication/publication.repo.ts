import { and, eq, gte, inArray, lt, lte, or, sql, type InferInsertModel, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { asIs, type QueryPlan } from '../shared/query-plan.ts';
import { jobLocks, publicationBodies, publicationItems, publications } from './publication.tables.ts';
import { createSourceRepo, type Conn } from './source.repo.ts';
import type { PreviousState } from './freeze.ts';
import type { Quarter } from './periods.ts';

export type PublicationRow = typeof publications.$inferSelect;
export type NewPublicationItem = Omit<InferInsertModel<typeof publicationItems>, 'id' | 'publicationId'>;
export type NewPublicationBody = Omit<InferInsertModel<typeof publicationBodies>, 'publicationId'>;

const BATCH_ROWS = 200;

const itemExportWith = {
  organization: { columns: { code: true, nameKk: true, nameRu: true, nameEn: true } },
  region: { columns: { code: true, nameKk: true, nameRu: true, nameEn: true } },
  unit: { columns: { code: true, nameKk: true, nameRu: true, nameEn: true } },
} as const;

/** Open311 filters, already resolved: ids, categories, statuses and UTC bounds on raisedAt. */
export interface RequestCriteria {
  issueIds?: number[];
  categories?: string[];
  statuses?: string[];
  raisedFrom?: string;
  raisedTo?: string;
}

type ItemsTable = typeof publicationItems;

/** One condition for a page and its count (against whichever alias the query uses), so they never disagree. */
function requestCondition(t: ItemsTable, publicationId: number, c: RequestCriteria): SQL {
  return and(
    eq(t.publicationId, publicationId),
    c.issueIds ? inArray(t.issueId, c.issueIds) : undefined,
    c.categories ? inArray(t.category, c.categories as never[]) : undefined,
    c.statuses ? inArray(t.status, c.statuses as never[]) : undefined,
    c.raisedFrom ? gte(t.raisedAt, c.raisedFrom) : undefined,
    c.raisedTo ? lte(t.raisedAt, c.raisedTo) : undefined,
  )!;
}

const ITEM_COLUMNS = [
  'issueId',
  'organizationId',
  'regionId',
  'unitId',
  'category',
  'language',
  'title',
  'text',
  'status',
  'resolutionPlan',
  'dueDate',
  'progress',
  'overdue',
  'raisedAt',
  'updatedAt',
  'publicNote',
  'history',
  'change',
  'deadlineDriftDays',
  'previousStatus',
  'previousDueDate',
] as const satisfies readonly (keyof NewPublicationItem)[];

/** Writes and reads of published quarters; the writes only ever run inside `atomically`. */
function createQuarterRepo(db: Conn) {
  return {
    ...createSourceRepo(db),

    findPublicationRow(q: Quarter): PublicationRow | undefined {
      return db.select().from(publications).where(and(eq(publications.year, q.year), eq(publications.quarter, q.quarter))).get();
    },
    /** The latest published quarter before `q`: the baseline of "changes since the previous quarter". */
    latestPublicationBefore(q: Quarter): PublicationRow | undefined {
      return db
        .select()
        .from(publications)
        .where(or(lt(publications.year, q.year), and(eq(publications.year, q.year), lt(publications.quarter, q.quarter))))
        .orderBy(sql`${publications.year} desc, ${publications.quarter} desc`)
        .limit(1)
        .get();
    },
    previousStates(publicationId: number): Map<number, PreviousState> {
      const rows = db
        .select({
          issueId: publicationItems.issueId,
          status: publicationItems.status,
          dueDate: publicationItems.dueDate,
          overdue: publicationItems.overdue,
        })
        .from(publicationItems)
        .where(eq(publicationItems.publicationId, publicationId))
        .all();
      return new Map(rows.map((r) => [r.issueId, r]));
    },
    publishedQuarters(): Quarter[] {
      return db.select({ year: publications.year, quarter: publications.quarter }).from(publications).all();
    },
    insertPublication(row: Omit<InferInsertModel<typeof publications>, 'id'>): PublicationRow {
      return db.insert(publications).values(row).returning().get();
    },
    /** One prepared statement run per row: several times faster than multi-row inserts here. */
    insertItems(publicationId: number, rows: NewPublicationItem[], onWritten?: (written: number) => void): void {
      const placeholders = Object.fromEntries(ITEM_COLUMNS.map((column) => [column, sql.placeholder(column)]));
      const insert = db
        .insert(publicationItems)
        .values({ publicationId, ...placeholders } as never)
        .prepare();
      rows.forEach((row, i) => {
        insert.run(row as never);
        if (i % 500 === 499) onWritten?.(i + 1);
      });
      onWritten?.(rows.length);
    },
    insertBodies(publicationId: number, rows: NewPublicationBody[]): void {
      for (let i = 0; i < rows.length; i += BATCH_ROWS) {
        db.insert(publicationBodies)
          .values(rows.slice(i, i + BATCH_ROWS).map((r) => ({ ...r, publicationId })))
          .run();
      }
    },
  };
}
export type QuarterRepo = ReturnType<typeof createQuarterRepo>;

export function createPublicationRepo(db: Db) {
  /**
   * Takes the named lock, or takes it over when it has expired, in one statement: two processes
   * racing for it cannot both win.
   */
  function takeLock(name: string, holder: string, nowIso: string, expiresIso: string): boolean {
    const row = db
      .insert(jobLocks)
      .values({ name, holder, acquiredAt: nowIso, expiresAt: expiresIso })
      .onConflictDoUpdate({
        target: jobLocks.name,
        set: { holder, acquiredAt: nowIso, expiresAt: expiresIso },
        setWhere: sql`${jobLocks.expiresAt} <= ${nowIso}`,
      })
      .returning({ holder: jobLocks.holder })
      .get();
    return row?.holder === holder;
  }

  return {
    /** Runs `work` in one IMMEDIATE transaction: either everything is written or nothing is. */
    atomically<T>(work: (repo: QuarterRepo) => T): T {
      return db.transaction((tx) => work(createQuarterRepo(tx)) as never, { behavior: 'immediate' });
    },
    /**
     * Runs `work` in a read transaction: one consistent snapshot (WAL) for all its reads, without
     * the write lock, so that building a large quarter never blocks other writers.
     */
    reading<T>(work: (repo: QuarterRepo) => T): T {
      return db.transaction((tx) => work(createQuarterRepo(tx)) as never, { behavior: 'deferred' });
    },
    ...createQuarterRepo(db),

    listPublications(plan: QueryPlan = asIs) {
      return db.query.publications.findMany(plan({ orderBy: { year: 'desc' as const, quarter: 'desc' as const } }));
    },
    findPublication(q: Quarter, plan: QueryPlan = asIs) {
      return db.query.publications.findFirst(plan({ where: { year: q.year, quarter: q.quarter } }));
    },
    findLatestPublication(plan: QueryPlan = asIs) {
      return db.query.publications.findFirst(plan({ orderBy: { year: 'desc' as const, quarter: 'desc' as const } }));
    },
    /** A body's published figures, newest quarter first. */
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
        where: { year: q.year, quarter: q.quarter },
        with: { previous: { columns: { year: true, quarter: true } } },
      });
    },
    /** Every publication with its bodies' figures, newest first (the index and the publications feed). */
    listPublicationsWithBodies() {
      return db.query.publications.findMany({
        with: { bodies: { with: { organization: { columns: { code: true, nameKk: true, nameRu: true, nameEn: true } } } } },
        orderBy: { year: 'desc', quarter: 'desc' },
      });
    },
    /** A body's row in every publication, newest first, with the problems that changed (its feed). */
    findBodyHistory(organizationId: number) {
      return db.query.publicationBodies.findMany({
        where: { organizationId },
        with: {
          publication: true,
          items: {
            where: { change: { ne: 'UNCHANGED' } },
            columns: { issueId: true, title: true, change: true, status: true, deadlineDriftDays: true },
            orderBy: { issueId: 'asc' },
          },
        },
        orderBy: (t, { desc }) => [desc(sql`(select p.year * 10 + p.quarter from publications p where p.id = ${t.publicationId})`)],
      });
    },
    /** Frozen items with the codes and names of their body and units, ordered by problem number. */
    findExportItems(publicationId: number, organizationId?: number) {
      return db.query.publicationItems.findMany({
        where: organizationId === undefined ? { publicationId } : { publicationId, organizationId },
        with: itemExportWith,
        orderBy: { issueId: 'asc' },
      });
    },
    findExportItem(publicationId: number, issueId: number) {
      return db.query.publicationItems.findFirst({ where: { publicationId, issueId }, with: itemExportWith });
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

    /** The lock, or false when another holder has it (or is busy writing with it). */
    acquireLock(name: string, holder: string, nowIso: string, expiresIso: string): boolean {
      try {
        return takeLock(name, holder, nowIso, expiresIso);
      } catch (err) {
        // Another process is writing a publication right now (busy_timeout ran out): that is "held".
        if ((err as { cause?: { code?: string } }).cause?.code === 'SQLITE_BUSY' || (err as { code?: string }).code === 'SQLITE_BUSY') return false;
        throw err;
      }
    },
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
      db.delete(jobLocks).where(and(eq(jobLocks.name, name), eq(jobLocks.holder, holder))).run();
    },
    findLock(name: string) {
      return db.select().from(jobLocks).where(eq(jobLocks.name, name)).get();
    },
  };
}
export type PublicationRepo = ReturnType<typeof createPublicationRepo>;
