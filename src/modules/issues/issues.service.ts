import type { IssuesRepo, IssueCriteria } from './issues.repo.ts';
import { issueFilterSchema, isOverdue, type IssueFilter, type IssueOrder } from './issues.filter.ts';
import type { GeographyService } from '../geography/geography.service.ts';
import type { Clock } from '../shared/clock.ts';
import { todayInKazakhstan } from '../shared/clock.ts';
import { InvalidInputError } from '../shared/errors.ts';
import type { QueryPlan } from '../shared/query-plan.ts';
import { kazakhstanMidnightUtc } from '../shared/localized.ts';

interface Deps {
  repo: IssuesRepo;
  geography: GeographyService;
  clock: Clock;
}

export function createIssuesService({ repo, geography, clock }: Deps) {
  async function toCriteria(filter: IssueFilter | null | undefined): Promise<IssueCriteria> {
    const parsed = issueFilterSchema.safeParse(filter ?? {});
    if (!parsed.success) {
      throw new InvalidInputError(
        parsed.error.issues.map((i) => ({ path: ['filter', ...i.path].join('.'), message: i.message })),
      );
    }
    const f = parsed.data;
    return {
      regionIds: f.regionCodes ? await geography.requireUnitIds(f.regionCodes) : undefined,
      organizationIds: f.organizationIds,
      statuses: f.statuses,
      categories: f.categories,
      overdue: f.overdue,
      needsCentralDecision: f.needsCentralDecision,
      meetingId: f.meetingId,
      raisedFromUtc: f.raisedFrom ? kazakhstanMidnightUtc(f.raisedFrom) : undefined,
      raisedBeforeUtc: f.raisedTo ? kazakhstanMidnightUtc(f.raisedTo, 1) : undefined,
      today: todayInKazakhstan(clock),
    };
  }

  return {
    async listIssues(filter: IssueFilter | null | undefined, order: IssueOrder, plan?: QueryPlan) {
      return repo.findMany(await toCriteria(filter), order, plan);
    },
    async countIssues(filter: IssueFilter | null | undefined) {
      return repo.count(await toCriteria(filter));
    },
    findIssue: (id: number, plan?: QueryPlan) => repo.findById(id, plan),
    isOverdue: (issue: { dueDate: string | null; status: string }) => isOverdue(issue, todayInKazakhstan(clock)),
  };
}
export type IssuesService = ReturnType<typeof createIssuesService>;
