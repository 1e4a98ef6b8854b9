import type { Db } from '../../db/client.ts';
import type { IssueCategory, IssueStatus } from '../shared/enums.ts';
import { criteriaSql, ORDERS, type IssueCriteria } from './issues.criteria.ts';

// The akimat desk's read model of a problem waiting for routing: what its lists and routing form
// show. Columns are spelled out, so the tracking code (the citizen's alone) is never loaded.

/** A unit or body as the staff pages name it. */
export interface NamedRow {
  id: number;
  code: string;
  kind: string;
  nameKk: string;
  nameRu: string;
  nameEn: string;
}

/** A problem as the akimat's lists show it: no tracking code. */
export interface DeskIssue {
  id: number;
  title: string;
  text: string;
  language: 'kk' | 'ru';
  category: IssueCategory;
  status: IssueStatus;
  raisedAt: string;
  meetingId: number;
  unitId: number;
  recordedByOrganizationId: number;
  responsibleOrganizationId: number | null;
}
export type RoutableIssue = DeskIssue & { unit: NamedRow; meeting: { id: number; plannedStartAt: string; actualStartAt: string | null } };

/** The columns a staff list of problems shows: never the tracking code, which the citizen alone holds. */
export const DESK_ISSUE_COLUMNS = {
  id: true,
  title: true,
  text: true,
  language: true,
  category: true,
  status: true,
  raisedAt: true,
  meetingId: true,
  unitId: true,
  recordedByOrganizationId: true,
  responsibleOrganizationId: true,
} as const;
export const NAMED_COLUMNS = { columns: { id: true, code: true, kind: true, nameKk: true, nameRu: true, nameEn: true } } as const;

const ROUTABLE_QUERY = {
  columns: DESK_ISSUE_COLUMNS,
  with: { unit: NAMED_COLUMNS, meeting: { columns: { id: true, plannedStartAt: true, actualStartAt: true } } },
} as const;

/** A page of the problems matching `criteria`, oldest raised first. */
export function findRoutablePage(db: Db, criteria: IssueCriteria, page: { limit: number; offset: number }): Promise<RoutableIssue[]> {
  return db.query.issues.findMany({
    where: { RAW: (t) => criteriaSql(t, criteria, 'RAISED_ASC') },
    orderBy: ORDERS.RAISED_ASC,
    ...ROUTABLE_QUERY,
    ...page,
  });
}

/** One problem as the routing form shows it, or undefined. */
export function findRoutable(db: Db, id: number): Promise<RoutableIssue | undefined> {
  return db.query.issues.findFirst({ where: { id }, ...ROUTABLE_QUERY });
}
