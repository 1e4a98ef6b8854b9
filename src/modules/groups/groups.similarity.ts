import type { IssueCategory, OrganizationKind } from '../shared/enums.ts';

// How alike two problems are (docs/groups.md): the cosine of their stem vectors, each stem weighed
// by its field (title or description) and by how rare it is among all problems (idf), so that a
// word every water complaint uses ("су", "вода") counts for little and a problem needs several
// shared, telling words to join another. Same category is required; bodies of different kinds
// (an akimat and a ministry) lower the score. The rarity is capped (RARITY_CAP), so that a score
// means the same with 700 problems and with a million.

/** Two problems at or above this score are the same problem (tuned: docs/groups.md, test/groups/pairs). */
export const SAME_PROBLEM_THRESHOLD = 0.45;
/** The score is multiplied by this when both problems have bodies and the bodies are of different kinds. */
export const OTHER_BODY_KIND_FACTOR = 0.85;
/** Stems two problems must share at least. */
export const MIN_SHARED_STEMS = 2;
/**
 * A stem in fewer than one problem in this many weighs as much as one in exactly one in this many.
 * Without the cap a stem no problem has yet weighs ln(1 + N): 6.5 at 674 problems, 13.4 at 628,500,
 * while a common word weighs the same at both sizes; the words the corpus has not seen then fill the
 * vectors' norms as the corpus grows, the cosine of two tellings of one problem falls, and the
 * threshold stops meaning what it was tuned to mean. Capped, the weight depends only on the share
 * df / N, so the score is the same at any size above this many problems (and the measure is the
 * uncapped one below it). 300 was measured (docs/groups.md, "Tuning"): a cap near the demo's size
 * keeps the demo's figures, 1,000 and more let recall at a million fall again, 100 and less start
 * merging neighbouring problems of the demo.
 */
export const RARITY_CAP = 300;

export interface ComparedProblem {
  category: IssueCategory;
  /** The answering body's kind, null while the problem is not routed yet. */
  bodyKind: OrganizationKind | null;
  /** Stem -> field weight (groups.text.ts problemTerms). */
  terms: ReadonlyMap<string, number>;
}

/** How many problems have each stem, and how many problems there are. */
export interface StemStatistics {
  problems: number;
  documentFrequency(stem: string): number;
}

/**
 * ln(1 + min(N / df, cap)): a stem's rarity, from ln 2 (every problem has it) to ln(1 + cap). Another
 * cap is for measuring (bench/similarity.ts); Infinity is the uncapped idf.
 */
export function inverseFrequency(stats: StemStatistics, stem: string, cap = RARITY_CAP): number {
  const df = Math.max(1, stats.documentFrequency(stem));
  return Math.log(1 + Math.min(Math.max(stats.problems, df) / df, cap));
}

function norm(terms: ReadonlyMap<string, number>, idf: (stem: string) => number): number {
  let sum = 0;
  for (const [stem, weight] of terms) sum += (weight * idf(stem)) ** 2;
  return Math.sqrt(sum);
}

/** 0 (nothing alike, or different categories) to 1 (the same words). */
export function similarity(a: ComparedProblem, b: ComparedProblem, stats: StemStatistics, rarityCap = RARITY_CAP): number {
  if (a.category !== b.category) return 0;
  const idfCache = new Map<string, number>();
  const idf = (stem: string) => {
    let value = idfCache.get(stem);
    if (value === undefined) idfCache.set(stem, (value = inverseFrequency(stats, stem, rarityCap)));
    return value;
  };
  let dot = 0;
  let shared = 0;
  const [small, large] = a.terms.size <= b.terms.size ? [a.terms, b.terms] : [b.terms, a.terms];
  for (const [stem, weight] of small) {
    const other = large.get(stem);
    if (other === undefined) continue;
    dot += weight * other * idf(stem) ** 2;
    shared++;
  }
  // One word in common is never enough, however rare: "су" alone makes no two problems one.
  if (shared < MIN_SHARED_STEMS) return 0;
  const cosine = dot / (norm(a.terms, idf) * norm(b.terms, idf));
  const kindsDiffer = a.bodyKind !== null && b.bodyKind !== null && a.bodyKind !== b.bodyKind;
  return kindsDiffer ? cosine * OTHER_BODY_KIND_FACTOR : cosine;
}
