import { getTableColumns, getTableName, sql, type InferInsertModel } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client.ts';
import { units } from '../geography/geography.tables.ts';
import { organizationCategories, organizations } from '../organizations/organizations.tables.ts';
import { coverageRules, legalActs } from '../meetings/meetings.tables.ts';
import { issues } from '../issues/issues.tables.ts';
import type { IssueCategory } from '../shared/enums.ts';

// Every write the seed makes, and the few reads it needs to plan them. All of it runs inside a
// transaction the caller opened: better-sqlite3 is synchronous, so these functions are too.

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

const BATCH_ROWS = 200;

/** Inserts rows in multi-row statements of at most BATCH_ROWS rows; returns how many were written. */
export function insertRows<T extends SQLiteTable>(tx: Tx, table: T, rows: readonly InferInsertModel<T>[]): number {
  for (let i = 0; i < rows.length; i += BATCH_ROWS) {
    tx.insert(table)
      .values(rows.slice(i, i + BATCH_ROWS))
      .run();
  }
  return rows.length;
}

/** The id the next inserted row of `table` gets when ids are assigned explicitly (max + 1). */
export function nextId(tx: Tx, table: SQLiteTable): number {
  const idColumn = getTableColumns(table).id;
  if (!idColumn) throw new Error(`table ${getTableName(table)} has no id column`);
  const row = tx.get<{ next: number }>(sql`select coalesce(max(${idColumn}), 0) + 1 as next from ${table}`);
  return row.next;
}

export function countIssues(tx: Tx): number {
  return tx.get<{ n: number }>(sql`select count(*) as n from ${issues}`).n;
}

export type UnitInsert = InferInsertModel<typeof units>;
export type UnitRow = typeof units.$inferSelect;
export type OrganizationInsert = InferInsertModel<typeof organizations>;
export type OrganizationRow = typeof organizations.$inferSelect;
export type CoverageRuleInsert = InferInsertModel<typeof coverageRules>;
export type CoverageRuleRow = typeof coverageRules.$inferSelect;

export type LegalActInsert = InferInsertModel<typeof legalActs>;
export type LegalActRow = typeof legalActs.$inferSelect;

export function allLegalActs(tx: Tx): LegalActRow[] {
  return tx.select().from(legalActs).all();
}
export function upsertLegalAct(tx: Tx, row: Omit<LegalActInsert, 'id'>): number {
  const { code: _code, ...set } = row;
  return tx.insert(legalActs).values(row).onConflictDoUpdate({ target: legalActs.code, set }).returning({ id: legalActs.id }).get().id;
}

export function allUnits(tx: Tx): UnitRow[] {
  return tx.select().from(units).all();
}
export function allOrganizations(tx: Tx): OrganizationRow[] {
  return tx.select().from(organizations).all();
}
export function allOrganizationCategories(tx: Tx): { organizationId: number; category: IssueCategory }[] {
  return tx.select().from(organizationCategories).all();
}
export function allCoverageRules(tx: Tx): CoverageRuleRow[] {
  return tx.select().from(coverageRules).all();
}

/** insert ... on conflict(code) do update: the row keyed by `code` ends up as given. Returns its id. */
export function upsertUnit(tx: Tx, row: Omit<UnitInsert, 'id'>): number {
  const { code: _code, ...set } = row;
  return tx.insert(units).values(row).onConflictDoUpdate({ target: units.code, set }).returning({ id: units.id }).get().id;
}

export function setUnitRegion(tx: Tx, unitId: number, regionId: number): void {
  tx.update(units).set({ regionId }).where(sql`${units.id} = ${unitId}`).run();
}

export function upsertOrganization(tx: Tx, row: Omit<OrganizationInsert, 'id'>): number {
  const { code: _code, ...set } = row;
  return tx.insert(organizations).values(row).onConflictDoUpdate({ target: organizations.code, set }).returning({ id: organizations.id }).get().id;
}

export function upsertCoverageRule(tx: Tx, row: Omit<CoverageRuleInsert, 'id'>): number {
  const { code: _code, ...set } = row;
  return tx.insert(coverageRules).values(row).onConflictDoUpdate({ target: coverageRules.code, set }).returning({ id: coverageRules.id }).get().id;
}

/** Adds the missing (organisation, category) pairs and removes the ones no longer listed. */
export function syncOrganizationCategories(
  tx: Tx,
  organizationId: number,
  wanted: readonly IssueCategory[],
  existing: readonly IssueCategory[],
): { inserted: number; deleted: number } {
  const toAdd = wanted.filter((c) => !existing.includes(c));
  const toDelete = existing.filter((c) => !wanted.includes(c));
  if (toAdd.length) {
    tx.insert(organizationCategories)
      .values(toAdd.map((category) => ({ organizationId, category })))
      .onConflictDoNothing()
      .run();
  }
  for (const category of toDelete) {
    tx.delete(organizationCategories)
      .where(sql`${organizationCategories.organizationId} = ${organizationId} and ${organizationCategories.category} = ${category}`)
      .run();
  }
  return { inserted: toAdd.length, deleted: toDelete.length };
}
