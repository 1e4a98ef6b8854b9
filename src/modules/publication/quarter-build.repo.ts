import { and, eq, lt, or, sql, type InferInsertModel } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { publicationBodies, publications, type QuarterFigures } from './publication.tables.ts';
import { publicationAreas } from './areas.tables.ts';
import type { NewAreaRow } from './area-figures.ts';
import { createSourceBatches, createSourceRepo } from './source.repo.ts';
import type { PreviousState } from './freeze.ts';
import type { Quarter } from './periods.ts';
import type { PublicationRow, NewPublicationBody, NewPublicationItem } from './publication.repo.ts';

// The writes of a quarter being built: its row while 'building', its items a batch at a time (one
// short IMMEDIATE transaction each, so other writers wait milliseconds, not minutes), and the final
// flip to 'published' with its bodies and figures.

const BODY_ROWS = 200;

export function createQuarterBuildRepo(db: Db, onPublished: ((publicationId: number) => void)[] = []) {
  const client = db.$client;
  const insertItem = client.prepare(
    `insert into publication_items (publication_id, issue_id, organization_id, region_id, unit_id, category, language, title,
       text, status, resolution_plan, due_date, progress, overdue, raised_at, updated_at, public_note, history, change,
       deadline_drift_days, previous_status, previous_due_date, group_id)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertItems = client.transaction((publicationId: number, rows: NewPublicationItem[]) => {
    for (const r of rows) {
      insertItem.run(
        publicationId,
        r.issueId,
        r.organizationId,
        r.regionId,
        r.unitId,
        r.category,
        r.language,
        r.title,
        r.text,
        r.status,
        r.resolutionPlan ?? null,
        r.dueDate ?? null,
        r.progress,
        r.overdue ? 1 : 0,
        r.raisedAt,
        r.updatedAt,
        r.publicNote ?? null,
        JSON.stringify(r.history),
        r.change,
        r.deadlineDriftDays ?? null,
        r.previousStatus ?? null,
        r.previousDueDate ?? null,
        r.groupId ?? null,
      );
    }
  });
  const previousOf = client.prepare<[number, string], { issueId: number; status: PreviousState['status']; dueDate: string | null; overdue: number }>(
    `select issue_id as issueId, status, due_date as dueDate, overdue from publication_items
     where publication_id = ? and issue_id in (select value from json_each(?))`,
  );
  const discardItems = client.prepare<[number, number]>(
    'delete from publication_items where id in (select id from publication_items where publication_id = ? limit ?)',
  );

  return {
    sources: createSourceBatches(client),
    loadReference: () => createSourceRepo(db).loadReference(),

    /** The quarter's row, published or still building. */
    findQuarterRow(q: Quarter): PublicationRow | undefined {
      return db
        .select()
        .from(publications)
        .where(and(eq(publications.year, q.year), eq(publications.quarter, q.quarter)))
        .get();
    },
    /** The latest published quarter before `q`: the baseline of "changes since the previous quarter". */
    latestPublishedBefore(q: Quarter): PublicationRow | undefined {
      return db
        .select()
        .from(publications)
        .where(
          and(eq(publications.status, 'published'), or(lt(publications.year, q.year), and(eq(publications.year, q.year), lt(publications.quarter, q.quarter)))),
        )
        .orderBy(sql`${publications.year} desc, ${publications.quarter} desc`)
        .limit(1)
        .get();
    },
    startBuilding(row: Omit<InferInsertModel<typeof publications>, 'id' | 'status' | 'figures'>): PublicationRow {
      return db
        .insert(publications)
        .values({ ...row, status: 'building' })
        .returning()
        .get();
    },
    /** Deletes up to `limit` items of a building quarter; returns how many (0 when none are left). */
    discardItems(publicationId: number, limit: number): number {
      return discardItems.run(publicationId, limit).changes;
    },
    deleteBuildingRow(publicationId: number): void {
      db.delete(publications)
        .where(and(eq(publications.id, publicationId), eq(publications.status, 'building')))
        .run();
    },
    /** How the problems `issueIds` (one batch) stood in the previous published quarter. */
    previousStatesOf(publicationId: number, issueIds: number[]): Map<number, PreviousState> {
      const rows = previousOf.all(publicationId, JSON.stringify(issueIds));
      return new Map(rows.map((r) => [r.issueId, { status: r.status, dueDate: r.dueDate, overdue: r.overdue === 1 }]));
    },
    /** One batch of items in its own IMMEDIATE transaction. */
    insertItems(publicationId: number, rows: NewPublicationItem[]): void {
      insertItems.immediate(publicationId, rows);
    },

    /**
     * After a quarter is published its tables have grown by its items: refresh the statistics the
     * planner chooses their indexes by (stale ones made Open311's page sort a whole quarter
     * instead of walking publication_items_raised_idx). Sampled (analysis_limit), so it takes a
     * fraction of a second whatever the size.
     */
    refreshStatistics(): void {
      const previous = client.pragma('analysis_limit', { simple: true });
      client.pragma('analysis_limit = 1000');
      try {
        client.exec('ANALYZE publication_items; ANALYZE publications; ANALYZE publication_bodies; ANALYZE publication_areas;');
      } finally {
        client.pragma(`analysis_limit = ${Number(previous)}`);
      }
    },

    /**
     * The flip: bodies, figures, hash and status in one short IMMEDIATE transaction. Refuses (returns
     * null) when the quarter before it changed meanwhile or the row is no longer this build's.
     */
    finish(
      publicationId: number,
      expectedPreviousId: number | null,
      q: Quarter,
      done: { contentHash: string; itemCount: number; figures: QuarterFigures; publishedAt: string; bodies: NewPublicationBody[]; areas: NewAreaRow[] },
    ): PublicationRow | null {
      return db.transaction(
        (tx) => {
          const previous = tx
            .select({ id: publications.id })
            .from(publications)
            .where(
              and(
                eq(publications.status, 'published'),
                or(lt(publications.year, q.year), and(eq(publications.year, q.year), lt(publications.quarter, q.quarter))),
              ),
            )
            .orderBy(sql`${publications.year} desc, ${publications.quarter} desc`)
            .limit(1)
            .get();
          if ((previous?.id ?? null) !== expectedPreviousId) return null;
          const row = tx
            .update(publications)
            .set({ status: 'published', contentHash: done.contentHash, itemCount: done.itemCount, figures: done.figures, publishedAt: done.publishedAt })
            .where(and(eq(publications.id, publicationId), eq(publications.status, 'building')))
            .returning()
            .get();
          if (!row) return null;
          for (let i = 0; i < done.bodies.length; i += BODY_ROWS) {
            tx.insert(publicationBodies)
              .values(done.bodies.slice(i, i + BODY_ROWS).map((b) => ({ ...b, publicationId })))
              .run();
          }
          for (let i = 0; i < done.areas.length; i += BODY_ROWS) {
            tx.insert(publicationAreas)
              .values(done.areas.slice(i, i + BODY_ROWS).map((a) => ({ ...a, publicationId })))
              .run();
          }
          for (const listener of onPublished) listener(publicationId);
          return row;
        },
        { behavior: 'immediate' },
      );
    },
  };
}
export type QuarterBuildRepo = ReturnType<typeof createQuarterBuildRepo>;
