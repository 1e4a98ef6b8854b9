import type { Db } from '../../db/client.ts';
import type { AkimLevel, IssueCategory, IssueEventKind, IssueLanguage, IssueStatus, MeetingStatus } from '../shared/enums.ts';
import type { Trilingual } from '../shared/localized.ts';

// A problem's public read model: what its public page and the staff page show of it. The current
// state, not a quarter's.

export interface Named extends Trilingual {
  code: string;
}

/** One public history entry: what happened, which body acted. Never who. */
export interface ProblemEvent {
  kind: IssueEventKind;
  statusBefore: IssueStatus | null;
  statusAfter: IssueStatus;
  progress: number | null;
  dueDateBefore: string | null;
  dueDateAfter: string | null;
  publicNote: string | null;
  at: string;
  organization: Trilingual | null;
}

export interface ProblemView {
  id: number;
  title: string;
  text: string;
  language: IssueLanguage;
  category: IssueCategory;
  status: IssueStatus;
  resolutionPlan: string | null;
  dueDate: string | null;
  progress: number;
  needsCentralDecision: boolean;
  centralDecisionProposal: string | null;
  raisedAt: string;
  updatedAt: string;
  regionId: number;
  /** The region's IANA zone: its instants are shown in the offset they had there. */
  timeZone: string;
  unit: Named;
  region: Named;
  responsibleOrganization: Named | null;
  meeting: {
    id: number;
    status: MeetingStatus;
    kind: 'SCHEDULED' | 'ON_DEMAND';
    visiting: boolean;
    akimLevel: AkimLevel;
    akimName: string | null;
    venue: string | null;
    plannedStartAt: string;
    actualStartAt: string | null;
    results: string | null;
    unit: Named;
    akimUnit: Named;
    broadcasts: { platform: string; url: string }[];
  };
  updates: ProblemEvent[];
}

const NAMES = { columns: { code: true, nameKk: true, nameRu: true, nameEn: true } } as const;

/**
 * What the page reads, spelled out column by column: nothing else is loaded, so neither the
 * tracking code, nor the staff member who acted, nor the citizen's contact can reach the page.
 */
const PROBLEM_QUERY = {
  columns: {
    id: true,
    title: true,
    text: true,
    language: true,
    category: true,
    status: true,
    resolutionPlan: true,
    dueDate: true,
    progress: true,
    needsCentralDecision: true,
    centralDecisionProposal: true,
    raisedAt: true,
    updatedAt: true,
    regionId: true,
  },
  with: {
    unit: NAMES,
    region: NAMES,
    responsibleOrganization: NAMES,
    meeting: {
      columns: {
        id: true,
        status: true,
        kind: true,
        visiting: true,
        akimLevel: true,
        akimName: true,
        venue: true,
        plannedStartAt: true,
        actualStartAt: true,
        results: true,
      },
      with: { unit: NAMES, akimUnit: NAMES, broadcasts: { columns: { platform: true, url: true }, orderBy: { id: 'asc' } } },
    },
    updates: {
      columns: {
        kind: true,
        statusBefore: true,
        statusAfter: true,
        progress: true,
        dueDateBefore: true,
        dueDateAfter: true,
        publicNote: true,
        at: true,
      },
      orderBy: { at: 'asc', id: 'asc' },
      with: { organization: NAMES },
    },
  },
} as const;

/** The problem's public view without its zone (the service adds it), or undefined. */
export function findPublicProblem(db: Db, id: number): Promise<Omit<ProblemView, 'timeZone'> | undefined> {
  return db.query.issues.findFirst({ where: { id }, ...PROBLEM_QUERY });
}
