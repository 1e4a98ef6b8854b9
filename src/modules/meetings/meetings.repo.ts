import { and, count, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { meetings } from './meetings.tables.ts';
import type { MeetingConductFlag, MeetingStatus } from '../shared/enums.ts';
import { anyConductFlagSql } from './conduct.ts';
import { asIs, type QueryPlan } from '../shared/query-plan.ts';
import type { Zoned } from '../shared/time-zones.ts';
import { zonedSql } from '../shared/zoned-sql.ts';

export interface MeetingCriteria {
  regionIds?: number[];
  unitIds?: number[];
  statuses?: MeetingStatus[];
  kinds?: ('SCHEDULED' | 'ON_DEMAND')[];
  /** A day's first instant in each region's zone (docs/decree.md, "Time zones"). */
  fromUtc?: Zoned<string>;
  beforeUtc?: Zoned<string>;
  reportTimeViolation?: boolean;
  /** Meetings with any of these conduct flags, judged at `nowIso`. */
  conductFlags?: { flags: MeetingConductFlag[]; nowIso: string };
}

type MeetingsTable = typeof meetings;

/** A report longer than a quarter of the planned time breaks the decree (point 3.3). */
export function reportViolationSql(t: MeetingsTable): SQL {
  return sql`(${t.reportMinutes} is not null and ${t.reportMinutes} * 4 > ${t.plannedDurationMinutes})`;
}

/**
 * The condition of a page and its count. For a page (`page` true) only the order's column, a single
 * region or a single unit may lead the search; status and kind are written `+column` ("no index for
 * this term") so that SQLite walks the planned-start order and stops after the page instead of
 * sorting every held meeting (see issues.criteria.ts). Counts may use any index.
 */
function criteriaSql(t: MeetingsTable, c: MeetingCriteria, page = false): SQL {
  const indexed = (column: MeetingsTable[keyof MeetingsTable], usable: boolean) => (usable ? sql`${column}` : sql`+${column}`);
  const list = (values: readonly (string | number)[]) =>
    sql.join(
      values.map((v) => sql`${v}`),
      sql`, `,
    );
  const leads = (values: readonly unknown[]) => !page || values.length === 1;
  const parts: (SQL | undefined)[] = [
    c.regionIds ? sql`${indexed(t.regionId, leads(c.regionIds))} in (${list(c.regionIds)})` : undefined,
    c.unitIds ? sql`${indexed(t.unitId, leads(c.unitIds))} in (${list(c.unitIds)})` : undefined,
    c.statuses ? sql`${indexed(t.status, !page)} in (${list(c.statuses)})` : undefined,
    c.kinds ? sql`${indexed(t.kind, !page)} in (${list(c.kinds)})` : undefined,
    c.fromUtc ? zonedSql(t.regionId, c.fromUtc, (from) => gte(t.plannedStartAt, from)!) : undefined,
    c.beforeUtc ? zonedSql(t.regionId, c.beforeUtc, (before) => lt(t.plannedStartAt, before)!) : undefined,
    c.reportTimeViolation === undefined ? undefined : c.reportTimeViolation ? reportViolationSql(t) : sql`not ${reportViolationSql(t)}`,
    c.conductFlags?.flags.length ? anyConductFlagSql(t, c.conductFlags.flags, c.conductFlags.nowIso) : undefined,
  ];
  return and(...parts.filter((p): p is SQL => p !== undefined)) ?? sql`1 = 1`;
}

/** A meeting whose report took more than a quarter of its planned time (the read model of the compliance report). */
export interface ReportTimeViolation {
  id: number;
  unitCode: string;
  plannedStartAt: string;
  reportMinutes: number;
  plannedMinutes: number;
}

export function createMeetingsRepo(db: Db) {
  return {
    findMany(criteria: MeetingCriteria, plan: QueryPlan = asIs) {
      return db.query.meetings.findMany(
        plan({
          where: { RAW: (t: MeetingsTable) => criteriaSql(t, criteria, true) },
          orderBy: { plannedStartAt: 'desc' as const },
        }),
      );
    },
    async count(criteria: MeetingCriteria): Promise<number> {
      const [row] = await db.select({ n: count() }).from(meetings).where(criteriaSql(meetings, criteria));
      return row?.n ?? 0;
    },
    /** The meetings whose report took more than a quarter of the planned time, with their unit's code, earliest first. */
    async findReportTimeViolations(criteria: MeetingCriteria): Promise<ReportTimeViolation[]> {
      const rows = await db.query.meetings.findMany({
        where: { RAW: (t: MeetingsTable) => criteriaSql(t, { ...criteria, reportTimeViolation: true }, true) },
        orderBy: { plannedStartAt: 'asc' as const },
        columns: { id: true, plannedStartAt: true, reportMinutes: true, plannedDurationMinutes: true },
        with: { unit: { columns: { code: true } } },
      });
      return rows.map((m) => ({
        id: m.id,
        unitCode: m.unit.code,
        plannedStartAt: m.plannedStartAt,
        reportMinutes: m.reportMinutes ?? 0,
        plannedMinutes: m.plannedDurationMinutes,
      }));
    },
    findById(id: number, plan: QueryPlan = asIs) {
      return db.query.meetings.findFirst(plan({ where: { id } }));
    },
    /**
     * Meetings for a public calendar feed: held in `withinUnitId` or anywhere below it, planned to
     * start at or after `fromUtc`, soonest first.
     */
    findForFeed(withinUnitId: number, fromUtc: string, limit: number) {
      return db.query.meetings.findMany({
        where: {
          RAW: (t: MeetingsTable) => sql`${t.unitId} in (
            with recursive below(id) as (
              select ${withinUnitId} union all select u.id from units u join below b on u.parent_id = b.id
            ) select id from below) and ${t.plannedStartAt} >= ${fromUtc}`,
        },
        orderBy: { plannedStartAt: 'asc', id: 'asc' },
        limit,
        with: { unit: true, akimUnit: true, broadcasts: { orderBy: { id: 'asc' } } },
      });
    },
    /** Meetings matching `criteria` in a feed's shape (unit, akim's unit, broadcasts), soonest first. */
    findInFeedShape(criteria: MeetingCriteria, limit: number) {
      return db.query.meetings.findMany({
        where: { RAW: (t: MeetingsTable) => criteriaSql(t, criteria, true) },
        orderBy: { plannedStartAt: 'asc', id: 'asc' },
        limit,
        with: { unit: true, akimUnit: true, broadcasts: { orderBy: { id: 'asc' } } },
      });
    },
    exists: async (id: number) => (await db.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, id))).length > 0,
  };
}
export type MeetingsRepo = ReturnType<typeof createMeetingsRepo>;
