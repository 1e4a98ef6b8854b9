import { and, eq, gte, inArray, isNull, lt, sql, type InferInsertModel } from 'drizzle-orm';
import { type Db, inTransaction } from '../../db/client.ts';
import { units } from '../geography/geography.tables.ts';
import { calendarEntries, calendarRevisions, calendars, calendarTransitions, type coverageRules, legalActs, meetings } from './meetings.tables.ts';
import { reportViolationSql } from './meetings.repo.ts';
import { conductFlagSql } from './conduct.ts';
import { MEETING_CONDUCT_FLAGS, type CalendarStatus, type MeetingConductFlag } from '../shared/enums.ts';
import { asIs, type QueryPlan } from '../shared/query-plan.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type CalendarRow = typeof calendars.$inferSelect;
export type UnitRow = typeof units.$inferSelect;
export type CoverageRuleRow = typeof coverageRules.$inferSelect;
export type RevisionRow = typeof calendarRevisions.$inferSelect;
export type EntryInsert = Omit<InferInsertModel<typeof calendarEntries>, 'id'>;

/** Entries as they stood in a revision: added at or before it, not yet removed by it. */
export function entriesOfRevision(revision: number | null | undefined) {
  if (revision === null || revision === undefined) return { removedInRevision: { isNull: true as const } };
  return {
    addedInRevision: { lte: revision },
    OR: [{ removedInRevision: { isNull: true as const } }, { removedInRevision: { gt: revision } }],
  };
}

/** Writes of the calendar workflow, bound to one synchronous transaction. */
function writer(tx: Tx) {
  return {
    insertCalendar: (values: { regionId: number; year: number; createdAt: string }) =>
      tx.insert(calendars).values(values).returning({ id: calendars.id }).get().id,
    insertTransition(values: InferInsertModel<typeof calendarTransitions>) {
      tx.insert(calendarTransitions).values(values).run();
    },
    insertRevision(values: InferInsertModel<typeof calendarRevisions>) {
      tx.insert(calendarRevisions).values(values).run();
    },
    insertEntries(rows: EntryInsert[]) {
      for (let i = 0; i < rows.length; i += 200)
        tx.insert(calendarEntries)
          .values(rows.slice(i, i + 200))
          .run();
    },
    /** Draft entries were never approved: they go for good. */
    deleteEntries: (calendarId: number, ids: number[]) =>
      tx
        .delete(calendarEntries)
        .where(and(eq(calendarEntries.calendarId, calendarId), inArray(calendarEntries.id, ids)))
        .run().changes,
    closeEntries: (calendarId: number, ids: number[], revision: number) =>
      tx
        .update(calendarEntries)
        .set({ removedInRevision: revision })
        .where(and(eq(calendarEntries.calendarId, calendarId), inArray(calendarEntries.id, ids), isNull(calendarEntries.removedInRevision)))
        .run().changes,
    /** Moves the calendar on only if it is still in `from` (a guard against concurrent steps). */
    advance: (calendarId: number, from: CalendarStatus, set: Partial<InferInsertModel<typeof calendars>>) =>
      tx
        .update(calendars)
        .set(set)
        .where(and(eq(calendars.id, calendarId), eq(calendars.status, from)))
        .run().changes,
    bumpRevision: (calendarId: number, from: number) =>
      tx
        .update(calendars)
        .set({ currentRevision: from + 1 })
        .where(and(eq(calendars.id, calendarId), eq(calendars.currentRevision, from)))
        .run().changes,
  };
}
export type CalendarWriter = ReturnType<typeof writer>;

export function createCalendarsRepo(db: Db) {
  return {
    transaction: <T>(work: (w: CalendarWriter) => T): T => inTransaction(db, (tx) => work(writer(tx))),

    findById: (id: number, plan: QueryPlan = asIs) => db.query.calendars.findFirst(plan({ where: { id } })),
    findByRegionYear: (regionId: number, year: number, plan: QueryPlan = asIs) => db.query.calendars.findFirst(plan({ where: { regionId, year } })),
    findMany(criteria: { year?: number; regionIds?: number[] }, plan: QueryPlan = asIs) {
      return db.query.calendars.findMany(
        plan({
          where: {
            ...(criteria.year === undefined ? {} : { year: criteria.year }),
            ...(criteria.regionIds ? { regionId: { in: criteria.regionIds } } : {}),
          },
          orderBy: { year: 'desc' as const, regionId: 'asc' as const },
        }),
      );
    },

    findEntries: (calendarId: number, revision?: number | null, plan: QueryPlan = asIs) =>
      db.query.calendarEntries.findMany(
        plan({ where: { calendarId, ...entriesOfRevision(revision) }, orderBy: { plannedFrom: 'asc' as const, id: 'asc' as const } }),
      ),
    findCurrentEntriesOf: (calendarIds: number[]) =>
      calendarIds.length === 0
        ? Promise.resolve([])
        : db
            .select()
            .from(calendarEntries)
            .where(and(inArray(calendarEntries.calendarId, calendarIds), isNull(calendarEntries.removedInRevision))),
    /** Of the given entries, those with a meeting held against them. */
    async heldEntryIds(entryIds: number[]): Promise<Set<number>> {
      if (entryIds.length === 0) return new Set();
      const rows = await db
        .selectDistinct({ id: meetings.calendarEntryId })
        .from(meetings)
        .where(and(inArray(meetings.calendarEntryId, entryIds), eq(meetings.status, 'HELD')));
      return new Set(rows.map((r) => r.id!));
    },

    /** The day the decree took effect: the earliest act in force (null before the reference seed). */
    async decreeInForceFrom(): Promise<string | null> {
      const [row] = await db.select({ from: sql<string | null>`min(${legalActs.inForceFrom})` }).from(legalActs);
      return row?.from ?? null;
    },
    /** Every unit of the given regions (the regions themselves included), or of all regions. */
    findUnitsOfRegions: (regionIds?: number[]) =>
      db
        .select()
        .from(units)
        .where(regionIds ? inArray(units.regionId, regionIds) : undefined)
        .orderBy(units.code),
    findRules: (plan: QueryPlan = asIs) => db.query.coverageRules.findMany(plan({ orderBy: { effectiveFrom: 'asc' as const, code: 'asc' as const } })),
    findRulesInForce: (on: string, plan: QueryPlan = asIs) =>
      db.query.coverageRules.findMany(
        plan({
          where: { effectiveFrom: { lte: on }, OR: [{ effectiveTo: { isNull: true as const } }, { effectiveTo: { gt: on } }] },
          orderBy: { code: 'asc' as const },
        }),
      ),

    /** Held meetings of the regions that started within [fromUtc, beforeUtc). */
    findHeldMeetings: (regionIds: number[] | undefined, fromUtc: string, beforeUtc: string) =>
      db
        .select({
          regionId: meetings.regionId,
          akimUnitId: meetings.akimUnitId,
          unitId: meetings.unitId,
          visiting: meetings.visiting,
          actualStartAt: meetings.actualStartAt,
        })
        .from(meetings)
        .where(
          and(
            regionIds ? inArray(meetings.regionId, regionIds) : undefined,
            eq(meetings.status, 'HELD'),
            gte(meetings.actualStartAt, fromUtc),
            lt(meetings.actualStartAt, beforeUtc),
          ),
        ),

    /** Per region, meetings planned to start within [fromUtc, beforeUtc): held, held on demand, report-time violations. */
    meetingCountsByRegion: (fromUtc: string, beforeUtc: string) =>
      db
        .select({
          regionId: meetings.regionId,
          held: sql<number>`coalesce(sum(${meetings.status} = 'HELD'), 0)`,
          onDemandHeld: sql<number>`coalesce(sum(${meetings.status} = 'HELD' and ${meetings.kind} = 'ON_DEMAND'), 0)`,
          reportTimeViolations: sql<number>`coalesce(sum(${reportViolationSql(meetings)}), 0)`,
        })
        .from(meetings)
        .where(and(gte(meetings.plannedStartAt, fromUtc), lt(meetings.plannedStartAt, beforeUtc)))
        .groupBy(meetings.regionId),

    /** Per region and conduct flag, meetings planned to start within [fromUtc, beforeUtc) that carry it at `nowIso`. */
    async conductCountsByRegion(regionIds: number[], fromUtc: string, beforeUtc: string, nowIso: string) {
      const columns = Object.fromEntries(
        MEETING_CONDUCT_FLAGS.map((flag) => [flag, sql<number>`coalesce(sum(${conductFlagSql(meetings, flag, nowIso)}), 0)`]),
      ) as Record<MeetingConductFlag, ReturnType<typeof sql<number>>>;
      return db
        .select({ regionId: meetings.regionId, ...columns })
        .from(meetings)
        .where(and(inArray(meetings.regionId, regionIds), gte(meetings.plannedStartAt, fromUtc), lt(meetings.plannedStartAt, beforeUtc)))
        .groupBy(meetings.regionId);
    },

    findRevisions: (calendarIds: number[]) =>
      calendarIds.length === 0
        ? Promise.resolve([])
        : db
            .select()
            .from(calendarRevisions)
            .where(inArray(calendarRevisions.calendarId, calendarIds))
            .orderBy(calendarRevisions.calendarId, calendarRevisions.number),
    findTransitions: (calendarIds: number[]) =>
      calendarIds.length === 0
        ? Promise.resolve([])
        : db
            .select()
            .from(calendarTransitions)
            .where(inArray(calendarTransitions.calendarId, calendarIds))
            .orderBy(calendarTransitions.at, calendarTransitions.id),
  };
}
export type CalendarsRepo = ReturnType<typeof createCalendarsRepo>;
