import type { Index } from 'meilisearch';
import { bestCorrection, suggestQuery } from '../search.suggest.ts';
import { queryTerms, tokenize, type QueryTerm } from '../search.text.ts';

// What the Meilisearch adapter asks: the query string it sends for a query's terms, and the words
// it suggests when a query finds little.

/**
 * The query as Meilisearch gets it: each word's stem (or the word, folded: Meilisearch does not fold
 * Kazakh letters), matched in the words and in the stems. Meilisearch takes the last word as a
 * prefix unless a space follows it: the space is added when the last word must not be one (su).
 * `strict` quotes every word that is not a prefix: Meilisearch matches a quoted word exactly, with
 * no typo, as FTS5 does until a query finds nothing at all. A quoted word is never a prefix, so the
 * prefix word stays bare (and keeps Meilisearch's typo tolerance when it has five letters or more).
 */
export function queryString(terms: QueryTerm[], strict = false): string {
  const words = terms
    .map((t) => {
      const word = t.stem ?? t.folded;
      return strict && !t.prefix ? `"${word.replaceAll('"', '')}"` : word;
    })
    .join(' ');
  const last = terms[terms.length - 1];
  return last && !last.prefix ? `${words} ` : words;
}

/**
 * "Did you mean" from the documents themselves: a word no document has (a phrase disables typo
 * tolerance) is compared with the words of up to 300 documents that have a word starting with its
 * first three letters, or its first two.
 */
export async function suggestFromDocuments(index: Index, text: string, filter: string[] | undefined): Promise<string | null> {
  return suggestQuery(text, async (word) => {
    const [term] = queryTerms(word);
    if (!term || term.latin) return null;
    const known = await index.search(`"${term.stem ?? term.folded}"`, { limit: 0, filter });
    if ((known.estimatedTotalHits ?? 0) > 0) return null;
    for (const length of [3, 2]) {
      if (term.folded.length <= length) continue;
      const sample = await index.search(term.folded.slice(0, length), {
        limit: 300,
        filter,
        attributesToSearchOn: ['titleFolded', 'textFolded'],
        attributesToRetrieve: ['title', 'text'],
      });
      const docs = new Map<string, number>();
      for (const hit of sample.hits) {
        const seen = new Set(tokenize(`${hit.title} ${hit.text}`).map((t) => t.word.toLowerCase()));
        for (const spelling of seen) docs.set(spelling, (docs.get(spelling) ?? 0) + 1);
      }
      const fixed = bestCorrection(
        word,
        [...docs].map(([spelling, count]) => ({ spelling, docs: count })),
      );
      if (fixed) return fixed;
    }
    return null;
  });
}
