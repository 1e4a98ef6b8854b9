import { ISSUE_CHANGE_KINDS, ISSUE_STATUSES } from '../../modules/shared/enums.ts';
import { html, type Html } from '../html.ts';
import { fill } from '../i18n/index.ts';
import { langPath, page, type PageRequest } from '../layout.ts';
import { barChart } from '../chart.ts';
import { bodyHref } from '../components.ts';
import type { PublicationEntry, QuarterOverview } from '../published.ts';
import { mostRaisedSection, type MostRaised } from './group.ts';
import { changesHref } from './changes.ts';

// The home page (the latest quarter) and the page of an earlier quarter: the published list at a
// glance — counts by status, by body and overdue, a chart — when it was published, the downloads
// and feeds, and the other quarters one click away.

function quarterNav(req: PageRequest, all: PublicationEntry[], current: string): Html {
  const { t, lang } = req.locale;
  const latest = all[0]?.label;
  return html`<nav class="quarters" aria-labelledby="quarters-heading">
<h2 id="quarters-heading">${t.earlierQuarters}</h2>
<ul class="inline">${all.map((p) => {
    const href = p.label === latest ? langPath(lang, '/') : langPath(lang, `/quarters/${p.label}`);
    return p.label === current ? html`<li><a href="${href}" aria-current="page">${p.label}</a></li>` : html`<li><a href="${href}">${p.label}</a></li>`;
  })}</ul>
</nav>`;
}

/** The bodies with most problems first; the long tail folded away, so a phone scrolls less. */
const BODIES_SHOWN = 20;

function bodiesTable(req: PageRequest, q: QuarterOverview): Html {
  const { t, labels, format, lang } = req.locale;
  const row = (b: QuarterOverview['bodies'][number]) =>
    html`<tr><th scope="row"><a href="${bodyHref(lang, b.code, q.label)}">${labels.name(b)}</a></th><td data-label="${t.colTotal}">${format.number(b.total)}</td><td data-label="${t.colOpen}">${format.number(b.open)}</td><td data-label="${t.colOverdue}">${format.number(b.overdue)}</td><td data-label="${t.colResolved}">${format.number(b.resolved)}</td></tr>`;
  const table = (caption: string, rows: QuarterOverview['bodies']) => html`<div class="table-wrap"><table class="numbers cards">
<caption>${caption}</caption>
<thead><tr><th scope="col">${t.colBody}</th><th scope="col">${t.colTotal}</th><th scope="col">${t.colOpen}</th><th scope="col">${t.colOverdue}</th><th scope="col">${t.colResolved}</th></tr></thead>
<tbody>${rows.map(row)}</tbody>
</table></div>`;
  const rest = q.bodies.slice(BODIES_SHOWN);
  return html`${table(t.byBody, q.bodies.slice(0, BODIES_SHOWN))}
${rest.length ? html`<details class="more"><summary>${fill(t.allBodies, { count: q.bodies.length })}</summary>${table(t.byBody, rest)}</details>` : ''}`;
}

export function quarterPage(req: PageRequest, q: QuarterOverview, all: PublicationEntry[], mostRaised: MostRaised = []): Html {
  const { t, labels, format, lang } = req.locale;
  const heading = fill(t.homeHeading, { quarter: q.label });
  const bars = ISSUE_STATUSES.filter((s) => q.byStatus[s] > 0).map((s) => ({ key: s, label: labels.status(s), value: q.byStatus[s] }));
  const changed = ISSUE_CHANGE_KINDS.filter((c) => c !== 'UNCHANGED' && q.changes[c] > 0);
  const searchHref = langPath(lang, `/search?quarter=${q.label}`);
  const content = html`<h1>${heading}</h1>
<p class="lead">${fill(t.publishedAt, { date: format.date(q.publishedAt), periodEnd: format.date(q.periodEnd) })}</p>
<section aria-labelledby="glance">
<h2 id="glance" class="visually-hidden">${t.atAGlance}</h2>
<ul class="tiles">
<li><span class="tile-number">${format.number(q.itemCount)}</span> <span class="tile-label">${t.totalProblems}</span></li>
<li${q.overdue > 0 ? html` class="tile-warn"` : ''}><a href="${langPath(lang, `/search?quarter=${q.label}&overdue=true`)}"><span class="tile-number">${format.number(q.overdue)}</span> <span class="tile-label">${t.overdueProblems}</span></a></li>
<li><span class="tile-number">${format.number(q.bodies.length)}</span> <span class="tile-label">${t.bodiesCount}</span></li>
</ul>
<p><a class="button" href="${searchHref}">${t.searchThisQuarter}</a></p>
</section>
<section aria-labelledby="by-status">
<h2 id="by-status">${t.byStatus}</h2>
${barChart('status-chart', fill(t.chartTitle, { quarter: q.label }), bars, format.number)}
<div class="table-wrap"><table class="numbers">
<caption class="visually-hidden">${fill(t.chartTitle, { quarter: q.label })}</caption>
<thead><tr><th scope="col">${t.colStatus}</th><th scope="col">${t.colCount}</th></tr></thead>
<tbody>${ISSUE_STATUSES.map((s) => html`<tr><th scope="row"><a href="${langPath(lang, `/search?quarter=${q.label}&status=${s}`)}">${labels.status(s)}</a></th><td>${format.number(q.byStatus[s])}</td></tr>`)}</tbody>
</table></div>
</section>
${
  q.previous && changed.length
    ? html`<section aria-labelledby="changes"><h2 id="changes">${fill(t.changesSince, { quarter: q.previous })}</h2>
<ul>${changed.map((c) => html`<li>${labels.change(c)}: <a href="${changesHref(lang, q.label, c)}">${format.number(q.changes[c])}</a></li>`)}</ul></section>`
    : ''
}
${mostRaisedSection(req, q.label, mostRaised)}
<section aria-labelledby="bodies">
<h2 id="bodies">${t.byBody}</h2>
${bodiesTable(req, q)}
</section>
<section aria-labelledby="downloads">
<h2 id="downloads">${t.downloads}</h2>
<ul class="inline">
<li><a href="/open-data/quarters/${q.label}.csv" download>CSV (${q.label})</a></li>
<li><a href="/open-data/quarters/${q.label}.json">JSON (${q.label})</a></li>
<li><a href="/feeds/publications.atom?lang=${lang}" type="application/atom+xml">${t.footerFeed}</a></li>
</ul>
</section>
${quarterNav(req, all, q.label)}`;
  return page(req, { title: heading, section: 'home', feeds: [{ title: t.footerFeed, href: `/feeds/publications.atom?lang=${lang}` }] }, content);
}

export function nothingPublishedPage(req: PageRequest): Html {
  const { t } = req.locale;
  return page(req, { title: t.navHome, section: 'home' }, html`<h1>${t.navHome}</h1><p>${t.nothingPublished}</p>`);
}
