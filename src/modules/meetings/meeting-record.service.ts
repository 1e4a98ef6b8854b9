import type { GeographyService } from '../geography/geography.service.ts';
import type { IssuesService } from '../issues/issues.service.ts';
import type { AkimLevel, IssueCategory, IssueLanguage, IssueStatus, MeetingConductFlag, MeetingStatus } from '../shared/enums.ts';
import type { Trilingual } from '../shared/localized.ts';
import { conductFlags } from './conduct.ts';
import type { MeetingRecordRepo } from './meeting-record.repo.ts';
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

export function createMeetingRecordService({
  repo,
  meetings,
  issues,
  geography,
}: {
  repo: MeetingRecordRepo;
  meetings: MeetingsService;
  issues: IssuesService;
  geography: GeographyService;
}) {
  return {
    /** The meeting and its problems (oldest raised first, as they were recorded), or null. */
    async findMeetingRecord(id: number): Promise<MeetingRecord | null> {
      if (!Number.isSafeInteger(id) || id < 1) return null;
      const row = await repo.findMeeting(id);
      if (!row) return null;
      const raised = await repo.listProblems(id);
      const { regionId, ...meeting } = row;
      return {
        ...meeting,
        timeZone: geography.zoneOfRegion(regionId),
        flags: conductFlags(row, meetings.now()),
        problems: raised.map(({ regionId: problemRegion, ...p }) => ({
          ...p,
          overdue: issues.isOverdue({ ...p, regionId: problemRegion }),
        })),
      };
    },
  };
}
export type MeetingRecordService = ReturnType<typeof createMeetingRecordService>;
