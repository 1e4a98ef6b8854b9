import type { MatchRange } from './search.port.ts';
import { escapeHtml } from '../shared/escape-html.ts';

// Text rules shared by both engines and the highlighter: Kazakh folding, how a query becomes terms,
// the typo budget and edit distance, and how matches become a snippet.

/**
 * Kazakh letters and ё/й folded to the Russian letter a person types without a Kazakh layout
 * (FTS5's unicode61 folds no Cyrillic letters). Every mapping is one UTF-16 unit to one, so a folded string has the same
 * length as the original and positions found in one are positions in the other.
 * The SQL triggers of the FTS5 migration spell out the same table; a test keeps them equal.
 */
export const KAZAKH_FOLDING: Readonly<Record<string, string>> = {
  ә: 'а', Ә: 'А', ғ: 'г', Ғ: 'Г', қ: 'к', Қ: 'К', ң: 'н', Ң: 'Н', ө: 'о', Ө: 'О',
  ұ: 'у', Ұ: 'У', ү: 'у', Ү: 'У', һ: 'х', Һ: 'Х', і: 'и', І: 'И', ё: 'е', Ё: 'Е', й: 'и', Й: 'И',
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
  /** Lower case, as typed. */
  exact: string;
  /** Lower case and folded. */
  folded: string;
  /** Matches words that start with it (Kazakh adds suffixes: құбыр, құбыры, құбырлар). */
  prefix: boolean;
  /** Folded and without its final vowel, also matched as a prefix: школа finds школе, школы. */
  stem?: string;
}

/** Vowels (and ь, й) that end inflected forms in Russian and Kazakh, folded. */
const ENDINGS = new Set('аеиоуыэюяь');

/** At most this many words count: longer queries add cost, not precision. */
export const MAX_QUERY_TERMS = 8;

/**
 * Terms of a query. The last word matches as a prefix from two letters, because the user may
 * still be typing it (as Meilisearch does); a single letter matches itself only. Every word of five
 * letters or more that ends in a vowel also matches without it, so a stem finds its inflected
 * forms in Russian and Kazakh (школа: школе, школы; құбыры: құбыр, құбырын). Meilisearch gets the
 * same effect from its typo tolerance. Prefixes on every word would find more, but cost several
 * times the ranking work on a large index for little precision (пен* is пенсия as well as "and").
 */
export function queryTerms(text: string): QueryTerm[] {
  const words = tokenize(text.normalize('NFC')).map((t) => t.word.toLowerCase());
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  words.slice(0, MAX_QUERY_TERMS).forEach((exact, i, list) => {
    if (seen.has(exact)) return;
    seen.add(exact);
    const isLast = i === list.length - 1;
    const folded = fold(exact);
    const term: QueryTerm = { exact, folded, prefix: isLast && exact.length >= 2 };
    // A light stemmer: the case ending of a word long enough to have a stem of four letters.
    if (folded.length >= 5 && ENDINGS.has(folded[folded.length - 1]!)) term.stem = folded.slice(0, -1);
    terms.push(term);
  });
  return terms;
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
}

/** Where the terms occur in `value`: whole words that equal a term, or start with a prefix term. */
export function findMatches(value: string, terms: MatchTerm[]): MatchRange[] {
  if (terms.length === 0) return [];
  const ranges: MatchRange[] = [];
  for (const token of tokenize(value)) {
    const word = comparable(token.word);
    for (const term of terms) {
      if (term.prefix ? word.startsWith(term.folded) : word === term.folded) {
        const length = term.prefix ? Math.min(term.folded.length, token.word.length) : token.word.length;
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
    out += escapeHtml(value.slice(at, start)) + '<mark>' + escapeHtml(value.slice(start, end)) + '</mark>';
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
