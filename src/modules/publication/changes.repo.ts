import type { Db } from '../../db/client.ts';
import type { IssueChangeKind, IssueStatus } from '../shared/enums.ts';

// A published quarter's problems with one kind of change since the previous quarter, a page at a
// time in problem order (keyset on publication_items_change_idx, a partial index: no OFFSET, no
// scan of the unchanged problems).

export interface ChangedItem {
  issueId: number;
  title: string;
  language: string;
  status: IssueStatus;
  overdue: boolean;
  dueDate: string | null;
  organizationId: number;
  previousStatus: IssueStatus | null;
  previousDueDate: string | null;
  deadlineDriftDays: number | null;
}

export function createChangesRepo(db: Db) {
  const page = db.$client.prepare<[number, string, number, number], Omit<ChangedItem, 'overdue'> & { overdue: number }>(
    `select issue_id as issueId, title, language, status, overdue, due_date as dueDate, organization_id as organizationId,
       previous_status as previousStatus, previous_due_date as previousDueDate, deadline_drift_days as deadlineDriftDays
     from publication_items where publication_id = ? and change = ? and change <> 'UNCHANGED' and issue_id > ? order by issue_id limit ?`,
  );
  return {
    changedAfter(publicationId: number, change: Exclude<IssueChangeKind, 'UNCHANGED'>, afterIssueId: number, limit: number): ChangedItem[] {
      return page.all(publicationId, change, afterIssueId, limit).map((r) => ({ ...r, overdue: r.overdue === 1 }));
    },
  };
}
export type ChangesRepo = ReturnType<typeof createChangesRepo>;
