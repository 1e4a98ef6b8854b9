import type Database from 'better-sqlite3';
import type { SearchFilter } from '../search.port.ts';
import { comparable, editDistance, typoBudget, type MatchTerm, type QueryTerm } from '../search.text.ts';

// FTS5 MATCH expressions: the words a user typed (each matched exactly or folded, as a prefix where
// it makes sense) AND the filters, which are tokens of the `tags` column so the index answers them.

/** A query term with the words a typo fallback found for it (folded, matched whole). */
export interface ExpandedTerm extends QueryTerm {
  alternatives?: string[];
}

const quote = (token: string) => `"${token.replace(/"/g, '""')}"`;

function termClause(term: ExpandedTerm): string {
  if (term.alternatives) {
    return `{title_folded text_folded} : (${term.alternatives.map(quote).join(' OR ')})`;
  }
  const star = term.prefix ? '*' : '';
  // A word with Kazakh letters matches as written (ranked higher: it hits exact and folded
  // columns) or folded; a word without them reads one token list for all four columns.
  if (term.exact === term.folded) return `{title text title_folded text_folded} : ${quote(term.exact)}${star}`;
  return `({title text} : ${quote(term.exact)}${star} OR {title_folded text_folded} : ${quote(term.folded)}${star})`;
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
  return terms.flatMap((t) =>
    t.alternatives ? t.alternatives.map((a) => ({ folded: a, prefix: false })) : [{ folded: t.folded, prefix: t.prefix }],
  );
}

const nextChar = (c: string) => String.fromCodePoint(c.codePointAt(0)! + 1);
const MAX_ALTERNATIVES = 8;

/**
 * The typo fallback, run when a query finds nothing: each word that no indexed word starts with is
 * replaced by the indexed words within its typo budget (same first letter, as most spell checkers
 * assume), read from the fts5vocab table that FTS5 keeps up to date by itself. No trigram index
 * is needed, so a typo costs nothing at write time. Returns null when no word could be corrected.
 */
export function expandTypos(sqlite: Database.Database, vocabTable: string, terms: QueryTerm[]): ExpandedTerm[] | null {
  const range = sqlite.prepare<[string, string], { term: string; doc: number }>(
    `select term, doc from "${vocabTable}" where term >= ? and term < ?`,
  );
  const exists = sqlite.prepare<[string, string], { term: string }>(
    `select term from "${vocabTable}" where term >= ? and term < ? limit 1`,
  );
  const exact = sqlite.prepare<[string], { term: string }>(`select term from "${vocabTable}" where term = ?`);
  let corrected = false;
  const expanded = terms.map((term): ExpandedTerm => {
    const word = term.folded;
    const budget = typoBudget(word.length);
    if (budget === 0) return term;
    if (term.prefix ? exists.get(word, `${word}\u{10FFFF}`) : exact.get(word)) return term;
    const first = word[0]!;
    const scored = new Map<string, { distance: number; docs: number }>();
    for (const row of range.iterate(first, nextChar(first))) {
      const candidate = comparable(row.term);
      if (candidate.length < word.length - budget) continue;
      let distance = editDistance(word, candidate, budget);
      if (distance > budget && term.prefix && candidate.length > word.length) {
        distance = editDistance(word, candidate.slice(0, word.length), budget);
      }
      if (distance > budget) continue;
      const known = scored.get(candidate);
      if (!known || distance < known.distance) scored.set(candidate, { distance, docs: row.doc });
    }
    if (scored.size === 0) return term;
    corrected = true;
    const alternatives = [...scored.entries()]
      .sort((a, b) => a[1].distance - b[1].distance || b[1].docs - a[1].docs)
      .slice(0, MAX_ALTERNATIVES)
      .map(([candidate]) => candidate);
    return { ...term, alternatives };
  });
  return corrected ? expanded : null;
}
