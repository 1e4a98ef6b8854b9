import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { date, id, oneOf } from '../shared/columns.ts';
import { UNIT_KINDS, type UnitKind } from '../shared/enums.ts';

/**
 * Every administrative unit in one hierarchy: the 20 regions (17 oblasts and 3 cities of republican
 * significance) at the top, districts, cities, rural okrugs and villages below. `regionId` points at
 * the top of the unit's branch (itself for a region) so that "all problems in a region" is one
 * indexed equality instead of a recursive walk. `establishedOn` is set for a unit created after the
 * decree took effect (Abai, Zhetisu and Ulytau regions on 8 June 2022, a new city district): it owes
 * nothing, and is owed no visit, for periods that began before it existed. (Its format is checked by
 * the seed's schema: a CHECK here would make the migration rebuild a table that everything references.)
 * `timeZone` likewise: the seed checks that every region has one of Kazakhstan's zones.
 */
export const units = sqliteTable(
  'units',
  {
    id: id(),
    code: text('code').notNull().unique(),
    kind: text('kind', { enum: UNIT_KINDS }).$type<UnitKind>().notNull(),
    parentId: integer('parent_id').references((): AnySQLiteColumn => units.id),
    regionId: integer('region_id').references((): AnySQLiteColumn => units.id),
    nameKk: text('name_kk').notNull(),
    nameRu: text('name_ru').notNull(),
    nameEn: text('name_en').notNull(),
    establishedOn: date('established_on'),
    /** The region's IANA time zone (set on regions only; a lower unit keeps its region's). */
    timeZone: text('time_zone'),
  },
  (t) => [
    oneOf('units_kind_check', 'kind', UNIT_KINDS),
    check('units_region_shape_check', sql`(${t.kind} in ('OBLAST', 'CITY_REPUBLICAN')) = (${t.parentId} is null)`),
    index('units_parent_idx').on(t.parentId),
    index('units_region_idx').on(t.regionId),
  ],
);
