import { z } from 'zod';
import type { MeetingsRepo, MeetingCriteria } from './meetings.repo.ts';
import type { GeographyService } from '../geography/geography.service.ts';
import { parseInput } from '../shared/validation.ts';
import { MEETING_CONDUCT_FLAGS, MEETING_KINDS, MEETING_STATUSES } from '../shared/enums.ts';
import type { Clock } from '../shared/clock.ts';
import type { QueryPlan } from '../shared/query-plan.ts';
import { localMidnightUtc } from '../shared/time-zones.ts';

export const meetingFilterSchema = z
  .object({
    regionCodes: z.array(z.string().min(1).max(40)).max(50).optional(),
    unitCodes: z.array(z.string().min(1).max(60)).max(200).optional(),
    statuses: z.array(z.enum(MEETING_STATUSES)).optional(),
    kinds: z.array(z.enum(MEETING_KINDS)).optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    reportTimeViolation: z.boolean().optional(),
    conductFlags: z.array(z.enum(MEETING_CONDUCT_FLAGS)).max(MEETING_CONDUCT_FLAGS.length).optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'from must not be after to', path: ['from'] });
export type MeetingFilter = z.infer<typeof meetingFilterSchema>;

/** Whether the report took more than a quarter of the planned time. */
export function isReportTimeViolation(m: { reportMinutes: number | null; plannedDurationMinutes: number }): boolean {
  return m.reportMinutes !== null && m.reportMinutes * 4 > m.plannedDurationMinutes;
}

export function createMeetingsService({ repo, geography, clock }: { repo: MeetingsRepo; geography: GeographyService; clock: Clock }) {
  async function toCriteria(filter: MeetingFilter | null | undefined): Promise<MeetingCriteria> {
    const f = parseInput(meetingFilterSchema, filter ?? {}, ['filter']);
    const regionIds = f.regionCodes ? await geography.requireUnitIds(f.regionCodes) : undefined;
    const { from, to } = f;
    return {
      regionIds,
      unitIds: f.unitCodes ? await geography.requireUnitIds(f.unitCodes) : undefined,
      statuses: f.statuses,
      kinds: f.kinds,
      // Each region's own days: before March 2024 a day began an hour apart in Astana and Aktobe.
      fromUtc: from ? geography.zoned((zone) => localMidnightUtc(from, zone), regionIds) : undefined,
      beforeUtc: to ? geography.zoned((zone) => localMidnightUtc(to, zone, 1), regionIds) : undefined,
      reportTimeViolation: f.reportTimeViolation,
      conductFlags: f.conductFlags ? { flags: f.conductFlags, nowIso: clock.now().toISOString() } : undefined,
    };
  }
  return {
    async listMeetings(filter: MeetingFilter | null | undefined, plan?: QueryPlan) {
      return repo.findMany(await toCriteria(filter), plan);
    },
    async countMeetings(filter: MeetingFilter | null | undefined) {
      return repo.count(await toCriteria(filter));
    },
    findMeeting: (id: number, plan?: QueryPlan) => repo.findById(id, plan),
    /** The time conduct flags are judged at (results not yet published become late). */
    now: () => clock.now(),
  };
}
export type MeetingsService = ReturnType<typeof createMeetingsService>;
