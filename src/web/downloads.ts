import { html, type Html } from './html.ts';
import { JOURNALIST_TEXT } from './i18n/journalist.ts';
import type { PageRequest } from './layout.ts';

// Every public list offers exactly itself as CSV and JSON, linked the same way everywhere
// ("Download this list: CSV, JSON"), the files named in the page's language.

export function listDownloads(req: PageRequest, files: { csv: string; json: string }, extra: Html | '' = ''): Html {
  const { lang } = req.locale;
  return html`<p class="downloads">${JOURNALIST_TEXT[lang].download} <a href="${files.csv}" type="text/csv" download>CSV</a>, <a href="${files.json}" type="application/json">JSON</a>${extra}</p>`;
}

/** The files of the regions view and of a region's page (src/web/routes/region-files.routes.ts). */
export const regionsFileHref = (format: 'csv' | 'json', quarter: string, lang: string) =>
  `/api/regions.${format}?${new URLSearchParams({ quarter, lang }).toString()}`;
export const regionFileHref = (format: 'csv' | 'json', code: string, quarter: string, lang: string) =>
  `/api/regions/${encodeURIComponent(code)}/figures.${format}?${new URLSearchParams({ quarter, lang }).toString()}`;
