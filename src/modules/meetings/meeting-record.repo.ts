import type { Db } from '../../db/client.ts';

// The queries behind the public record of one meeting (meeting-record.service.ts). Columns are
// spelled out: the citizen's contact, the tracking code and the staff who recorded the meeting are
// never loaded. The rows' types are what drizzle infers from these shapes.

const NAMES = { columns: { code: true, nameKk: true, nameRu: true, nameEn: true } } as const;

const MEETING_QUERY = {
  columns: {
    id: true,
    status: true,
    kind: true,
    visiting: true,
    videoConference: true,
    akimLevel: true,
    akimName: true,
    venue: true,
    plannedStartAt: true,
    plannedDurationMinutes: true,
    actualStartAt: true,
    actualEndAt: true,
    reportMinutes: true,
    announcedAt: true,
    announcementChannels: true,
    results: true,
    resultsPublishedAt: true,
    regionId: true,
  },
  with: {
    unit: NAMES,
    region: NAMES,
    akimUnit: NAMES,
    broadcasts: { columns: { platform: true, url: true, commentsOpen: true }, orderBy: { id: 'asc' } },
    audience: { columns: { category: true, count: true }, orderBy: { category: 'asc' } },
  },
} as const;

const PROBLEM_QUERY = {
  columns: {
    id: true,
    title: true,
    language: true,
    category: true,
    status: true,
    progress: true,
    dueDate: true,
    updatedAt: true,
    regionId: true,
  },
  with: { unit: NAMES, responsibleOrganization: NAMES },
} as const;

export function createMeetingRecordRepo(db: Db) {
  return {
    findMeeting: (id: number) => db.query.meetings.findFirst({ where: { id }, ...MEETING_QUERY }),
    /** The problems raised at the meeting, oldest first; ties keep the recording order (the id). */
    listProblems: (meetingId: number) => db.query.issues.findMany({ where: { meetingId }, orderBy: { raisedAt: 'asc', id: 'asc' }, ...PROBLEM_QUERY }),
  };
}
export type MeetingRecordRepo = ReturnType<typeof createMeetingRecordRepo>;
