import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { id, oneOf } from '../shared/columns.ts';
import { ISSUE_CATEGORIES, ORGANIZATION_KINDS, type IssueCategory, type OrganizationKind } from '../shared/enums.ts';
import { units } from '../geography/geography.tables.ts';

/**
 * Bodies that solve problems: ministries and agencies, national holdings, national companies, and
 * local akimats. An akimat is tied to the unit it governs; a central body is not.
 */
export const organizations = sqliteTable(
  'organizations',
  {
    id: id(),
    code: text('code').notNull().unique(),
    kind: text('kind', { enum: ORGANIZATION_KINDS }).$type<OrganizationKind>().notNull(),
    unitId: integer('unit_id').references(() => units.id),
    nameKk: text('name_kk').notNull(),
    nameRu: text('name_ru').notNull(),
    nameEn: text('name_en').notNull(),
    shortNameKk: text('short_name_kk'),
    shortNameRu: text('short_name_ru'),
    shortNameEn: text('short_name_en'),
    website: text('website'),
  },
  (t) => [
    oneOf('organizations_kind_check', 'kind', ORGANIZATION_KINDS),
    check('organizations_akimat_unit_check', sql`(${t.kind} = 'LOCAL_EXECUTIVE_BODY') = (${t.unitId} is not null)`),
    index('organizations_kind_idx').on(t.kind),
    index('organizations_unit_idx').on(t.unitId),
  ],
);

/** The problem categories a body usually answers for: used to suggest where to route a problem. */
export const organizationCategories = sqliteTable(
  'organization_categories',
  {
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    category: text('category', { enum: ISSUE_CATEGORIES }).$type<IssueCategory>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.category] }),
    oneOf('organization_categories_category_check', 'category', ISSUE_CATEGORIES),
    index('organization_categories_category_idx').on(t.category),
  ],
);
