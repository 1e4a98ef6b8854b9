import type { AreasService } from '../../modules/publication/areas.service.ts';
import type { IssueChangeKind } from '../../modules/shared/enums.ts';
import { html, type Html } from '../html.ts';
import { fill } from '../i18n/index.ts';
import { WHERE_TEXT } from '../i18n/where.ts';
import { langPath, page, type PageRequest } from '../layout.ts';
import { bodyHref, overdueBadge, problemHref, statusBadge } from '../components.ts';

// The list behind a number of the home page's "changes since the previous quarter": the problems
// of a published quarter with that kind of change, 50 a page in problem order, each with its status
// as of the quarter's end (and before it, where the status changed).

export const CHANGES_PAGE_SIZE = 50;

export type ChangesList = NonNullable<Awaited<ReturnType<AreasService['changedInQuarter']>>>;

export const changesHref = (lang: PageRequest['locale']['lang'], quarter: string, change: IssueChangeKind, after?: number) =>
  langPath(lang, `/quarters/${quarter}/changes/${change.toLowerCase().replace(/_/g, '-')}${after ? `?after=${after}` : ''}`);

export function changesPage(req: PageRequest, change: Exclude<IssueChangeKind, 'UNCHANGED'>, list: ChangesList, firstPage: boolean): Html {
  const { locale } = req;
  const { t, labels, format, lang } = locale;
  const w = WHERE_TEXT[lang];
  const q = list.quarter;
  const heading = fill(w.changesHeading, { change: labels.change(change), quarter: q.label });
  const items = list.items.map(
    (i) => html`<li><a href="${problemHref(lang, i.issueId)}" lang="${i.language}">${i.title}</a> <span class="muted">№ ${i.issueId}</span>
<p class="meta">${statusBadge(locale, i.status)}${overdueBadge(locale, i.overdue)}${i.previousStatus && i.previousStatus !== i.status ? html` <span class="muted">(${fill(w.wasStatus, { status: labels.status(i.previousStatus) })})</span>` : ''}${i.body ? html` · <a href="${bodyHref(lang, i.body.code, q.label)}">${labels.name(i.body)}</a>` : ''}</p></li>`,
  );
  const content = html`<p class="kicker"><a href="${langPath(lang, `/quarters/${q.label}`)}">${fill(t.homeHeading, { quarter: q.label })}</a></p>
<h1>${heading}</h1>
<p class="lead">${fill(w.changesCount, { count: format.number(list.total), quarter: q.label, date: format.date(q.periodEnd) })}</p>
<ol class="hits changed-list">${items}</ol>
<nav class="pagination" aria-label="${t.pagination}"><ul>
${firstPage ? '' : html`<li><a href="${changesHref(lang, q.label, change)}">${w.firstPage}</a></li>`}
${list.nextAfter ? html`<li><a href="${changesHref(lang, q.label, change, list.nextAfter)}" rel="next">${t.nextPage}</a></li>` : ''}
</ul></nav>`;
  return page(req, { title: heading, section: 'home', stylesheets: ['where.css'] }, content);
}
