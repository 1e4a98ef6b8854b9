import { z } from 'zod';
import type { CalendarsRepo, EntryInsert, UnitRow } from './calendars.repo.ts';
export { entriesOfRevision } from './calendars.repo.ts';
import type { GeographyService } from '../geography/geography.service.ts';
import type { Policy } from '../accounts/policy.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { Clock } from '../shared/clock.ts';
import { todayIn } from '../shared/clock.ts';
import type { CalendarStatus } from '../shared/enums.ts';
import { InvalidInputError, NotAuthorizedError, NotFoundError, type FieldProblem } from '../shared/errors.ts';
import type { QueryPlan } from '../shared/query-plan.ts';
import {
  calendarSteps,
  lateByMinutes,
  maslikhatStepFor,
  NEXT_STEP,
  obligationsFrom,
  STEP_COLUMN,
  stepDueFor,
  type CalendarStep,
} from './calendar-deadlines.ts';
import { akimLevelOf } from './coverage.ts';
import { CalendarChangedError, CalendarExistsError, CalendarStatusError, EmptyCalendarError, EntryAlreadyHeldError } from './meetings.errors.ts';
import { parseInput } from '../shared/validation.ts';
import { text } from '../issues/issues.inputs.ts';

const MAX_ENTRIES = 2000;
const unitCode = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .transform((c) => c.toUpperCase());

export const calendarEntryInputSchema = z
  .object({
    akimUnitCode: unitCode,
    visitedUnitCode: unitCode,
    plannedFrom: z.iso.date(),
    /** Defaults to plannedFrom: a single planned day. */
    plannedTo: z.iso.date().optional(),
  })
  .refine((e) => !e.plannedTo || e.plannedTo >= e.plannedFrom, { message: 'must not be before plannedFrom', path: ['plannedTo'] });
export type CalendarEntryInput = z.input<typeof calendarEntryInputSchema>;

const createSchema = z.object({
  regionCode: unitCode,
  year: z.number().int().min(2022).max(2100),
  entries: z.array(calendarEntryInputSchema).max(MAX_ENTRIES).default([]),
});
const approveSchema = z.object({ maslikhatAgreedOn: z.iso.date().optional(), maslikhatNotifiedOn: z.iso.date().optional() });
const reviseSchema = z
  .object({
    reason: text(2000, 3),
    maslikhatNotifiedOn: z.iso.date(),
    addEntries: z.array(calendarEntryInputSchema).max(MAX_ENTRIES).default([]),
    removeEntryIds: z.array(z.number().int().positive()).max(MAX_ENTRIES).default([]),
  })
  .refine((r) => r.addEntries.length + r.removeEntryIds.length > 0, { message: 'a revision must add or remove entries', path: ['addEntries'] });

interface Deps {
  repo: CalendarsRepo;
  geography: GeographyService;
  policy: Policy;
  clock: Clock;
}

/** Who may do each step: the region akimat's staff approve, submit and correct; the Government forwards. */
const STEP_ROLE: Record<CalendarStep, 'AKIMAT_STAFF' | 'GOVERNMENT_STAFF'> = {
  APPROVED: 'AKIMAT_STAFF',
  SUBMITTED_TO_GOVERNMENT: 'AKIMAT_STAFF',
  FORWARDED_TO_ADMINISTRATION: 'GOVERNMENT_STAFF',
};

export function createCalendarsService({ repo, geography, policy, clock }: Deps) {
  /** Staff of the region's own akimat (whose unit is the region), or an admin. */
  function requireRegionAkimat(viewer: Viewer | null, regionId: number): Viewer {
    const v = policy.requireRole(viewer, ['AKIMAT_STAFF']);
    if (v.role !== 'ADMIN' && v.unitId !== regionId) {
      throw new NotAuthorizedError('auth/forbidden', "Only staff of the region's akimat may change its calendar.");
    }
    return v;
  }

  async function requireCalendar(id: number) {
    const calendar = await repo.findById(id);
    if (!calendar) throw new NotFoundError('calendar');
    return calendar;
  }

  /** Entry inputs -> rows, checked against the region's units: akim and visited unit in the region, dates in the year. */
  async function resolveEntries(
    regionId: number,
    year: number,
    inputs: z.infer<typeof calendarEntryInputSchema>[],
    path: string,
    revision: number,
  ): Promise<Omit<EntryInsert, 'calendarId'>[]> {
    if (inputs.length === 0) return [];
    const regionUnits = await repo.findUnitsOfRegions([regionId]);
    const byCode = new Map(regionUnits.map((u) => [u.code, u]));
    const byId = new Map(regionUnits.map((u) => [u.id, u]));
    const isBelow = (unit: UnitRow, ancestorId: number): boolean => {
      for (let p = unit.parentId; p !== null; p = byId.get(p)?.parentId ?? null) if (p === ancestorId) return true;
      return false;
    };
    const problems: FieldProblem[] = [];
    const rows: Omit<EntryInsert, 'calendarId'>[] = [];
    inputs.forEach((input, i) => {
      const at = (field: string, message: string) => problems.push({ path: `${path}.${i}.${field}`, message });
      const akimUnit = byCode.get(input.akimUnitCode);
      const visitedUnit = byCode.get(input.visitedUnitCode);
      const plannedTo = input.plannedTo ?? input.plannedFrom;
      const akimLevel = akimUnit ? akimLevelOf(akimUnit.kind) : null;
      if (!akimUnit) at('akimUnitCode', 'is not a unit of this region');
      else if (!akimLevel) at('akimUnitCode', `a ${akimUnit.kind} has no akim level that plans meetings`);
      if (!visitedUnit) at('visitedUnitCode', 'is not a unit of this region');
      else if (akimUnit && akimLevel) {
        // Below the region, an akim whose territory has no unit the decree names in the reference
        // data meets in their own territory (coverage.ts); a region's akim always visits a lower unit.
        const ownTerritoryOk = akimLevel !== 'REGION' && akimLevel !== 'CITY_REPUBLICAN' && visitedUnit.id === akimUnit.id;
        if (!ownTerritoryOk && !isBelow(visitedUnit, akimUnit.id)) at('visitedUnitCode', `is not below ${akimUnit.code}`);
      }
      if (!input.plannedFrom.startsWith(`${year}-`)) at('plannedFrom', `must be in ${year}`);
      if (!plannedTo.startsWith(`${year}-`)) at('plannedTo', `must be in ${year}`);
      if (akimUnit && akimLevel && visitedUnit) {
        rows.push({
          akimLevel,
          akimUnitId: akimUnit.id,
          visitedUnitId: visitedUnit.id,
          plannedFrom: input.plannedFrom,
          plannedTo,
          addedInRevision: revision,
        });
      }
    });
    if (problems.length) throw new InvalidInputError(problems);
    return rows;
  }

  function requireNotFuture(date: string | undefined, path: string, regionId: number) {
    if (date && date > todayIn(clock, geography.zoneOfRegion(regionId))) throw new InvalidInputError([{ path, message: 'must not be in the future' }]);
  }

  /** The first day the region's calendar steps can be due (decree in force, region in existence). */
  async function obligationsOfRegion(regionId: number): Promise<string> {
    const [decree, region] = await Promise.all([repo.decreeInForceFrom(), geography.findUnitById(regionId)]);
    return obligationsFrom(decree ?? '', region?.establishedOn ?? null);
  }

  /** One dated step of the workflow: checks role and status, records the step with its delay. */
  async function takeStep(viewer: Viewer | null, calendarId: number, step: CalendarStep, extra: Record<string, string | null> = {}) {
    const role = STEP_ROLE[step];
    const v = policy.requireRole(viewer, [role]);
    const calendar = await requireCalendar(calendarId);
    if (role === 'AKIMAT_STAFF') requireRegionAkimat(v, calendar.regionId);
    if (NEXT_STEP[calendar.status] !== step) {
      const from = (Object.entries(NEXT_STEP) as [CalendarStatus, CalendarStep | null][]).find(([, s]) => s === step)![0];
      throw new CalendarStatusError(calendar.status, from);
    }
    if (step === 'APPROVED' && (await repo.findEntries(calendarId)).length === 0) throw new EmptyCalendarError();
    const at = clock.now().toISOString();
    const dueAt = stepDueFor(calendar.year, step, await obligationsOfRegion(calendar.regionId), geography.zoneOfRegion(calendar.regionId));
    repo.transaction((w) => {
      if (w.advance(calendarId, calendar.status, { status: step, [STEP_COLUMN[step]]: at, ...extra }) !== 1) {
        throw new CalendarChangedError();
      }
      w.insertTransition({
        calendarId,
        fromStatus: calendar.status,
        toStatus: step,
        at,
        dueAt,
        lateByMinutes: dueAt ? lateByMinutes(at, dueAt) : 0,
        byUserId: v.userId,
      });
      if (step === 'APPROVED') {
        w.insertRevision({ calendarId, number: 1, reason: null, maslikhatNotifiedOn: extra.maslikhatNotifiedOn ?? null, createdAt: at, byUserId: v.userId });
      }
    });
    return calendarId;
  }

  return {
    now: () => clock.now(),
    /** Where each dated step of a calendar stands, against the region's own first due day. */
    async stepsOf(calendar: Parameters<typeof calendarSteps>[0] & { regionId: number }, transitions: Parameters<typeof calendarSteps>[1]) {
      return calendarSteps(calendar, transitions, clock.now(), await obligationsOfRegion(calendar.regionId), geography.zoneOfRegion(calendar.regionId));
    },
    findCalendar: (id: number, plan?: QueryPlan) => repo.findById(id, plan),
    /** For a mutation's answer: the calendar it just wrote. */
    async requireCalendar(id: number, plan?: QueryPlan) {
      const calendar = await repo.findById(id, plan);
      if (!calendar) throw new NotFoundError('calendar');
      return calendar;
    },
    async findCalendarFor(regionCode: string, year: number, plan?: QueryPlan) {
      const region = await geography.findUnitByCode(regionCode);
      if (!region || region.parentId !== null) return null;
      return (await repo.findByRegionYear(region.id, year, plan)) ?? null;
    },
    async listCalendars(filter: { year?: number | null; regionCodes?: string[] | null }, plan?: QueryPlan) {
      const regionIds = filter.regionCodes ? await geography.requireUnitIds(filter.regionCodes) : undefined;
      return repo.findMany({ year: filter.year ?? undefined, regionIds }, plan);
    },

    /** Starts a region's calendar for a year as a DRAFT, optionally with its first entries. */
    async createCalendar(viewer: Viewer | null, input: z.input<typeof createSchema>): Promise<number> {
      policy.requireRole(viewer, ['AKIMAT_STAFF']);
      const { regionCode, year, entries } = parseInput(createSchema, input);
      const region = await geography.findUnitByCode(regionCode);
      if (!region || region.parentId !== null) throw new NotFoundError('region', `No region has the code ${regionCode}.`);
      const v = requireRegionAkimat(viewer, region.id);
      if (await repo.findByRegionYear(region.id, year)) throw new CalendarExistsError(region.code, year);
      const rows = await resolveEntries(region.id, year, entries, 'entries', 1);
      const at = clock.now().toISOString();
      return repo.transaction((w) => {
        const calendarId = w.insertCalendar({ regionId: region.id, year, createdAt: at });
        w.insertTransition({ calendarId, fromStatus: null, toStatus: 'DRAFT', at, dueAt: null, lateByMinutes: 0, byUserId: v.userId });
        w.insertEntries(rows.map((r) => ({ ...r, calendarId })));
        return calendarId;
      });
    },

    /** A draft is edited freely: entries are added, or removed for good (nothing was approved yet). */
    async editDraft(viewer: Viewer | null, calendarId: number, input: { addEntries?: CalendarEntryInput[]; removeEntryIds?: number[] }) {
      const v = policy.requireRole(viewer, ['AKIMAT_STAFF']);
      const calendar = await requireCalendar(calendarId);
      requireRegionAkimat(v, calendar.regionId);
      if (calendar.status !== 'DRAFT') throw new CalendarStatusError(calendar.status, 'DRAFT (correct an approved calendar with reviseCalendar)');
      const parsed = parseInput(
        z.object({
          addEntries: z.array(calendarEntryInputSchema).max(MAX_ENTRIES).default([]),
          removeEntryIds: z.array(z.number().int().positive()).max(MAX_ENTRIES).default([]),
        }),
        input,
      );
      const current = new Set((await repo.findEntries(calendarId)).map((e) => e.id));
      const unknown = parsed.removeEntryIds.findIndex((id) => !current.has(id));
      if (unknown >= 0) throw new InvalidInputError([{ path: `removeEntryIds.${unknown}`, message: 'is not an entry of this calendar' }]);
      const rows = await resolveEntries(calendar.regionId, calendar.year, parsed.addEntries, 'addEntries', 1);
      repo.transaction((w) => {
        if (parsed.removeEntryIds.length) w.deleteEntries(calendarId, parsed.removeEntryIds);
        w.insertEntries(rows.map((r) => ({ ...r, calendarId })));
      });
      return calendarId;
    },

    /** DRAFT -> APPROVED, with the maslikhat's agreement (before 2024) or notification (from 2024) date. */
    async approveCalendar(viewer: Viewer | null, calendarId: number, input: z.input<typeof approveSchema>) {
      policy.requireRole(viewer, ['AKIMAT_STAFF']);
      const calendar = await requireCalendar(calendarId);
      requireRegionAkimat(viewer, calendar.regionId);
      const dates = parseInput(approveSchema, input);
      const field = maslikhatStepFor(calendar.year) === 'AGREEMENT' ? 'maslikhatAgreedOn' : 'maslikhatNotifiedOn';
      if (!dates[field]) {
        const why = field === 'maslikhatAgreedOn' ? 'before 2024 the maslikhat had to agree' : 'from 2024 the maslikhat is notified';
        throw new InvalidInputError([{ path: field, message: `is required for a ${calendar.year} calendar (${why})` }]);
      }
      requireNotFuture(dates.maslikhatAgreedOn, 'maslikhatAgreedOn', calendar.regionId);
      requireNotFuture(dates.maslikhatNotifiedOn, 'maslikhatNotifiedOn', calendar.regionId);
      return takeStep(viewer, calendarId, 'APPROVED', {
        maslikhatAgreedOn: dates.maslikhatAgreedOn ?? null,
        maslikhatNotifiedOn: dates.maslikhatNotifiedOn ?? null,
      });
    },
    submitCalendar: (viewer: Viewer | null, calendarId: number) => takeStep(viewer, calendarId, 'SUBMITTED_TO_GOVERNMENT'),
    forwardCalendar: (viewer: Viewer | null, calendarId: number) => takeStep(viewer, calendarId, 'FORWARDED_TO_ADMINISTRATION'),

    /**
     * A correction after approval: revision n+1 with its reason and maslikhat date; removed entries
     * are closed (readable in earlier revisions), new ones added. The status does not change.
     */
    async reviseCalendar(viewer: Viewer | null, calendarId: number, input: z.input<typeof reviseSchema>) {
      const v = policy.requireRole(viewer, ['AKIMAT_STAFF']);
      const calendar = await requireCalendar(calendarId);
      requireRegionAkimat(v, calendar.regionId);
      const parsed = parseInput(reviseSchema, input);
      if (calendar.status === 'DRAFT') throw new CalendarStatusError(calendar.status, 'an approved calendar (edit a draft directly)');
      requireNotFuture(parsed.maslikhatNotifiedOn, 'maslikhatNotifiedOn', calendar.regionId);
      const current = new Set((await repo.findEntries(calendarId)).map((e) => e.id));
      const unknown = parsed.removeEntryIds.findIndex((id) => !current.has(id));
      if (unknown >= 0) {
        throw new InvalidInputError([{ path: `removeEntryIds.${unknown}`, message: 'is not an entry of the current revision' }]);
      }
      const held = await repo.heldEntryIds(parsed.removeEntryIds);
      if (held.size) throw new EntryAlreadyHeldError([...held][0]!);
      const number = calendar.currentRevision + 1;
      const rows = await resolveEntries(calendar.regionId, calendar.year, parsed.addEntries, 'addEntries', number);
      const at = clock.now().toISOString();
      repo.transaction((w) => {
        if (w.bumpRevision(calendarId, calendar.currentRevision) !== 1) throw new CalendarChangedError();
        w.insertRevision({ calendarId, number, reason: parsed.reason, maslikhatNotifiedOn: parsed.maslikhatNotifiedOn, createdAt: at, byUserId: v.userId });
        if (parsed.removeEntryIds.length) w.closeEntries(calendarId, parsed.removeEntryIds, number);
        w.insertEntries(rows.map((r) => ({ ...r, calendarId })));
      });
      return calendarId;
    },
  };
}
export type CalendarsService = ReturnType<typeof createCalendarsService>;
