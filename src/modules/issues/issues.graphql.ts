import { builder } from '../../graphql/builder.ts';
import { OrganizationRef, IssueCategoryEnum } from '../organizations/organizations.graphql.ts';
import { RegionRef, UnitRef } from '../geography/geography.graphql.ts';
import { ISSUE_ACTORS, ISSUE_EVENT_KINDS, ISSUE_LANGUAGES, ISSUE_STATUSES } from '../shared/enums.ts';
import { ISSUE_ORDERS } from './issues.filter.ts';
import { planFrom } from '../shared/query-plan.ts';

export const IssueStatusEnum = builder.enumType('IssueStatus', { values: ISSUE_STATUSES });
export const IssueLanguageEnum = builder.enumType('IssueLanguage', { values: ISSUE_LANGUAGES });
export const IssueEventKindEnum = builder.enumType('IssueEventKind', { values: ISSUE_EVENT_KINDS });
export const IssueActorEnum = builder.enumType('IssueActor', { values: ISSUE_ACTORS });
const IssueOrderEnum = builder.enumType('IssueOrder', { values: ISSUE_ORDERS });

/** One entry of a problem's public history. Which staff member acted stays internal. */
export const IssueUpdateRef = builder.drizzleObject('issueUpdates', {
  name: 'IssueUpdate',
  fields: (t) => ({
    kind: t.expose('kind', { type: IssueEventKindEnum }),
    actor: t.expose('actor', { type: IssueActorEnum }),
    organization: t.field({
      type: OrganizationRef,
      nullable: true,
      resolve: (u, _args, ctx) => (u.organizationId === null ? null : ctx.reference().organization(u.organizationId)),
    }),
    statusBefore: t.expose('statusBefore', { type: IssueStatusEnum, nullable: true }),
    statusAfter: t.expose('statusAfter', { type: IssueStatusEnum }),
    progress: t.exposeInt('progress', { nullable: true }),
    dueDateBefore: t.expose('dueDateBefore', { type: 'Date', nullable: true }),
    dueDateAfter: t.expose('dueDateAfter', { type: 'Date', nullable: true }),
    publicNote: t.exposeString('publicNote', { nullable: true }),
    needsCentralDecision: t.exposeBoolean('centralDecisionAfter', {
      nullable: true,
      description: 'The central-decision flag after this entry (assignment and CENTRAL_DECISION entries; null otherwise)',
    }),
    centralDecisionProposal: t.exposeString('centralDecisionProposal', { nullable: true, description: 'The proposal the flag carried after this entry' }),
    at: t.expose('at', { type: 'DateTime' }),
  }),
});

/** A link in the chain of bodies a problem was routed through. */
export const IssueAssignmentRef = builder.drizzleObject('issueAssignments', {
  name: 'IssueAssignment',
  fields: (t) => ({
    organization: t.field({ type: OrganizationRef, resolve: (a, _args, ctx) => ctx.reference().organization(a.organizationId) }),
    fromOrganization: t.field({
      type: OrganizationRef,
      nullable: true,
      resolve: (a, _args, ctx) => (a.fromOrganizationId === null ? null : ctx.reference().organization(a.fromOrganizationId)),
    }),
    reason: t.exposeString('reason', { nullable: true }),
    assignedAt: t.expose('assignedAt', { type: 'DateTime' }),
    endedAt: t.expose('endedAt', { type: 'DateTime', nullable: true }),
  }),
});

/** Personal data of the citizen who raised a problem. */
export const IssueContactRef = builder.objectRef<{ fullName: string; phone: string | null; iin: string | null }>('IssueContact').implement({
  description: 'The citizen who raised a problem: personal data, shown only to staff who may see it',
  fields: (t) => ({
    fullName: t.exposeString('fullName'),
    phone: t.exposeString('phone', { nullable: true, description: 'As +7XXXXXXXXXX' }),
    iin: t.exposeString('iin', { nullable: true }),
  }),
});

/**
 * A problem raised by a citizen at a meeting. Public fields, and `contact`, which the service
 * gives only to the recording akimat, the responsible body and admins (null for everybody else).
 *
 * Columns are read with plain resolvers, not `t.expose`: the drizzle plugin wraps every exposed
 * column with a per-row lookup of the query plan, which was a sixth of a list request, and an
 * Issue row always carries every column (the type selects all of them).
 */
export const IssueRef = builder.drizzleNode('issues', {
  name: 'Issue',
  id: { column: (i) => i.id },
  fields: (t) => ({
    number: t.int({ description: 'The public reference number of the problem', resolve: (i) => i.id }),
    title: t.string({ resolve: (i) => i.title }),
    text: t.string({ resolve: (i) => i.text }),
    language: t.field({ type: IssueLanguageEnum, description: 'The language it was raised in', resolve: (i) => i.language }),
    category: t.field({ type: IssueCategoryEnum, resolve: (i) => i.category }),
    status: t.field({ type: IssueStatusEnum, resolve: (i) => i.status }),
    resolutionPlan: t.string({ nullable: true, description: 'How it will be solved ("ways")', resolve: (i) => i.resolutionPlan }),
    dueDate: t.field({ type: 'Date', nullable: true, description: 'The promised deadline', resolve: (i) => i.dueDate }),
    progress: t.int({ description: 'Percent done, 0-100', resolve: (i) => i.progress }),
    overdue: t.boolean({ resolve: (i, _args, ctx) => ctx.services.issues.isOverdue(i) }),
    needsCentralDecision: t.boolean({ resolve: (i) => i.needsCentralDecision }),
    centralDecisionProposal: t.string({ nullable: true, resolve: (i) => i.centralDecisionProposal }),
    transferCount: t.int({ resolve: (i) => i.transferCount }),
    bounced: t.boolean({
      description: 'It came back to a body that had already passed it on',
      resolve: (i) => i.bouncedAt !== null,
    }),
    disputeCount: t.int({ resolve: (i) => i.disputeCount }),
    raisedAt: t.field({ type: 'DateTime', resolve: (i) => i.raisedAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (i) => i.updatedAt }),
    version: t.int({
      description: 'Grows with every write; send it with a write to be refused (IssueConflictError) if somebody wrote meanwhile',
      resolve: (i) => i.version,
    }),
    resolvedAt: t.field({ type: 'DateTime', nullable: true, resolve: (i) => i.resolvedAt }),
    contact: t.field({
      type: IssueContactRef,
      nullable: true,
      description:
        "The citizen's contact: for the staff of the akimat that recorded the problem and of the body responsible for it now, and admins; null for anybody else",
      // Signed-in staff get the contact joined into the list's own query (one statement for a page,
      // not one per row); the policy still decides per row whether it is shown. The public never
      // loads it at all.
      select: (_args, ctx) => ({
        columns: { id: true, recordedByOrganizationId: true, responsibleOrganizationId: true },
        ...(ctx.viewer ? { with: { contact: { columns: { fullName: true, phone: true, iin: true } } } } : {}),
      }),
      resolve: (i, _args, ctx) => ctx.services.issues.contactOf(ctx.viewer, i),
    }),
    meeting: t.relation('meeting'),
    // Units and bodies come from the reference data in memory, not joined into the list's query.
    unit: t.field({ type: UnitRef, resolve: (i, _args, ctx) => ctx.reference().unit(i.unitId) }),
    region: t.field({ type: RegionRef, resolve: (i, _args, ctx) => ctx.reference().unit(i.regionId) }),
    responsibleOrganization: t.field({
      type: OrganizationRef,
      nullable: true,
      resolve: (i, _args, ctx) => (i.responsibleOrganizationId === null ? null : ctx.reference().organization(i.responsibleOrganizationId)),
    }),
    recordedBy: t.field({
      type: OrganizationRef,
      description: 'The akimat that recorded it',
      resolve: (i, _args, ctx) => ctx.reference().organization(i.recordedByOrganizationId),
    }),
    assignments: t.relation('assignments', { query: { orderBy: { assignedAt: 'asc', id: 'asc' } } }),
    updates: t.relation('updates', {
      description: 'Public history, newest first',
      args: { last: t.arg.int({ required: false, description: 'How many of the newest (default all, at most 100)' }) },
      query: (args) => ({
        orderBy: { at: 'desc', id: 'desc' },
        limit: Math.min(Math.max(args.last ?? 100, 0), 100),
      }),
    }),
  }),
});

export const IssueFilterInput = builder.inputType('IssueFilter', {
  fields: (t) => ({
    regionCodes: t.stringList({ required: false, description: 'Region or unit codes, e.g. ["KZ-19"]' }),
    organizationIds: t.globalIDList({ required: false, for: OrganizationRef }),
    statuses: t.field({ type: [IssueStatusEnum], required: false }),
    categories: t.field({ type: [IssueCategoryEnum], required: false }),
    overdue: t.boolean({ required: false }),
    needsCentralDecision: t.boolean({ required: false }),
    meetingId: t.globalID({ required: false }),
    raisedFrom: t.field({ type: 'Date', required: false, description: 'Raised on or after this date (Kazakhstan time)' }),
    raisedTo: t.field({ type: 'Date', required: false, description: 'Raised on or before this date (Kazakhstan time)' }),
  }),
});

type FilterArg = typeof IssueFilterInput.$inferInput | null | undefined;

/** GraphQL filter -> service filter: global ids become numbers, the service validates the rest. */
function toServiceFilter(filter: FilterArg) {
  if (!filter) return {};
  return {
    regionCodes: filter.regionCodes ?? undefined,
    organizationIds: filter.organizationIds?.map((g) => Number(g.id)),
    statuses: filter.statuses ?? undefined,
    categories: filter.categories ?? undefined,
    overdue: filter.overdue ?? undefined,
    needsCentralDecision: filter.needsCentralDecision ?? undefined,
    meetingId: filter.meetingId ? Number(filter.meetingId.id) : undefined,
    raisedFrom: filter.raisedFrom ?? undefined,
    raisedTo: filter.raisedTo ?? undefined,
  };
}

/** One service filter per GraphQL arguments object, so the page and totalCount share it. */
const serviceFilters = new WeakMap<object, ReturnType<typeof toServiceFilter>>();
function serviceFilterOf(args: { filter?: FilterArg }) {
  let filter = serviceFilters.get(args);
  if (!filter) serviceFilters.set(args, (filter = toServiceFilter(args.filter)));
  return filter;
}

builder.queryFields((t) => ({
  issues: t.drizzleConnection({
    type: 'issues',
    description: 'Problems, filtered and ordered; public fields only',
    args: {
      filter: t.arg({ type: IssueFilterInput, required: false }),
      orderBy: t.arg({ type: IssueOrderEnum, required: false, defaultValue: 'RAISED_DESC' }),
    },
    totalCount: (_parent, args, ctx) => ctx.services.issues.countIssues(serviceFilterOf(args)),
    resolve: (query, _parent, args, ctx) => ctx.services.issues.listIssues(serviceFilterOf(args), args.orderBy ?? 'RAISED_DESC', planFrom(query)),
  }),
  issue: t.drizzleField({
    type: IssueRef,
    nullable: true,
    args: { id: t.arg.globalID({ required: true, for: IssueRef }) },
    resolve: (query, _root, args, ctx) => ctx.services.issues.findIssue(Number(args.id.id), planFrom(query)),
  }),
}));
