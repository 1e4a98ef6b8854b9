import type { NamedRow, Territory } from '../../../modules/meetings/akimat-desk.service.ts';
import { html, type Html } from '../../html.ts';
import { fill } from '../../i18n/index.ts';
import { langPath } from '../../layout.ts';
import type { StaffRequest } from '../layout.ts';

// Pieces the akimat's pages share: the region and year chooser (a GET form: bookmarkable, no
// JavaScript), durations in words, and a unit's name with its code.

export const unitName = (sr: StaffRequest, unit: NamedRow) => sr.locale.labels.name(unit);

/** A delay in minutes as "3 d 4 h" (days and hours), or minutes when under an hour. */
export function duration(sr: StaffRequest, minutes: number): string {
  const { w } = sr;
  if (minutes < 60) return fill(w.akMinutes, { n: minutes });
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  return [days ? fill(w.akDays, { n: days }) : '', hours ? fill(w.akHours, { n: hours }) : ''].filter(Boolean).join(' ');
}

/** The chooser above a page: the year always, the region for an admin (who acts for all of them). */
export function chooser(sr: StaffRequest, action: string, territory: Territory, year: number | null, extra: Html = html``): Html {
  const { w } = sr;
  const regionSelect =
    territory.regions.length > 1
      ? html`<div class="field"><label for="region">${w.akRegion}</label><select id="region" name="region">${territory.regions.map(
          (r) => html`<option value="${r.code}"${r.id === territory.region.id ? html` selected` : ''}>${sr.locale.labels.name(r)}</option>`,
        )}</select></div>`
      : '';
  const yearField =
    year === null
      ? ''
      : html`<div class="field"><label for="year">${w.akYear}</label><input id="year" name="year" type="number" min="2022" max="2100" value="${year}"></div>`;
  return html`<form method="get" action="${langPath(sr.locale.lang, action)}" class="staff-filters">${regionSelect}${yearField}${extra}<div class="field"><button type="submit">${w.akShow}</button></div></form>`;
}

/** The `?region=` to keep in links, for an admin who chose one. */
export const regionQuery = (territory: Territory): string => (territory.regions.length > 1 ? `region=${encodeURIComponent(territory.region.code)}` : '');
