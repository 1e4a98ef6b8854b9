import { KAZAKH_FOLDING, comparable, editDistance, tokenize } from './search.text.ts';
import { kazakhStem, queryStem } from './search.stem.ts';

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
  return [
    first,
    ...Object.entries(KAZAKH_FOLDING)
      .filter(([from, to]) => to === first && from === from.toLowerCase())
      .map(([from]) => from),
  ];
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
  // Each word also stands for its Kazakh stem, spelled as in the word: the documents may only have
  // құбыры and құбырын, the suggestion is құбыр.
  const forms = new Map<string, number>();
  for (const { spelling, docs } of candidates) {
    const candidate = comparable(spelling);
    if (candidate === folded || candidate === stem) return null;
    if (candidate[0] !== folded[0] || candidate.length > folded.length + budget + 6) continue;
    forms.set(spelling, (forms.get(spelling) ?? 0) + docs);
    const root = spelledStem(spelling);
    if (root !== spelling) forms.set(root, (forms.get(root) ?? 0) + docs);
  }
  let best: { spelling: string; distance: number; docs: number; kazakh: boolean } | null = null;
  for (const [spelling, docs] of forms) {
    const candidate = comparable(spelling);
    const distance = editDistance(folded, candidate, budget);
    if (distance > budget) continue;
    const kazakh = candidate !== spelling;
    const better =
      !best || distance < best.distance || (distance === best.distance && (docs > best.docs * 1.5 || (docs * 1.5 >= best.docs && kazakh && !best.kazakh)));
    if (better) best = { spelling, distance, docs, kazakh };
  }
  return best?.spelling ?? null;
}

/** A word's Kazakh stem in the word's own letters: құбыры -> құбыр, мектебі -> мектеп. */
function spelledStem(spelling: string): string {
  const stem = kazakhStem(comparable(spelling));
  if (stem.length >= spelling.length) return spelling;
  const kept = spelling.slice(0, stem.length);
  // A softened consonant restored (мектеб-і -> мектеп): the stem's last letter, not the word's.
  return comparable(kept) === stem ? kept : kept.slice(0, -1) + stem[stem.length - 1];
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
