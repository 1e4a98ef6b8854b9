import type Database from 'better-sqlite3';
import { parseDocuments, type IndexBuild, type SearchIndex, type SearchRequest, type SearchResult } from '../search.port.ts';
import { bestCorrection, firstLetters, suggestQuery, SUGGEST_BELOW, type Candidate } from '../search.suggest.ts';
import { findMatches, matchTerms, queryTerms, settleTerms, type IndexWords } from '../search.text.ts';
import { expandTypos, matchExpression, nextChar, type ExpandedTerm } from './fts5-query.ts';
import { createSlotStore, toDocument } from './fts5-store.ts';
import type { SlotValues } from './fts5-values.ts';
import { collapse } from './fts5-collapse.ts';

// The embedded engine: SQLite FTS5 in the application's own database, so search works with zero
// setup. FTS5 finds and ranks the words (bm25, title above text, exact above folded); the slot's
// filter columns, held in memory, answer filters, facets and date sorts. Storage and its
// writes: fts5-store.ts; tables: drizzle/*_search_fts5 and *_search_stems.

/** A SQL function that asks the current search whether a row passes its filter. */
const KEEP = 'jauap_search_keep';
const keepers = new WeakMap<Database.Database, { keep: ((seq: number) => boolean) | null }>();

function keeper(sqlite: Database.Database) {
  let holder = keepers.get(sqlite);
  if (!holder) {
    const slot: { keep: ((seq: number) => boolean) | null } = { keep: null };
    // better-sqlite3 is synchronous: the function is set, the statement runs, it is cleared.
    sqlite.function(KEEP, { deterministic: false }, (rowid) => (slot.keep === null || slot.keep(Number(rowid)) ? 1 : 0));
    keepers.set(sqlite, slot);
    holder = slot;
  }
  return holder;
}

/** The page cache while an index is built, in KiB (negative: a size rather than a page count). */
const BUILD_CACHE_KIB = -65_536;

/** Answers are cached per slot version: a published quarter is asked the same things all day. */
const CACHE_SIZE = 256;

export function createFts5SearchIndex(sqlite: Database.Database): SearchIndex {
  const store = createSlotStore(sqlite);
  const holder = keeper(sqlite);
  const answers = new Map<string, SearchResult>();
  /** A search runs four or five statements: the connection compiles each SQL text once (db/statement-cache.ts). */
  const sql = <P extends unknown[]>(text: string) => sqlite.prepare<P>(text);

  /** Positions (in the slot's values) of the documents matching the words and the filter. */
  function matching(slot: string, values: SlotValues, words: string, filter: ((at: number) => boolean) | null, ranked: boolean) {
    const fts = `"search_fts_${slot}"`;
    if (filter === null) {
      // Nothing to filter: every match counts. Rank only the page (see `page` below).
      const seqs = sql<[string]>(`select rowid from ${fts} where ${fts} match ?`).pluck().all(words) as number[];
      return { positions: seqs.map((s) => values.find(s)).filter((at) => at !== -1), ordered: false };
    }
    holder.keep = (seq) => {
      const at = values.find(seq);
      return at !== -1 && filter(at);
    };
    try {
      if (!ranked) {
        const seqs = sql<[string]>(`select rowid from ${fts} where ${fts} match ? and ${KEEP}(rowid)`).pluck().all(words) as number[];
        return { positions: seqs.map((s) => values.find(s)), ordered: false };
      }
      // Not `order by rank`: that makes FTS5 score every match before the filter runs. Asked for
      // as a column, bm25 is computed only for the rows the filter kept; they are sorted here.
      const rows = sql<[string]>(`select rowid, rank from ${fts} where ${fts} match ? and ${KEEP}(rowid)`).raw().all(words) as [number, number][];
      rows.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
      return { positions: rows.map(([s]) => values.find(s)), ordered: true };
    } finally {
      holder.keep = null;
    }
  }

  function page(slot: string, values: SlotValues, words: string | null, found: { positions: number[]; ordered: boolean }, request: SearchRequest): number[] {
    const { offset, limit, sort } = request;
    if (words !== null && sort === 'RELEVANCE') {
      if (found.ordered) return found.positions.slice(offset, offset + limit);
      const fts = `"search_fts_${slot}"`;
      const seqs = sql<[string, number, number]>(`select rowid from ${fts} where ${fts} match ? order by rank limit ? offset ?`)
        .pluck()
        .all(words, limit, offset) as number[];
      return seqs.map((s) => values.find(s)).filter((at) => at !== -1);
    }
    return values.top(found.positions, sort === 'RELEVANCE' ? 'RAISED_DESC' : sort, offset + limit).slice(offset);
  }

  const anyMatch = (slot: string, words: string) => {
    const fts = `"search_fts_${slot}"`;
    return sql<[string]>(`select 1 from ${fts} where ${fts} match ? limit 1`).get(words) !== undefined;
  };

  const quoted = (word: string) => `"${word.replace(/"/g, '""')}"`;
  /** What settles a query's language per word: the names of categories and bodies, the folded words. */
  const indexWords = (slot: string): IndexWords => ({
    isEnglish: (stem) => anyMatch(slot, `label_terms : ${quoted(stem)}`),
    isWord: (folded) => anyMatch(slot, `{title_folded text_folded} : ${quoted(folded)}`),
  });

  /** "Did you mean": words the slot has not seen, corrected from the titles' and texts' vocabulary. */
  async function suggest(slot: string, text: string): Promise<string | null> {
    const terms = sql<[string, string]>(
      `select term as spelling, sum(doc) as docs from "search_terms_${slot}" where term >= ? and term < ? and col in ('title', 'text') group by term`,
    );
    return suggestQuery(text, (word) => {
      const [term] = queryTerms(word);
      if (!term || term.latin || anyMatch(slot, matchExpression([{ ...term, prefix: false }])!)) return null;
      const candidates = firstLetters(term.folded).flatMap((letter) => terms.all(letter, nextChar(letter)) as Candidate[]);
      return bestCorrection(word, candidates);
    });
  }

  async function answer(request: SearchRequest, slot: string, values: SlotValues): Promise<SearchResult> {
    const filter = values.compile(request.filter, request.today);
    let terms: ExpandedTerm[] = await settleTerms(queryTerms(request.text), indexWords(slot));
    let words = matchExpression(terms);
    let found: { positions: number[]; ordered: boolean };
    if (words === null) {
      const positions: number[] = [];
      for (let at = 0; at < values.size; at++) if (values.alive[at] === 1 && (filter === null || filter(at))) positions.push(at);
      found = { positions, ordered: false };
    } else {
      const ranked = request.sort === 'RELEVANCE';
      found = matching(slot, values, words, filter, ranked);
      // Only words unknown to the index get typo alternatives, not words a filter excluded.
      const fts = `"search_fts_${slot}"`;
      if (found.positions.length === 0 && !sql<[string]>(`select 1 from ${fts} where ${fts} match ? limit 1`).get(words)) {
        const corrected = expandTypos(sqlite, `search_vocab_${slot}`, terms);
        if (corrected) {
          terms = corrected;
          words = matchExpression(terms)!;
          found = matching(slot, values, words, filter, ranked);
        }
      }
    }
    const relevance = words !== null && request.sort === 'RELEVANCE';
    // Collapsing picks each group's best match: every match must be ranked, not only the page.
    if (request.collapse && words !== null && relevance && !found.ordered) found = matching(slot, values, words, filter ?? (() => true), true);
    const collapsed = request.collapse
      ? collapse(values, found.positions, relevance, request.sort === 'RELEVANCE' ? 'RAISED_DESC' : request.sort, request.offset, request.limit)
      : null;
    const chosen = collapsed ? collapsed.page : page(slot, values, words, found, request);
    const rows = store.documents(chosen.map((at) => values.seq[at]!));
    const highlight = matchTerms(terms);
    const suggestion = words !== null && found.positions.length < SUGGEST_BELOW ? await suggest(slot, request.text) : null;
    return {
      suggestion,
      total: collapsed ? collapsed.total : found.positions.length,
      facets: values.facets(found.positions, request.facets, request.today, request.facetsCount === 'groups'),
      hits: chosen.flatMap((at) => {
        const row = rows.get(values.seq[at]!);
        if (!row) return [];
        const document = toDocument(row);
        const matches = { title: findMatches(document.title, highlight), text: findMatches(document.text, highlight) };
        return [collapsed ? { document, matches, collapsed: collapsed.counts.get(values.collapseKey(at)) ?? 1 } : { document, matches }];
      }),
    };
  }

  return {
    backend: 'fts5',
    async prepare() {
      store.slots('live');
      store.slots('published');
    },
    async upsert(index, documents) {
      store.write(store.slots(index).active_slot, parseDocuments(documents));
    },
    async delete(index, ids) {
      store.remove(store.slots(index).active_slot, ids);
    },
    async search(request: SearchRequest): Promise<SearchResult> {
      const slot = store.slots(request.index).active_slot;
      const values = store.values(slot);
      const { index, text, filter, facets, sort, offset, limit, today, collapse: collapsing, facetsCount } = request;
      const key = JSON.stringify([slot, values.version, index, text, filter, facets, sort, offset, limit, today, collapsing, facetsCount]);
      const cached = answers.get(key);
      if (cached) {
        answers.delete(key);
        answers.set(key, cached);
        return cached;
      }
      const result = await answer(request, slot, values);
      answers.set(key, result);
      if (answers.size > CACHE_SIZE) answers.delete(answers.keys().next().value!);
      return result;
    },
    async startBuild(index, { resume }): Promise<IndexBuild> {
      const slots = store.slots(index);
      const idle = slots.active_slot.endsWith('_a') ? `${index}_b` : `${index}_a`;
      const resumed = resume && slots.building_slot === idle;
      if (!resumed) {
        store.clear(idle);
        store.markBuilding(index, idle);
      }
      store.prepareBuild(idle);
      // FTS5 merges the segments it writes, reading them back: with SQLite's default 2 MB page
      // cache those reads go to the file again and again once the index outgrows it.
      const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
      sqlite.pragma(`cache_size = ${BUILD_CACHE_KIB}`);
      return {
        resumed,
        async add(documents) {
          store.write(idle, parseDocuments(documents));
        },
        async swap() {
          // Fewer, larger FTS5 segments answer faster; merge in small steps so writers are not held up.
          const fts = `search_fts_${idle}`;
          for (let step = 0; step < 10_000; step++) {
            const before = sql('select total_changes() as n').get() as { n: number };
            sql(`insert into "${fts}" ("${fts}", rank) values ('merge', -2000)`).run();
            const after = sql('select total_changes() as n').get() as { n: number };
            if (after.n - before.n <= 1) break;
          }
          store.values(idle);
          store.activate(index, idle);
          store.clear(slots.active_slot);
          sqlite.pragma(`cache_size = ${cacheSize}`);
        },
      };
    },
    async count(index) {
      return store.count(store.slots(index).active_slot);
    },
    async close() {},
  };
}
