import type Database from 'better-sqlite3';
import type { SearchFilter } from '../search.port.ts';
import { comparable, editDistance, typoBudget, type MatchTerm, type QueryTerm } from '../search.text.ts';

// FTS5 MATCH expressions: the words a user typed (each matched exactly or folded, as a prefix where
// it makes sense) AND the filters, which are tokens of the `tags` column so the index answers them.

/** A query term with what a typo fallback found for it: folded words, or prefixes when `prefix`. */
export interface ExpandedTerm extends QueryTerm {
  alternatives?: string[];
}

const quote = (token: string) => `"${token.replace(/"/g, '""')}"`;

function termClause(term: ExpandedTerm): string {
  const star = term.prefix ? '*' : '';
  // A word with Kazakh letters matches as written (ranked higher: it hits exact and folded
  // columns) or folded; a word without them reads one token list for all four columns.
  const clause =
    term.exact === term.folded
      ? `{title text title_folded text_folded} : ${quote(term.exact)}${star}`
      : `{title text} : ${quote(term.exact)}${star} OR {title_folded text_folded} : ${quote(term.folded)}${star}`;
  if (!term.alternatives) return term.exact === term.folded ? clause : `(${clause})`;
  const alternatives = term.alternatives.map((a) => `${quote(a)}${star}`).join(' OR ');
  return `(${clause} OR {title_folded text_folded} : (${alternatives}))`;
}

/** Lower-case ASCII tokens matching the `tags` column that the migration generates. */
const tagValue = (v: string) => v.toLowerCase().replace(/[^a-z0-9]/g, '');

function tagClause(prefix: string, values: (string | number)[] | undefined): string | null {
  if (!values) return null;
  // An empty list matches nothing: a token that no document carries.
  if (values.length === 0) return 'tags : "xnothing"';
  return `tags : (${values.map((v) => quote(prefix + tagValue(String(v)))).join(' OR ')})`;
}

/**
 * The filter as MATCH clauses. `overdueFromTags`: use the stored flag (published quarters);
 * otherwise the caller judges overdue against today in SQL.
 */
export function filterClauses(filter: SearchFilter, overdueFromTags: boolean): string[] {
  const clauses = [
    filter.quarter ? tagClause('q', [filter.quarter]) : null,
    tagClause('r', filter.regionIds),
    tagClause('u', filter.unitIds),
    tagClause('o', filter.organizationIds),
    tagClause('k', filter.organizationKinds),
    tagClause('c', filter.categories),
    tagClause('s', filter.statuses),
    overdueFromTags && filter.overdue !== undefined ? tagClause('d', [filter.overdue ? 1 : 0]) : null,
  ];
  if (filter.scope) {
    const { unitIds, organizationIds } = filter.scope;
    clauses.push(
      unitIds.length + organizationIds.length === 0
        ? 'tags : "xnothing"'
        : `tags : (${[...unitIds.map((u) => quote(`u${u}`)), ...organizationIds.map((o) => quote(`o${o}`))].join(' OR ')})`,
    );
  }
  return clauses.filter((c): c is string => c !== null);
}

export function matchExpression(terms: ExpandedTerm[], filters: string[]): string | null {
  const parts = [...terms.map(termClause), ...filters];
  return parts.length ? parts.join(' AND ') : null;
}

/** What the highlighter looks for: each term folded (as a prefix where it was one), and typo matches. */
export function highlightTerms(terms: ExpandedTerm[]): MatchTerm[] {
  return terms.flatMap((t) => [t, ...(t.alternatives ?? []).map((folded) => ({ folded, prefix: t.prefix }))].map((m) => ({ folded: m.folded, prefix: m.prefix })));
}

const nextChar = (c: string) => String.fromCodePoint(c.codePointAt(0)! + 1);
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
  const range = sqlite.prepare<[string, string], { term: string; doc: number }>(
    `select term, doc from "${vocabTable}" where term >= ? and term < ?`,
  );
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
