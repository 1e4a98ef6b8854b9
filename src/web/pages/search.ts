import { quarterEnd, type FacetValueView, type SearchHitView, type SearchPage } from '../../modules/search/search.service.ts';
import {
  ISSUE_CATEGORIES,
  ISSUE_STATUSES,
  ORGANIZATION_KINDS,
  type IssueCategory,
  type IssueStatus,
  type OrganizationKind,
} from '../../modules/shared/enums.ts';
import { html, raw, type Html } from '../html.ts';
import { fill, type Locale } from '../i18n/index.ts';
import { numberedPagination, page, type PageRequest } from '../layout.ts';
import { JOURNALIST_TEXT } from '../i18n/journalist.ts';
import { bodyHref, deadlineText, overdueBadge, problemHref, progressBar, statusBadge } from '../components.ts';
import { FOLLOW_TEXT } from '../i18n/follow.ts';
import { GROUP_TEXT } from '../i18n/groups.ts';
import { groupHref } from './group.ts';
import { hitAsOf, type NowState } from '../as-of.ts';
import {
  atomHref,
  exportHref,
  followHref,
  LIST_FILTERS,
  PAGE_SIZES,
  searchHref,
  SORTS,
  type ListParam,
  type SearchParams,
  type SortKey,
} from '../search-params.ts';

// The search page: a GET form (query, facets as checkboxes with counts, quarter, overdue, sort)
// whose every state is a shareable URL, and the results with highlighted matches. Without
// JavaScript the form is submitted by its button; with it, /assets/search.js swaps in the live
// part (#search-live) as the user types or ticks, from /<lang>/search/live with the same query.

export interface SearchView {
  params: SearchParams;
  result: SearchPage;
  /** Per list filter, the values and counts to offer (counted without that filter's own choice). */
  facetValues: Record<ListParam, FacetValueView[]>;
  overdueCount: number;
  quarters: string[];
  /** Each result's problem as it stands today, by number (results show the published state). */
  now?: Map<number, NowState>;
}

function valueLabel(locale: Locale, param: ListParam, v: FacetValueView): string {
  if (v.names) return locale.labels.name(v.names);
  if (param === 'status' && (ISSUE_STATUSES as readonly string[]).includes(v.value)) return locale.labels.status(v.value as IssueStatus);
  if (param === 'category' && (ISSUE_CATEGORIES as readonly string[]).includes(v.value)) return locale.labels.category(v.value as IssueCategory);
  if (param === 'kind' && (ORGANIZATION_KINDS as readonly string[]).includes(v.value)) return locale.labels.organizationKind(v.value as OrganizationKind);
  return v.value;
}

const FACET_TITLES: Record<ListParam, keyof Locale['t']> = {
  region: 'facetRegion',
  organization: 'facetBody',
  kind: 'facetKind',
  status: 'facetStatus',
  category: 'facetCategory',
};

function facetGroup(locale: Locale, view: SearchView, param: ListParam): Html | '' {
  const chosen = view.params.lists[param];
  const values = [...view.facetValues[param]];
  // A chosen value stays visible (to be unticked) even when nothing matches it any more.
  for (const value of chosen) if (!values.some((v) => v.value === value)) values.push({ value, count: 0, names: null });
  if (!values.length) return '';
  const open = chosen.length > 0 || param === 'status' || param === 'kind';
  return html`<details class="facet"${open ? html` open` : ''}>
<summary>${locale.t[FACET_TITLES[param]]}${chosen.length ? ` (${chosen.length})` : ''}</summary>
<fieldset><legend class="visually-hidden">${locale.t[FACET_TITLES[param]]}</legend>
${values.map((v, i) => {
  const id = `f-${param}-${i}`;
  return html`<div class="check"><input type="checkbox" id="${id}" name="${param}" value="${v.value}"${chosen.includes(v.value) ? html` checked` : ''}><label for="${id}">${valueLabel(locale, param, v)} <span class="count">${locale.format.number(v.count)}</span></label></div>`;
})}
</fieldset>
</details>`;
}

function hitItem(locale: Locale, hit: SearchHitView, allQuarters: boolean, now?: NowState): Html {
  const d = hit.document;
  const { labels, lang } = locale;
  return html`<li class="hit">
<h3><a href="${problemHref(lang, d.issueId)}" lang="${d.language}">${raw(hit.titleHtml)}</a></h3>
<p class="snippet" lang="${d.language}">${raw(hit.snippetHtml)}</p>
<p class="meta">${statusBadge(locale, d.status)}${overdueBadge(locale, d.overdue)} · ${progressBar(locale, d.progress)} · ${locale.t.deadline}: ${deadlineText(locale, d.dueDate)}</p>
<p class="meta">${hit.organization ? html`<a href="${bodyHref(lang, hit.organization.code, d.quarter ?? undefined)}">${labels.name(hit.organization)}</a> · ` : ''}${hit.unit ? labels.name(hit.unit) : ''}${hit.region && hit.region.code !== hit.unit?.code ? `, ${labels.name(hit.region)}` : ''} · ${labels.category(d.category)} · № ${d.issueId}</p>
${hitAsOf(locale, d.quarter, d, now)}
${collapsedNote(locale, hit, allQuarters)}
</li>`;
}

/** In a collapsed search, a group's result says how many matching problems it stands for and links the group. */
function collapsedNote(locale: Locale, hit: SearchHitView, allQuarters: boolean): Html | '' {
  const groupId = hit.document.groupId;
  if (hit.collapsed === null || groupId === null) return '';
  const text = GROUP_TEXT[locale.lang];
  // Across all quarters a problem is in each quarter's list it was published in: those are entries, not raisings.
  const counted = hit.document.quarter !== null && allQuarters ? text.inPublishedLists : text.alsoRaised;
  const label = hit.collapsed > 1 ? fill(counted, { count: locale.format.number(hit.collapsed) }) : text.groupLink;
  return html`<p class="meta group-note"><a href="${groupHref(locale.lang, groupId)}">${label}</a></p>`;
}

/** One result per group, and what the filters' counts count: both plain form fields. */
function groupingFields(locale: Locale, params: SearchParams): Html {
  const text = GROUP_TEXT[locale.lang];
  // Empty: the counts follow the results (groups when collapsed, problems otherwise).
  const option = (value: '' | 'problems' | 'groups', label: string) =>
    html`<option value="${value}"${(params.facetsCount ?? '') === value ? html` selected` : ''}>${label}</option>`;
  return html`<div class="check"><input type="checkbox" id="collapse" name="collapse" value="group"${params.collapse ? html` checked` : ''}><label for="collapse">${text.collapseGroups}</label></div>
<div class="field"><label for="facets_count">${text.facetsCountLabel}</label><select id="facets_count" name="facets_count">${option('', text.countDefault)}${option('problems', text.countProblems)}${option('groups', text.countGroups)}</select></div>`;
}

/** The part that changes with every keystroke: facets, count, results, pages and the feed link. */
export function searchLive(req: PageRequest, view: SearchView): Html {
  const { locale } = req;
  const { t, format, lang } = locale;
  const { params, result } = view;
  const pages = Math.max(1, Math.ceil(Math.min(result.total, 10_000) / params.perPage));
  const chosen = LIST_FILTERS.reduce((n, f) => n + params.lists[f.param].length, params.overdue ? 1 : 0);
  const sortOptions = (Object.keys(SORTS) as SortKey[]).map((key) => {
    const label = {
      relevance: t.sortRelevance,
      raised_desc: t.sortRaisedDesc,
      raised_asc: t.sortRaisedAsc,
      updated_desc: t.sortUpdatedDesc,
      due_date_asc: t.sortDueAsc,
    }[key];
    return html`<option value="${key}"${params.sort === key ? html` selected` : ''}>${label}</option>`;
  });
  // Behind a button on a phone (a <details>, no script needed), always open on a wide screen (site.css).
  return html`<details class="search-facets" id="search-filters">
<summary class="filters-button">${JOURNALIST_TEXT[lang].filtersButton}${chosen ? ` (${chosen})` : ''}</summary>
<h2 class="visually-hidden">${t.filtersHeading}</h2>
<div class="field"><label for="quarter">${t.facetQuarter}</label>
<select id="quarter" name="quarter">${view.quarters.map((q, i) => html`<option value="${i === 0 ? '' : q}"${(params.quarter ?? view.quarters[0]) === q ? html` selected` : ''}>${q}</option>`)}<option value="ALL"${params.quarter === 'ALL' ? html` selected` : ''}>${t.allQuarters}</option></select></div>
<div class="check"><input type="checkbox" id="overdue" name="overdue" value="true"${params.overdue ? html` checked` : ''}><label for="overdue">${t.facetOverdue} <span class="count">${format.number(view.overdueCount)}</span></label></div>
${LIST_FILTERS.map((f) => facetGroup(locale, view, f.param))}
${groupingFields(locale, params)}
<div class="field"><label for="sort">${t.sortLabel}</label><select id="sort" name="sort">${sortOptions}</select></div>
<div class="field"><label for="per_page">${JOURNALIST_TEXT[lang].perPage}</label><select id="per_page" name="per_page">${PAGE_SIZES.map((n) => html`<option value="${n}"${params.perPage === n ? html` selected` : ''}>${n}</option>`)}</select></div>
<p><button type="submit">${t.applyFilters}</button> <a href="/${lang}/search">${t.clearFilters}</a></p>
</details>
<div class="search-results">
<h2 id="result-count">${fill(t.resultsCount, { count: format.number(result.total) })} <span class="muted">· ${result.quarter ? html`${t.quarterLabel} ${result.quarter}, ${fill(t.asOf, { date: format.date(`${quarterEnd(result.quarter)}T00:00:00.000Z`) })}` : t.allQuarters}</span></h2>
${result.suggestion ? html`<p class="suggestion">${t.didYouMean} <a href="${searchHref(lang, params, { q: result.suggestion, page: 1 })}">«${result.suggestion}»</a>?</p>` : ''}
<p class="feed-link"><a href="${atomHref(lang, params)}" type="application/atom+xml">${t.followSearch}</a> · <a href="${followHref(lang, params)}">${FOLLOW_TEXT[lang].followSearch}</a> · ${t.downloadResults} <a href="${exportHref(lang, params, 'csv')}" type="text/csv" download>CSV</a>, <a href="${exportHref(lang, params, 'json')}" type="application/json">JSON</a>${result.quarter ? html` · <a href="/open-data/quarters/${result.quarter}.csv" download>${t.quarterLabel} ${result.quarter} (CSV)</a>` : ''}</p>
${result.hits.length ? html`<ol class="hits">${result.hits.map((h) => hitItem(locale, h, result.index === 'published' && result.quarter === null, view.now?.get(h.document.issueId)))}</ol>` : html`<p>${t.noResults}</p>`}
${numberedPagination(req, params.page, pages, (n) => searchHref(lang, params, { page: n }))}
</div>`;
}

export function searchPage(req: PageRequest, view: SearchView): Html {
  const { t, lang } = req.locale;
  if (view.quarters.length === 0) {
    return page(req, { title: t.searchHeading, section: 'search' }, html`<h1>${t.searchHeading}</h1><p>${t.nothingPublished}</p>`);
  }
  const content = html`<h1>${t.searchHeading}</h1>
<form id="search-form" class="search-form" method="get" action="/${lang}/search" role="search" data-live="/${lang}/search/live">
<div class="query-row">
<label for="q">${t.queryLabel}</label>
<p id="q-hint" class="hint">${t.queryHint}</p>
<div class="row"><input id="q" name="q" type="search" value="${view.params.q}" maxlength="200" autocomplete="off" aria-describedby="q-hint"><button type="submit">${t.searchButton}</button></div>
</div>
<p id="search-announce" class="visually-hidden" aria-live="polite"></p>
<div id="search-live" class="search-live">${searchLive(req, view)}</div>
</form>`;
  return page(
    req,
    {
      title: view.params.q ? `${view.params.q} — ${t.navSearch}` : t.searchHeading,
      section: 'search',
      feeds: [{ title: t.followSearch, href: atomHref(lang, view.params) }],
      scripts: ['search'],
    },
    content,
  );
}
