import type { TrendPoint } from '../../modules/publication/areas.service.ts';
import type { Trilingual } from '../../modules/shared/localized.ts';
import { html, type Html } from '../html.ts';
import { fill } from '../i18n/index.ts';
import { WHERE_TEXT } from '../i18n/where.ts';
import { langPath, page, type PageRequest } from '../layout.ts';
import { bodyHref } from '../components.ts';
import { trendChart } from '../trend-chart.ts';
import { regionHref } from './regions.ts';

// When: the country's, a region's or a body's figures in every published quarter, as four column
// charts (open, overdue, resolved, deadlines moved later) and one table with every number. The
// scope is chosen by a GET form, so the page works without JavaScript and every view has a URL.

type Named = Trilingual & { code: string };

export interface TrendsView {
  scope: { kind: 'country' } | { kind: 'region'; region: Named } | { kind: 'body'; body: Named };
  points: TrendPoint[];
  regions: Named[];
  bodies: Named[];
}

const SERIES = [
  ['open', 'seriesOpen'],
  ['overdue', 'seriesOverdue'],
  ['resolved', 'seriesResolved'],
  ['deadlinesMoved', 'seriesDrift'],
] as const;

function scopeForm(req: PageRequest, view: TrendsView): Html {
  const { labels, lang } = req.locale;
  const w = WHERE_TEXT[lang];
  const regionCode = view.scope.kind === 'region' ? view.scope.region.code : '';
  const bodyCode = view.scope.kind === 'body' ? view.scope.body.code : '';
  return html`<form class="scope-form" method="get" action="${langPath(lang, '/trends')}">
<fieldset><legend>${w.scopeLegend}</legend>
<div class="field"><label for="trend-region">${w.scopeRegion}</label>
<select id="trend-region" name="region"><option value="">${w.anyRegion}</option>${view.regions.map((r) => html`<option value="${r.code}"${r.code === regionCode ? html` selected` : ''}>${labels.name(r)}</option>`)}</select></div>
<div class="field"><label for="trend-body">${w.scopeBody}</label>
<select id="trend-body" name="body"><option value="">${w.anyBody}</option>${view.bodies.map((b) => html`<option value="${b.code}"${b.code === bodyCode ? html` selected` : ''}>${labels.name(b)}</option>`)}</select></div>
<p><button type="submit">${w.show}</button> <a href="${langPath(lang, '/trends')}">${w.scopeCountry}</a></p>
</fieldset>
</form>`;
}

export function trendsPage(req: PageRequest, view: TrendsView): Html {
  const { t, labels, format, lang } = req.locale;
  const w = WHERE_TEXT[lang];
  const scope = view.scope;
  const name = scope.kind === 'country' ? w.country : labels.name(scope.kind === 'region' ? scope.region : scope.body);
  const heading = fill(w.trendsHeading, { name });
  const charts = SERIES.map(([key, label]) =>
    trendChart(
      `trend-${key}`,
      fill(w.chartOf, { series: w[label], name }),
      w[label],
      view.points.map((p) => ({ quarter: p.label, value: p[key] })),
      format.number,
    ),
  );
  const rows = [...view.points]
    .reverse()
    .map(
      (p) =>
        html`<tr><th scope="row">${p.label}</th><td data-label="${w.colAsOf}"><time datetime="${p.periodEnd}">${format.date(p.periodEnd)}</time></td><td data-label="${t.colTotal}">${format.number(p.total)}</td><td data-label="${t.colOpen}">${format.number(p.open)}</td><td data-label="${t.colOverdue}">${p.overdue > 0 ? html`<span class="overdue">${format.number(p.overdue)}</span>` : format.number(0)}</td><td data-label="${t.colResolved}">${format.number(p.resolved)}</td><td data-label="${t.colDisputed}">${format.number(p.disputed)}</td><td data-label="${w.colDeadlinesMoved}">${format.number(p.deadlinesMoved)}</td><td data-label="${w.colDriftDays}">${format.number(p.driftDays)}</td></tr>`,
    );
  const scopeLink =
    scope.kind === 'region'
      ? html`<p><a href="${regionHref(lang, scope.region.code)}">${labels.name(scope.region)}</a></p>`
      : scope.kind === 'body'
        ? html`<p><a href="${bodyHref(lang, scope.body.code)}">${labels.name(scope.body)}</a></p>`
        : '';
  const content = html`<h1>${heading}</h1>
<p class="lead">${w.trendsIntro}</p>
${scopeForm(req, view)}
${scopeLink}
${
  view.points.length
    ? html`<section aria-labelledby="charts-heading">
<h2 id="charts-heading" class="visually-hidden">${heading}</h2>
<div class="trend-charts">${charts}</div>
<p class="hint">${w.driftNote}</p>
</section>
<section aria-labelledby="trend-table-heading">
<h2 id="trend-table-heading">${w.trendTable}</h2>
<div class="table-wrap"><table class="numbers cards">
<caption>${fill(w.trendCaption, { name })}</caption>
<thead><tr>${[w.colQuarter, w.colAsOf, t.colTotal, t.colOpen, t.colOverdue, t.colResolved, t.colDisputed, w.colDeadlinesMoved, w.colDriftDays].map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
<tbody>${rows}</tbody>
</table></div>
</section>`
    : html`<p>${t.nothingPublished}</p>`
}`;
  return page(req, { title: heading, section: 'trends', stylesheets: ['where.css'] }, content);
}
