import { index, integer, primaryKey, sqliteTable } from 'drizzle-orm/sqlite-core';
import { organizations } from '../organizations/organizations.tables.ts';
import { units } from '../geography/geography.tables.ts';
import { publications } from './publication.tables.ts';

/**
 * A published quarter's figures per place and body: one row per (region, district, responsible
 * body) with problems in it, tallied while the quarter is built. The regions view, a region's
 * page and a region's trend add these rows up (at most a few thousand per quarter) instead of
 * counting a quarter's items. `districtId` is the unit right below the region on the problem's
 * branch (a district, a city of oblast significance, a city district), or the region itself for
 * a problem raised at region level. Every figure is a count, so any grouping of rows adds up.
 */
export const publicationAreas = sqliteTable(
  'publication_areas',
  {
    publicationId: integer('publication_id')
      .notNull()
      .references(() => publications.id, { onDelete: 'cascade' }),
    regionId: integer('region_id')
      .notNull()
      .references(() => units.id),
    districtId: integer('district_id')
      .notNull()
      .references(() => units.id),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id),
    total: integer('total').notNull(),
    open: integer('open').notNull(),
    overdue: integer('overdue').notNull(),
    resolved: integer('resolved').notNull(),
    disputed: integer('disputed').notNull(),
    deadlinesMoved: integer('deadlines_moved').notNull(),
    driftDays: integer('drift_days').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.publicationId, t.regionId, t.districtId, t.organizationId] }),
    /** A region's trend: its rows in every quarter. */
    index('publication_areas_region_idx').on(t.regionId, t.publicationId),
  ],
);
