import type { Db } from '../../db/client.ts';
import { units } from '../geography/geography.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';

export type UnitRow = typeof units.$inferSelect;
export type OrganizationRow = typeof organizations.$inferSelect;

export function createReferenceRepo(db: Db) {
  // Read before every GraphQL request that shows a region or a body: compiled once, run without
  // drizzle's query building (a microsecond), like the data version of the response cache.
  const version = db.$client.prepare('SELECT version FROM reference_version').pluck();
  return {
    /** Moves with every change to units or organisations (triggers of the reference_version migration). */
    version: (): number => Number(version.get() ?? 0),
    units: (): UnitRow[] => db.select().from(units).all(),
    organizations: (): OrganizationRow[] => db.select().from(organizations).all(),
  };
}
export type ReferenceRepo = ReturnType<typeof createReferenceRepo>;
