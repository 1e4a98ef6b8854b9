import { z } from 'zod';
import type { Policy } from '../accounts/policy.ts';
import type { GeographyService } from '../geography/geography.service.ts';
import { quarterLabel, quarterOf, type Quarter } from '../publication/periods.ts';
import type { Clock } from '../shared/clock.ts';
import { ISSUE_CATEGORIES } from '../shared/enums.ts';
import { localMidnightUtc, NATIONAL_ZONE } from '../shared/time-zones.ts';
import { parseInput } from '../shared/validation.ts';
import { createAutoGrouping } from './groups.auto.ts';
import { similarity, SAME_PROBLEM_THRESHOLD } from './groups.similarity.ts';
import { problemTerms } from './groups.text.ts';
import type { IssueCategory, OrganizationKind } from '../shared/enums.ts';
import type { GroupsReadRepo, GroupRow } from './groups.read-repo.ts';
import { MIN_SHOWN_SIZE } from './groups.read-repo.ts';
import type { GroupsRepo } from './groups.repo.ts';
import { createStaffGrouping } from './groups.staff.ts';

// Groups of similar problems: the automatic grouping (groups.auto.ts), staff decisions
// (groups.staff.ts), the full regroup, and what pages and the API read.

export const groupFilterSchema = z.object({
  category: z.enum(ISSUE_CATEGORIES).optional().nullable(),
  regionCode: z.string().trim().min(1).max(20).optional().nullable(),
  /** Groups of at least this many problems (default 2: a group is a problem raised at least twice). */
  minSize: z.number().int().min(MIN_SHOWN_SIZE).max(1_000_000).optional().nullable(),
});
export type GroupFilter = z.infer<typeof groupFilterSchema>;
export type GroupOrder = 'SIZE_DESC' | 'LAST_RAISED_DESC';

export interface ComparedText {
  title: string;
  text: string;
  language: 'kk' | 'ru';
  category: IssueCategory;
  bodyKind?: OrganizationKind | null;
}

export interface RegroupProgress {
  done: number;
  total: number;
}
export interface RegroupOptions {
  batchSize?: number;
  onProgress?: (p: RegroupProgress) => void;
  /** Aborted: stop after the batch under way, keeping the work done (a later `resume` goes on). */
  signal?: AbortSignal;
  /** Go on from where a stopped regroup got to. */
  resume?: boolean;
}
export interface RegroupResult {
  /** Stopped by the signal before the end. */
  stopped: boolean;
  /** Went on from a stopped regroup. */
  resumed: boolean;
  /** Problems grouped again so far (with a resume, those before it too). */
  problems: number;
  total: number;
  /** Groups of two or more, and the problems in them. */
  groups: number;
  grouped: number;
}

interface Deps {
  repo: GroupsRepo;
  readRepo: GroupsReadRepo;
  geography: GeographyService;
  policy: Policy;
  clock: Clock;
}

/** A quarter's first instant and the next quarter's, in the capital's zone (since March 2024 the whole country's). */
function quarterBounds(q: Quarter): [string, string] {
  const first = `${q.year}-${String((q.quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
  const next = q.quarter === 4 ? `${q.year + 1}-01-01` : `${q.year}-${String(q.quarter * 3 + 1).padStart(2, '0')}-01`;
  return [localMidnightUtc(first, NATIONAL_ZONE), localMidnightUtc(next, NATIONAL_ZONE)];
}

export function createGroupsService({ repo, readRepo, geography, policy, clock }: Deps) {
  const auto = createAutoGrouping({ repo, clock });
  const staff = createStaffGrouping({ repo, policy, clock });
  /** A group as the public sees it: one of at least two problems. */
  const shown = (row: GroupRow | undefined) => (row && row.size >= MIN_SHOWN_SIZE ? row : null);

  return {
    ...staff,
    /** The issues service's listener: a new problem finds its group, a changed one refreshes its group's figures. */
    issueChanged: (issueId: number) => auto.issueChanged(issueId),

    /**
     * Regroups every problem from scratch (automatic decisions only; staff decisions stay), in
     * batches of one transaction each, oldest problem first, as if each were recorded anew. An
     * aborted `signal` stops it between batches with everything done so far kept; `resume` goes on
     * from where a stopped regroup got to (from the start when none was stopped).
     */
    async regroup(options: RegroupOptions = {}): Promise<RegroupResult> {
      const batchSize = options.batchSize ?? 500;
      const resumedAfter = options.resume ? repo.resumeRegroup() : null;
      const resumed = resumedAfter !== null;
      if (!resumed) repo.transaction(() => repo.beginRegroup(clock.now().toISOString()));
      let after = resumedAfter ?? 0;
      const total = repo.problemCount();
      let done = after ? repo.problemsUpTo(after) : 0;
      for (;;) {
        if (options.signal?.aborted) {
          repo.pauseRegroup();
          return { stopped: true, resumed, problems: done, total, ...repo.groupTotals() };
        }
        const batch = repo.problemsAfter(after, batchSize);
        if (!batch.length) break;
        const last = batch[batch.length - 1]!.id;
        repo.transaction(() => {
          for (const problem of batch) auto.groupOne(problem);
          repo.regroupReached(last);
        });
        after = last;
        done += batch.length;
        options.onProgress?.({ done, total });
        // Lets a signal's handler run between two batches.
        await new Promise((resolve) => setImmediate(resolve));
      }
      repo.endRegroup(clock.now().toISOString());
      return { stopped: false, resumed, problems: done, total, ...repo.groupTotals() };
    },

    /**
     * How alike two texts are by the grouping's measure, with the stem counts of the problems in
     * the database, and whether the grouping takes them for the same problem.
     */
    compare(a: ComparedText, b: ComparedText): { score: number; sameProblem: boolean } {
      const ta = problemTerms(a);
      const tb = problemTerms(b);
      const { problems, byStem } = repo.frequencies([...new Set([...ta.keys(), ...tb.keys()])]);
      const stats = { problems, documentFrequency: (stem: string) => byStem.get(stem) ?? 1 };
      const score = similarity(
        { category: a.category, bodyKind: a.bodyKind ?? null, terms: ta },
        { category: b.category, bodyKind: b.bodyKind ?? null, terms: tb },
        stats,
      );
      return { score, sameProblem: score >= SAME_PROBLEM_THRESHOLD };
    },

    findGroup: (id: number) => shown(readRepo.findGroup(id)),
    /**
     * A group no longer shown (dissolved, or down to one problem) that problems were once put in:
     * those problems, newest raised first, with the group each is in now, and when one last left
     * it. Null for a shown group and for a number no problem was ever put in.
     */
    formerGroup(id: number, limit: number) {
      if (shown(readRepo.findGroup(id))) return null;
      const members = readRepo.formerMemberViews(id, limit);
      return members.length ? { id, members, lastLeft: readRepo.lastLeft(id) } : null;
    },
    /** Any group by id, even of one problem (staff pages and history). */
    findAnyGroup: (id: number) => readRepo.findGroup(id) ?? null,
    groupOfIssue: (issueId: number) => shown(readRepo.groupOfIssue(issueId)),
    /** The group of each problem (per-row GraphQL fields: one statement for a page). */
    groupsOfIssues(issueIds: readonly number[]): Map<number, GroupRow> {
      const rows = readRepo.groupsOfIssues([...new Set(issueIds)]);
      for (const [issueId, row] of rows) if (row.size < MIN_SHOWN_SIZE) rows.delete(issueId);
      return rows;
    },
    /** Where the problem stands, for staff: its group even of one, and whether staff decided it. */
    membershipOf: (issueId: number) => repo.membership(issueId) ?? null,
    members: (groupId: number, afterIssueId: number, limit: number) => readRepo.members(groupId, afterIssueId, limit),
    memberIssues: (groupId: number, afterIssueId: number, limit: number) => readRepo.memberIssues(groupId, afterIssueId, limit),
    memberViews: (groupId: number, limit: number) => readRepo.memberViews(groupId, limit),
    regions: (groupId: number) => readRepo.regions(groupId),
    districts: (groupId: number) => readRepo.districts(groupId),
    bodies: (groupId: number) => readRepo.bodies(groupId),
    eventsOfIssue: (issueId: number) => readRepo.eventsOfIssue(issueId),
    eventsOfGroup: (groupId: number, limit = 50) => readRepo.eventsOfGroup(groupId, limit),

    /** Problems of the group per quarter, each counted in its region's zone, oldest quarter first. */
    perQuarter(groupId: number): { quarter: string; count: number }[] {
      const counts = new Map<string, number>();
      for (const r of readRepo.raisedHours(groupId)) {
        const label = quarterLabel(quarterOf(`${r.hour}:00:00.000Z`, geography.zoneOfRegion(r.regionId)));
        counts.set(label, (counts.get(label) ?? 0) + r.count);
      }
      return [...counts].sort((a, b) => a[0].localeCompare(b[0])).map(([quarter, count]) => ({ quarter, count }));
    },

    async listGroups(filter: GroupFilter | null | undefined, order: GroupOrder, after: { key: number | string; id: number } | null, limit: number) {
      const criteria = await criteriaOf(filter);
      return readRepo.list(criteria, order, after, limit);
    },
    async countGroups(filter: GroupFilter | null | undefined) {
      return readRepo.count(await criteriaOf(filter));
    },

    /** The groups most raised in a quarter (live): problems raised in it, largest first. */
    largestOfQuarter(q: Quarter, limit = 5) {
      const [from, to] = quarterBounds(q);
      return readRepo.largestInPeriod(from, to, limit);
    },
    /**
     * The home page's "most raised problems": the groups with the most problems raised in a
     * published quarter, as its published list has them (stable until the next publication).
     */
    largestOfPublishedQuarter(q: Quarter, limit = 5) {
      const [from, to] = quarterBounds(q);
      return readRepo.largestInPublishedQuarter(q.year, q.quarter, from, to, limit);
    },
  };

  async function criteriaOf(filter: GroupFilter | null | undefined) {
    const f = parseInput(groupFilterSchema, filter ?? {}, ['filter']);
    const regionId = f.regionCode ? (await geography.requireUnitIds([f.regionCode]))[0] : undefined;
    return { category: f.category ?? undefined, regionId, minSize: f.minSize ?? MIN_SHOWN_SIZE };
  }
}
export type GroupsService = ReturnType<typeof createGroupsService>;
