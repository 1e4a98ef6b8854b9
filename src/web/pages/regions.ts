import type { AreaFigures } from '../../modules/publication/areas.repo.ts';
import type { AreasService, QuarterRef, RegionRow } from '../../modules/publication/areas.service.ts';
import { html, type Html } from '../html.ts';
import { fill, type Locale } from '../i18n/index.ts';
import { WHERE_TEXT } from '../i18n/where.ts';
import { langPath, page, type PageRequest } from '../layout.ts';
import { bodyHref } from '../components.ts';
import { tileMap } from '../tile-map.ts';
import { listDownloads, regionFileHref, regionsFileHref } from '../downloads.ts';

// Where: every region in a published quarter as a tile map and a table, and a region's page with
// its districts and bodies. Every figure says the date it is as of (the quarter's last day); the
// meetings held are counted from the meetings calendar as it stands.

export type RegionDetail = NonNullable<Awaited<ReturnType<AreasService['regionInQuarter']>>>;

export const regionHref = (lang: Locale['lang'], code: string, quarter?: string) =>
  langPath(lang, `/regions/${encodeURIComponent(code)}${quarter ? `?quarter=${encodeURIComponent(quarter)}` : ''}`);
export const trendsHref = (lang: Locale['lang'], scope: { region?: string; body?: string } = {}) =>
  langPath(lang, `/trends${scope.region ? `?region=${encodeURIComponent(scope.region)}` : scope.body ? `?body=${encodeURIComponent(scope.body)}` : ''}`);
const searchHref = (lang: Locale['lang'], quarter: string, filters: [string, string][]) =>
  langPath(lang, `/search?${new URLSearchParams([['quarter', quarter], ...filters]).toString()}`);

/** A GET form choosing one of the published quarters; works without JavaScript. */
export function quarterForm(req: PageRequest, action: string, quarters: string[], current: string): Html {
  const w = WHERE_TEXT[req.locale.lang];
  return html`<form class="quarter-form" method="get" action="${action}">
<label for="quarter">${w.quarterChoice}</label>
<select id="quarter" name="quarter">${quarters.map((q) => html`<option value="${q}"${q === current ? html` selected` : ''}>${q}</option>`)}</select>
<button type="submit">${w.show}</button>
</form>`;
}

/** The figure columns shared by every table here: problems, open, overdue, resolved, disputed. */
function figureCells(locale: Locale, f: AreaFigures, overdueHref?: string): Html {
  const { format, t } = locale;
  // A zero is not a warning: only a positive overdue count is shown in red.
  const overdue = f.overdue > 0 ? html`<span class="overdue">${format.number(f.overdue)}</span>` : format.number(0);
  return html`<td data-label="${t.colTotal}">${format.number(f.total)}</td><td data-label="${t.colOpen}">${format.number(f.open)}</td><td data-label="${t.colOverdue}">${overdueHref && f.overdue > 0 ? html`<a href="${overdueHref}">${overdue}</a>` : overdue}</td><td data-label="${t.colResolved}">${format.number(f.resolved)}</td><td data-label="${t.colDisputed}">${format.number(f.disputed)}</td>`;
}

function figureHeads(locale: Locale, first: string, extra: string[] = []): Html {
  const { t } = locale;
  return html`<thead><tr><th scope="col">${first}</th>${[t.colTotal, t.colOpen, t.colOverdue, t.colResolved, t.colDisputed, ...extra].map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>`;
}

export interface RegionsView {
  quarter: QuarterRef;
  regions: RegionRow[];
  quarters: string[];
  /** The same quarter a year earlier, when it was published. */
  yearEarlier: { quarter: QuarterRef; regions: RegionRow[] } | null;
}

/** "Which region has the most overdue problems, and a year earlier?", in one sentence each. */
function mostOverdue(locale: Locale, view: RegionsView): Html {
  const { labels, format, lang } = locale;
  const w = WHERE_TEXT[lang];
  const top = [...view.regions].sort((a, b) => b.overdue - a.overdue || a.region.code.localeCompare(b.region.code))[0];
  if (!top || top.overdue === 0) return html``;
  const then = view.yearEarlier?.regions.find((r) => r.region.code === top.region.code);
  return html`<p class="answer-line" id="most-overdue">${fill(w.mostOverdue, { region: labels.name(top.region), count: format.number(top.overdue), date: format.date(view.quarter.periodEnd) })}
${
  view.yearEarlier && then
    ? fill(w.yearEarlier, {
        quarter: view.yearEarlier.quarter.label,
        date: format.date(view.yearEarlier.quarter.periodEnd),
        count: format.number(then.overdue),
      })
    : w.noYearEarlier
}
<a href="${regionHref(lang, top.region.code, view.quarter.label)}">${labels.name(top.region)}</a> · <a href="${trendsHref(lang, { region: top.region.code })}">${fill(w.regionTrendLink, { region: labels.name(top.region) })}</a></p>`;
}

export function regionsPage(req: PageRequest, view: RegionsView): Html {
  const { locale } = req;
  const { t, labels, format, lang } = locale;
  const w = WHERE_TEXT[lang];
  const q = view.quarter;
  const date = format.date(q.periodEnd);
  const heading = fill(w.regionsHeading, { quarter: q.label });
  const tiles = view.regions.map((r) => ({
    code: r.region.code,
    name: labels.name(r.region),
    href: regionHref(lang, r.region.code, q.label),
    value: r.overdue,
    description: `${labels.name(r.region)}: ${t.colOverdue} ${format.number(r.overdue)}, ${t.colTotal} ${format.number(r.total)} (${fill(w.asOf, { date })})`,
  }));
  const rows = view.regions.map(
    (r) =>
      html`<tr><th scope="row"><a href="${regionHref(lang, r.region.code, q.label)}">${labels.name(r.region)}</a></th>${figureCells(
        locale,
        r,
        searchHref(lang, q.label, [
          ['region', r.region.code],
          ['overdue', 'true'],
        ]),
      )}<td data-label="${w.colMeetingsHeld}">${format.number(r.meetingsHeld)}</td></tr>`,
  );
  const total = view.regions.reduce(
    (s, r) => ({
      total: s.total + r.total,
      open: s.open + r.open,
      overdue: s.overdue + r.overdue,
      resolved: s.resolved + r.resolved,
      disputed: s.disputed + r.disputed,
      deadlinesMoved: 0,
      driftDays: 0,
    }),
    { total: 0, open: 0, overdue: 0, resolved: 0, disputed: 0, deadlinesMoved: 0, driftDays: 0 },
  );
  const held = view.regions.reduce((s, r) => s + r.meetingsHeld, 0);
  const content = html`<h1>${heading}</h1>
<p class="lead">${fill(w.asOfLead, { date, quarter: q.label })}</p>
${quarterForm(req, langPath(lang, '/regions'), view.quarters, q.label)}
${mostOverdue(locale, view)}
<section aria-labelledby="map-heading">
<h2 id="map-heading">${w.mapHeading}</h2>
<p class="hint">${w.mapHint}</p>
${tileMap(lang, 'region-map', fill(w.mapTitle, { quarter: q.label, date }), tiles, { title: w.legendTitle, none: w.legendNone }, format.number)}
</section>
<section aria-labelledby="table-heading">
<h2 id="table-heading">${w.tableHeading}</h2>
<div class="table-wrap"><table class="numbers cards">
<caption>${fill(w.regionsCaption, { quarter: q.label, date })}</caption>
${figureHeads(locale, w.colRegion, [w.colMeetingsHeld])}
<tbody>${rows}</tbody>
<tfoot><tr><th scope="row">${w.country}</th>${figureCells(locale, total)}<td data-label="${w.colMeetingsHeld}">${format.number(held)}</td></tr></tfoot>
</table></div>
${listDownloads(req, { csv: regionsFileHref('csv', q.label, lang), json: regionsFileHref('json', q.label, lang) })}
<p class="hint">${w.meetingsNote}</p>
<p><a href="${trendsHref(lang)}">${fill(w.trendsHeading, { name: w.country })}</a></p>
</section>`;
  return page(req, { title: heading, section: 'regions', stylesheets: ['where.css'] }, content);
}

export function regionPage(req: PageRequest, detail: RegionDetail, quarters: string[]): Html {
  const { locale } = req;
  const { t, labels, format, lang } = locale;
  const w = WHERE_TEXT[lang];
  const q = detail.quarter;
  const date = format.date(q.periodEnd);
  const name = labels.name(detail.region);
  const heading = fill(w.regionHeading, { region: name, quarter: q.label });
  const f = detail.figures;
  const tile = (label: string, value: number, warn = false) =>
    html`<li${warn && value > 0 ? html` class="tile-warn"` : ''}><span class="tile-number">${format.number(value)}</span> <span class="tile-label">${label}</span></li>`;
  const districtRows = detail.districts.map((d) => {
    const label = d.district.id === detail.region.id ? fill(w.regionLevel, { region: name }) : labels.name(d.district);
    return html`<tr><th scope="row">${label}</th>${figureCells(locale, d)}</tr>`;
  });
  const bodyRows = detail.bodies.map(
    (b) =>
      html`<tr><th scope="row"><a href="${bodyHref(lang, b.body.code, q.label)}">${labels.name(b.body)}</a></th>${figureCells(
        locale,
        b,
        searchHref(lang, q.label, [
          ['region', detail.region.code],
          ['organization', b.body.code],
          ['overdue', 'true'],
        ]),
      )}</tr>`,
  );
  const content = html`<p class="kicker"><a href="${langPath(lang, `/regions?quarter=${q.label}`)}">${w.allRegions}</a></p>
<h1>${heading}</h1>
<p class="lead">${fill(w.asOfLead, { date, quarter: q.label })}</p>
${quarterForm(req, langPath(lang, `/regions/${detail.region.code}`), quarters, q.label)}
<section aria-labelledby="glance">
<h2 id="glance">${w.regionFigures}</h2>
<ul class="tiles">
${tile(t.colTotal, f.total)}${tile(t.colOpen, f.open)}${tile(t.colOverdue, f.overdue, true)}${tile(t.colResolved, f.resolved)}${tile(t.colDisputed, f.disputed)}${tile(w.colMeetingsHeld, f.meetingsHeld)}
</ul>
<ul class="inline">
<li><a href="${searchHref(lang, q.label, [['region', detail.region.code]])}">${fill(w.searchRegion, { region: name })}</a></li>
<li><a href="${searchHref(lang, q.label, [
    ['region', detail.region.code],
    ['overdue', 'true'],
  ])}">${fill(w.searchOverdue, { region: name })}</a></li>
<li><a href="${trendsHref(lang, { region: detail.region.code })}">${fill(w.regionTrendLink, { region: name })}</a></li>
</ul>
</section>
<section aria-labelledby="districts">
<h2 id="districts">${w.byDistrict}</h2>
<div class="table-wrap"><table class="numbers cards">
<caption>${fill(w.byDistrictCaption, { region: name, quarter: q.label, date })}</caption>
${figureHeads(locale, w.colDistrict)}
<tbody>${districtRows}</tbody>
</table></div>
</section>
<section aria-labelledby="bodies">
<h2 id="bodies">${w.byBody}</h2>
${
  bodyRows.length
    ? html`<div class="table-wrap"><table class="numbers cards">
<caption>${fill(w.byBodyCaption, { region: name, quarter: q.label, date })}</caption>
${figureHeads(locale, t.colBody)}
<tbody>${bodyRows}</tbody>
</table></div>`
    : html`<p>${w.noProblems}</p>`
}
${listDownloads(req, { csv: regionFileHref('csv', detail.region.code, q.label, lang), json: regionFileHref('json', detail.region.code, q.label, lang) })}
</section>`;
  return page(req, { title: heading, section: 'regions', stylesheets: ['where.css'] }, content);
}
