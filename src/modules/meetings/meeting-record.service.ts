import type { GeographyService } from '../geography/geography.service.ts';
import type { IssuesService } from '../issues/issues.service.ts';
import type { AkimLevel, IssueCategory, IssueLanguage, IssueStatus, MeetingConductFlag, MeetingStatus } from '../shared/enums.ts';
import type { Trilingual } from '../shared/localized.ts';
import type { QueryPlan } from '../shared/query-plan.ts';
import { conductFlags } from './conduct.ts';
import type { MeetingsService } from './meetings.service.ts';

// The public record of one meeting: when and where it was held, by which akim, how (broadcasts,
// audience, report time, the conduct flags), its results, and the problems raised there with their
// current status. The meeting page and its CSV/JSON exports read this one read model, so the
// files hold exactly what the page lists. Columns are spelled out: the citizen's contact, the
// tracking code and the staff who recorded the meeting are never loaded.

export interface NamedPlace extends Trilingual {
  code: string;
}

export interface MeetingProblem {
  id: number;
  title: string;
  language: IssueLanguage;
  category: IssueCategory;
  status: IssueStatus;
  progress: number;
  dueDate: string | null;
  overdue: boolean;
  updatedAt: string;
  unit: NamedPlace;
  responsibleOrganization: NamedPlace | null;
}

export interface MeetingRecord {
  id: number;
  status: MeetingStatus;
  kind: 'SCHEDULED' | 'ON_DEMAND';
  visiting: boolean;
  videoConference: boolean;
  akimLevel: AkimLevel;
  akimName: string | null;
  venue: string | null;
  plannedStartAt: string;
  plannedDurationMinutes: number;
  actualStartAt: string | null;
  actualEndAt: string | null;
  reportMinutes: number | null;
  announcedAt: string | null;
  announcementChannels: string[] | null;
  results: string | null;
  resultsPublishedAt: string | null;
  /** The region's IANA zone: the meeting's times are shown in the offset they had there. */
  timeZone: string;
  unit: NamedPlace;
  region: NamedPlace;
  akimUnit: NamedPlace;
  broadcasts: { platform: string; url: string; commentsOpen: boolean }[];
  audience: { category: string; count: number }[];
  /** Breaches of the decree's conduct rules, judged now (a held meeting's late results become one). */
  flags: MeetingConductFlag[];
  problems: MeetingProblem[];
}

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
    raisedAt: true,
    updatedAt: true,
    regionId: true,
  },
  with: { unit: NAMES, responsibleOrganization: NAMES },
} as const;

const plan =
  (query: object): QueryPlan =>
  <T>(options: T) =>
    ({ ...options, ...query }) as T;

type LoadedMeeting = Omit<MeetingRecord, 'timeZone' | 'flags' | 'problems'> & { regionId: number };
type LoadedProblem = Omit<MeetingProblem, 'overdue'> & { regionId: number; raisedAt: string };

export function createMeetingRecordService({ meetings, issues, geography }: { meetings: MeetingsService; issues: IssuesService; geography: GeographyService }) {
  return {
    /** The meeting and its problems (oldest raised first, as they were recorded), or null. */
    async findMeetingRecord(id: number): Promise<MeetingRecord | null> {
      if (!Number.isSafeInteger(id) || id < 1) return null;
      const row = (await meetings.findMeeting(id, plan(MEETING_QUERY))) as unknown as LoadedMeeting | undefined;
      if (!row) return null;
      const raised = (await issues.listIssues({ meetingId: id }, 'RAISED_ASC', plan(PROBLEM_QUERY))) as unknown as LoadedProblem[];
      // Ties in the raising time keep the recording order, on the page and in the files alike.
      raised.sort((a, b) => a.raisedAt.localeCompare(b.raisedAt) || a.id - b.id);
      const { regionId, ...meeting } = row;
      return {
        ...meeting,
        timeZone: geography.zoneOfRegion(regionId),
        flags: conductFlags(row, meetings.now()),
        problems: raised.map(({ regionId: problemRegion, raisedAt: _raised, ...p }) => ({
          ...p,
          overdue: issues.isOverdue({ ...p, regionId: problemRegion }),
        })),
      };
    },
  };
}
export type MeetingRecordService = ReturnType<typeof createMeetingRecordService>;
