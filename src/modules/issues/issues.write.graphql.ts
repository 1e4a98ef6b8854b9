import { builder } from '../../graphql/builder.ts';
import { ErrorInterface, INPUT_AND_AUTH_ERRORS, reasonEnum, ruleErrorType } from '../../graphql/common.ts';
import { NotFoundError } from '../shared/errors.ts';
import { IssueCategoryEnum } from '../organizations/organizations.graphql.ts';
import { IssueEventKindEnum, IssueLanguageEnum, IssueRef, IssueStatusEnum } from './issues.graphql.ts';
import { CsvRejectedError, ISSUE_RULES, IssueRuleError } from './issues.errors.ts';
import { ForbiddenTransitionError } from './issues.state-machine.ts';
import { IssueConflictError, type IssueChangeSince } from './issues.conflict.ts';
import { OPEN_DATA_CSV_COLUMNS } from './issues.csv.ts';
import { withoutNulls } from './issues.inputs.ts';
import type * as Schemas from './issues.inputs.ts';
import type { SameFields } from '../shared/validation.ts';
import { decodeIdOf } from './global-id.ts';
import type { IssueRow } from './issues.write-repo.ts';

// The staff's mutations on problems. Resolvers only read arguments and call one service method;
// roles, scope, validation and the state machine are the service's (scope-auth here is a first gate).

const CsvRowProblemRef = builder.objectRef<{ row: number; column: string; message: string }>('CsvRowProblem').implement({
  fields: (t) => ({
    row: t.exposeInt('row', { description: 'The record number as a spreadsheet shows it: the header is row 1' }),
    column: t.exposeString('column', { description: 'The column at fault, or empty for the whole row or file' }),
    message: t.exposeString('message'),
  }),
});

builder.objectType(CsvRejectedError, {
  name: 'CsvRejectedError',
  description: 'The CSV file was refused as a whole (code csv/invalid): nothing was written. Every problem found is listed.',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof CsvRejectedError,
  fields: (t) => ({ rows: t.field({ type: [CsvRowProblemRef], resolve: (e) => e.rows }) }),
});

const IssueChangeSinceRef = builder.objectRef<IssueChangeSince>('IssueChangeSince').implement({
  description: 'A write that happened after the version a refused write was based on',
  fields: (t) => ({
    version: t.exposeInt('version', { description: 'The version this write produced' }),
    kind: t.expose('kind', { type: IssueEventKindEnum }),
    at: t.expose('at', { type: 'DateTime' }),
    statusBefore: t.expose('statusBefore', { type: IssueStatusEnum, nullable: true }),
    statusAfter: t.expose('statusAfter', { type: IssueStatusEnum }),
    progress: t.exposeInt('progress', { nullable: true }),
    dueDateAfter: t.expose('dueDateAfter', { type: 'Date', nullable: true }),
    publicNote: t.exposeString('publicNote', { nullable: true }),
  }),
});

builder.objectType(IssueConflictError, {
  name: 'IssueConflictError',
  description: 'The problem changed after the version the write was based on (code issue/conflict): nothing was written',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof IssueConflictError,
  fields: (t) => ({
    expectedVersion: t.exposeInt('expectedVersion'),
    currentVersion: t.exposeInt('currentVersion'),
    changes: t.field({ type: [IssueChangeSinceRef], resolve: (e) => e.changes, description: 'What happened meanwhile, oldest first' }),
  }),
});

builder.objectType(ForbiddenTransitionError, {
  name: 'ForbiddenTransitionError',
  description: "The problem's state machine has no such step from its status (code issue/forbidden_transition): nothing was written",
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof ForbiddenTransitionError,
  fields: (t) => ({
    fromStatus: t.expose('from', { type: IssueStatusEnum, description: 'The status the problem is in' }),
    toStatus: t.expose('to', {
      type: IssueStatusEnum,
      nullable: true,
      description: 'The status asked for; null when the step is not possible from this status at all',
    }),
  }),
});

ruleErrorType(IssueRuleError, {
  name: 'IssueRuleError',
  description: "A rule of the problem's life refused the change: nothing was written",
  reasonField: 'issueRule',
  reasonEnum: reasonEnum('IssueRule', 'The rules of a problem’s life besides the state machine’s steps', ISSUE_RULES),
});

/** The routing and answering steps: the problem may be missing, changed meanwhile, or in a status the step does not start from. */
const STEP_ERRORS = { types: [...INPUT_AND_AUTH_ERRORS, NotFoundError, IssueConflictError, ForbiddenTransitionError] };

const versionArg = 'The version of the problem this write is based on (Issue.version); when it is no longer current, IssueConflictError and nothing is written';

const ContactInput = builder.inputType('IssueContactInput', {
  fields: (t) => ({
    fullName: t.string({ required: true }),
    phone: t.string({ required: true, description: 'A Kazakhstan number, e.g. +7 701 123 45 67' }),
    iin: t.string({ required: false, description: 'Optional; checked by its control digit' }),
  }),
});

const RecordIssueInput = builder.inputType('RecordIssueInput', {
  fields: (t) => ({
    meetingId: t.id({ required: true, description: 'The meeting where it was raised (global id or number)' }),
    unitCode: t.string({ required: true, description: 'Where the problem is, e.g. KZ-19-TALGAR-TALGAR' }),
    category: t.field({ type: IssueCategoryEnum, required: true }),
    language: t.field({ type: IssueLanguageEnum, required: false, description: 'Guessed from the text when absent' }),
    title: t.string({ required: true }),
    text: t.string({ required: true }),
    contact: t.field({ type: ContactInput, required: true }),
  }),
});

const RecordedIssueRef = builder.objectRef<{ issue: IssueRow; trackingCode: string }>('RecordedIssue').implement({
  fields: (t) => ({
    issue: t.field({ type: IssueRef, resolve: (r) => r.issue }),
    trackingCode: t.exposeString('trackingCode', {
      description: 'Give it to the citizen (XXXX-XXXX-XXXXX). It is shown only here, once.',
    }),
  }),
});

const AssignIssueInput = builder.inputType('AssignIssueInput', {
  fields: (t) => ({
    issueId: t.id({ required: true }),
    organizationCode: t.string({ required: true, description: 'The responsible body, e.g. MIN-ENERGY' }),
    needsCentralDecision: t.boolean({ required: false, description: 'Needs a decision at the level of central bodies' }),
    centralDecisionProposal: t.string({ required: false, description: 'The proposal for that decision (required with the flag)' }),
    // Dates are strings checked by the service, so a bad one is a typed input/invalid result.
    dueDate: t.string({ required: false, description: 'The deadline the akimat expects, YYYY-MM-DD' }),
    publicNote: t.string({ required: false }),
    version: t.int({ required: false, description: versionArg }),
  }),
});

const TransferIssueInput = builder.inputType('TransferIssueInput', {
  fields: (t) => ({
    issueId: t.id({ required: true }),
    toOrganizationCode: t.string({ required: true, description: 'The body that is competent instead' }),
    reason: t.string({ required: true, description: 'Why it is not your competence (public, at least 10 characters)' }),
    version: t.int({ required: false, description: versionArg }),
  }),
});

const UpdateIssueProgressInput = builder.inputType('UpdateIssueProgressInput', {
  fields: (t) => ({
    issueId: t.id({ required: true }),
    status: t.field({ type: IssueStatusEnum, required: false, description: 'The new status; absent keeps it' }),
    resolutionPlan: t.string({ required: false, description: 'How it will be solved ("ways")' }),
    dueDate: t.string({ required: false, description: 'The deadline, YYYY-MM-DD (Kazakhstan calendar day)' }),
    progress: t.int({ required: false, description: 'Percent done, 0-100' }),
    publicNote: t.string({ required: false, description: 'Shown in the public history' }),
    version: t.int({ required: false, description: versionArg }),
  }),
});

const SetCentralDecisionInput = builder.inputType('SetCentralDecisionInput', {
  fields: (t) => ({
    issueId: t.id({ required: true }),
    needsCentralDecision: t.boolean({ required: true, description: 'Set (true) or clear (false) the flag' }),
    proposal: t.string({ required: false, description: 'The proposal for the central-level decision (required with the flag, absent without it)' }),
    reason: t.string({ required: true, description: 'Why the flag changes (public, at least 10 characters)' }),
    version: t.int({ required: false, description: versionArg }),
  }),
});

/** The wire shapes carry exactly the zod schemas' fields (issues.inputs.ts): a field renamed or added on one side only fails the build. */
export const ISSUE_INPUTS_MATCH_SCHEMAS: [
  SameFields<typeof RecordIssueInput.$inferInput, Schemas.RecordIssueInput>,
  SameFields<typeof AssignIssueInput.$inferInput, Schemas.AssignIssueInput>,
  SameFields<typeof TransferIssueInput.$inferInput, Schemas.TransferIssueInput>,
  SameFields<typeof UpdateIssueProgressInput.$inferInput, Schemas.UpdateProgressInput>,
  SameFields<typeof SetCentralDecisionInput.$inferInput, Schemas.SetCentralDecisionInput>,
] = [true, true, true, true, true];

const BulkUpdateReportRef = builder.objectRef<{ updated: IssueRow[]; unchangedCount: number }>('BulkUpdateReport').implement({
  fields: (t) => ({
    updatedCount: t.int({ resolve: (r) => r.updated.length }),
    unchangedCount: t.exposeInt('unchangedCount', { description: 'Rows that matched the problem as it stood' }),
    updated: t.field({ type: [IssueRef], resolve: (r) => r.updated }),
  }),
});

builder.mutationFields((t) => ({
  recordIssue: t.field({
    type: RecordedIssueRef,
    description: 'Akimat staff record a problem raised at a meeting in their territory, with the citizen’s contact',
    authScopes: { akimatStaff: true, admin: true },
    errors: { types: [...INPUT_AND_AUTH_ERRORS, NotFoundError] },
    args: { input: t.arg({ type: RecordIssueInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.issues.recordIssue(ctx.viewer, {
        ...withoutNulls(input),
        meetingId: decodeIdOf('Meeting', input.meetingId),
        contact: withoutNulls(input.contact),
      }),
  }),
  assignIssue: t.field({
    type: IssueRef,
    description: 'The akimat routes a NEW problem to the body responsible for solving it',
    authScopes: { akimatStaff: true, admin: true },
    errors: STEP_ERRORS,
    args: { input: t.arg({ type: AssignIssueInput, required: true }) },
    resolve: (_root, { input }, ctx) => ctx.services.issues.assignIssue(ctx.viewer, { ...withoutNulls(input), issueId: decodeIdOf('Issue', input.issueId) }),
  }),
  transferIssue: t.field({
    type: IssueRef,
    description: '"Not our competence": the responsible body passes the problem to another, with a public reason',
    authScopes: { organizationStaff: true, akimatStaff: true, admin: true },
    errors: STEP_ERRORS,
    args: { input: t.arg({ type: TransferIssueInput, required: true }) },
    resolve: (_root, { input }, ctx) => ctx.services.issues.transferIssue(ctx.viewer, { ...withoutNulls(input), issueId: decodeIdOf('Issue', input.issueId) }),
  }),
  updateIssueProgress: t.field({
    type: IssueRef,
    description: 'The responsible body updates status, plan, deadline, progress and a public note (see the state machine)',
    authScopes: { organizationStaff: true, akimatStaff: true, admin: true },
    errors: STEP_ERRORS,
    args: { input: t.arg({ type: UpdateIssueProgressInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.issues.updateIssueProgress(ctx.viewer, { ...withoutNulls(input), issueId: decodeIdOf('Issue', input.issueId) }),
  }),
  setCentralDecision: t.field({
    type: IssueRef,
    description:
      'The responsible body or the akimat that recorded the problem sets or clears "needs a central decision" after assignment, with the proposal and a public reason in the history. A transfer keeps the flag; a collection round lists every problem flagged at its cutoff.',
    authScopes: { organizationStaff: true, akimatStaff: true, admin: true },
    errors: { types: [...INPUT_AND_AUTH_ERRORS, NotFoundError, IssueConflictError, IssueRuleError] },
    args: { input: t.arg({ type: SetCentralDecisionInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      ctx.services.issues.setCentralDecision(ctx.viewer, { ...withoutNulls(input), issueId: decodeIdOf('Issue', input.issueId) }),
  }),
  bulkUpdateIssues: t.field({
    type: BulkUpdateReportRef,
    description: `The responsible body updates many problems from a CSV with the open-data columns (${OPEN_DATA_CSV_COLUMNS.join(',')}). Applied are id, status, resolution_plan, due_date, progress, public_note; an empty cell keeps the value. A trailing \`version\` column (as in the staff console's queue.csv) names the version each row was based on; without it, a row's updated_at must be the problem's current one. A row identical to the problem is a no-op; a row that would change a problem written since its version or updated_at is a conflict. All rows or none.`,
    authScopes: { organizationStaff: true, akimatStaff: true, admin: true },
    errors: { types: [CsvRejectedError, ...INPUT_AND_AUTH_ERRORS] },
    args: { csv: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => ctx.services.issues.bulkUpdateIssues(ctx.viewer, args.csv),
  }),
}));
