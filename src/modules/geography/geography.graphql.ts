import { builder } from '../../graphql/builder.ts';
import { LanguageEnum, LocalizedNamesRef } from '../../graphql/common.ts';
import { REGION_KINDS, UNIT_KINDS } from '../shared/enums.ts';
import { pickName } from '../shared/localized.ts';
import { planFrom } from '../shared/query-plan.ts';

export const UnitKindEnum = builder.enumType('UnitKind', { values: UNIT_KINDS });

/**
 * Any administrative unit: a region, district, city, city district, town, rural okrug or village.
 * Columns and the units above come straight off the row and the reference data in memory
 * (src/modules/reference/): the drizzle plugin's `t.expose` and `t.relation` cost a lookup of the
 * query plan per row, and a unit row always carries every column.
 */
export const UnitRef = builder.drizzleNode('units', {
  name: 'AdministrativeUnit',
  id: { column: (u) => u.id },
  fields: (t) => ({
    code: t.string({ description: 'Stable code, e.g. KZ-19 or KZ-19-TALGAR', resolve: (u) => u.code }),
    kind: t.field({ type: UnitKindEnum, resolve: (u) => u.kind }),
    name: t.string({
      args: { lang: t.arg({ type: LanguageEnum, required: false }) },
      resolve: (u, args, ctx) => pickName(u, args.lang ?? ctx.language),
    }),
    names: t.field({ type: LocalizedNamesRef, resolve: (u) => u }),
    children: t.relation('children', { query: { orderBy: { code: 'asc' } } }),
    establishedOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'Set for a unit created after the decree took effect: it owes and is owed nothing for periods that began earlier',
      resolve: (u) => u.establishedOn,
    }),
  }),
});

// The units above a unit, from the reference data (declared apart: a type cannot name itself while it is being defined).
builder.objectFields(UnitRef, (t) => ({
  parent: t.field({ type: UnitRef, nullable: true, resolve: (u, _args, ctx) => (u.parentId === null ? null : ctx.reference().unit(u.parentId)) }),
  region: t.field({
    type: UnitRef,
    nullable: true,
    description: 'The region this unit belongs to (itself for a region)',
    resolve: (u, _args, ctx) => (u.regionId === null ? null : ctx.reference().unit(u.regionId)),
  }),
}));

/** The 20 top-level regions: 17 oblasts and the 3 cities of republican significance. */
export const RegionRef = builder.drizzleObject('units', {
  variant: 'Region',
  fields: (t) => ({
    id: t.globalID({ resolve: (u) => ({ type: 'AdministrativeUnit', id: u.id }) }),
    code: t.string({ description: 'ISO 3166-2:KZ code, e.g. KZ-19', resolve: (u) => u.code }),
    kind: t.field({ type: UnitKindEnum, resolve: (u) => u.kind }),
    name: t.string({
      args: { lang: t.arg({ type: LanguageEnum, required: false }) },
      resolve: (u, args, ctx) => pickName(u, args.lang ?? ctx.language),
    }),
    names: t.field({ type: LocalizedNamesRef, resolve: (u) => u }),
    establishedOn: t.field({ type: 'Date', nullable: true, description: 'Abai, Zhetisu and Ulytau regions: 8 June 2022', resolve: (u) => u.establishedOn }),
    timeZone: t.string({
      description: 'The IANA time zone the region keeps its dates in, e.g. Asia/Almaty or Asia/Aqtobe (one offset, UTC+5, everywhere since 1 March 2024)',
      resolve: (u, _args, ctx) => ctx.services.geography.zoneOfRegion(u.id),
    }),
    unit: t.variant('units'),
    units: t.relation('children', {
      description: 'Districts, cities of oblast significance and city districts directly under the region',
      query: { orderBy: { code: 'asc' } },
    }),
  }),
});

builder.queryFields((t) => ({
  regions: t.drizzleField({
    type: [RegionRef],
    description: `All ${REGION_KINDS.join(' and ')} units, ordered by code`,
    resolve: (query, _root, _args, ctx) => ctx.services.geography.listRegions(planFrom(query)),
  }),
  region: t.drizzleField({
    type: RegionRef,
    nullable: true,
    args: { code: t.arg.string({ required: true, description: 'e.g. KZ-19' }) },
    resolve: async (query, _root, args, ctx) => {
      const unit = await ctx.services.geography.findUnitByCode(args.code, planFrom(query));
      return unit && unit.parentId === null ? unit : null;
    },
  }),
  unit: t.drizzleField({
    type: UnitRef,
    nullable: true,
    args: { code: t.arg.string({ required: true }) },
    resolve: (query, _root, args, ctx) => ctx.services.geography.findUnitByCode(args.code, planFrom(query)),
  }),
}));
