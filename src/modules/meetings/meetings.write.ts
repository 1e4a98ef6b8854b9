import { z } from 'zod';
import type { Viewer } from '../accounts/viewer.ts';
import type { Policy } from '../accounts/policy.ts';
import type { GeographyService } from '../geography/geography.service.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';
import type { Clock } from '../shared/clock.ts';
import { MEETING_KINDS, ON_DEMAND_REASONS, type AkimLevel, type UnitKind } from '../shared/enums.ts';
import { InvalidInputError, NotAuthorizedError, NotFoundError } from '../shared/errors.ts';
import { parseInput, text, type Unchecked } from '../shared/validation.ts';
import { localDate } from '../shared/time-zones.ts';
import type { MeetingRow, MeetingsWriteRepo } from './meetings.write-repo.ts';
import {
  announcementSchema,
  cancellationSchema,
  meetingDetailsShape,
  meetingOutcomeSchema,
  type AnnouncementInput,
  type MeetingOutcomeInput,
} from './meetings.write.inputs.ts';
import { MeetingStatusError } from './meetings.errors.ts';
export { createMeetingsWriteRepo } from './meetings.write-repo.ts';

// `recordMeeting` began minimal (the meeting at which problems were raised); calendars
// deepened it: the calendar entry it checks off, actual times, the announcement, broadcasts,
// audience and results. A planned meeting is then announced, held (recordMeetingOutcome) or cancelled.
// A report longer than the whole planned time is recorded like any other: it is the worst case of
// the quarter rule, flagged publicly (conduct.ts), not an input error that would hide it.

export const recordMeetingSchema = z
  .object({
    unitCode: z.string().trim().min(1).max(80),
    /** Whose akim holds it; by default the akim of the recording akimat's own unit. */
    akimUnitCode: z.string().trim().min(1).max(80).optional(),
    startAt: z.iso
      .datetime({ offset: true, error: 'must be an ISO-8601 instant' })
      // zod runs this refinement even when the format check above failed: guard against NaN.
      .refine((s) => {
        const ms = Date.parse(s);
        if (Number.isNaN(ms)) return true;
        const at = new Date(ms).toISOString();
        return at >= '2022-03-03' && at < '2101';
      }, 'must be between the decree (3 March 2022) and 2100'),
    durationMinutes: z.number().int().min(1).max(1440),
    kind: z.enum(MEETING_KINDS),
    onDemandReason: z.enum(ON_DEMAND_REASONS).optional(),
    akimName: text(200).optional(),
    venue: text(500).optional(),
    reportMinutes: z.number().int().min(0).max(1440).optional(),
    videoConference: z.boolean().optional(),
    ...meetingDetailsShape,
  })
  .refine((m) => (m.kind === 'ON_DEMAND') === (m.onDemandReason !== undefined), {
    message: 'is required for an ON_DEMAND meeting and only for one',
    path: ['onDemandReason'],
  })
  .refine((m) => m.calendarEntryId === undefined || m.kind === 'SCHEDULED', {
    message: 'only a SCHEDULED meeting checks off a calendar entry',
    path: ['calendarEntryId'],
  })
  .refine((m) => (m.announcedAt === undefined) === (m.announcementChannels === undefined), {
    message: 'give the announcement time and its channels together',
    path: ['announcementChannels'],
  })
  .refine((m) => !m.actualEndAt || !(Date.parse(m.actualEndAt) < Date.parse(m.actualStartAt ?? m.startAt)), {
    message: 'must not be before the start',
    path: ['actualEndAt'],
  });
export type RecordMeetingInput = Unchecked<z.input<typeof recordMeetingSchema>>;

/** The level of an akim, from the kind of unit their akimat governs (a city district's akim is district-level). */
const AKIM_LEVEL_OF: Partial<Record<UnitKind, AkimLevel>> = {
  OBLAST: 'REGION',
  CITY_REPUBLICAN: 'CITY_REPUBLICAN',
  DISTRICT: 'DISTRICT',
  CITY_DISTRICT: 'DISTRICT',
  CITY_OBLAST: 'CITY_OBLAST',
  TOWN: 'TOWN',
  RURAL_OKRUG: 'RURAL_OKRUG',
};

export function createMeetingsWriteService(deps: {
  repo: MeetingsWriteRepo;
  policy: Policy;
  geography: GeographyService;
  organizations: OrganizationsService;
  clock: Clock;
}) {
  const { repo, policy, geography, organizations, clock } = deps;
  return {
    /** Akimat staff record a meeting of their akim (or a lower akim) held in their territory. */
    async recordMeeting(viewer: Viewer | null, input: RecordMeetingInput) {
      const v = policy.requireRole(viewer, ['AKIMAT_STAFF']);
      const data = parseInput(recordMeetingSchema, input);
      const unit = await geography.findUnitByCode(data.unitCode);
      if (!unit) throw new NotFoundError('unit', `No unit has the code ${data.unitCode.toUpperCase()}.`);
      const akimUnit = data.akimUnitCode
        ? await geography.findUnitByCode(data.akimUnitCode)
        : v.unitId !== null
          ? await geography.findUnitById(v.unitId)
          : undefined;
      if (!akimUnit) {
        if (data.akimUnitCode) throw new NotFoundError('unit', `No unit has the code ${data.akimUnitCode.toUpperCase()}.`);
        throw new InvalidInputError([{ path: 'akimUnitCode', message: 'is required: whose akim holds the meeting' }]);
      }
      if (!policy.actsForTerritory(v, unit.id) || !policy.actsForTerritory(v, akimUnit.id)) {
        throw new NotAuthorizedError('auth/forbidden', "The meeting lies outside your akimat's territory.");
      }
      const akimLevel = AKIM_LEVEL_OF[akimUnit.kind];
      if (!akimLevel || !(await organizations.findAkimatOfUnit(akimUnit.id))) {
        throw new InvalidInputError([{ path: 'akimUnitCode', message: 'is not a unit headed by an akim' }]);
      }
      if (!geography.isWithin(unit.id, akimUnit.id)) {
        throw new InvalidInputError([{ path: 'unitCode', message: "must lie within the akim's territory" }]);
      }
      const startAt = new Date(data.startAt).toISOString();
      const now = clock.now().toISOString();
      if (data.calendarEntryId !== undefined) await requireEntryFits(data.calendarEntryId, unit.id, akimUnit.id, startAt, unit.regionId ?? unit.id);
      // Given actual times or a start in the past, the meeting is a record of what happened.
      const actualStartAt = data.actualStartAt ?? (startAt <= now ? startAt : null);
      const held = actualStartAt !== null;
      if (held && actualStartAt > now) throw new InvalidInputError([{ path: 'actualStartAt', message: 'must not be in the future' }]);
      if (!held && (data.actualEndAt || data.results || data.audience)) {
        throw new InvalidInputError([{ path: 'actualStartAt', message: 'is required to record what happened at the meeting' }]);
      }
      if (data.announcedAt) requireAnnouncementBefore(data.announcedAt, startAt, now);
      return repo.insertMeeting(
        {
          unitId: unit.id,
          regionId: unit.regionId ?? unit.id,
          akimUnitId: akimUnit.id,
          akimLevel,
          akimName: data.akimName ?? null,
          kind: data.kind,
          onDemandReason: data.onDemandReason ?? null,
          calendarEntryId: data.calendarEntryId ?? null,
          visiting: unit.id !== akimUnit.id,
          status: held ? 'HELD' : 'PLANNED',
          venue: data.venue ?? null,
          plannedStartAt: startAt,
          plannedDurationMinutes: data.durationMinutes,
          actualStartAt,
          actualEndAt: data.actualEndAt ?? null,
          reportMinutes: data.reportMinutes ?? null,
          videoConference: data.videoConference ?? false,
          announcedAt: data.announcedAt ?? null,
          announcementChannels: data.announcementChannels ?? null,
          results: data.results ?? null,
          resultsPublishedAt: data.results ? now : null,
          recordedByUserId: v.userId,
        },
        { broadcasts: data.broadcasts, audience: data.audience },
      );
    },

    /**
     * What happened at a planned meeting: it becomes HELD (and checks off its calendar entry).
     * On a held meeting, the same call corrects the record. Lists given replace the stored ones.
     */
    async recordMeetingOutcome(viewer: Viewer | null, meetingId: number, input: MeetingOutcomeInput) {
      const { v, meeting } = await requireMeetingOfTerritory(viewer, meetingId);
      const data = parseInput(meetingOutcomeSchema, input);
      if (meeting.status === 'CANCELLED') throw new MeetingStatusError(meeting.status, 'PLANNED or HELD');
      const now = clock.now().toISOString();
      if (data.actualStartAt > now) throw new InvalidInputError([{ path: 'actualStartAt', message: 'must not be in the future' }]);
      const endAt = data.actualEndAt ?? meeting.actualEndAt;
      if (endAt && endAt < data.actualStartAt) {
        throw new InvalidInputError([{ path: 'actualEndAt', message: 'must not be before actualStartAt' }]);
      }
      return updateOrConflict(
        meeting,
        {
          status: 'HELD',
          actualStartAt: data.actualStartAt,
          ...(data.actualEndAt !== undefined && { actualEndAt: data.actualEndAt }),
          ...(data.reportMinutes !== undefined && { reportMinutes: data.reportMinutes }),
          ...(data.videoConference !== undefined && { videoConference: data.videoConference }),
          ...(data.results !== undefined && { results: data.results, resultsPublishedAt: now }),
          recordedByUserId: v.userId,
        },
        { broadcasts: data.broadcasts, audience: data.audience },
      );
    },

    /** The announcement made before a planned meeting: when, and through which channels. */
    async announceMeeting(viewer: Viewer | null, meetingId: number, input: AnnouncementInput) {
      const { meeting } = await requireMeetingOfTerritory(viewer, meetingId);
      const data = parseInput(announcementSchema, input);
      if (meeting.status !== 'PLANNED') throw new MeetingStatusError(meeting.status, 'PLANNED');
      requireAnnouncementBefore(data.announcedAt, meeting.plannedStartAt, clock.now().toISOString());
      return updateOrConflict(meeting, { announcedAt: data.announcedAt, announcementChannels: data.channels });
    },

    /** A planned meeting called off; the reason is published as its result. */
    async cancelMeeting(viewer: Viewer | null, meetingId: number, input: { reason: string }) {
      const { meeting } = await requireMeetingOfTerritory(viewer, meetingId);
      const data = parseInput(cancellationSchema, input);
      if (meeting.status !== 'PLANNED') throw new MeetingStatusError(meeting.status, 'PLANNED');
      return updateOrConflict(meeting, { status: 'CANCELLED', results: data.reason, resultsPublishedAt: clock.now().toISOString() });
    },
  };

  /** A scheduled meeting checks off an entry of the current calendar revision: same akim, same unit, same year. */
  async function requireEntryFits(entryId: number, unitId: number, akimUnitId: number, startAt: string, regionId: number) {
    const entry = await repo.findCurrentEntry(entryId);
    if (!entry) throw new NotFoundError('calendar_entry', 'No such entry in the current revision of a calendar.');
    if (entry.akimUnitId !== akimUnitId || entry.visitedUnitId !== unitId) {
      throw new InvalidInputError([{ path: 'calendarEntryId', message: 'plans another akim or another unit' }]);
    }
    if (Number(localDate(new Date(startAt), geography.zoneOfRegion(regionId)).slice(0, 4)) !== entry.year) {
      throw new InvalidInputError([{ path: 'startAt', message: `must be in ${entry.year}, the year of the calendar entry` }]);
    }
  }

  /** The decree asks for the announcement in advance: not after the start, and not in the future. */
  function requireAnnouncementBefore(announcedAt: string, startAt: string, now: string) {
    if (announcedAt > startAt) throw new InvalidInputError([{ path: 'announcedAt', message: 'must be before the meeting starts' }]);
    if (announcedAt > now) throw new InvalidInputError([{ path: 'announcedAt', message: 'must not be in the future' }]);
  }

  async function requireMeetingOfTerritory(viewer: Viewer | null, meetingId: number) {
    const v = policy.requireRole(viewer, ['AKIMAT_STAFF']);
    const meeting = await repo.findMeeting(meetingId);
    if (!meeting) throw new NotFoundError('meeting');
    if (!policy.actsForTerritory(v, meeting.unitId) || !policy.actsForTerritory(v, meeting.akimUnitId)) {
      throw new NotAuthorizedError('auth/forbidden', "The meeting lies outside your akimat's territory.");
    }
    return { v, meeting };
  }

  function updateOrConflict(
    meeting: MeetingRow,
    set: Parameters<MeetingsWriteRepo['updateMeeting']>[2],
    lists?: Parameters<MeetingsWriteRepo['updateMeeting']>[3],
  ) {
    const row = repo.updateMeeting(meeting.id, meeting.status, set, lists);
    if (!row) throw new MeetingStatusError('changed meanwhile', meeting.status);
    return row;
  }
}
export type MeetingsWriteService = ReturnType<typeof createMeetingsWriteService>;
