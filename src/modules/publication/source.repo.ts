import { and, asc, eq, exists, isNotNull, or, sql } from 'drizzle-orm';
import type { SQLiteAsyncDatabase } from 'drizzle-orm/sqlite-core';
import type Database from 'better-sqlite3';
import type { RunResult } from 'better-sqlite3';
import type { relations } from '../../db/relations.ts';
import { issueAssignments, issues } from '../issues/issues.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { units } from '../geography/geography.tables.ts';
import type { OrganizationKind } from '../shared/enums.ts';
import type { SourceAssignment, SourceIssue, SourceUpdate } from './snapshot.ts';

/** The database or an open transaction: publication reads its sources inside the writing transaction. */
export type Conn = SQLiteAsyncDatabase<'sync', RunResult, typeof relations>;

/** One batch of problems (in id order) with their whole history (later rows too, oldest first). */
export interface SourceBatch {
  issues: SourceIssue[];
  updatesByIssue: Map<number, SourceUpdate[]>;
  assignmentsByIssue: Map<number, SourceAssignment[]>;
}

export interface Reference {
  organizationCode: Map<number, string>;
  organizationKind: Map<number, OrganizationKind>;
  unitCode: Map<number, string>;
  /** Each region's IANA zone (regions only). */
  regionZone: Map<number, string>;
  /** Each unit's district: the unit right below its region on its branch (a region maps to itself). */
  unitDistrict: Map<number, number>;
}

/** The unit right below the region on each unit's branch (the region itself for a region). */
function districtsOf(rows: { id: number; parentId: number | null; regionId: number | null }[]): Map<number, number> {
  const parent = new Map(rows.map((u) => [u.id, u.parentId]));
  const out = new Map<number, number>();
  for (const u of rows) {
    let at = u.id;
    // Climb until the parent is the region (or there is no parent: a region itself).
    for (let p = parent.get(at); p !== null && p !== undefined && p !== u.regionId; p = parent.get(at)) at = p;
    out.set(u.id, at);
  }
  return out;
}

function groupByIssue<T extends { issueId: number }>(rows: T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const row of rows) {
    const list = out.get(row.issueId);
    if (list) list.push(row);
    else out.set(row.issueId, [row]);
  }
  return out;
}

type IssueRow = Omit<SourceIssue, 'needsCentralDecision'> & { needsCentralDecision: number };

const ISSUE_COLUMNS = `id, title, text, language, category, unit_id as unitId, region_id as regionId, status,
  resolution_plan as resolutionPlan, due_date as dueDate, progress, responsible_organization_id as responsibleOrganizationId,
  needs_central_decision as needsCentralDecision, central_decision_proposal as centralDecisionProposal,
  raised_at as raisedAt, updated_at as updatedAt,
  (select m.group_id from issue_group_members m join issue_groups g on g.id = m.group_id where m.issue_id = issues.id and g.size >= 2) as groupId`;

/**
 * Batched reads of the live problem tables that a snapshot is built from (issues stay read-only
 * here). Plain prepared statements on the raw client: a national quarter reads a million problems
 * and five million history rows, a batch at a time, and drizzle's mapping would double the cost.
 * A batch's three reads share one read transaction, so a problem and its history agree.
 */
export function createSourceBatches(client: Database.Database) {
  const issuesAfter = client.prepare<[number, string, number], IssueRow>(
    `select ${ISSUE_COLUMNS} from issues where id > ? and raised_at < ? order by id limit ?`,
  );
  // Flagged now, or flagged or cleared at some time (issue_updates_central_idx): the round decides
  // from the history whether each was flagged at its cutoff.
  const centralIssuesAfter = client.prepare<[number, string, number], IssueRow>(
    `select ${ISSUE_COLUMNS} from issues where id > ? and raised_at < ?
       and (needs_central_decision = 1 or id in (select issue_id from issue_updates where central_decision_after is not null))
     order by id limit ?`,
  );
  const updatesOf = client.prepare<[string], SourceUpdate>(
    `select id, issue_id as issueId, kind, actor, organization_id as organizationId, status_before as statusBefore,
       status_after as statusAfter, progress, due_date_before as dueDateBefore, due_date_after as dueDateAfter,
       public_note as publicNote, central_decision_before as centralDecisionBefore,
       central_decision_after as centralDecisionAfter, central_decision_proposal as centralDecisionProposal, at
     from issue_updates where issue_id in (select value from json_each(?)) order by issue_id, at, id`,
  );
  const assignmentsOf = client.prepare<[string], SourceAssignment>(
    `select id, issue_id as issueId, organization_id as organizationId, assigned_at as assignedAt, ended_at as endedAt
     from issue_assignments where issue_id in (select value from json_each(?)) order by issue_id, assigned_at, id`,
  );
  const countBefore = client.prepare<[string], { n: number }>('select count(*) as n from issues where raised_at < ?');

  const read = client.transaction((afterId: number, endExclusive: string, limit: number, centralOnly: boolean): SourceBatch => {
    const rows = (centralOnly ? centralIssuesAfter : issuesAfter).all(afterId, endExclusive, limit);
    if (rows.length === 0) return { issues: [], updatesByIssue: new Map(), assignmentsByIssue: new Map() };
    // By the batch's ids, not their range: ids need not follow raised_at, so a range could span
    // the whole table when few problems were raised before the end.
    const ids = JSON.stringify(rows.map((r) => r.id));
    const updates = updatesOf.all(ids);
    const assignments = assignmentsOf.all(ids);
    return {
      issues: rows.map((r) => ({ ...r, needsCentralDecision: r.needsCentralDecision === 1 })),
      updatesByIssue: groupByIssue(updates),
      assignmentsByIssue: groupByIssue(assignments),
    };
  });

  return {
    /** Up to `limit` problems raised before `endExclusive` with ids after `afterId`, with their history. */
    batchAfter(afterId: number, endExclusive: string, limit: number, options: { centralOnly?: boolean } = {}): SourceBatch {
      return read.deferred(afterId, endExclusive, limit, options.centralOnly ?? false);
    },
    countRaisedBefore(endExclusive: string): number {
      return countBefore.get(endExclusive)?.n ?? 0;
    },
  };
}
export type SourceBatches = ReturnType<typeof createSourceBatches>;

/** Reference data and the first problem with a body: small reads, through drizzle. */
export function createSourceRepo(db: Conn) {
  return {
    loadReference(): Reference {
      const orgs = db.select({ id: organizations.id, code: organizations.code, kind: organizations.kind }).from(organizations).all();
      const unitRows = db
        .select({ id: units.id, code: units.code, timeZone: units.timeZone, parentId: units.parentId, regionId: units.regionId })
        .from(units)
        .all();
      return {
        organizationCode: new Map(orgs.map((o) => [o.id, o.code])),
        organizationKind: new Map(orgs.map((o) => [o.id, o.kind])),
        unitCode: new Map(unitRows.map((u) => [u.id, u.code])),
        regionZone: new Map(unitRows.flatMap((u) => (u.timeZone ? [[u.id, u.timeZone] as const] : []))),
        unitDistrict: districtsOf(unitRows),
      };
    },

    /**
     * When the first problem that reached a responsible body was raised: where catch-up starts.
     * Walks issues_raised_idx from the oldest and stops at the first match (no full scan).
     */
    firstAssignedRaisedAt(): string | null {
      const row = db
        .select({ first: issues.raisedAt })
        .from(issues)
        .where(
          or(
            isNotNull(issues.responsibleOrganizationId),
            exists(
              db
                .select({ one: sql`1` })
                .from(issueAssignments)
                .where(and(eq(issueAssignments.issueId, issues.id))),
            ),
          ),
        )
        .orderBy(asc(issues.raisedAt))
        .limit(1)
        .get();
      return row?.first ?? null;
    },
  };
}
export type SourceRepo = ReturnType<typeof createSourceRepo>;
