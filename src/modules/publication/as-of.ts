import type { Db } from '../../db/client.ts';
import type { IssueStatus } from '../shared/enums.ts';

// "As of": a published status is the problem as it stood on its quarter's last day; the problem
// page and the tracking page show it as it stands now. These two reads let a page say both when
// they differ (overdue then but not now, or the reverse): the problem in the latest published
// quarter that lists it, and the current status of the problems on a page of search results.

export interface PublishedState {
  quarter: string;
  periodEnd: string;
  status: IssueStatus;
  dueDate: string | null;
  overdue: boolean;
}

export interface LiveState {
  id: number;
  status: IssueStatus;
  dueDate: string | null;
  regionId: number;
}

export function createAsOfRepo(db: Db) {
  const client = db.$client;
  // publications is small (one row a quarter); each is a point lookup on publication_items_issue_idx.
  const latest = client.prepare<[number], { year: number; quarter: number; periodEnd: string; status: IssueStatus; dueDate: string | null; overdue: number }>(
    `select p.year, p.quarter, p.period_end as periodEnd, i.status, i.due_date as dueDate, i.overdue
     from publications p join publication_items i on i.publication_id = p.id and i.issue_id = ?
     where p.status = 'published' order by p.year desc, p.quarter desc limit 1`,
  );
  const live = client.prepare<[string], LiveState>(
    `select id, status, due_date as dueDate, region_id as regionId from issues where id in (select value from json_each(?))`,
  );
  return {
    latestPublishedState(issueId: number): PublishedState | null {
      const row = latest.get(issueId);
      if (!row) return null;
      return { quarter: `${row.year}-Q${row.quarter}`, periodEnd: row.periodEnd, status: row.status, dueDate: row.dueDate, overdue: row.overdue === 1 };
    },
    /** The current status, deadline and region of these problems (one statement, by primary key). */
    liveStates(issueIds: number[]): LiveState[] {
      return issueIds.length ? live.all(JSON.stringify(issueIds)) : [];
    },
  };
}
export type AsOfRepo = ReturnType<typeof createAsOfRepo>;
