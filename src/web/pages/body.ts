import type { OpenDataService } from '../../modules/publication/open-data.service.ts';
import { publishesUnderDecree } from '../../modules/shared/enums.ts';
import type { PublishedItem } from '../../modules/publication/freeze.ts';
import type { OrganizationKind } from '../../modules/shared/enums.ts';
import type { Trilingual } from '../../modules/shared/localized.ts';
import { html, type Html } from '../html.ts';
import { fill } from '../i18n/index.ts';
import { langPath, page, pagination, type PageRequest } from '../layout.ts';
import { bodyHref, deadlineText, overdueBadge, planText, problemHref, problemNumber, progressBar, statusBadge } from '../components.ts';
import type { PublicationEntry } from '../published.ts';
import { FOLLOW_TEXT } from '../i18n/follow.ts';
import { widgetSnippet } from './widget.ts';
import { listDownloads } from '../downloads.ts';
import { trendsHref } from './regions.ts';
import { WHERE_TEXT } from '../i18n/where.ts';

// A responsible body's page: exactly the list the decree asks it to publish (the problem, how it is
// being solved, progress), what changed since the previous quarter, its figures in every quarter,
// the downloads and feed, and the widget snippet for its own website.

export const BODY_PAGE_SIZE = 50;
/** Changed problems listed on the page; the figures count them all and the download has every one. */
export const BODY_CHANGES_SHOWN = 100;

type BodyListPage = NonNullable<Awaited<ReturnType<OpenDataService['bodyListPage']>>>;

export interface BodyView {
  organization: Trilingual & { code: string; kind: OrganizationKind };
  quarter: string;
  published: PublicationEntry[];
  /** One page of the body's list in the quarter (keyset), or null when it had nothing in it. */
  list: BodyListPage | null;
  /** Names of the regions and units the items were raised in, by code. */
  places: Map<string, Trilingual>;
  /** The body's figures in every quarter it was published in, newest first. */
  figures: { quarter: string; total: number; open: number; overdue: number; resolved: number; disputed: number; deadlinesMoved: number; driftDays: number }[];
  /** The page's number, as the links carried it (the cursor decides what is shown). */
  page: number;
}

function itemRow(req: PageRequest, item: PublishedItem, places: BodyView['places']): Html {
  const { locale } = req;
  const { t } = locale;
  const place = places.get(item.unitCode);
  return html`<tr>
<th scope="row"><a href="${problemHref(locale.lang, item.id)}" lang="${item.language}">${item.title}</a><span class="sub">${problemNumber(item.id)}${place ? ` · ${locale.labels.name(place)}` : ''}</span></th>
<td data-label="${t.colPlan}">${planText(locale, item.resolutionPlan, item.language)}</td>
<td data-label="${t.colProgress}">${progressBar(locale, item.progress)}</td>
<td data-label="${t.colStatus}">${statusBadge(locale, item.status)}${overdueBadge(locale, item.overdue)}</td>
<td data-label="${t.colDeadline}">${deadlineText(locale, item.dueDate)}</td>
</tr>`;
}

function changesSection(req: PageRequest, list: BodyListPage): Html {
  const { t, labels, format, lang } = req.locale;
  if (!list.previous) return html`<p>${t.noPreviousQuarter}</p>`;
  const changed = list.changed;
  if (!changed.length) return html`<p>${t.noChanges}</p>`;
  return html`<ul class="changes">${changed.map((i) => {
    const drift = i.deadlineDriftDays ? ` (${i.deadlineDriftDays > 0 ? '+' : ''}${format.number(i.deadlineDriftDays)})` : '';
    return html`<li><strong>${labels.change(i.change)}${drift}</strong>: <a href="${problemHref(lang, i.id)}" lang="${i.language}">${i.title}</a></li>`;
  })}</ul>`;
}

function figuresTable(req: PageRequest, view: BodyView): Html {
  const { t, format, lang } = req.locale;
  const code = view.organization.code;
  return html`<div class="table-wrap"><table class="numbers cards">
<caption>${t.figuresHeading}</caption>
<thead><tr><th scope="col">${t.quarterLabel}</th><th scope="col">${t.figTotal}</th><th scope="col">${t.figOpen}</th><th scope="col">${t.figOverdue}</th><th scope="col">${t.figResolved}</th><th scope="col">${t.figDisputed}</th><th scope="col">${t.figDeadlinesMoved}</th><th scope="col">${t.figDrift}</th></tr></thead>
<tbody>${view.figures.map(
    (f) =>
      html`<tr><th scope="row"><a href="${bodyHref(lang, code, f.quarter)}">${f.quarter}</a></th><td data-label="${t.figTotal}">${format.number(f.total)}</td><td data-label="${t.figOpen}">${format.number(f.open)}</td><td data-label="${t.figOverdue}">${format.number(f.overdue)}</td><td data-label="${t.figResolved}">${format.number(f.resolved)}</td><td data-label="${t.figDisputed}">${format.number(f.disputed)}</td><td data-label="${t.figDeadlinesMoved}">${format.number(f.deadlinesMoved)}</td><td data-label="${t.figDrift}">${format.number(f.driftDays)}</td></tr>`,
  )}</tbody>
</table></div>`;
}

export function bodyPage(req: PageRequest, view: BodyView): Html {
  const { t, labels, lang } = req.locale;
  const org = view.organization;
  const name = labels.name(org);
  const doc = view.list;
  const quarterOptions = view.published.map((p) => html`<option value="${p.label}"${p.label === view.quarter ? html` selected` : ''}>${p.label}</option>`);
  const shown = doc?.items ?? [];
  const pages = Math.max(1, Math.ceil((doc?.figures.total ?? 0) / BODY_PAGE_SIZE));
  // Keyset pages: the links carry the cursor (the first or last problem number shown) and the
  // page number, which only labels the page; it is kept consistent with which links exist.
  const lowest = doc?.previousPage ? 2 : 1;
  const current = Math.max(lowest, Math.min(view.page, pages - (doc?.nextPage ? 1 : 0)));
  const base = `/bodies/${encodeURIComponent(org.code)}`;
  const hrefFor = (n: number) => {
    if (n <= 1) return langPath(lang, `${base}?quarter=${view.quarter}`);
    const cursor = n > current ? `after=${doc?.nextPage?.after}` : `before=${doc?.previousPage?.before}`;
    return langPath(lang, `${base}?quarter=${view.quarter}&page=${n}&${cursor}`);
  };
  const files = `/open-data/quarters/${view.quarter}/bodies/${encodeURIComponent(org.code)}`;
  const feed = `/feeds/bodies/${encodeURIComponent(org.code)}.atom?lang=${lang}`;
  const content = html`<p class="kicker">${labels.organizationKind(org.kind)}</p>
<h1>${fill(t.bodyHeading, { body: name })}</h1>
<p>${publishesUnderDecree(org.kind) ? t.bodyIntro : t.bodyIntroExtra}</p>
<form class="filter-row" method="get" action="${langPath(lang, base)}">
<label for="quarter">${t.quarterLabel}</label>
<select id="quarter" name="quarter">${quarterOptions}</select>
<button type="submit">${t.show}</button>
</form>
<section aria-labelledby="list">
<h2 id="list">${fill(t.listHeading, { quarter: view.quarter })}</h2>
${
  doc
    ? html`<div class="table-wrap"><table class="items">
<thead><tr><th scope="col">${t.colProblem}</th><th scope="col">${t.colPlan}</th><th scope="col">${t.colProgress}</th><th scope="col">${t.colStatus}</th><th scope="col">${t.colDeadline}</th></tr></thead>
<tbody>${shown.map((i) => itemRow(req, i, view.places))}</tbody>
</table></div>
${pagination(req, current, Math.max(pages, current + (doc?.nextPage ? 1 : 0)), hrefFor)}
${listDownloads(req, { csv: `${files}.csv`, json: `${files}.json` }, html` · <a href="${feed}" type="application/atom+xml">${t.bodyFeed}</a>`)}`
    : html`<p>${fill(t.bodyNotInQuarter, { quarter: view.quarter })}</p><p><a href="${feed}" type="application/atom+xml">${t.bodyFeed}</a></p>`
}
</section>
${doc ? html`<section aria-labelledby="changes"><h2 id="changes">${fill(t.changesHeading, { quarter: doc.previous ?? '—' })}</h2>${changesSection(req, doc)}</section>` : ''}
${view.figures.length ? html`<section aria-labelledby="figures"><h2 id="figures">${t.figuresHeading}</h2>${figuresTable(req, view)}<p><a href="${trendsHref(req.locale.lang, { body: view.organization.code })}">${WHERE_TEXT[req.locale.lang].bodyTrendLink}</a></p></section>` : ''}
<p><a href="${langPath(lang, `/follow?body=${encodeURIComponent(org.code)}`)}">${FOLLOW_TEXT[lang].followBody}</a></p>
<section aria-labelledby="widget">
<h2 id="widget">${t.widgetHeading}</h2>
${widgetSnippet(req, org.code, name)}
</section>`;
  return page(
    req,
    {
      title: `${name}: ${fill(t.listHeading, { quarter: view.quarter })}`,
      description: fill(t.bodyHeading, { body: name }),
      feeds: [{ title: t.bodyFeed, href: feed }],
    },
    content,
  );
}
