export { parseInput, text, withoutNulls } from '../shared/validation.ts';
import { text } from '../shared/validation.ts';
import { z } from 'zod';
import { ISSUE_CATEGORIES, ISSUE_LANGUAGES, ISSUE_STATUSES, type IssueLanguage } from '../shared/enums.ts';
import { isValidIin } from '../shared/iin.ts';

// What the staff and citizens may send, validated in full before anything is read or written.
// The database has CHECKs too; these rules are stricter, so a CHECK failing is a bug, not bad input.

const code = z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters');
const positiveId = z.number({ error: 'must be an id' }).int('must be an id').positive('must be an id');
/** The version of the problem a write was based on (optional: without it, no conflict check). */
const expectedVersion = z.number({ error: 'must be a version number' }).int('must be a version number').positive('must be a version number').optional();

/** Deadlines: a real calendar date, not absurdly far away. */
export const dueDate = z.iso.date('must be a date as YYYY-MM-DD').refine((d) => d <= '2100-12-31', 'must be before 2101');

/**
 * Kazakhstan phone numbers in whatever form staff type them (+7 701 123 45 67, 8 (701) 1234567,
 * 7011234567), stored as +7XXXXXXXXXX. Every number in the country's plan starts with 7 after +7.
 */
export function normalizePhone(input: string): string | null {
  if (!/^[\d\s()+\-.]*$/.test(input)) return null;
  const digits = input.replace(/\D/g, '');
  const national = digits.length === 11 && (digits[0] === '7' || digits[0] === '8') ? digits.slice(1) : digits.length === 10 ? digits : null;
  return national && national[0] === '7' ? `+7${national}` : null;
}

const phone = z
  .string()
  .max(40, 'must be a Kazakhstan phone number such as +7 701 123 45 67')
  .transform((v, ctx) => {
    const normalized = normalizePhone(v.trim());
    if (!normalized) {
      ctx.addIssue({ code: 'custom', message: 'must be a Kazakhstan phone number such as +7 701 123 45 67' });
      return z.NEVER;
    }
    return normalized;
  });

const iin = z
  .string()
  .trim()
  .transform((v) => v.replace(/\s/g, ''))
  .refine((v) => /^\d{12}$/.test(v), 'must be 12 digits')
  .refine((v) => isValidIin(v), 'is not a valid IIN (its check digit does not match)');

const KAZAKH_LETTERS = /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/;
/** A problem written with any of the letters only Kazakh has is Kazakh; otherwise Russian. */
export function guessIssueLanguage(...texts: string[]): IssueLanguage {
  return texts.some((t) => KAZAKH_LETTERS.test(t)) ? 'kk' : 'ru';
}

export const recordIssueSchema = z.object({
  meetingId: positiveId,
  unitCode: code,
  category: z.enum(ISSUE_CATEGORIES),
  language: z.enum(ISSUE_LANGUAGES).optional(),
  title: text(200),
  text: text(5000),
  contact: z.object({
    fullName: text(200),
    phone,
    // Forms send an empty field for "no IIN".
    iin: z.preprocess((v) => (v === '' || v === null ? undefined : v), iin.optional()),
  }),
});
export type RecordIssueInput = z.input<typeof recordIssueSchema>;

export const assignIssueSchema = z
  .object({
    issueId: positiveId,
    organizationCode: code,
    needsCentralDecision: z.boolean().default(false),
    centralDecisionProposal: text(2000).optional(),
    /** The deadline the akimat expects; the body may move it later, publicly. */
    dueDate: dueDate.optional(),
    publicNote: text(2000).optional(),
    version: expectedVersion,
  })
  .refine((a) => !a.needsCentralDecision || a.centralDecisionProposal, {
    message: 'is required when the problem needs a central-level decision',
    path: ['centralDecisionProposal'],
  })
  .refine((a) => a.needsCentralDecision || !a.centralDecisionProposal, {
    message: 'is only given when the problem needs a central-level decision',
    path: ['centralDecisionProposal'],
  });
export type AssignIssueInput = z.input<typeof assignIssueSchema>;

export const transferIssueSchema = z.object({
  issueId: positiveId,
  toOrganizationCode: code,
  reason: text(2000, 10),
  version: expectedVersion,
});
export type TransferIssueInput = z.input<typeof transferIssueSchema>;

export const updateProgressSchema = z
  .object({
    issueId: positiveId,
    status: z.enum(ISSUE_STATUSES).optional(),
    resolutionPlan: text(5000).optional(),
    dueDate: dueDate.optional(),
    progress: z.number().int('must be a whole number').min(0, 'must be 0-100').max(100, 'must be 0-100').optional(),
    publicNote: text(2000).optional(),
    version: expectedVersion,
  })
  .refine((u) => [u.status, u.resolutionPlan, u.dueDate, u.progress, u.publicNote].some((v) => v !== undefined), {
    message: 'give at least one of status, resolutionPlan, dueDate, progress, publicNote',
    path: ['status'],
  });
export type UpdateProgressInput = z.input<typeof updateProgressSchema>;
export type ProgressChange = Omit<z.output<typeof updateProgressSchema>, 'issueId' | 'version'>;

export const disputeSchema = z.object({ comment: text(1000).optional() });

/** Setting or clearing "needs a central decision" after assignment: a public reason, the proposal with the flag. */
export const setCentralDecisionSchema = z
  .object({
    issueId: positiveId,
    needsCentralDecision: z.boolean({ error: 'must be true or false' }),
    proposal: text(2000).optional(),
    reason: text(2000, 10),
    version: expectedVersion,
  })
  .refine((c) => !c.needsCentralDecision || c.proposal, {
    message: 'is required when the problem needs a central-level decision',
    path: ['proposal'],
  })
  .refine((c) => c.needsCentralDecision || !c.proposal, {
    message: 'is only given when the problem needs a central-level decision',
    path: ['proposal'],
  });
export type SetCentralDecisionInput = z.input<typeof setCentralDecisionSchema>;
