import { builder } from '../../graphql/builder.ts';
import { IssueCategoryEnum } from '../organizations/organizations.graphql.ts';
import { RegionRef } from '../geography/geography.graphql.ts';
import { IssueStatusEnum } from '../issues/issues.graphql.ts';
import { planFrom } from '../shared/query-plan.ts';
import { OrganizationRef } from '../organizations/organizations.graphql.ts';
import type { organizations } from '../organizations/organizations.tables.ts';
import type { collectionRoundItems } from './publication.tables.ts';
import { roundLabel } from './periods.ts';

// The Government's 15 February / 15 August collection rounds. Public like the quarters: the list
// holds only public fields of the problems and the proposals, which the Issue type shows anyway.

/** A problem that needed a decision of a central body, holding or company at the round's cutoff. */
export const CollectionRoundItemRef = builder.drizzleObject('collectionRoundItems', {
  name: 'CollectionRoundItem',
  fields: (t) => ({
    number: t.exposeInt('issueId', { description: 'The public reference number of the problem' }),
    issueId: t.globalID({ resolve: (i) => ({ type: 'Issue', id: i.issueId }) }),
    title: t.exposeString('title'),
    text: t.exposeString('text'),
    category: t.expose('category', { type: IssueCategoryEnum }),
    status: t.expose('status', { type: IssueStatusEnum, description: 'At the cutoff' }),
    dueDate: t.expose('dueDate', { type: 'Date', nullable: true, description: 'At the cutoff' }),
    resolutionPlan: t.exposeString('resolutionPlan', { nullable: true }),
    proposal: t.exposeString('proposal', { nullable: true, description: 'The proposal for the central-level decision' }),
    raisedAt: t.expose('raisedAt', { type: 'DateTime' }),
    organization: t.relation('organization', { description: 'The body responsible at the cutoff' }),
    region: t.relation('region', { type: RegionRef }),
    unit: t.relation('unit'),
  }),
});

type OrganizationRow = typeof organizations.$inferSelect;
type RoundItemRow = typeof collectionRoundItems.$inferSelect & { organization: OrganizationRow };

/** One body's part of a round. */
const CollectionRoundBodyRef = builder.objectRef<{ organization: OrganizationRow; items: RoundItemRow[] }>('CollectionRoundBody').implement({
  fields: (t) => ({
    organization: t.field({ type: OrganizationRef, resolve: (b) => b.organization }),
    itemCount: t.int({ resolve: (b) => b.items.length }),
    items: t.field({ type: [CollectionRoundItemRef], resolve: (b) => b.items }),
  }),
});

export const CollectionRoundRef = builder.drizzleObject('collectionRounds', {
  name: 'CollectionRound',
  description: 'A frozen collection round of problems needing central-level decisions',
  fields: (t) => ({
    label: t.string({ select: { columns: { year: true, half: true } }, resolve: (r) => roundLabel(r), description: 'e.g. 2026-H1 (15 February)' }),
    year: t.exposeInt('year'),
    half: t.exposeInt('half', { description: '1: the round of 15 February, 2: of 15 August' }),
    cutoffDate: t.expose('cutoffDate', { type: 'Date' }),
    collectedAt: t.expose('collectedAt', { type: 'DateTime' }),
    contentHash: t.exposeString('contentHash'),
    itemCount: t.exposeInt('itemCount'),
    items: t.relation('items', { query: { orderBy: { organizationId: 'asc', issueId: 'asc' } } }),
    bodies: t.field({
      type: [CollectionRoundBodyRef],
      description: 'The items grouped per responsible body, ordered by body code',
      select: { with: { items: { with: { organization: true }, orderBy: { issueId: 'asc' } } } },
      resolve: (r) => {
        const groups = new Map<number, { organization: OrganizationRow; items: RoundItemRow[] }>();
        for (const item of r.items) {
          const group = groups.get(item.organizationId) ?? { organization: item.organization, items: [] };
          group.items.push(item);
          groups.set(item.organizationId, group);
        }
        return [...groups.values()].sort((a, b) => (a.organization.code < b.organization.code ? -1 : 1));
      },
    }),
  }),
});

builder.queryFields((t) => ({
  collectionRounds: t.drizzleField({
    type: [CollectionRoundRef],
    description: 'Every collection round run so far, newest first',
    resolve: (query, _root, _args, ctx) => ctx.services.publication.listRounds(planFrom(query)),
  }),
  collectionRound: t.drizzleField({
    type: CollectionRoundRef,
    nullable: true,
    args: {
      year: t.arg.int({ required: true }),
      half: t.arg.int({ required: true, description: '1: 15 February, 2: 15 August' }),
    },
    resolve: (query, _root, args, ctx) => ctx.services.publication.findRound({ year: args.year, half: args.half }, planFrom(query)),
  }),
}));
