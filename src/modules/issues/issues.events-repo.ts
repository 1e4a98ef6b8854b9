import { and, desc, eq, gt, inArray, lte, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import type { IssueEventKind, IssueLanguage, IssueStatus } from '../shared/enums.ts';
import { issues, issueUpdates } from './issues.tables.ts';

// A problem's public history as a stream of events, for the Atom feeds of a problem and of a
// region and for the email notifications. Columns are named one by one: who acted (byUserId),
// the tracking code and the citizen's contact never leave this file.

export interface PublicIssueEvent {
  id: number;
  issueId: number;
  kind: IssueEventKind;
  statusBefore: IssueStatus | null;
  statusAfter: IssueStatus;
  progress: number | null;
  dueDateBefore: string | null;
  dueDateAfter: string | null;
  publicNote: string | null;
  at: string;
  issueTitle: string;
  issueLanguage: IssueLanguage;
  regionId: number;
  responsibleOrganizationId: number | null;
  /** The body that acted (null for the citizen's own answers before a body was assigned). */
  organization: { code: string; nameKk: string; nameRu: string; nameEn: string } | null;
}

const COLUMNS = {
  id: issueUpdates.id,
  issueId: issueUpdates.issueId,
  kind: issueUpdates.kind,
  statusBefore: issueUpdates.statusBefore,
  statusAfter: issueUpdates.statusAfter,
  progress: issueUpdates.progress,
  dueDateBefore: issueUpdates.dueDateBefore,
  dueDateAfter: issueUpdates.dueDateAfter,
  publicNote: issueUpdates.publicNote,
  at: issueUpdates.at,
  issueTitle: issues.title,
  issueLanguage: issues.language,
  regionId: issues.regionId,
  responsibleOrganizationId: issues.responsibleOrganizationId,
  orgCode: organizations.code,
  orgNameKk: organizations.nameKk,
  orgNameRu: organizations.nameRu,
  orgNameEn: organizations.nameEn,
};

type Row = { [K in keyof typeof COLUMNS]: (typeof COLUMNS)[K]['_']['data'] | null };

function toEvent(r: Row): PublicIssueEvent {
  return {
    id: r.id!,
    issueId: r.issueId!,
    kind: r.kind!,
    statusBefore: r.statusBefore,
    statusAfter: r.statusAfter!,
    progress: r.progress,
    dueDateBefore: r.dueDateBefore,
    dueDateAfter: r.dueDateAfter,
    publicNote: r.publicNote,
    at: r.at!,
    issueTitle: r.issueTitle!,
    issueLanguage: r.issueLanguage!,
    regionId: r.regionId!,
    responsibleOrganizationId: r.responsibleOrganizationId,
    organization: r.orgCode ? { code: r.orgCode, nameKk: r.orgNameKk!, nameRu: r.orgNameRu!, nameEn: r.orgNameEn! } : null,
  };
}

export type DigestScope = { regionId: number } | { organizationId: number };

function digestWhere(afterId: number, upToId: number, where: DigestScope) {
  return and(
    gt(issueUpdates.id, afterId),
    lte(issueUpdates.id, upToId),
    ne(issueUpdates.actor, 'CITIZEN'),
    'regionId' in where ? eq(issues.regionId, where.regionId) : eq(issueUpdates.organizationId, where.organizationId),
  );
}

export function createIssueEventsRepo(db: Db) {
  const select = () =>
    db
      .select(COLUMNS)
      .from(issueUpdates)
      .innerJoin(issues, eq(issues.id, issueUpdates.issueId))
      .leftJoin(organizations, eq(organizations.id, issueUpdates.organizationId));
  return {
    /** The newest events of one problem, newest first. */
    ofIssue(issueId: number, limit: number): PublicIssueEvent[] {
      return select().where(eq(issueUpdates.issueId, issueId)).orderBy(desc(issueUpdates.at), desc(issueUpdates.id)).limit(limit).all().map(toEvent);
    },
    /**
     * The newest events of a region's problems, newest first. Every event also moves its problem's
     * `updated_at`, so the newest `limit` events lie within the `limit` most recently updated
     * problems: the region's index on (region, updated_at) finds them without reading the rest.
     */
    ofRegion(regionId: number, limit: number): PublicIssueEvent[] {
      const recent = db
        .select({ id: issues.id })
        .from(issues)
        .where(eq(issues.regionId, regionId))
        .orderBy(desc(issues.updatedAt))
        .limit(limit)
        .all()
        .map((r) => r.id);
      if (recent.length === 0) return [];
      return select().where(inArray(issueUpdates.issueId, recent)).orderBy(desc(issueUpdates.at), desc(issueUpdates.id)).limit(limit).all().map(toEvent);
    },
    /** Events by id (those a transaction just appended, or a digest's window). */
    byIds(ids: number[]): PublicIssueEvent[] {
      return ids.length ? select().where(inArray(issueUpdates.id, ids)).orderBy(issueUpdates.id).all().map(toEvent) : [];
    },
    /**
     * A digest's events: history entries with ids in (afterId, upToId] of a region's problems or
     * written by a body, oldest first. The citizen's own answers are left out (they are not a body's news).
     */
    between(afterId: number, upToId: number, where: DigestScope, limit: number): PublicIssueEvent[] {
      return select()
        .where(digestWhere(afterId, upToId, where))
        .orderBy(issueUpdates.id)
        .limit(limit)
        .all()
        .map(toEvent);
    },
    countBetween(afterId: number, upToId: number, where: DigestScope): number {
      return db
        .select({ n: sql<number>`count(*)` })
        .from(issueUpdates)
        .innerJoin(issues, eq(issues.id, issueUpdates.issueId))
        .where(digestWhere(afterId, upToId, where))
        .get()!.n;
    },
  };
}
export type IssueEventsRepo = ReturnType<typeof createIssueEventsRepo>;
