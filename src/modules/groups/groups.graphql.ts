import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../graphql/builder.ts';
import type { GraphQLContext } from '../../graphql/context.ts';
import { ErrorInterface, INPUT_AND_AUTH_ERRORS, reasonEnum, ruleErrorType } from '../../graphql/common.ts';
import { NotFoundError } from '../shared/errors.ts';
import { IssueCategoryEnum, OrganizationRef } from '../organizations/organizations.graphql.ts';
import { RegionRef, UnitRef } from '../geography/geography.graphql.ts';
import { IssueRef } from '../issues/issues.graphql.ts';
import { decodeIdOf } from '../issues/global-id.ts';
import { GROUP_RULES, GroupConflictError, GroupError } from './groups.errors.ts';
import type { GroupEventRow, GroupRow, Tally } from './groups.read-repo.ts';
import { GROUP_EVENT_KINDS, GROUPING_SOURCES } from './groups.tables.ts';
import { createBatcher } from './batcher.ts';
import { PublishedIssueRef } from '../publication/publication.graphql.ts';

// Groups of similar problems in the API: Issue.group, IssueGroup with its breakdowns and members,
// issueGroups, and the staff's three decisions. Thin resolvers: one service call each.

const GroupEventKindEnum = builder.enumType('IssueGroupEventKind', { values: GROUP_EVENT_KINDS });
const GroupingSourceEnum = builder.enumType('GroupingSource', {
  values: GROUPING_SOURCES,
  description: 'AUTO: the automatic grouping; STAFF: a person decided (wins over AUTO)',
});
const GroupOrderEnum = builder.enumType('IssueGroupOrder', { values: ['SIZE_DESC', 'LAST_RAISED_DESC'] as const });

const groupLoaders = new WeakMap<GraphQLContext, ReturnType<typeof createBatcher<number, GroupRow | undefined>>>();
/** Issue.group for a whole page of problems in one statement. */
function groupLoader(ctx: GraphQLContext) {
  let loader = groupLoaders.get(ctx);
  if (!loader) {
    loader = createBatcher<number, GroupRow | undefined>((ids) => {
      const rows = ctx.services.groups.groupsOfIssues(ids);
      return ids.map((id) => rows.get(id));
    });
    groupLoaders.set(ctx, loader);
  }
  return loader;
}

const RegionTallyRef = builder.objectRef<Tally>('IssueGroupRegion').implement({
  fields: (t) => ({
    region: t.drizzleField({
      type: RegionRef,
      resolve: (query, tally, _a, ctx) => ctx.db.query.units.findFirst(query({ where: { id: tally.id } })).then((u) => u!),
    }),
    count: t.exposeInt('count', { description: 'Problems of the group raised there' }),
  }),
});
const DistrictTallyRef = builder.objectRef<Tally>('IssueGroupDistrict').implement({
  fields: (t) => ({
    unit: t.drizzleField({
      type: UnitRef,
      description: 'A district, a city or a city district',
      resolve: (query, tally, _a, ctx) => ctx.db.query.units.findFirst(query({ where: { id: tally.id } })).then((u) => u!),
    }),
    count: t.exposeInt('count'),
  }),
});
const BodyTallyRef = builder.objectRef<Tally>('IssueGroupBody').implement({
  fields: (t) => ({
    organization: t.drizzleField({
      type: OrganizationRef,
      resolve: (query, tally, _a, ctx) => ctx.db.query.organizations.findFirst(query({ where: { id: tally.id } })).then((o) => o!),
    }),
    count: t.exposeInt('count', { description: 'Problems of the group this body answers for' }),
  }),
});
const QuarterTallyRef = builder.objectRef<{ quarter: string; count: number }>('IssueGroupQuarter').implement({
  fields: (t) => ({
    quarter: t.exposeString('quarter', { description: 'e.g. 2026-Q3' }),
    count: t.exposeInt('count', { description: 'Problems raised in it' }),
  }),
});

export const IssueGroupRef = builder.objectRef<GroupRow>('IssueGroup').implement({
  description: 'Problems found to be the same problem raised again (automatically, or as staff decided). Only groups of two or more are public.',
  fields: (t) => ({
    id: t.id({ resolve: (g) => encodeGlobalID('IssueGroup', g.id) }),
    number: t.exposeInt('id', { description: 'The public number: /{lang}/groups/{number}' }),
    title: t.string({ description: 'The title of the first problem raised', resolve: (g) => g.title ?? '' }),
    category: t.expose('category', { type: IssueCategoryEnum }),
    size: t.exposeInt('size', { description: 'How many problems' }),
    districtCount: t.exposeInt('districtCount'),
    regionCount: t.exposeInt('regionCount'),
    resolvedCount: t.exposeInt('resolvedCount', { description: 'Problems RESOLVED or CLOSED' }),
    firstRaised: t.field({ type: 'DateTime', resolve: (g) => g.firstRaisedAt ?? g.updatedAt }),
    lastRaised: t.field({ type: 'DateTime', resolve: (g) => g.lastRaisedAt ?? g.updatedAt }),
    regions: t.field({ type: [RegionTallyRef], resolve: (g, _a, ctx) => ctx.services.groups.regions(g.id) }),
    districts: t.field({ type: [DistrictTallyRef], resolve: (g, _a, ctx) => ctx.services.groups.districts(g.id) }),
    bodies: t.field({ type: [BodyTallyRef], resolve: (g, _a, ctx) => ctx.services.groups.bodies(g.id) }),
    perQuarter: t.field({ type: [QuarterTallyRef], description: 'Oldest quarter first', resolve: (g, _a, ctx) => ctx.services.groups.perQuarter(g.id) }),
    members: t.connection({
      type: IssueRef,
      description: 'The problems of the group, by number',
      resolve: (g, args, ctx) => {
        const first = Math.min(Math.max(args.first ?? 20, 0), 100);
        const after = args.after && /^\d{1,12}$/.test(args.after) ? Number(args.after) : 0;
        const rows = ctx.services.groups.memberIssues(g.id, after, first + 1);
        const page = rows.slice(0, first);
        return {
          edges: page.map((issue) => ({ cursor: String(issue.id), node: issue })),
          pageInfo: {
            hasNextPage: rows.length > first,
            hasPreviousPage: after > 0,
            startCursor: page[0] ? String(page[0].id) : null,
            endCursor: page.at(-1) ? String(page.at(-1)!.id) : null,
          },
        };
      },
    }),
  }),
});

const GroupEventRef = builder.objectRef<GroupEventRow>('IssueGroupEvent').implement({
  description: 'A change of a problem’s group. The body that decided is public; the person is not.',
  fields: (t) => ({
    kind: t.expose('kind', { type: GroupEventKindEnum }),
    source: t.expose('source', { type: GroupingSourceEnum }),
    fromGroupNumber: t.exposeInt('fromGroupId', { nullable: true }),
    toGroupNumber: t.exposeInt('toGroupId', { nullable: true }),
    organization: t.drizzleField({
      type: OrganizationRef,
      nullable: true,
      resolve: (query, e, _a, ctx) =>
        e.organizationId === null ? null : ctx.db.query.organizations.findFirst(query({ where: { id: e.organizationId } })).then((o) => o ?? null),
    }),
    note: t.exposeString('note', { nullable: true }),
    at: t.expose('at', { type: 'DateTime' }),
  }),
});

builder.drizzleObjectField(IssueRef, 'group', (t) =>
  t.field({
    type: IssueGroupRef,
    nullable: true,
    description: 'The group of similar problems this one belongs to (null when it is in none, or alone in one)',
    select: { columns: { id: true } },
    resolve: async (issue, _a, ctx) => (await groupLoader(ctx).load(issue.id)) ?? null,
  }),
);
builder.drizzleObjectField(IssueRef, 'groupHistory', (t) =>
  t.field({
    type: [GroupEventRef],
    description: 'Every change of the problem’s group, oldest first',
    select: { columns: { id: true } },
    resolve: (issue, _a, ctx) => ctx.services.groups.eventsOfIssue(issue.id),
  }),
);

builder.drizzleObjectField(PublishedIssueRef, 'groupNumber', (t) =>
  t.exposeInt('groupId', { nullable: true, description: 'The group of similar problems it was in when the quarter was published (open data: group_id)' }),
);

const GroupFilterInput = builder.inputType('IssueGroupFilter', {
  fields: (t) => ({
    category: t.field({ type: IssueCategoryEnum, required: false }),
    regionCode: t.string({ required: false, description: 'Groups with a problem raised in this region, e.g. KZ-19' }),
    minSize: t.int({ required: false, description: 'At least this many problems (default and minimum 2)' }),
  }),
});

/** Cursor of the group lists: the order's key and the group number. */
const cursorOf = (g: GroupRow, order: string) => `${order === 'SIZE_DESC' ? g.size : g.lastRaisedAt}|${g.id}`;
function parseCursor(cursor: string | null | undefined, order: string): { key: number | string; id: number } | null {
  const m = cursor ? /^(.{1,40})\|(\d{1,12})$/.exec(cursor) : null;
  if (!m) return null;
  return { key: order === 'SIZE_DESC' ? Number(m[1]) : m[1]!, id: Number(m[2]) };
}

builder.queryFields((t) => ({
  issueGroups: t.connection(
    {
      type: IssueGroupRef,
      description: 'Groups of similar problems (two or more), largest first by default',
      args: {
        filter: t.arg({ type: GroupFilterInput, required: false }),
        orderBy: t.arg({ type: GroupOrderEnum, required: false, defaultValue: 'SIZE_DESC' }),
      },
      resolve: async (_root, args, ctx) => {
        const order = args.orderBy ?? 'SIZE_DESC';
        const first = Math.min(Math.max(args.first ?? 20, 0), 100);
        const filter = args.filter ?? null;
        const rows = await ctx.services.groups.listGroups(filter, order, parseCursor(args.after, order), first + 1);
        const page = rows.slice(0, first);
        return {
          totalCount: () => ctx.services.groups.countGroups(filter),
          edges: page.map((g) => ({ cursor: cursorOf(g, order), node: g })),
          pageInfo: {
            hasNextPage: rows.length > first,
            hasPreviousPage: Boolean(args.after),
            startCursor: page[0] ? cursorOf(page[0], order) : null,
            endCursor: page.at(-1) ? cursorOf(page.at(-1)!, order) : null,
          },
        };
      },
    },
    { fields: (c) => ({ totalCount: c.int({ resolve: (conn) => conn.totalCount() }) }) },
  ),
  issueGroup: t.field({
    type: IssueGroupRef,
    nullable: true,
    args: { number: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => ctx.services.groups.findGroup(args.number),
  }),
}));

builder.objectType(GroupConflictError, {
  name: 'IssueGroupConflictError',
  description: 'The problem’s group changed since the caller saw it (code group/conflict): nothing was written',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof GroupConflictError,
  fields: (t) => ({ currentGroupNumber: t.exposeInt('currentGroupId', { nullable: true }) }),
});

ruleErrorType(GroupError, {
  name: 'IssueGroupError',
  description: 'A grouping rule refused the change: nothing was written',
  reasonField: 'groupRule',
  reasonEnum: reasonEnum('IssueGroupRule', 'The rules of grouping similar problems by hand', GROUP_RULES),
});

const GroupChangeRef = builder.objectRef<{ issueId: number; groupId: number | null }>('IssueGroupChange').implement({
  fields: (t) => ({
    issue: t.drizzleField({
      type: IssueRef,
      resolve: (query, c, _a, ctx) => ctx.db.query.issues.findFirst(query({ where: { id: c.issueId } })).then((i) => i!),
    }),
    groupNumber: t.exposeInt('groupId', { nullable: true, description: 'The problem’s group after the change (null: none)' }),
    group: t.field({ type: IssueGroupRef, nullable: true, resolve: (c, _a, ctx) => (c.groupId === null ? null : ctx.services.groups.findAnyGroup(c.groupId)) }),
  }),
});

const baseFields = (
  t: PothosSchemaTypes.InputFieldBuilder<PothosSchemaTypes.ExtendDefaultTypes<import('../../graphql/builder.ts').SchemaTypes>, 'InputObject'>,
) => ({
  issueId: t.id({ required: true, description: 'The problem (its number or global id)' }),
  currentGroupNumber: t.int({
    required: false,
    description: 'The group the problem was in when you looked (omit or null: none). If it changed meanwhile, IssueGroupConflictError and nothing is written.',
  }),
  note: t.string({ required: false, description: 'A public note for the history (at most 500 characters)' }),
});
const ConfirmInput = builder.inputType('ConfirmIssueGroupInput', { fields: (t) => baseFields(t) });
const RemoveInput = builder.inputType('RemoveIssueFromGroupInput', { fields: (t) => baseFields(t) });
const MoveInput = builder.inputType('MoveIssueToGroupInput', {
  fields: (t) => ({
    ...baseFields(t),
    toGroupNumber: t.int({ required: false, description: 'The group to move it into' }),
    withIssueId: t.id({ required: false, description: 'Or: the problem whose group it joins (a new group of the two when that one has none)' }),
  }),
});

const STAFF_ONLY = { akimatStaff: true, organizationStaff: true, admin: true };
/** The problem or the group may be missing, the caller not its akimat's or body's, the group changed meanwhile or the step pointless. */
const ERRORS = { types: [...INPUT_AND_AUTH_ERRORS, NotFoundError, GroupConflictError, GroupError] };
type BaseInput = { issueId: string | number; currentGroupNumber?: number | null; note?: string | null };
const common = (input: BaseInput) => ({
  issueId: decodeIdOf('Issue', input.issueId),
  currentGroupId: input.currentGroupNumber ?? null,
  note: input.note ?? null,
});

builder.mutationFields((t) => ({
  confirmIssueGroup: t.field({
    type: GroupChangeRef,
    description: 'Staff confirm the suggested group: the automatic grouping will not change it any more',
    authScopes: STAFF_ONLY,
    errors: ERRORS,
    args: { input: t.arg({ type: ConfirmInput, required: true }) },
    resolve: (_root, { input }, ctx) => ctx.services.groups.confirmGrouping(ctx.viewer, common(input)),
  }),
  moveIssueToGroup: t.field({
    type: GroupChangeRef,
    description: 'Staff move a problem into another group (or into the group of another problem)',
    authScopes: STAFF_ONLY,
    errors: ERRORS,
    args: { input: t.arg({ type: MoveInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.groups.moveToGroup(ctx.viewer, {
        ...common(input),
        toGroupId: input.toGroupNumber ?? null,
        withIssueId: input.withIssueId ? decodeIdOf('Issue', input.withIssueId) : null,
      }),
  }),
  removeIssueFromGroup: t.field({
    type: GroupChangeRef,
    description: 'Staff take a problem out of its group; the automatic grouping leaves it alone from then on',
    authScopes: STAFF_ONLY,
    errors: ERRORS,
    args: { input: t.arg({ type: RemoveInput, required: true }) },
    resolve: (_root, { input }, ctx) => ctx.services.groups.removeFromGroup(ctx.viewer, common(input)),
  }),
}));
