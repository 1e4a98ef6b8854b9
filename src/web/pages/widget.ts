import type { Trilingual } from '../../modules/shared/localized.ts';
import { assetUrl } from '../assets.ts';
import { html, type Html } from '../html.ts';
import { fill } from '../i18n/index.ts';
import { langPath, type PageRequest } from '../layout.ts';
import { JOURNALIST_TEXT } from '../i18n/journalist.ts';

// The embeddable widget: a body's latest published figures and a link to its full list, as a tiny
// page any site may put in an <iframe> (the only pages whose CSP allows framing). An iframe rather
// than a script: it needs nothing from the host page, cannot touch it, and works where scripts are
// not allowed on the host site.

export const WIDGET_WIDTH = 340;
export const WIDGET_HEIGHT = 250;

export const widgetPath = (lang: string, code: string) => `/${lang}/widget/bodies/${encodeURIComponent(code)}`;

/** The HTML a body's webmaster copies. */
export function widgetCode(req: PageRequest, code: string, bodyName: string): string {
  const { t, lang } = req.locale;
  const title = fill(t.widgetTitle, { body: bodyName }).replace(/"/g, '&quot;');
  return `<iframe src="${req.baseUrl}${widgetPath(lang, code)}" title="${title}" width="${WIDGET_WIDTH}" height="${WIDGET_HEIGHT}" loading="lazy" style="border:0"></iframe>`;
}

/** The snippet as shown on the body page: the code to copy and a live preview. */
export function widgetSnippet(req: PageRequest, code: string, bodyName = code): Html {
  const { t, lang } = req.locale;
  return html`<p>${t.widgetHelp}</p>
<label for="widget-code">${t.widgetCode}</label>
<textarea id="widget-code" class="code" rows="3" readonly>${widgetCode(req, code, bodyName)}</textarea>
<p>${t.widgetPreview}:</p>
<iframe class="widget-preview" src="${widgetPath(lang, code)}" title="${fill(t.widgetTitle, { body: bodyName })}" width="${WIDGET_WIDTH}" height="${WIDGET_HEIGHT}" loading="lazy"></iframe>`;
}

export interface WidgetView {
  organization: Trilingual & { code: string };
  latest: { quarter: string; total: number; open: number; overdue: number; resolved: number } | null;
}

export function widgetPage(req: PageRequest, view: WidgetView): Html {
  const { t, labels, format, lang } = req.locale;
  const name = labels.name(view.organization);
  const title = fill(t.widgetTitle, { body: name });
  const f = view.latest;
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assetUrl('site.css')}">
</head>
<body class="widget">
<main>
${f ? html`<p class="widget-kicker">${fill(JOURNALIST_TEXT[lang].widgetKicker, { quarter: f.quarter })}</p>` : ''}
<h1>${name}</h1>
${
  f
    ? html`<ul class="tiles compact">
<li><span class="tile-number">${format.number(f.total)}</span> <span class="tile-label">${t.figTotal}</span></li>
<li><span class="tile-number">${format.number(f.open)}</span> <span class="tile-label">${t.figOpen}</span></li>
<li${f.overdue > 0 ? html` class="tile-warn"` : ''}><span class="tile-number">${format.number(f.overdue)}</span> <span class="tile-label">${t.figOverdue}</span></li>
<li><span class="tile-number">${format.number(f.resolved)}</span> <span class="tile-label">${t.figResolved}</span></li>
</ul>`
    : html`<p>${t.nothingPublished}</p>`
}
<p class="widget-link"><a href="${req.baseUrl}${langPath(lang, `/bodies/${encodeURIComponent(view.organization.code)}`)}" target="_blank" rel="noopener">${t.widgetLink}</a></p>
</main>
</body>
</html>
`;
}
