import type { Clock } from '../shared/clock.ts';
import type { GroupedProblem, GroupsRepo } from './groups.repo.ts';
import { similarity, SAME_PROBLEM_THRESHOLD, type StemStatistics } from './groups.similarity.ts';
import { problemTerms } from './groups.text.ts';

// The automatic grouping: a problem is compared with a few dozen candidates that share its rarest
// stems (the inverted table), never with every problem, and joins the group of the most similar
// one when the similarity reaches the threshold. Staff decisions are never overridden.

/** The rarest stems a candidate must share one of; more stems find more candidates and cost more probes. */
const CANDIDATE_STEMS = 6;
/** The newest problems read per stem: the same problem raised again is usually raised recently. */
const POSTINGS_PER_STEM = 200;
/** Candidates compared in full (those sharing the most rare stems). */
const COMPARED = 40;

export interface GroupingResult {
  issueId: number;
  groupId: number | null;
  score: number | null;
}

export function createAutoGrouping({ repo, clock }: { repo: GroupsRepo; clock: Clock }) {
  /** Joins `best` (and, when it has no group yet, brings it along into a new one). */
  function join(problem: GroupedProblem, best: { issueId: number; score: number; groupId: number | null }, at: string): number {
    let groupId = best.groupId;
    if (groupId === null) {
      // A regroup gives a new group the number it had before when that number is free again.
      const previous = repo.previousGroup(best.issueId) ?? repo.previousGroup(problem.id);
      groupId = repo.createGroup(problem.category, at, previous !== null && !repo.findGroup(previous) ? previous : null);
      place(best.issueId, groupId, best.score, at);
    }
    place(problem.id, groupId, best.score, at);
    repo.groupChanged(groupId, at);
    return groupId;
  }

  function place(issueId: number, groupId: number, score: number, at: string): void {
    repo.setMembership(issueId, groupId, 'AUTO', score, at);
    // A regroup that puts a problem back where it was is no news for its history.
    if (repo.previousGroup(issueId) === groupId) return;
    repo.appendEvent({
      issueId,
      kind: 'GROUPED',
      fromGroupId: repo.previousGroup(issueId),
      toGroupId: groupId,
      source: 'AUTO',
      organizationId: null,
      byUserId: null,
      note: null,
      at,
    });
  }

  /** The most similar candidate that automatic grouping may pair with, or null below the threshold. */
  function bestMatch(problem: GroupedProblem, terms: Map<string, number>) {
    const { problems, byStem } = repo.frequencies([...terms.keys()]);
    const stats: StemStatistics = { problems, documentFrequency: (stem) => byStem.get(stem) ?? 1 };
    const shared = [...terms.keys()]
      .filter((stem) => (byStem.get(stem) ?? 0) > 1)
      .sort((a, b) => (byStem.get(a) ?? 0) - (byStem.get(b) ?? 0))
      .slice(0, CANDIDATE_STEMS);
    const hits = new Map<number, number>();
    for (const stem of shared) {
      for (const id of repo.postings(stem, problem.category, problem.id, POSTINGS_PER_STEM)) hits.set(id, (hits.get(id) ?? 0) + 1);
    }
    const candidates = [...hits]
      .sort((a, b) => b[1] - a[1] || b[0] - a[0])
      .slice(0, COMPARED)
      .map(([id]) => id);
    if (!candidates.length) return null;
    const termsOf = repo.termsOf(candidates);
    const others = repo.candidates(candidates);
    const self = { category: problem.category, bodyKind: problem.bodyKind, terms };
    let best: { issueId: number; score: number; groupId: number | null } | null = null;
    for (const id of candidates) {
      const other = others.get(id);
      // Staff took it out of its group: it stays alone until staff put it somewhere.
      if (other?.source === 'STAFF' && other.groupId === null) continue;
      const score = similarity(self, { category: problem.category, bodyKind: other?.bodyKind ?? null, terms: termsOf.get(id) ?? new Map() }, stats);
      if (score >= SAME_PROBLEM_THRESHOLD && (!best || score > best.score)) best = { issueId: id, score, groupId: other?.groupId ?? null };
    }
    return best;
  }

  /**
   * Groups one problem: its stems are recorded once; for a problem already placed (its status or body
   * changed) only its group shows as changed: the figures followed the problem by triggers in the
   * write's own transaction. Runs in the caller's transaction.
   */
  function groupOne(problem: GroupedProblem): GroupingResult {
    const at = clock.now().toISOString();
    const membership = repo.membership(problem.id);
    if (repo.hasTerms(problem.id)) {
      if (membership?.groupId) repo.groupChanged(membership.groupId, at);
      return { issueId: problem.id, groupId: membership?.groupId ?? null, score: null };
    }
    const terms = problemTerms(problem);
    repo.addTerms(problem.id, problem.category, terms);
    if (membership) {
      if (membership.groupId) repo.groupChanged(membership.groupId, at);
      return { issueId: problem.id, groupId: membership.groupId, score: null };
    }
    const best = bestMatch(problem, terms);
    if (!best) return { issueId: problem.id, groupId: null, score: null };
    return { issueId: problem.id, groupId: join(problem, best, at), score: best.score };
  }

  return {
    /** After a problem is recorded or changed (the issues service's listener). */
    issueChanged(issueId: number): GroupingResult | null {
      return repo.transaction(() => {
        const problem = repo.problem(issueId);
        return problem ? groupOne(problem) : null;
      });
    },
    groupOne,
  };
}
export type AutoGrouping = ReturnType<typeof createAutoGrouping>;
