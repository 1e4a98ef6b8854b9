import { and, eq, type InferInsertModel } from 'drizzle-orm';
import { type Db, inTransaction } from '../../db/client.ts';
import { asIs, type QueryPlan } from '../shared/query-plan.ts';
import { collectionRoundItems, collectionRounds } from './publication.tables.ts';
import { createSourceBatches, createSourceRepo, type Conn } from './source.repo.ts';
import type { Round } from './periods.ts';

export type RoundRow = typeof collectionRounds.$inferSelect;
export type NewRoundItem = Omit<InferInsertModel<typeof collectionRoundItems>, 'id' | 'roundId'>;

const BATCH_ROWS = 200;

function createRoundWriteRepo(db: Conn) {
  return {
    ...createSourceRepo(db),
    findRoundRow(r: Round): RoundRow | undefined {
      return db
        .select()
        .from(collectionRounds)
        .where(and(eq(collectionRounds.year, r.year), eq(collectionRounds.half, r.half)))
        .get();
    },
    collectedRounds(): Round[] {
      return db.select({ year: collectionRounds.year, half: collectionRounds.half }).from(collectionRounds).all();
    },
    insertRound(row: Omit<InferInsertModel<typeof collectionRounds>, 'id'>): RoundRow {
      return db.insert(collectionRounds).values(row).returning().get();
    },
    insertRoundItems(roundId: number, rows: NewRoundItem[]): void {
      for (let i = 0; i < rows.length; i += BATCH_ROWS) {
        db.insert(collectionRoundItems)
          .values(rows.slice(i, i + BATCH_ROWS).map((r) => ({ ...r, roundId })))
          .run();
      }
    },
  };
}
export type RoundWriteRepo = ReturnType<typeof createRoundWriteRepo>;

const roundItemWith = {
  organization: { columns: { code: true, nameKk: true, nameRu: true, nameEn: true } },
  region: { columns: { code: true, nameKk: true, nameRu: true, nameEn: true } },
  unit: { columns: { code: true, nameKk: true, nameRu: true, nameEn: true } },
} as const;

/** The Government's collection rounds: frozen once written, like a published quarter. */
export function createRoundsRepo(db: Db) {
  return {
    atomically<T>(work: (repo: RoundWriteRepo) => T): T {
      return inTransaction(db, (tx) => work(createRoundWriteRepo(tx)), 'immediate');
    },
    sources: createSourceBatches(db.$client),
    ...createRoundWriteRepo(db),
    listRounds(plan: QueryPlan = asIs) {
      return db.query.collectionRounds.findMany(plan({ orderBy: { year: 'desc' as const, half: 'desc' as const } }));
    },
    findRound(r: Round, plan: QueryPlan = asIs) {
      return db.query.collectionRounds.findFirst(plan({ where: { year: r.year, half: r.half } }));
    },
    findExportRoundItems(roundId: number) {
      return db.query.collectionRoundItems.findMany({
        where: { roundId },
        with: roundItemWith,
        orderBy: { organizationId: 'asc', issueId: 'asc' },
      });
    },
  };
}
export type RoundsRepo = ReturnType<typeof createRoundsRepo>;
