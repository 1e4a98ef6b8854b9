import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFts5SearchIndex } from '../../src/modules/search/adapters/fts5.ts';
import { editDistance, fold, KAZAKH_FOLDING, markHtml, queryTerms, snippetHtml } from '../../src/modules/search/search.text.ts';
import { createTestApp } from '../helpers/app.ts';
import { fixtureDocuments } from './fixtures.ts';

// The text rules: Kazakh folding (the SQL of the migration and the TypeScript of the query side
// must agree, or typed-without-letters searches silently miss), terms, typos, safe highlighting.

const app = createTestApp({ seed: 'none' });
const KAZAKH = Object.keys(KAZAKH_FOLDING).join('');
const word = fc.string({ unit: fc.constantFrom(...`${KAZAKH}абвгдежзклмнопрстуфхцчшыэюяАБВКМНО`), minLength: 1, maxLength: 12 });

describe('Kazakh folding', () => {
  it('folds the SQL index columns exactly as the query side folds', () => {
    const sqlite = app.db.$client;
    const base = fixtureDocuments()[0]!;
    fc.assert(
      fc.property(word, word, (title, text) => {
        sqlite
          .prepare(`insert into search_documents (slot, doc_id, issue_id, quarter, title, text, language, category, status, region_id, unit_id,
            unit_path, organization_id, organization_kind, due_date, overdue, progress, raised_at, updated_at)
            values ('live_b', 'fold', 1, null, ?, ?, 'kk', 'ROADS', 'NEW', 1, 1, '[1]', null, null, null, 0, 0, ?, ?)`)
          .run(title, text, base.raisedAt, base.updatedAt);
        const row = sqlite.prepare(`select title_folded as t, text_folded as x from search_documents where doc_id = 'fold'`).get() as { t: string; x: string };
        sqlite.prepare(`delete from search_documents where doc_id = 'fold'`).run();
        return row.t === fold(title) && row.x === fold(text);
      }),
      { numRuns: 300 },
    );
  });

  it('finds a word typed without its Kazakh letters, whatever the word', async () => {
    const engine = createFts5SearchIndex(app.db.$client);
    const base = fixtureDocuments()[0]!;
    await fc.assert(
      fc.asyncProperty(
        word.filter((w) => w.length >= 2),
        async (w) => {
          await engine.upsert('live', [{ ...base, id: '1', title: `${w} тест`, text: 'мәтін' }]);
          const hits = (await engine.search({ index: 'live', text: fold(w), filter: {}, facets: [], sort: 'RELEVANCE', offset: 0, limit: 5 })).hits;
          return hits.length === 1;
        },
      ),
      { numRuns: 100 },
    );
  });

  it('keeps lengths, so positions found in folded text are positions in the original', () => {
    for (const [from, to] of Object.entries(KAZAKH_FOLDING)) expect([from.length, to.length]).toEqual([1, 1]);
    expect(fold('Қазақстан Республикасы, әкімдік, ёлка, йод')).toBe('Казакстан Республикасы, акимдик, елка, иод');
  });
});

describe('query terms, typos and highlighting', () => {
  it('splits like the FTS5 tokenizer, drops repeats, stems, and lets only a last word of three letters or more be a prefix', () => {
    expect(queryTerms('Су, су құбыры! а')).toEqual([
      { exact: 'су', folded: 'су', prefix: false },
      { exact: 'құбыры', folded: 'кубыры', prefix: false, stem: 'кубыр' },
      { exact: 'а', folded: 'а', prefix: false },
    ]);
    expect(queryTerms('су')[0]!.prefix).toBe(false);
    expect(queryTerms('құбыр')[0]!.prefix).toBe(true);
    // An ending recognised: the word is complete, its stem finds the other forms.
    // Both stemmers read мектепке; the engine asks its index which reading is a word (мектеп, not мектепк).
    expect(queryTerms('мектепке')[0]).toEqual({
      exact: 'мектепке',
      folded: 'мектепке',
      prefix: false,
      stem: 'мектеп',
      readings: { kazakh: 'мектеп', russian: 'мектепк' },
    });
    expect(queryTerms('"*OR NEAR(')).toEqual([
      { exact: 'or', folded: 'or', prefix: false, latin: true },
      { exact: 'near', folded: 'near', prefix: true, latin: true },
    ]);
  });

  it('measures edits with transpositions and gives up past the budget', () => {
    expect(editDistance('мусор', 'мусер', 1)).toBe(1);
    expect(editDistance('водопровод', 'водопрвод', 2)).toBe(1);
    expect(editDistance('мусор', 'муср', 1)).toBe(1);
    expect(editDistance('мусор', 'мсуор', 1)).toBe(1);
    expect(editDistance('мусор', 'гараж', 2)).toBe(3);
  });

  it('escapes HTML around the marks, so a hostile title cannot inject markup', () => {
    const title = '<script>alert(1)</script> су & "құбыр"';
    const html = markHtml(title, [{ start: 26, length: 2 }]);
    expect(html).toBe('&lt;script&gt;alert(1)&lt;/script&gt; <mark>су</mark> &amp; &quot;құбыр&quot;');
    const long = `${'бір '.repeat(100)}құбыр жарылды ${'екі '.repeat(100)}`;
    const snippet = snippetHtml(long, [{ start: 400, length: 5 }]);
    expect(snippet).toMatch(/^… .*<mark>құбыр<\/mark> жарылды .* …$/);
    expect(snippet.length).toBeLessThan(260);
  });
});
