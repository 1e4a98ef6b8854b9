import { builder } from '../../graphql/builder.ts';
import { INPUT_AND_AUTH_ERRORS, reasonEnum, ruleErrorType } from '../../graphql/common.ts';
import { PUBLICATION_RULES, PublicationError } from './publication.errors.ts';
import { IssueCategoryEnum } from '../organizations/organizations.graphql.ts';
import { RegionRef } from '../geography/geography.graphql.ts';
import { IssueStatusEnum } from '../issues/issues.graphql.ts';
import { ISSUE_CHANGE_KINDS, type IssueChangeKind } from '../shared/enums.ts';
import { planFrom } from '../shared/query-plan.ts';
import { quarterLabel } from './periods.ts';
import { emptyChanges } from './freeze.ts';
import type { PublishedUpdate } from './snapshot.ts';
import { CollectionRoundRef } from './rounds.graphql.ts';

// Published quarters, read-only and public by design: everything here was frozen at publication.

export const IssueChangeEnum = builder.enumType('IssueChange', {
  description: 'What changed for a problem since the previous published quarter',
  values: ISSUE_CHANGE_KINDS,
});

const ChangeCountsRef = builder.objectRef<Record<IssueChangeKind, number>>('ChangeCounts').implement({
  description: 'How many problems had each kind of change since the previous published quarter',
  fields: (t) => ({
    new: t.int({ resolve: (c) => c.NEW }),
    statusChanged: t.int({ resolve: (c) => c.STATUS_CHANGED }),
    resolved: t.int({ resolve: (c) => c.RESOLVED }),
    becameOverdue: t.int({ resolve: (c) => c.BECAME_OVERDUE }),
    deadlineMoved: t.int({ resolve: (c) => c.DEADLINE_MOVED }),
    unchanged: t.int({ resolve: (c) => c.UNCHANGED }),
  }),
});

const PublishedUpdateRef = builder.objectRef<PublishedUpdate>('PublishedUpdate').implement({
  description: "One entry of a problem's public history as frozen in a publication (the acting body, never a person)",
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime' }),
    kind: t.exposeString('kind', { description: 'RECORDED, ASSIGNED, TRANSFERRED, PROGRESS, CONFIRMED or DISPUTED' }),
    actor: t.exposeString('actor', { description: 'ORGANIZATION, CITIZEN or SYSTEM' }),
    organizationCode: t.exposeString('organizationCode', { nullable: true }),
    statusBefore: t.expose('statusBefore', { type: IssueStatusEnum, nullable: true }),
    statusAfter: t.expose('statusAfter', { type: IssueStatusEnum }),
    progress: t.exposeInt('progress', { nullable: true }),
    dueDateBefore: t.expose('dueDateBefore', { type: 'Date', nullable: true }),
    dueDateAfter: t.expose('dueDateAfter', { type: 'Date', nullable: true }),
    publicNote: t.exposeString('publicNote', { nullable: true }),
  }),
});

/** A problem as it stood at the end of a published quarter. */
export const PublishedIssueRef = builder.drizzleObject('publicationItems', {
  name: 'PublishedIssue',
  fields: (t) => ({
    number: t.exposeInt('issueId', { description: 'The public reference number of the problem' }),
    issueId: t.globalID({ description: 'The live problem (Issue) this entry froze', resolve: (i) => ({ type: 'Issue', id: i.issueId }) }),
    title: t.exposeString('title'),
    text: t.exposeString('text'),
    language: t.string({ resolve: (i) => i.language, description: 'kk or ru' }),
    category: t.expose('category', { type: IssueCategoryEnum }),
    status: t.expose('status', { type: IssueStatusEnum }),
    resolutionPlan: t.exposeString('resolutionPlan', { nullable: true }),
    dueDate: t.expose('dueDate', { type: 'Date', nullable: true }),
    progress: t.exposeInt('progress'),
    overdue: t.exposeBoolean('overdue', { description: "The deadline was before the quarter's last day and it was not finished" }),
    raisedAt: t.expose('raisedAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    publicNote: t.exposeString('publicNote', { nullable: true, description: "The latest public note up to the quarter's end" }),
    history: t.field({ type: [PublishedUpdateRef], resolve: (i) => i.history }),
    change: t.expose('change', { type: IssueChangeEnum }),
    deadlineDriftDays: t.exposeInt('deadlineDriftDays', {
      nullable: true,
      description: 'How many days the deadline moved since the previous quarter (positive: postponed)',
    }),
    previousStatus: t.expose('previousStatus', { type: IssueStatusEnum, nullable: true }),
    previousDueDate: t.expose('previousDueDate', { type: 'Date', nullable: true }),
    organization: t.relation('organization', { description: "The body responsible at the quarter's end" }),
    region: t.relation('region', { type: RegionRef }),
    unit: t.relation('unit'),
  }),
});

/** A responsible body's list in one quarter, with its published figures. */
export const PublicationBodyRef = builder.drizzleObject('publicationBodies', {
  name: 'PublicationBody',
  fields: (t) => ({
    organization: t.relation('organization'),
    publication: t.relation('publication'),
    contentHash: t.exposeString('contentHash', { description: "sha256 of the canonical JSON of this body's list" }),
    total: t.exposeInt('total'),
    open: t.exposeInt('open', { description: 'Not resolved, closed or declined' }),
    overdue: t.exposeInt('overdue'),
    resolved: t.exposeInt('resolved', { description: 'Resolved or closed' }),
    disputed: t.exposeInt('disputed', { description: 'Disputed by the citizen at least once' }),
    deadlinesMoved: t.exposeInt('deadlinesMoved'),
    promiseDriftDays: t.exposeInt('driftDays', { description: 'Days of postponed deadlines since the previous quarter, summed' }),
    changes: t.field({ type: ChangeCountsRef, resolve: (b) => ({ ...emptyChanges(), ...b.changes }) }),
    items: t.relatedConnection('items', { totalCount: true, query: { orderBy: { issueId: 'asc' } } }),
  }),
});

const PublishedIssueFilter = builder.inputType('PublishedIssueFilter', {
  fields: (t) => ({
    organizationCode: t.string({ required: false }),
    changes: t.field({ type: [IssueChangeEnum], required: false }),
    statuses: t.field({ type: [IssueStatusEnum], required: false }),
    categories: t.field({ type: [IssueCategoryEnum], required: false }),
    overdue: t.boolean({ required: false }),
  }),
});

export const PublicationRef = builder.drizzleObject('publications', {
  name: 'Publication',
  description: 'A published quarter: frozen, immutable, identified by its content hash',
  fields: (t) => ({
    label: t.string({ select: { columns: { year: true, quarter: true } }, resolve: (p) => quarterLabel(p), description: 'e.g. 2026-Q3' }),
    year: t.exposeInt('year'),
    quarter: t.exposeInt('quarter'),
    periodEnd: t.expose('periodEnd', { type: 'Date', description: "The quarter's last day (Kazakhstan time)" }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime' }),
    contentHash: t.exposeString('contentHash', { description: 'sha256 of the canonical JSON of all items' }),
    itemCount: t.exposeInt('itemCount'),
    previous: t.relation('previous', { nullable: true, description: 'The quarter the changes are counted against' }),
    bodies: t.relation('bodies', {
      args: { organizationCodes: t.arg.stringList({ required: false }) },
      query: (args) => ({
        where: args.organizationCodes ? { organization: { code: { in: args.organizationCodes.map((c) => c.trim().toUpperCase()) } } } : {},
        orderBy: { organizationId: 'asc' },
      }),
    }),
    changes: t.field({
      type: ChangeCountsRef,
      description: 'Changes since the previous quarter, over all bodies',
      select: { with: { bodies: { columns: { changes: true } } } },
      resolve: (p) => {
        const sum = emptyChanges();
        for (const b of p.bodies) for (const k of ISSUE_CHANGE_KINDS) sum[k] += b.changes[k] ?? 0;
        return sum;
      },
    }),
    items: t.relatedConnection('items', {
      totalCount: true,
      args: { filter: t.arg({ type: PublishedIssueFilter, required: false }) },
      query: (args) => ({
        where: {
          organization: args.filter?.organizationCode ? { code: args.filter.organizationCode.trim().toUpperCase() } : undefined,
          change: args.filter?.changes ? { in: args.filter.changes } : undefined,
          status: args.filter?.statuses ? { in: args.filter.statuses } : undefined,
          category: args.filter?.categories ? { in: args.filter.categories } : undefined,
          overdue: args.filter?.overdue ?? undefined,
        },
        orderBy: { issueId: 'asc' },
      }),
    }),
  }),
});

builder.queryFields((t) => ({
  publications: t.drizzleField({
    type: [PublicationRef],
    description: 'Every published quarter, newest first',
    resolve: (query, _root, _args, ctx) => ctx.services.publication.listPublications(planFrom(query)),
  }),
  publication: t.drizzleField({
    type: PublicationRef,
    nullable: true,
    args: { year: t.arg.int({ required: true }), quarter: t.arg.int({ required: true }) },
    resolve: (query, _root, args, ctx) => ctx.services.publication.findPublication({ year: args.year, quarter: args.quarter }, planFrom(query)),
  }),
  latestPublication: t.drizzleField({
    type: PublicationRef,
    nullable: true,
    resolve: (query, _root, _args, ctx) => ctx.services.publication.findLatestPublication(planFrom(query)),
  }),
  publishedBodyFigures: t.drizzleField({
    type: [PublicationBodyRef],
    description: "A body's published figures in every quarter, newest first",
    args: { organizationCode: t.arg.string({ required: true, description: 'e.g. MIN-ENERGY' }) },
    resolve: (query, _root, args, ctx) => ctx.services.publication.findBodyFigures(args.organizationCode, planFrom(query)),
  }),
}));

ruleErrorType(PublicationError, {
  name: 'PublicationError',
  description: 'A publication rule refused the request: nothing was published',
  reasonField: 'publicationRule',
  reasonEnum: reasonEnum('PublicationRule', 'The rules of publishing quarters and running collection rounds', PUBLICATION_RULES),
});

/** Government staff only; the period must be over, and one publication runs at a time. */
const PUBLICATION_ERRORS = { types: [...INPUT_AND_AUTH_ERRORS, PublicationError] };

builder.mutationFields((t) => ({
  publishQuarter: t.drizzleField({
    type: PublicationRef,
    description: 'Government staff: publish an ended quarter now (a no-op returning it if already published)',
    errors: PUBLICATION_ERRORS,
    args: { year: t.arg.int({ required: true }), quarter: t.arg.int({ required: true }) },
    resolve: (query, _root, args, ctx) => ctx.services.publication.publishQuarterAs(ctx.viewer, { year: args.year, quarter: args.quarter }, planFrom(query)),
  }),
  collectRound: t.drizzleField({
    type: CollectionRoundRef,
    description: 'Government staff: run the collection round of 15 February (half 1) or 15 August (half 2)',
    errors: PUBLICATION_ERRORS,
    args: { year: t.arg.int({ required: true }), half: t.arg.int({ required: true }) },
    resolve: (query, _root, args, ctx) => ctx.services.publication.collectRoundAs(ctx.viewer, { year: args.year, half: args.half }, planFrom(query)),
  }),
}));
