import { parseSearchParams, PER_PAGE, queryStringReader, searchQuery, toSearchInput, type SearchParams } from '../search/search.params.ts';
import { MAX_RESULT_WINDOW, type SearchService } from '../search/search.service.ts';
import { InvalidInputError } from '../shared/errors.ts';
import type { NotificationsRepo } from './notifications.repo.ts';

// A saved search followed by email. It is stored as the search page's query string and run by the
// search service exactly as the page runs it (search.params.ts), once per quarter published since
// the last digest; the digest lists the matches that are new or changed in that quarter (the
// publication's own comparison with the quarter before).

/** Matches read per published quarter: a digest is news, not an export (the page has the rest). */
export const SAVED_SEARCH_SCAN = 1_000;
const PAGE = 100;

/**
 * The saved form of a search: the page's query string without what does not belong to a standing
 * search (the quarter: each new quarter is searched; the page; the order).
 */
export function savedSearchQuery(raw: string): { query: string; params: SearchParams } {
  const parsed = parseSearchParams(queryStringReader(raw.slice(0, 2000)));
  if (!parsed) throw new InvalidInputError([{ path: 'query', message: 'must be a search page query string such as q=су&status=IN_PROGRESS' }]);
  const params: SearchParams = { ...parsed, quarter: undefined, page: 1, sort: 'relevance', perPage: PER_PAGE };
  return { query: searchQuery(params).replace(/^\?/, ''), params };
}

/** A saved search in words, for messages and pages: "су · region KZ-19 · status IN_PROGRESS". */
export function describeSavedSearch(query: string): string {
  const params = new URLSearchParams(query);
  const words = params.get('q');
  const filters = [...params].filter(([k]) => k !== 'q').map(([k, v]) => `${k} ${v}`);
  return [words, ...filters].filter(Boolean).join(' · ') || '*';
}

export interface SavedSearchMatch {
  issueId: number;
  title: string;
  language: string;
  change: string;
  quarter: string;
}

export function createSavedSearches(deps: { search: SearchService; repo: NotificationsRepo }) {
  const { search, repo } = deps;
  return {
    /** Runs the search once as the page would: unknown codes or bad values are refused now, not at the first digest. */
    async check(params: SearchParams): Promise<void> {
      await search.searchIssues(null, toSearchInput(params, { first: 1, page: 1 }));
    },

    /** The matches new or changed in the quarters published after `after`, up to `upTo`; `total` counts them all. */
    async changesSince(query: string, after: number, upTo: number): Promise<{ matches: SavedSearchMatch[]; total: number; quarters: string[] }> {
      const { params } = savedSearchQuery(query);
      const matches: SavedSearchMatch[] = [];
      const quarters: string[] = [];
      for (const publication of repo.publicationsBetween(after, upTo)) {
        quarters.push(publication.quarter);
        const quarterParams = { ...params, quarter: publication.quarter };
        const limit = Math.min(SAVED_SEARCH_SCAN, MAX_RESULT_WINDOW);
        for (let page = 1; (page - 1) * PAGE < limit; page++) {
          const result = await search.searchIssues(null, toSearchInput(quarterParams, { first: PAGE, page, sort: 'raised_desc' }));
          const ids = result.hits.map((h) => h.document.issueId);
          for (const item of repo.changedItems(publication.id, ids)) matches.push({ ...item, quarter: publication.quarter });
          if (!result.hasNextPage) break;
        }
      }
      return { matches, total: matches.length, quarters };
    },
  };
}
export type SavedSearches = ReturnType<typeof createSavedSearches>;
