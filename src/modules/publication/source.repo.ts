import { and, asc, eq, exists, isNotNull, lt, min, or, sql } from 'drizzle-orm';
import type { SQLiteAsyncDatabase } from 'drizzle-orm/sqlite-core';
import type { RunResult } from 'better-sqlite3';
import type { relations } from '../../db/relations.ts';
import { issueAssignments, issues, issueUpdates } from '../issues/issues.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { units } from '../geography/geography.tables.ts';
import type { OrganizationKind } from '../shared/enums.ts';
import type { SourceAssignment, SourceIssue, SourceUpdate } from './snapshot.ts';

/** The database or an open transaction: publication reads its sources inside the writing transaction. */
export type Conn = SQLiteAsyncDatabase<'sync', RunResult, typeof relations>;

export interface Sources {
  issues: SourceIssue[];
  updatesByIssue: Map<number, SourceUpdate[]>;
  assignmentsByIssue: Map<number, SourceAssignment[]>;
}

export interface Reference {
  organizationCode: Map<number, string>;
  organizationKind: Map<number, OrganizationKind>;
  unitCode: Map<number, string>;
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

/** Reads of the live problem tables that a snapshot is built from (issues stay read-only here). */
export function createSourceRepo(db: Conn) {
  return {
    /** Every problem raised before `endExclusive`, with its whole history (later rows too, oldest first). */
    loadSources(endExclusive: string): Sources {
      const raisedBefore = lt(issues.raisedAt, endExclusive);
      const rows = db
        .select({
          id: issues.id,
          title: issues.title,
          text: issues.text,
          language: issues.language,
          category: issues.category,
          unitId: issues.unitId,
          regionId: issues.regionId,
          status: issues.status,
          resolutionPlan: issues.resolutionPlan,
          dueDate: issues.dueDate,
          progress: issues.progress,
          responsibleOrganizationId: issues.responsibleOrganizationId,
          needsCentralDecision: issues.needsCentralDecision,
          centralDecisionProposal: issues.centralDecisionProposal,
          raisedAt: issues.raisedAt,
          updatedAt: issues.updatedAt,
        })
        .from(issues)
        .where(raisedBefore)
        .orderBy(asc(issues.id))
        .all();
      const updates = db
        .select({
          id: issueUpdates.id,
          issueId: issueUpdates.issueId,
          kind: issueUpdates.kind,
          actor: issueUpdates.actor,
          organizationId: issueUpdates.organizationId,
          statusBefore: issueUpdates.statusBefore,
          statusAfter: issueUpdates.statusAfter,
          progress: issueUpdates.progress,
          dueDateBefore: issueUpdates.dueDateBefore,
          dueDateAfter: issueUpdates.dueDateAfter,
          publicNote: issueUpdates.publicNote,
          at: issueUpdates.at,
        })
        .from(issueUpdates)
        .innerJoin(issues, eq(issues.id, issueUpdates.issueId))
        .where(raisedBefore)
        .orderBy(asc(issueUpdates.issueId), asc(issueUpdates.at), asc(issueUpdates.id))
        .all();
      const assignments = db
        .select({
          id: issueAssignments.id,
          issueId: issueAssignments.issueId,
          organizationId: issueAssignments.organizationId,
          assignedAt: issueAssignments.assignedAt,
          endedAt: issueAssignments.endedAt,
        })
        .from(issueAssignments)
        .innerJoin(issues, eq(issues.id, issueAssignments.issueId))
        .where(raisedBefore)
        .orderBy(asc(issueAssignments.issueId), asc(issueAssignments.assignedAt), asc(issueAssignments.id))
        .all();
      return { issues: rows, updatesByIssue: groupByIssue(updates), assignmentsByIssue: groupByIssue(assignments) };
    },

    loadReference(): Reference {
      const orgs = db.select({ id: organizations.id, code: organizations.code, kind: organizations.kind }).from(organizations).all();
      const unitRows = db.select({ id: units.id, code: units.code }).from(units).all();
      return {
        organizationCode: new Map(orgs.map((o) => [o.id, o.code])),
        organizationKind: new Map(orgs.map((o) => [o.id, o.kind])),
        unitCode: new Map(unitRows.map((u) => [u.id, u.code])),
      };
    },

    /** When the first problem that reached a responsible body was raised: where catch-up starts. */
    firstAssignedRaisedAt(): string | null {
      const [row] = db
        .select({ first: min(issues.raisedAt) })
        .from(issues)
        .where(
          or(
            isNotNull(issues.responsibleOrganizationId),
            exists(db.select({ one: sql`1` }).from(issueAssignments).where(and(eq(issueAssignments.issueId, issues.id)))),
          ),
        )
        .all();
      return row?.first ?? null;
    },
  };
}
export type SourceRepo = ReturnType<typeof createSourceRepo>;
