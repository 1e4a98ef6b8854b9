import type { MatchRange } from './search.port.ts';
import { escapeHtml } from '../shared/escape-html.ts';
import { fromLatin, kazakhReading, queryStem, russianReading, scriptOf, wordStems } from './search.stem.ts';

// Text rules shared by both engines and the highlighter: Kazakh folding, how a query becomes terms,
// the typo budget and edit distance, and how matches become a snippet.

/**
 * Kazakh letters and ё/й folded to the Russian letter a person types without a Kazakh layout
 * (FTS5's unicode61 folds no Cyrillic letters). Every mapping is one UTF-16 unit to one, so a folded string has the same
 * length as the original and positions found in one are positions in the other.
 * The generated columns of the FTS5 migration spell out the same table; a test keeps them equal.
 */
export const KAZAKH_FOLDING: Readonly<Record<string, string>> = {
  ә: 'а',
  Ә: 'А',
  ғ: 'г',
  Ғ: 'Г',
  қ: 'к',
  Қ: 'К',
  ң: 'н',
  Ң: 'Н',
  ө: 'о',
  Ө: 'О',
  ұ: 'у',
  Ұ: 'У',
  ү: 'у',
  Ү: 'У',
  һ: 'х',
  Һ: 'Х',
  і: 'и',
  І: 'И',
  ё: 'е',
  Ё: 'Е',
  й: 'и',
  Й: 'И',
};
const FOLDABLE = new RegExp(`[${Object.keys(KAZAKH_FOLDING).join('')}]`, 'g');

export function fold(value: string): string {
  return value.replace(FOLDABLE, (ch) => KAZAKH_FOLDING[ch] ?? ch);
}

/** How two words are compared everywhere: lower case, then folded. */
export function comparable(word: string): string {
  return fold(word.toLowerCase());
}

/** Word characters as SQLite's unicode61 tokenizer sees them: letters, digits, private use, marks. */
const WORD = /[\p{L}\p{N}\p{Co}\p{Mn}]+/gu;

export interface Token {
  word: string;
  start: number;
}

export function tokenize(value: string): Token[] {
  const tokens: Token[] = [];
  for (const m of value.matchAll(WORD)) tokens.push({ word: m[0], start: m.index });
  return tokens;
}

export interface QueryTerm {
  /** Lower case, as typed (for a Latin word read as Kazakh or Russian: its Cyrillic form). */
  exact: string;
  /** Lower case and folded. */
  folded: string;
  /** Matches words that start with it: the last word of the query, from three letters, not inflected. */
  prefix: boolean;
  /** The word's stem (search.stem.ts), folded, when it differs from the word: воды -> вод, мектебі -> мектеп. */
  stem?: string;
  /** A Latin word: English (a category's or body's name) or Kazakh/Russian in Latin letters; the engine decides. */
  latin?: boolean;
  /** A plain Cyrillic word both stemmers read: the Kazakh stem is taken if the index has it as a word, else the Russian. */
  readings?: { kazakh: string; russian: string };
}

/** At most this many words count: longer queries add cost, not precision. */
export const MAX_QUERY_TERMS = 8;
/** A shorter last word means itself and its forms, not every word it begins (су is not суық). */
export const MIN_PREFIX = 3;

function term(exact: string, isLast: boolean, latin: boolean): QueryTerm {
  const folded = fold(exact);
  const stem = queryStem(exact);
  const inflected = stem !== folded;
  const kazakh = kazakhReading(exact);
  const russian = russianReading(exact);
  return {
    ...(kazakh !== null && russian !== null && kazakh !== russian ? { readings: { kazakh, russian } } : {}),
    exact,
    folded,
    // An ending recognised means the word is complete: no prefix (мектепке is not мектепке-*).
    prefix: isLast && !inflected && exact.length >= MIN_PREFIX,
    ...(inflected ? { stem } : {}),
    ...(latin ? { latin } : {}),
  };
}

/**
 * Terms of a query, each matched as typed, folded, by its stem, and the last one as a prefix (the
 * user may still be typing it). Prefixes on every word would find more, but cost several times the
 * ranking work on a large index for little precision (пен* is пенсия as well as "and").
 */
export function queryTerms(text: string): QueryTerm[] {
  const words = tokenize(text.normalize('NFC')).map((t) => t.word.toLowerCase());
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  words.slice(0, MAX_QUERY_TERMS).forEach((exact, i, list) => {
    if (seen.has(exact)) return;
    seen.add(exact);
    terms.push(term(exact, i === list.length - 1, scriptOf(exact) === 'latin'));
  });
  return terms;
}

/** What the engine is asked to settle a query's language per word. */
export interface IndexWords {
  /** Whether the names of categories and bodies have this English stem. */
  isEnglish(stem: string): Promise<boolean> | boolean;
  /** Whether a document has this folded word. */
  isWord(folded: string): Promise<boolean> | boolean;
}

/**
 * The language of each word settled against the index. A Latin word that names something in
 * English stays English; any other is Kazakh or Russian typed in Latin letters (kubyr -> кубыр).
 * A plain Cyrillic word both stemmers read is Kazakh when the index has its Kazakh stem as a word.
 */
export async function settleTerms(terms: QueryTerm[], index: IndexWords): Promise<QueryTerm[]> {
  const settled: QueryTerm[] = [];
  for (const [i, t] of terms.entries()) {
    let current = t;
    if (t.latin && !(await index.isEnglish(t.stem ?? t.folded))) current = term(fromLatin(t.exact), i === terms.length - 1, false);
    if (current.readings) {
      const { readings, ...rest } = current;
      current = { ...rest, stem: (await index.isWord(readings.kazakh)) ? readings.kazakh : readings.russian, prefix: false };
    }
    settled.push(current);
  }
  return settled;
}

/** Typos tolerated in a word of this length: Meilisearch's defaults, used by both engines. */
export function typoBudget(length: number): number {
  return length >= 9 ? 2 : length >= 5 ? 1 : 0;
}

/** Optimal-string-alignment distance, giving up (returning max + 1) once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prevPrev[j - 2]! + 1);
      row.push(d);
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** A term as the highlighter needs it: what a word must equal, or start with, once comparable. */
export interface MatchTerm {
  folded: string;
  prefix: boolean;
  /** Also any word with this stem (folded). */
  stem?: string;
}

/**
 * What the highlighter looks for: each term folded (as a prefix where it was one), its stem (a word
 * without an ending is its own stem: both engines find жол in жолы), typo matches.
 */
export function matchTerms(terms: (QueryTerm & { alternatives?: string[] })[]): MatchTerm[] {
  return terms.flatMap((t) => [
    { folded: t.folded, prefix: t.prefix, stem: t.stem ?? t.folded },
    ...(t.alternatives ?? []).map((folded) => ({ folded, prefix: t.prefix })),
  ]);
}

/** Where the terms occur in `value`: whole words that equal a term, or start with a prefix term. */
export function findMatches(value: string, terms: MatchTerm[]): MatchRange[] {
  if (terms.length === 0) return [];
  const ranges: MatchRange[] = [];
  for (const token of tokenize(value)) {
    const word = comparable(token.word);
    let stems: string[] | null = null;
    for (const term of terms) {
      const hit =
        (term.prefix ? word.startsWith(term.folded) : word === term.folded) ||
        (term.stem !== undefined && (word === term.stem || (stems ??= wordStems(token.word)).includes(term.stem)));
      if (hit) {
        const length = term.prefix && word.startsWith(term.folded) ? Math.min(term.folded.length, token.word.length) : token.word.length;
        ranges.push({ start: token.start, length });
        break;
      }
    }
  }
  return ranges;
}

/** Sorted, without overlaps: engines may report the same word twice (title and folded title). */
export function mergeRanges(ranges: MatchRange[]): MatchRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || b.length - a.length);
  const out: MatchRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.start + last.length) {
      last.length = Math.max(last.length, r.start + r.length - last.start);
    } else out.push({ ...r });
  }
  return out;
}

/** The value HTML-escaped, with each range wrapped in <mark>. Safe to insert into a page as is. */
export function markHtml(value: string, ranges: MatchRange[], from = 0, to = value.length): string {
  let out = '';
  let at = from;
  for (const r of mergeRanges(ranges)) {
    const start = Math.max(r.start, from);
    const end = Math.min(r.start + r.length, to);
    if (end <= start) continue;
    out += `${escapeHtml(value.slice(at, start))}<mark>${escapeHtml(value.slice(start, end))}</mark>`;
    at = end;
  }
  return out + escapeHtml(value.slice(at, to));
}

/**
 * About `size` characters of the text around its first match (or its beginning), cut at spaces,
 * with an ellipsis where it was cut, highlighted as HTML.
 */
export function snippetHtml(value: string, ranges: MatchRange[], size = 200): string {
  if (value.length <= size) return markHtml(value, ranges);
  const first = mergeRanges(ranges)[0];
  let from = first ? Math.max(0, first.start - Math.floor(size / 4)) : 0;
  let to = Math.min(value.length, from + size);
  if (to === value.length) from = Math.max(0, to - size);
  if (from > 0) {
    const space = value.indexOf(' ', from);
    if (space !== -1 && space < (first?.start ?? to)) from = space + 1;
  }
  if (to < value.length) {
    const space = value.lastIndexOf(' ', to);
    if (space > from + size / 2) to = space;
  }
  return (from > 0 ? '… ' : '') + markHtml(value, ranges, from, to) + (to < value.length ? ' …' : '');
}
