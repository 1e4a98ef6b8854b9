import type Database from 'better-sqlite3';
import { comparable, editDistance, typoBudget, type QueryTerm } from '../search.text.ts';

// FTS5 MATCH expressions: the words a user typed, each matched as written or folded, as a prefix
// where it makes sense, and the typo fallback that corrects words unknown to the index.

/** A query term with what a typo fallback found for it: folded words, or prefixes when `prefix`. */
export interface ExpandedTerm extends QueryTerm {
  alternatives?: string[];
}

const quote = (token: string) => `"${token.replace(/"/g, '""')}"`;

function termClause(term: ExpandedTerm): string {
  const star = term.prefix ? '*' : '';
  // As typed (ranked highest: title and text), folded, then any word with the same stem; the
  // category's and body's names match the word and its stem too. The folded word is also looked up
  // among the words' stems (жол finds жолы), as Meilisearch does: it searches every attribute.
  const parts =
    term.exact === term.folded
      ? [`{title text title_folded text_folded title_stems text_stems label_terms} : ${quote(term.exact)}${star}`]
      : [`{title text} : ${quote(term.exact)}${star}`, `{title_folded text_folded title_stems text_stems label_terms} : ${quote(term.folded)}${star}`];
  if (term.stem) parts.push(`{title_folded text_folded title_stems text_stems label_terms} : ${quote(term.stem)}`);
  const alternatives = term.alternatives ?? [];
  if (alternatives.length) parts.push(`{title_folded text_folded} : (${alternatives.map((a) => `${quote(a)}${star}`).join(' OR ')})`);
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
}

/** The words as one MATCH expression (AND of the terms), or null when there are none. */
export function matchExpression(terms: ExpandedTerm[]): string | null {
  return terms.length ? terms.map(termClause).join(' AND ') : null;
}

export const nextChar = (c: string) => String.fromCodePoint(c.codePointAt(0)! + 1);
const MAX_ALTERNATIVES = 8;

/**
 * The typo fallback, run when a query finds nothing: every word long enough to allow typos (the
 * same budget as Meilisearch) also matches the indexed words within that many edits, with the
 * same first letter (as most spell checkers assume). A word typed as a prefix matches indexed
 * prefixes within the budget, so "жондеу" still finds "жөнделмеген". Candidates come from the
 * fts5vocab table that FTS5 keeps by itself: no trigram index, so typos cost nothing at write
 * time. Returns null when no word has a correction.
 */
export function expandTypos(sqlite: Database.Database, vocabTable: string, terms: QueryTerm[]): ExpandedTerm[] | null {
  const range = sqlite.prepare<[string, string], { term: string; doc: number }>(`select term, doc from "${vocabTable}" where term >= ? and term < ?`);
  let corrected = false;
  const expanded = terms.map((term): ExpandedTerm => {
    const word = term.folded;
    const budget = typoBudget(word.length);
    if (budget === 0) return term;
    const first = word[0]!;
    const scored = new Map<string, { distance: number; docs: number }>();
    const consider = (alternative: string, docs: number) => {
      if (alternative === word || alternative.length === 0) return;
      const distance = editDistance(word, alternative, budget);
      if (distance > budget) return;
      const known = scored.get(alternative);
      if (!known || distance < known.distance) scored.set(alternative, { distance, docs: (known?.docs ?? 0) + docs });
      else known.docs += docs;
    };
    for (const row of range.iterate(first, nextChar(first))) {
      const candidate = comparable(row.term);
      if (!term.prefix) {
        consider(candidate, row.doc);
        continue;
      }
      // As a prefix: the candidate's beginnings around the typed length (a letter missed, added or wrong).
      for (let length = word.length - budget; length <= word.length + budget; length++) {
        if (length >= 2 && length <= candidate.length) consider(candidate.slice(0, length), row.doc);
      }
    }
    if (scored.size === 0) return term;
    corrected = true;
    const alternatives = [...scored.entries()]
      .sort((a, b) => a[1].distance - b[1].distance || b[1].docs - a[1].docs)
      .slice(0, MAX_ALTERNATIVES)
      .map(([alternative]) => alternative);
    return { ...term, alternatives };
  });
  return corrected ? expanded : null;
}
