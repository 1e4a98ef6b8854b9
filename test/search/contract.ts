import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchDocument, SearchIndex, SearchRequest } from '../../src/modules/search/search.port.ts';
import { comparable } from '../../src/modules/search/search.text.ts';
import { fixtureDocuments, RELEVANCE_CASES } from './fixtures.ts';
import { HITS_AT_3_THRESHOLD, RELEVANCE_SUITE, relevanceDocuments } from './relevance.ts';

// The SearchIndex contract: the same cases, run against every adapter (fts5.contract.test.ts,
// meilisearch.contract.test.ts). An adapter that passes can replace the other.

const LIVE = fixtureDocuments(null);
const Q3 = fixtureDocuments('2026-Q3');
const Q2 = fixtureDocuments('2026-Q2').slice(0, 10);
/** The relevance suite's quarter, in the published index until the rebuild tests replace it. */
const Q4 = relevanceDocuments('2026-Q4');

const ask = (overrides: Partial<SearchRequest>): SearchRequest => ({
  index: 'live',
  text: '',
  filter: {},
  facets: [],
  sort: 'RELEVANCE',
  offset: 0,
  limit: 50,
  ...overrides,
});
const numbers = (hits: { document: SearchDocument }[]) => hits.map((h) => h.document.issueId);
const expected = (docs: SearchDocument[], keep: (d: SearchDocument) => boolean) =>
  docs
    .filter(keep)
    .map((d) => d.issueId)
    .sort((a, b) => a - b);
const sorted = (list: number[]) => [...list].sort((a, b) => a - b);

export function searchContract(label: string, engine: () => SearchIndex) {
  let index: SearchIndex;
  const search = (overrides: Partial<SearchRequest>) => index.search(ask(overrides));

  beforeAll(async () => {
    index = engine();
    await index.prepare();
    await index.upsert('live', LIVE);
    const build = await index.startBuild('published', { resume: false });
    await build.add([...Q2, ...Q3, ...Q4]);
    await build.swap();
  });

  describe(`${label}: documents`, () => {
    it('indexes documents and counts them', async () => {
      expect(await index.count('live')).toBe(40);
      expect(await index.count('published')).toBe(50 + Q4.length);
    });

    it('refuses a document carrying anything but public fields, before the engine sees it', async () => {
      const withContact = { ...LIVE[0]!, id: '900', issueId: 900, contactName: 'Айгүл Тестова', iin: '900101400013' };
      await expect(index.upsert('live', [withContact as SearchDocument])).rejects.toThrow(/refused/);
      expect(await index.count('live')).toBe(40);
    });

    it('replaces a document with the same id and deletes by id', async () => {
      const changed = { ...LIVE[0]!, id: '41', issueId: 41, title: 'Уақытша құжат', text: 'Бұл жазба өшіріледі.' };
      await index.upsert('live', [changed]);
      await index.upsert('live', [{ ...changed, title: 'Уақытша жазба' }]);
      expect(numbers((await search({ text: 'уақытша жазба' })).hits)).toEqual([41]);
      expect((await search({ text: 'уақытша құжат' })).total).toBe(0);
      await index.delete('live', ['41']);
      expect((await search({ text: 'уақытша' })).total).toBe(0);
      expect(await index.count('live')).toBe(40);
    });
  });

  describe(`${label}: filters, facets, sorting, paging`, () => {
    it('browses everything, newest first, when no words are given', async () => {
      const result = await search({ limit: 100 });
      expect(result.total).toBe(40);
      const raised = result.hits.map((h) => h.document.raisedAt);
      expect(raised).toEqual([...raised].sort().reverse());
    });

    it('filters by category, status, region, unit (and below), body, kind and quarter', async () => {
      const cases: [Partial<SearchRequest>, (d: SearchDocument) => boolean][] = [
        [{ filter: { categories: ['WATER_SUPPLY', 'ROADS'] } }, (d) => d.category === 'WATER_SUPPLY' || d.category === 'ROADS'],
        [{ filter: { statuses: ['IN_PROGRESS'] } }, (d) => d.status === 'IN_PROGRESS'],
        [{ filter: { regionIds: [2] } }, (d) => d.regionId === 2],
        [{ filter: { unitIds: [11] } }, (d) => d.unitPath.includes(11)],
        [{ filter: { organizationIds: [8] } }, (d) => d.organizationId === 8],
        [{ filter: { organizationKinds: ['CENTRAL_EXECUTIVE_BODY'] } }, (d) => d.organizationKind === 'CENTRAL_EXECUTIVE_BODY'],
        [{ filter: { regionIds: [1], statuses: ['CLOSED', 'RESOLVED'] } }, (d) => d.regionId === 1 && ['CLOSED', 'RESOLVED'].includes(d.status)],
        [{ filter: { categories: [] } }, () => false],
      ];
      for (const [request, keep] of cases) {
        const result = await search({ ...request, limit: 100 });
        expect(sorted(numbers(result.hits)), JSON.stringify(request)).toEqual(expected(LIVE, keep));
        expect(result.total).toBe(expected(LIVE, keep).length);
      }
      const q2 = await search({ index: 'published', filter: { quarter: '2026-Q2' }, limit: 100 });
      expect(sorted(numbers(q2.hits))).toEqual(expected(Q2, () => true));
      expect(q2.hits.every((h) => h.document.quarter === '2026-Q2')).toBe(true);
    });

    it('judges overdue by the stored flag, or against today from the deadline and status', async () => {
      const stored = await search({ index: 'published', filter: { quarter: '2026-Q3', overdue: true }, limit: 100 });
      expect(sorted(numbers(stored.hits))).toEqual(expected(Q3, (d) => d.overdue));
      const today = '2026-11-15';
      const late = (d: SearchDocument) => d.dueDate !== null && d.dueDate < today && !['RESOLVED', 'CLOSED', 'DECLINED'].includes(d.status);
      const live = await search({ filter: { overdue: true }, today, limit: 100 });
      expect(sorted(numbers(live.hits))).toEqual(expected(LIVE, late));
      const notLate = await search({ filter: { overdue: false }, today, limit: 100 });
      expect(sorted(numbers(notLate.hits))).toEqual(expected(LIVE, (d) => !late(d)));
    });

    it('limits staff to their scope: their territory or the bodies they act for', async () => {
      const scoped = await search({ filter: { scope: { unitIds: [21], organizationIds: [7] } }, limit: 100 });
      expect(sorted(numbers(scoped.hits))).toEqual(expected(LIVE, (d) => d.unitPath.includes(21) || d.organizationId === 7));
      expect((await search({ filter: { scope: { unitIds: [], organizationIds: [] } } })).total).toBe(0);
    });

    it('counts facet values over all matches, not just the page', async () => {
      const result = await search({ text: 'су', facets: ['status', 'category', 'regionId', 'organizationId', 'organizationKind'], limit: 2 });
      const all = (await search({ text: 'су', limit: 100 })).hits.map((h) => h.document);
      expect(result.hits).toHaveLength(2);
      expect(result.total).toBe(all.length);
      const count = (key: (d: SearchDocument) => string) => {
        const counts: Record<string, number> = {};
        for (const d of all) counts[key(d)] = (counts[key(d)] ?? 0) + 1;
        return counts;
      };
      expect(result.facets.status).toEqual(count((d) => d.status));
      expect(result.facets.category).toEqual(count((d) => d.category));
      expect(result.facets.regionId).toEqual(count((d) => String(d.regionId)));
      expect(result.facets.organizationKind).toEqual(count((d) => String(d.organizationKind)));
      const published = await search({ index: 'published', filter: { quarter: '2026-Q3' }, facets: ['overdue'] });
      expect(published.facets.overdue).toEqual({ true: Q3.filter((d) => d.overdue).length, false: Q3.filter((d) => !d.overdue).length });
    });

    it('sorts matches by date when asked, deadlines without a date last', async () => {
      for (const [sort, key, direction] of [
        ['RAISED_DESC', 'raisedAt', -1],
        ['RAISED_ASC', 'raisedAt', 1],
        ['UPDATED_DESC', 'updatedAt', -1],
      ] as const) {
        const values = (await search({ text: 'ауыл', sort, limit: 100 })).hits.map((h) => h.document[key]);
        expect(values.length).toBeGreaterThan(3);
        expect(values).toEqual([...values].sort((a, b) => direction * a.localeCompare(b)));
      }
      const due = (await search({ sort: 'DUE_DATE_ASC', limit: 100 })).hits.map((h) => h.document.dueDate);
      const dated = due.filter((d): d is string => d !== null);
      expect(due.slice(0, dated.length)).toEqual([...dated].sort());
      expect(due.slice(dated.length).every((d) => d === null)).toBe(true);
    });

    it('pages through every match exactly once', async () => {
      const seen: number[] = [];
      let total = 0;
      for (let offset = 0; offset < 40; offset += 7) {
        const page = await search({ offset, limit: 7 });
        total = page.total;
        seen.push(...numbers(page.hits));
      }
      expect(total).toBe(40);
      expect(sorted(seen)).toEqual(LIVE.map((d) => d.issueId));
    });

    it('marks where the words matched, in the original text, with or without Kazakh letters', async () => {
      const result = await search({ text: 'кубыр жарылды' });
      const hit = result.hits.find((h) => h.document.issueId === 2)!;
      const marked = hit.matches.title.map((r) => comparable(hit.document.title.slice(r.start, r.start + r.length)));
      expect(marked.some((m) => m.startsWith('кубыр'))).toBe(true);
      expect(marked.some((m) => m.startsWith('жарылды'))).toBe(true);
      expect(hit.matches.text.length).toBeGreaterThan(0);
    });
  });

  describe(`${label}: word forms, names in three languages, suggestions`, () => {
    const found = async (text: string) => sorted(numbers((await search({ text, limit: 50 })).hits));

    it('gives one answer for the forms of a Russian word', async () => {
      const water = await found('вода');
      expect(water).toEqual(expect.arrayContaining([21, 36]));
      expect(await found('воды')).toEqual(water);
      expect(await found('воду')).toEqual(water);
    });

    it('finds a Kazakh word from its inflected forms, typed with or without the Kazakh letters', async () => {
      for (const form of ['мектебі', 'мектепке', 'мектептің', 'мектеби']) expect(await found(form), form).toContain(4);
      for (const form of ['жолы', 'жолдың']) expect(await found(form), form).toContain(3);
      for (const form of ['суы', 'суды']) expect(await found(form), form).toEqual(expect.arrayContaining([1, 2, 40]));
    });

    it('does not stretch a two-letter word into others: су is not суық', async () => {
      const water = await found('су');
      expect(water).toEqual(expect.arrayContaining([1, 2, 40]));
      expect(water).not.toContain(10);
    });

    it('finds problems by the English, Russian or Kazakh name of their category', async () => {
      const supply = expected(LIVE, (d) => d.category === 'WATER_SUPPLY');
      expect(await found('water')).toEqual(supply);
      expect(await found('водоснабжение')).toEqual(supply);
      expect(await found('kindergartens')).toEqual(expected(LIVE, (d) => d.category === 'KINDERGARTENS'));
    });

    it('reads Kazakh typed in Latin letters', async () => {
      expect(await found('kubyr')).toEqual(expect.arrayContaining([2, 7]));
      expect(await found('mektep')).toContain(4);
    });

    it('suggests the word the documents have when a query finds little, and nothing when it finds enough', async () => {
      const typo = await search({ text: 'кубр' });
      expect(typo.total).toBe(0);
      expect(typo.suggestion).toBe('құбыр');
      expect((await search({ text: 'водапровод' })).suggestion).toBe('водопровод');
      expect((await search({ text: 'ауыз кубр' })).suggestion).toBe('ауыз құбыр');
      expect((await search({ text: 'су' })).suggestion ?? null).toBeNull();
    });
  });

  describe(`${label}: relevance in Kazakh and Russian`, () => {
    it.each(RELEVANCE_CASES.map((c) => [c.kind, c.query, c] as const))('%s: %s', async (_kind, query, c) => {
      const hits = numbers((await search({ text: query, limit: 10 })).hits);
      expect(c.first, `first hit for "${query}": ${JSON.stringify(hits)}`).toContain(hits[0]);
      if (c.top) expect(hits.slice(0, c.within ?? c.top.length)).toEqual(expect.arrayContaining(c.top));
    });
  });

  describe(`${label}: the relevance suite`, () => {
    it(`finds an answer among the first three hits for at least ${HITS_AT_3_THRESHOLD * 100}% of ${RELEVANCE_SUITE.length} queries`, async () => {
      expect(RELEVANCE_SUITE.length).toBeGreaterThanOrEqual(80);
      const misses: string[] = [];
      for (const c of RELEVANCE_SUITE) {
        const top = numbers((await search({ index: 'published', filter: { quarter: '2026-Q4' }, text: c.query, limit: 3 })).hits);
        if (!top.some((n) => c.relevant.includes(n))) misses.push(`${c.kind}: ${c.query} -> ${JSON.stringify(top)}`);
      }
      const hitsAt3 = 1 - misses.length / RELEVANCE_SUITE.length;
      console.info(`[relevance] ${label}: hits@3 ${hitsAt3.toFixed(3)} over ${RELEVANCE_SUITE.length} queries; misses: ${misses.join('; ') || 'none'}`);
      expect(hitsAt3, misses.join('\n')).toBeGreaterThanOrEqual(HITS_AT_3_THRESHOLD);
    });
  });

  describe(`${label}: rebuilding off to the side`, () => {
    it('keeps serving the old index until the swap, then serves only the new one', async () => {
      const build = await index.startBuild('live', { resume: false });
      expect(build.resumed).toBe(false);
      await build.add(LIVE.slice(0, 5));
      expect(await index.count('live')).toBe(40);
      expect((await search({ text: 'мусор' })).total).toBe(1);
      await build.swap();
      expect(await index.count('live')).toBe(5);
      expect((await search({ text: 'мусор' })).total).toBe(0);
      await index.upsert('live', LIVE);
    });

    it('resumes an interrupted build, or starts over when asked to', async () => {
      const first = await index.startBuild('published', { resume: false });
      await first.add(Q3.slice(0, 20));
      // The process "crashes" here: `first` is dropped without a swap.
      const again = await index.startBuild('published', { resume: true });
      expect(again.resumed).toBe(true);
      await again.add(Q3.slice(20));
      await again.swap();
      expect(await index.count('published')).toBe(40);
      const fresh = await index.startBuild('published', { resume: false });
      await fresh.add(Q2);
      const over = await index.startBuild('published', { resume: false });
      expect(over.resumed).toBe(false);
      await over.add([...Q2, ...Q3]);
      await over.swap();
      expect(await index.count('published')).toBe(50);
    });
  });
}
