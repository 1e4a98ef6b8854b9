import { withoutNulls } from '../shared/validation.ts';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../graphql/builder.ts';
import { ErrorInterface, LocalizedNamesRef } from '../../graphql/common.ts';
import { InvalidInputError, NotFoundError } from '../shared/errors.ts';
import { IssueCategoryEnum, OrganizationKindEnum } from '../organizations/organizations.graphql.ts';
import { IssueLanguageEnum, IssueStatusEnum } from '../issues/issues.graphql.ts';
import type { Language, OrganizationKind } from '../shared/enums.ts';
import { pickName } from '../shared/localized.ts';
import { SEARCH_FACETS, SEARCH_INDEXES, SEARCH_SORTS, SearchUnavailableError } from './search.port.ts';
import { FACET_COUNTS, SEARCH_COLLAPSES, type FacetValueView, type Named, type SearchHitView, type SearchPage, type SearchService } from './search.service.ts';

// searchIssues: full-text search over problems with filters, facet counts and highlights. Thin:
// the service decides which index the caller searches and within which scope.

builder.objectType(SearchUnavailableError, {
  name: 'SearchUnavailableError',
  description: 'The search engine does not answer right now (code search/unavailable); everything else works and changes wait to be indexed',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof SearchUnavailableError,
  fields: (t) => ({ retryAfterSeconds: t.int({ resolve: () => 30 }) }),
});

const SearchSortEnum = builder.enumType('SearchSort', {
  description: 'RELEVANCE ranks title matches above text matches, exact Kazakh letters above typed-without',
  values: SEARCH_SORTS,
});
const SearchIndexEnum = builder.enumType('SearchIndex', {
  description: 'PUBLISHED: the published quarters, for everybody. LIVE: current problems, for staff within their scope',
  values: Object.fromEntries(SEARCH_INDEXES.map((i) => [i.toUpperCase(), { value: i }])) as { LIVE: { value: 'live' }; PUBLISHED: { value: 'published' } },
});
const SearchCollapseEnum = builder.enumType('SearchCollapse', {
  description:
    'GROUP: one result per group of similar problems (the best-placed match), with how many matches it stands for; problems in no group stay results of their own',
  values: SEARCH_COLLAPSES,
});
const SearchFacetCountEnum = builder.enumType('SearchFacetCount', {
  description: 'What a facet value counts: matching PROBLEMS, or distinct GROUPS of similar problems among them (a problem in no group counts as one)',
  values: FACET_COUNTS,
});
const SearchFacetFieldEnum = builder.enumType('SearchFacetField', {
  values: Object.fromEntries(SEARCH_FACETS.map((f) => [f.replace(/([A-Z])/g, '_$1').toUpperCase(), { value: f }])) as Record<
    string,
    { value: (typeof SEARCH_FACETS)[number] }
  >,
});

interface InLanguage<T> {
  value: T;
  lang: Language;
}

const SearchPlaceRef = builder.objectRef<InLanguage<Named>>('SearchPlace').implement({
  description: 'A region or unit, named in the language of the request',
  fields: (t) => ({
    code: t.string({ resolve: (p) => p.value.code }),
    name: t.string({ resolve: (p) => pickName(p.value, p.lang) }),
    names: t.field({ type: LocalizedNamesRef, resolve: (p) => p.value }),
  }),
});

const SearchBodyRef = builder.objectRef<InLanguage<Named & { kind: OrganizationKind }>>('SearchBody').implement({
  description: 'The responsible body',
  fields: (t) => ({
    code: t.string({ resolve: (b) => b.value.code }),
    kind: t.field({ type: OrganizationKindEnum, resolve: (b) => b.value.kind }),
    name: t.string({ resolve: (b) => pickName(b.value, b.lang) }),
    names: t.field({ type: LocalizedNamesRef, resolve: (b) => b.value }),
  }),
});

const inLang = <T>(value: T | null, lang: Language) => (value ? { value, lang } : null);

const SearchHitRef = builder.objectRef<InLanguage<SearchHitView>>('SearchHit').implement({
  description: 'A problem that matches, as the searched index holds it (in a published quarter: as it stood at its end)',
  fields: (t) => ({
    issueId: t.id({ description: 'The global id of the Issue', resolve: (h) => encodeGlobalID('Issue', h.value.document.issueId) }),
    number: t.int({ description: 'The public reference number', resolve: (h) => h.value.document.issueId }),
    quarter: t.string({ nullable: true, description: 'The published quarter, e.g. 2026-Q3; null in the live index', resolve: (h) => h.value.document.quarter }),
    title: t.string({ resolve: (h) => h.value.document.title }),
    titleHtml: t.string({ description: 'The title, HTML-escaped, matched words in <mark>', resolve: (h) => h.value.titleHtml }),
    snippetHtml: t.string({ description: 'About 200 characters around the first match, HTML-escaped, in <mark>', resolve: (h) => h.value.snippetHtml }),
    text: t.string({ resolve: (h) => h.value.document.text }),
    language: t.field({ type: IssueLanguageEnum, resolve: (h) => h.value.document.language }),
    category: t.field({ type: IssueCategoryEnum, resolve: (h) => h.value.document.category }),
    status: t.field({ type: IssueStatusEnum, resolve: (h) => h.value.document.status }),
    progress: t.int({ resolve: (h) => h.value.document.progress }),
    dueDate: t.field({ type: 'Date', nullable: true, resolve: (h) => h.value.document.dueDate }),
    overdue: t.boolean({ description: 'When the document was indexed (published: at the quarter end)', resolve: (h) => h.value.document.overdue }),
    raisedAt: t.field({ type: 'DateTime', resolve: (h) => h.value.document.raisedAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (h) => h.value.document.updatedAt }),
    region: t.field({ type: SearchPlaceRef, nullable: true, resolve: (h) => inLang(h.value.region, h.lang) }),
    unit: t.field({ type: SearchPlaceRef, nullable: true, resolve: (h) => inLang(h.value.unit, h.lang) }),
    organization: t.field({ type: SearchBodyRef, nullable: true, resolve: (h) => inLang(h.value.organization, h.lang) }),
    groupNumber: t.int({
      nullable: true,
      description: 'The group of similar problems (IssueGroup.number): in the live index its group now, in a published quarter its group when published',
      resolve: (h) => h.value.document.groupId,
    }),
    collapsedCount: t.int({
      nullable: true,
      description: 'With collapse GROUP: how many matching problems this result stands for (1 for a problem in no group); null otherwise',
      resolve: (h) => h.value.collapsed,
    }),
  }),
});

const SearchFacetValueRef = builder.objectRef<InLanguage<FacetValueView>>('SearchFacetValue').implement({
  fields: (t) => ({
    value: t.string({ description: 'An enum value, a region or organisation code, or true/false', resolve: (v) => v.value.value }),
    count: t.int({ resolve: (v) => v.value.count }),
    name: t.string({ nullable: true, description: 'For regions and organisations', resolve: (v) => (v.value.names ? pickName(v.value.names, v.lang) : null) }),
  }),
});

const SearchFacetRef = builder.objectRef<InLanguage<SearchPage['facets'][number]>>('SearchFacet').implement({
  description: 'How many matching problems have each value of a field (all matches, not just this page)',
  fields: (t) => ({
    field: t.field({ type: SearchFacetFieldEnum, resolve: (f) => f.value.field }),
    values: t.field({ type: [SearchFacetValueRef], resolve: (f) => f.value.values.map((value) => ({ value, lang: f.lang })) }),
  }),
});

const SearchPageInfoRef = builder.objectRef<SearchPage>('SearchPageInfo').implement({
  fields: (t) => ({
    hasNextPage: t.boolean({ resolve: (p) => p.hasNextPage }),
    endCursor: t.string({ nullable: true, description: 'Pass as `after` for the next page', resolve: (p) => p.endCursor }),
  }),
});

const SearchIssuesResultRef = builder.objectRef<InLanguage<SearchPage>>('SearchIssuesResult').implement({
  fields: (t) => ({
    index: t.field({ type: SearchIndexEnum, resolve: (r) => r.value.index }),
    quarter: t.string({ nullable: true, description: 'The quarter searched (published index); null with quarter "all"', resolve: (r) => r.value.quarter }),
    suggestion: t.string({
      nullable: true,
      description: 'Did you mean: the query with the words no problem has replaced by the nearest ones that exist (кубр -> құбыр), when it found little',
      resolve: (r) => r.value.suggestion,
    }),
    totalCount: t.int({ description: 'Matching problems; with collapse GROUP, results (groups and problems in none)', resolve: (r) => r.value.total }),
    collapse: t.field({ type: SearchCollapseEnum, resolve: (r) => r.value.collapse }),
    facetsCount: t.field({ type: SearchFacetCountEnum, resolve: (r) => r.value.facetsCount }),
    hits: t.field({ type: [SearchHitRef], resolve: (r) => r.value.hits.map((value) => ({ value, lang: r.lang })) }),
    facets: t.field({ type: [SearchFacetRef], resolve: (r) => r.value.facets.map((value) => ({ value, lang: r.lang })) }),
    pageInfo: t.field({ type: SearchPageInfoRef, resolve: (r) => r.value }),
  }),
});

const SearchFilterInput = builder.inputType('SearchFilter', {
  fields: (t) => ({
    quarter: t.string({
      required: false,
      description:
        'A published quarter, e.g. "2026-Q3" (default: the latest), or "all" for every published quarter; staff naming one search the published index',
    }),
    regionCodes: t.stringList({ required: false, description: 'e.g. ["KZ-19"]' }),
    unitCodes: t.stringList({ required: false, description: 'Problems in these units or anywhere below them' }),
    organizationCodes: t.stringList({ required: false }),
    organizationKinds: t.field({ type: [OrganizationKindEnum], required: false }),
    categories: t.field({ type: [IssueCategoryEnum], required: false }),
    statuses: t.field({ type: [IssueStatusEnum], required: false }),
    overdue: t.boolean({ required: false }),
  }),
});

const SearchStatusRef = builder.objectRef<ReturnType<SearchService['status']>>('SearchStatus').implement({
  fields: (t) => ({
    backend: t.string({ description: 'fts5 or meilisearch', resolve: (s) => s.backend }),
    available: t.boolean({ resolve: (s) => s.available }),
    message: t.string({ nullable: true, resolve: (s) => (s.available ? null : s.lastError) }),
    pendingChanges: t.int({ description: 'Changes waiting to reach the live index', resolve: (s) => s.pendingChanges }),
    rebuilding: t.field({ type: [SearchIndexEnum], resolve: (s) => s.rebuilding }),
  }),
});

builder.queryFields((t) => ({
  searchIssues: t.field({
    type: SearchIssuesResultRef,
    description:
      'Full-text search in Kazakh and Russian (with or without the Kazakh letters, as you type, with typos). Anonymous callers search the published quarters (the latest by default); staff search current problems within their scope.',
    errors: { types: [SearchUnavailableError, InvalidInputError, NotFoundError] },
    args: {
      query: t.arg.string({ required: false }),
      filter: t.arg({ type: SearchFilterInput, required: false }),
      first: t.arg.int({ required: false, defaultValue: 20, description: 'At most 100' }),
      after: t.arg.string({ required: false }),
      sort: t.arg({ type: SearchSortEnum, required: false, defaultValue: 'RELEVANCE' }),
      collapse: t.arg({ type: SearchCollapseEnum, required: false, defaultValue: 'NONE' }),
      facetsCount: t.arg({ type: SearchFacetCountEnum, required: false, description: 'Default: GROUPS with collapse GROUP, PROBLEMS otherwise' }),
    },
    resolve: async (_root, args, ctx) => {
      const f = args.filter;
      const page = await ctx.services.search.searchIssues(ctx.viewer, {
        query: args.query ?? '',
        filter: f ? withoutNulls(f) : {},
        first: args.first ?? 20,
        after: args.after ?? undefined,
        sort: args.sort ?? 'RELEVANCE',
        collapse: args.collapse ?? 'NONE',
        facetsCount: args.facetsCount ?? undefined,
      });
      return { value: page, lang: ctx.language };
    },
  }),
  searchStatus: t.field({
    type: SearchStatusRef,
    description: 'Whether search answers, and how much waits to be indexed',
    resolve: (_root, _args, ctx) => ctx.services.search.status(),
  }),
}));
