import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../graphql/builder.ts';
import { ErrorInterface, LanguageEnum } from '../../graphql/common.ts';
import { InvalidInputError, NotFoundError } from '../shared/errors.ts';
import { ForbiddenTransitionError } from './issues.state-machine.ts';
import { IssueCategoryEnum } from '../organizations/organizations.graphql.ts';
import { IssueActorEnum, IssueEventKindEnum, IssueLanguageEnum, IssueStatusEnum } from './issues.graphql.ts';
import { TrackingRateLimitedError } from './issues.errors.ts';
import type { TrackedIssue } from './issues.citizen.ts';
import { EVENT_LABELS, STATUS_LABELS } from '../shared/labels.ts';
import type { Language } from '../shared/enums.ts';
import { pickName, type Trilingual } from '../shared/localized.ts';

// The citizen's view of their problem, by tracking code: status, plan, deadline, progress and the
// public history, with labels in kk, ru or en. Built from a row that never holds the contact.

builder.objectType(TrackingRateLimitedError, {
  name: 'RateLimitedError',
  description: 'Too many tracking lookups from this address (code tracking/rate_limited); try again after retryAfterSeconds',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof TrackingRateLimitedError,
  fields: (t) => ({ retryAfterSeconds: t.exposeInt('retryAfterSeconds') }),
});

interface Localized<T> {
  value: T;
  lang: Language;
}
type TrackedEvent = TrackedIssue['updates'][number];
type TrackedHop = TrackedIssue['assignments'][number];
const nameOf = (org: Trilingual | null | undefined, lang: Language) => (org ? pickName(org, lang) : null);

const TrackedEventRef = builder.objectRef<Localized<TrackedEvent>>('TrackedIssueEvent').implement({
  description: 'One entry of the public history; which staff member acted is never shown',
  fields: (t) => ({
    kind: t.field({ type: IssueEventKindEnum, resolve: (e) => e.value.kind }),
    label: t.string({ resolve: (e) => EVENT_LABELS[e.value.kind][e.lang] }),
    actor: t.field({ type: IssueActorEnum, resolve: (e) => e.value.actor }),
    organization: t.string({ nullable: true, description: 'The body that acted', resolve: (e) => nameOf(e.value.organization, e.lang) }),
    status: t.field({ type: IssueStatusEnum, resolve: (e) => e.value.statusAfter }),
    statusLabel: t.string({ resolve: (e) => STATUS_LABELS[e.value.statusAfter][e.lang] }),
    progress: t.int({ nullable: true, resolve: (e) => e.value.progress }),
    dueDate: t.field({ type: 'Date', nullable: true, description: 'A deadline set or moved', resolve: (e) => e.value.dueDateAfter }),
    publicNote: t.string({ nullable: true, resolve: (e) => e.value.publicNote }),
    at: t.field({ type: 'DateTime', resolve: (e) => e.value.at }),
  }),
});

const TrackedHopRef = builder.objectRef<Localized<TrackedHop>>('TrackedIssueRouting').implement({
  description: 'A body the problem was routed to, in order',
  fields: (t) => ({
    organization: t.string({ resolve: (h) => pickName(h.value.organization, h.lang) }),
    fromOrganization: t.string({ nullable: true, resolve: (h) => nameOf(h.value.fromOrganization, h.lang) }),
    reason: t.string({ nullable: true, resolve: (h) => h.value.reason }),
    assignedAt: t.field({ type: 'DateTime', resolve: (h) => h.value.assignedAt }),
    endedAt: t.field({ type: 'DateTime', nullable: true, resolve: (h) => h.value.endedAt }),
  }),
});

const TrackedIssueRef = builder.objectRef<Localized<TrackedIssue>>('TrackedIssue').implement({
  description: 'A problem as the citizen who raised it follows it: public facts only',
  fields: (t) => ({
    id: t.id({ description: 'The global id of the Issue', resolve: (i) => encodeGlobalID('Issue', i.value.id) }),
    number: t.int({ description: 'The public reference number', resolve: (i) => i.value.id }),
    language: t.field({ type: LanguageEnum, description: 'The language of the labels', resolve: (i) => i.lang }),
    title: t.string({ resolve: (i) => i.value.title }),
    text: t.string({ resolve: (i) => i.value.text }),
    textLanguage: t.field({ type: IssueLanguageEnum, resolve: (i) => i.value.language }),
    category: t.field({ type: IssueCategoryEnum, resolve: (i) => i.value.category }),
    status: t.field({ type: IssueStatusEnum, resolve: (i) => i.value.status }),
    statusLabel: t.string({ resolve: (i) => STATUS_LABELS[i.value.status][i.lang] }),
    responsibleOrganization: t.string({ nullable: true, resolve: (i) => nameOf(i.value.responsibleOrganization, i.lang) }),
    resolutionPlan: t.string({ nullable: true, description: 'How it will be solved ("ways")', resolve: (i) => i.value.resolutionPlan }),
    dueDate: t.field({ type: 'Date', nullable: true, description: 'The deadline', resolve: (i) => i.value.dueDate }),
    progress: t.int({ resolve: (i) => i.value.progress }),
    overdue: t.boolean({ resolve: (i, _args, ctx) => ctx.services.issues.isOverdue(i.value) }),
    canConfirmOrDispute: t.boolean({
      description: 'The body says it is resolved: confirmResolution or disputeResolution is possible',
      resolve: (i) => i.value.status === 'RESOLVED',
    }),
    raisedAt: t.field({ type: 'DateTime', resolve: (i) => i.value.raisedAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (i) => i.value.updatedAt }),
    routing: t.field({
      type: [TrackedHopRef],
      resolve: (i) => i.value.assignments.map((value) => ({ value, lang: i.lang })),
    }),
    history: t.field({
      type: [TrackedEventRef],
      description: 'Oldest first',
      resolve: (i) => i.value.updates.map((value) => ({ value, lang: i.lang })),
    }),
  }),
});

builder.queryFields((t) => ({
  trackIssue: t.field({
    type: TrackedIssueRef,
    description:
      'The citizen follows a problem by its tracking code (any case, spaces and dashes ignored). Rate-limited per address; a wrong or unknown code answers tracking/not_found.',
    errors: { types: [TrackingRateLimitedError, NotFoundError] },
    args: {
      code: t.arg.string({ required: true }),
      lang: t.arg({ type: LanguageEnum, required: false, description: 'Labels and names in kk, ru or en' }),
    },
    resolve: async (_root, args, ctx) => ({
      value: await ctx.services.issues.trackIssue(args.code, ctx.clientAddress),
      lang: args.lang ?? ctx.language,
    }),
  }),
}));

builder.mutationFields((t) => ({
  confirmResolution: t.field({
    type: TrackedIssueRef,
    description: 'The citizen confirms that a RESOLVED problem is solved: it is CLOSED',
    errors: { types: [TrackingRateLimitedError, NotFoundError, ForbiddenTransitionError] },
    args: {
      code: t.arg.string({ required: true }),
      lang: t.arg({ type: LanguageEnum, required: false }),
    },
    resolve: async (_root, args, ctx) => ({
      value: await ctx.services.issues.confirmResolution(args.code, ctx.clientAddress),
      lang: args.lang ?? ctx.language,
    }),
  }),
  disputeResolution: t.field({
    type: TrackedIssueRef,
    description:
      'The citizen disputes a resolution: the problem is REOPENED and the dispute counts against the body. The comment is public: write no personal data in it.',
    errors: { types: [TrackingRateLimitedError, NotFoundError, ForbiddenTransitionError, InvalidInputError] },
    args: {
      code: t.arg.string({ required: true }),
      comment: t.arg.string({ required: false }),
      lang: t.arg({ type: LanguageEnum, required: false }),
    },
    resolve: async (_root, args, ctx) => ({
      value: await ctx.services.issues.disputeResolution(args.code, args.comment ?? undefined, ctx.clientAddress),
      lang: args.lang ?? ctx.language,
    }),
  }),
}));
