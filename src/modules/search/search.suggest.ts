import { KAZAKH_FOLDING, comparable, editDistance, tokenize } from './search.text.ts';
import { queryStem } from './search.stem.ts';

// "Did you mean": when a query finds nothing or little, each word the index does not know is
// replaced by the nearest word it does know (edit distance on the folded letters, the same first
// letter as most spell checkers assume, the most frequent on a tie), spelled as the documents spell
// it (кубр -> құбыр). The engines supply the candidate words: FTS5 from its vocabulary, Meilisearch
// from the words its documents match.

/** A query finding fewer results than this gets a suggestion (when there is one). */
export const SUGGEST_BELOW = 3;

/** Edits a suggestion may make: more than search's typo tolerance (кубр, four letters, has none there). */
export function suggestionBudget(length: number): number {
  return length >= 8 ? 2 : length >= 4 ? 1 : 0;
}

/** The letters a folded first letter may have been written with: к -> к, қ. */
export function firstLetters(folded: string): string[] {
  const first = folded[0]!;
  return [first, ...Object.entries(KAZAKH_FOLDING).filter(([from, to]) => to === first && from === from.toLowerCase()).map(([from]) => from)];
}

export interface Candidate {
  /** As written in a document, lower case. */
  spelling: string;
  /** How many documents have it. */
  docs: number;
}

/**
 * The correction of a word the index does not know: null when it is among the candidates after
 * all (as a word or as its stem) or nothing is near enough.
 * Spellings with the Kazakh letters win over the same word folded: the suggestion teaches them.
 */
export function bestCorrection(typed: string, candidates: Iterable<Candidate>): string | null {
  const folded = comparable(typed);
  const budget = suggestionBudget(folded.length);
  if (budget === 0) return null;
  const stem = queryStem(typed);
  let best: { spelling: string; distance: number; docs: number; kazakh: boolean } | null = null;
  for (const { spelling, docs } of candidates) {
    const candidate = comparable(spelling);
    if (candidate === folded || candidate === stem) return null;
    if (candidate[0] !== folded[0]) continue;
    const distance = editDistance(folded, candidate, budget);
    if (distance > budget) continue;
    const kazakh = candidate !== spelling;
    const better =
      !best ||
      distance < best.distance ||
      (distance === best.distance && (docs > best.docs * 1.5 || (docs * 1.5 >= best.docs && kazakh && !best.kazakh)));
    if (better) best = { spelling, distance, docs, kazakh };
  }
  return best?.spelling ?? null;
}

/** The query with its unknown words corrected, or null when nothing would change. */
export async function suggestQuery(text: string, correct: (word: string) => Promise<string | null> | string | null): Promise<string | null> {
  const words = tokenize(text.normalize('NFC')).map((t) => t.word.toLowerCase());
  let changed = false;
  const out: string[] = [];
  for (const word of words) {
    const fixed = await correct(word);
    if (fixed && fixed !== word) changed = true;
    out.push(fixed ?? word);
  }
  return changed ? out.join(' ') : null;
}
