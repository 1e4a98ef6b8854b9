import { builder } from '../../graphql/builder.ts';
import { publishesUnderDecree } from '../shared/enums.ts';
import { LanguageEnum, LocalizedNamesRef } from '../../graphql/common.ts';
import { ISSUE_CATEGORIES, ORGANIZATION_KINDS } from '../shared/enums.ts';
import { pickName } from '../shared/localized.ts';
import { planFrom } from '../shared/query-plan.ts';
import { UnitRef } from '../geography/geography.graphql.ts';

export const OrganizationKindEnum = builder.enumType('OrganizationKind', { values: ORGANIZATION_KINDS });
export const IssueCategoryEnum = builder.enumType('IssueCategory', { values: ISSUE_CATEGORIES });

/** A body that must solve problems: ministry, national holding, national company or akimat. */
export const OrganizationRef = builder.drizzleNode('organizations', {
  name: 'Organization',
  id: { column: (o) => o.id },
  fields: (t) => ({
    code: t.string({ resolve: (o) => o.code }),
    kind: t.field({ type: OrganizationKindEnum, resolve: (o) => o.kind }),
    publishesUnderDecree: t.boolean({
      description:
        "Whether the decree obliges this body to publish its list every quarter (central executive bodies, national holdings, national companies). Every body's list is published; for the others it is an extra.",
      resolve: (o) => publishesUnderDecree(o.kind),
    }),
    name: t.string({
      args: { lang: t.arg({ type: LanguageEnum, required: false }) },
      resolve: (o, args, ctx) => pickName(o, args.lang ?? ctx.language),
    }),
    names: t.field({ type: LocalizedNamesRef, resolve: (o) => o }),
    shortName: t.string({
      nullable: true,
      args: { lang: t.arg({ type: LanguageEnum, required: false }) },
      resolve: (o, args, ctx) => {
        const lang = args.lang ?? ctx.language;
        return (lang === 'kk' ? o.shortNameKk : lang === 'ru' ? o.shortNameRu : o.shortNameEn) ?? null;
      },
    }),
    website: t.string({ nullable: true, resolve: (o) => o.website }),
    unit: t.field({
      type: UnitRef,
      nullable: true,
      description: 'For an akimat: the unit it governs',
      resolve: (o, _args, ctx) => (o.unitId === null ? null : ctx.reference().unit(o.unitId)),
    }),
    categories: t.field({
      type: [IssueCategoryEnum],
      description: 'Problem categories this body usually answers for',
      select: { with: { categories: { columns: { category: true } } } },
      resolve: (o) => o.categories.map((c) => c.category),
    }),
  }),
});

builder.queryFields((t) => ({
  organizations: t.drizzleField({
    type: [OrganizationRef],
    args: { kind: t.arg({ type: [OrganizationKindEnum], required: false }) },
    resolve: (query, _root, args, ctx) => ctx.services.organizations.listOrganizations(args.kind ?? null, planFrom(query)),
  }),
  organization: t.drizzleField({
    type: OrganizationRef,
    nullable: true,
    description: 'By global id or by code (e.g. MIN-ENERGY)',
    args: {
      id: t.arg.globalID({ required: false, for: OrganizationRef }),
      code: t.arg.string({ required: false }),
    },
    resolve: (query, _root, args, ctx) =>
      args.id
        ? ctx.services.organizations.findOrganization(Number(args.id.id), planFrom(query))
        : args.code
          ? ctx.services.organizations.findOrganizationByCode(args.code, planFrom(query))
          : null,
  }),
}));
