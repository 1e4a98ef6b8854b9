import { z } from 'zod';
import { FINISHED_STATUSES, ISSUE_CATEGORIES, ISSUE_STATUSES } from '../shared/enums.ts';

/** What the public and staff may filter problems by; validated once, whatever the transport. */
export const issueFilterSchema = z
  .object({
    regionCodes: z.array(z.string().min(1).max(40)).max(50).optional(),
    organizationIds: z.array(z.number().int().positive()).max(100).optional(),
    statuses: z.array(z.enum(ISSUE_STATUSES)).optional(),
    categories: z.array(z.enum(ISSUE_CATEGORIES)).optional(),
    overdue: z.boolean().optional(),
    needsCentralDecision: z.boolean().optional(),
    meetingId: z.number().int().positive().optional(),
    raisedFrom: z.iso.date().optional(),
    raisedTo: z.iso.date().optional(),
  })
  .refine((f) => !f.raisedFrom || !f.raisedTo || f.raisedFrom <= f.raisedTo, {
    message: 'raisedFrom must not be after raisedTo',
    path: ['raisedFrom'],
  });
export type IssueFilter = z.infer<typeof issueFilterSchema>;

export const ISSUE_ORDERS = ['RAISED_DESC', 'RAISED_ASC', 'DUE_DATE_ASC', 'UPDATED_DESC'] as const;
export type IssueOrder = (typeof ISSUE_ORDERS)[number];

/** A problem is overdue when its deadline has passed (in Kazakhstan) and it is not finished. */
export function isOverdue(issue: { dueDate: string | null; status: string }, today: string): boolean {
  return issue.dueDate !== null && issue.dueDate < today && !(FINISHED_STATUSES as readonly string[]).includes(issue.status);
}
