import { Feed } from 'feed';
import type { SearchPage } from '../modules/search/search.service.ts';
import { escapeText } from './html.ts';
import { fill, type Locale } from './i18n/index.ts';
import { searchHref, type SearchParams } from './search-params.ts';

// An Atom feed for any search URL: a journalist follows "су құбыр in Almaty oblast, overdue" and
// their reader shows each matching problem of the latest published quarter. An entry's id names
// the quarter and the problem, so a problem reappears as a new entry when a new quarter shows it
// again (with its new status); `updated` is the problem's own, never "now", so an unchanged feed
// is byte-identical and revalidates as 304.

/** How many problems a feed carries: the most recently updated ones unless another sort is asked. */
export const FEED_SIZE = 50;

export function searchAtom(locale: Locale, params: SearchParams, result: SearchPage, baseUrl: string, selfPath: string, fallbackUpdated: string): string {
  const { t, labels, format, lang } = locale;
  const query = params.q || t.allProblems;
  const htmlUrl = `${baseUrl}${searchHref(lang, params, { page: 1 })}`;
  const newest = result.hits.reduce((max, h) => (h.document.updatedAt > max ? h.document.updatedAt : max), fallbackUpdated);
  const feed = new Feed({
    title: fill(t.searchFeedTitle, { query }),
    description: `${t.searchHeading}${result.quarter ? ` · ${t.quarterLabel} ${result.quarter}` : ''} · ${fill(t.resultsCount, { count: result.total })}`,
    id: `urn:jauap:search:${lang}${selfPath.slice(selfPath.indexOf('?') >= 0 ? selfPath.indexOf('?') : selfPath.length)}`,
    link: htmlUrl,
    feed: `${baseUrl}${selfPath}`,
    language: lang,
    updated: new Date(newest),
    copyright: 'Open data',
    author: { name: 'Jauap' },
  });
  for (const hit of result.hits) {
    const d = hit.document;
    const url = `${baseUrl}/${lang}/problems/${d.issueId}`;
    const facts = [
      `${t.status}: ${labels.status(d.status)}${d.overdue ? ` (${t.overdueMark})` : ''}`,
      hit.organization ? `${t.responsibleBody}: ${labels.name(hit.organization)}` : null,
      hit.unit ? `${t.place}: ${labels.name(hit.unit)}${hit.region && hit.region.code !== hit.unit.code ? `, ${labels.name(hit.region)}` : ''}` : null,
      `${t.deadline}: ${d.dueDate ? format.date(d.dueDate) : t.noDeadline}`,
      `${t.progress}: ${format.percent(d.progress)}`,
      d.quarter ? `${t.quarterLabel}: ${d.quarter}` : null,
    ].filter((x): x is string => x !== null);
    feed.addItem({
      // Written as type="html" by the `feed` package: the citizen's words must not become markup in a reader.
      title: escapeText(`№ ${d.issueId}: ${d.title}`),
      id: `urn:jauap:publication:${d.quarter ?? 'live'}:problem:${d.issueId}`,
      link: url,
      date: new Date(d.updatedAt),
      published: new Date(d.raisedAt),
      description: facts.join(' · '),
      content: `<p lang="${d.language}">${escapeText(d.text)}</p><ul>${facts.map((f) => `<li>${escapeText(f)}</li>`).join('')}</ul>`,
      category: [{ name: labels.category(d.category), term: d.category }],
      author: [{ name: hit.organization ? labels.name(hit.organization) : 'Jauap' }],
    });
  }
  return feed.atom1();
}
