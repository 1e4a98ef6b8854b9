import type { Language } from '../modules/shared/enums.ts';
import { assetUrl } from './assets.ts';
import { html, join, type Html, type Renderable } from './html.ts';
import { DICTIONARIES, LANGUAGES, type Locale } from './i18n/index.ts';
import { WHERE_TEXT } from './i18n/where.ts';

// The page shell: language, hreflang alternates, the switcher, navigation and footer. Every page
// is complete HTML that works without JavaScript; the one script only enhances the search form.

export interface PageRequest {
  locale: Locale;
  /** The page's address without the language prefix, with its query string: "/search?q=су". */
  path: string;
  /** "http://host:port", for absolute alternates and snippets. */
  baseUrl: string;
}

export type Section = 'home' | 'regions' | 'trends' | 'search' | 'track' | 'meetings' | null;

export interface PageOptions {
  title: string;
  description?: string;
  section?: Section;
  /** Atom feeds a reader can discover from the page. */
  feeds?: { title: string; href: string }[];
  scripts?: ('search' | 'staff')[];
  /** Stylesheets added after the shared one (the staff console's). */
  stylesheets?: ('staff.css' | 'where.css')[];
  /** Navigation replacing the public one (the staff console renders its own, by role). */
  navigation?: Html;
  /** Replaces the footer's "no personal data" line (the staff console shows some, to those allowed). */
  footerNote?: string;
  /** Extra markup in the header bar, after the language switcher (the staff console's account menu). */
  headerExtra?: Html;
  /** Pages with a tracking result must not be indexed or kept by shared caches. */
  noindex?: boolean;
  /** The path the language switcher and alternates point to, when it differs from the page's own (POST results). */
  switchPath?: string;
  /** The page's one address for search engines and shared links, when it differs from the switch path. */
  canonicalPath?: string;
}

const OG_LOCALES: Record<Language, string> = { kk: 'kk_KZ', ru: 'ru_RU', en: 'en_GB' };

/**
 * What a link shared in a messenger or on social media shows: the page's own title and
 * description, its canonical address (PUBLIC_URL, never the Host header), the site's name.
 */
function sharingTags(req: PageRequest, title: string, description: string, canonical: string): Html {
  const { lang } = req.locale;
  return html`<link rel="canonical" href="${canonical}">
<meta property="og:type" content="website">
<meta property="og:site_name" content="Jauap">
<meta property="og:title" content="${title}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${canonical}">
<meta property="og:locale" content="${OG_LOCALES[lang]}">
${LANGUAGES.filter((other) => other !== lang).map(
  (other) => html`<meta property="og:locale:alternate" content="${OG_LOCALES[other]}">
`,
)}<meta name="twitter:card" content="summary">
<meta name="twitter:title" content="${title}">
<meta name="twitter:description" content="${description}">`;
}

export const langPath = (lang: Language, path: string) => `/${lang}${path}`;

function languageSwitcher(req: PageRequest, path: string): Html {
  const { t, lang } = req.locale;
  const links = LANGUAGES.map((other) =>
    other === lang
      ? html`<li><a href="${langPath(other, path)}" hreflang="${other}" lang="${other}" aria-current="true">${DICTIONARIES[other].languageName}</a></li>`
      : html`<li><a href="${langPath(other, path)}" hreflang="${other}" lang="${other}">${DICTIONARIES[other].languageName}</a></li>`,
  );
  return html`<nav class="languages" aria-label="${t.langLabel}"><ul>${links}</ul></nav>`;
}

function navigation(req: PageRequest, section: Section): Html {
  const { t, lang } = req.locale;
  const items: [Exclude<Section, null>, string, string][] = [
    ['home', '/', t.navHome],
    ['regions', '/regions', WHERE_TEXT[lang].navRegions],
    ['trends', '/trends', WHERE_TEXT[lang].navTrends],
    ['search', '/search', t.navSearch],
    ['track', '/track', t.navTrack],
    ['meetings', '/meetings', t.navMeetings],
  ];
  return html`<nav class="site-nav" aria-label="${t.navMain}"><ul>${items.map(([key, href, label]) =>
    key === section
      ? html`<li><a href="${langPath(lang, href)}" aria-current="page">${label}</a></li>`
      : html`<li><a href="${langPath(lang, href)}">${label}</a></li>`,
  )}</ul></nav>`;
}

export function page(req: PageRequest, options: PageOptions, content: Renderable): Html {
  const { t, lang } = req.locale;
  const switchPath = options.switchPath ?? req.path;
  const alternates = LANGUAGES.map((other) => html`<link rel="alternate" hreflang="${other}" href="${req.baseUrl}${langPath(other, switchPath)}">`);
  const feeds = (options.feeds ?? []).map((f) => html`<link rel="alternate" type="application/atom+xml" title="${f.title}" href="${f.href}">`);
  const scripts = (options.scripts ?? []).map((s) => html`<script src="${assetUrl(`${s}.js`)}" defer></script>`);
  const stylesheets = (options.stylesheets ?? []).map((s) => html`<link rel="stylesheet" href="${assetUrl(s)}">`);
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} — Jauap</title>
<meta name="description" content="${options.description ?? t.tagline}">
${sharingTags(req, options.title, options.description ?? t.tagline, `${req.baseUrl}${langPath(lang, options.canonicalPath ?? switchPath)}`)}
${options.noindex ? html`<meta name="robots" content="noindex">` : ''}
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assetUrl('site.css')}">
${stylesheets}
${join(alternates, '\n')}
<link rel="alternate" hreflang="x-default" href="${req.baseUrl}${switchPath === '/' ? '/' : langPath('kk', switchPath)}">
${join(feeds, '\n')}
${scripts}
</head>
<body>
<a class="skip" href="#main">${t.skip}</a>
<header class="site-header">
<div class="bar">
<a class="brand" href="${langPath(lang, '/')}"><span class="brand-name">Jauap</span> <span class="brand-tagline">${t.tagline}</span></a>
${languageSwitcher(req, switchPath)}
${options.headerExtra ?? ''}
</div>
${options.navigation ?? navigation(req, options.section ?? null)}
</header>
<main id="main" tabindex="-1">
${content}
</main>
<footer class="site-footer">
<p>${t.footerAbout}</p>
<p>${options.footerNote ?? t.noPersonal}</p>
<ul class="inline">
<li><a href="/open-data/index.json">${t.footerOpenData}</a></li>
<li><a href="/feeds/publications.atom?lang=${lang}">${t.footerFeed}</a></li>
<li><a href="/graphql">${t.footerApi}</a></li>
</ul>
</footer>
</body>
</html>
`;
}

/** Numbered pages as links; the current page is text. Nothing when there is one page. */
export function pagination(req: PageRequest, current: number, pages: number, hrefFor: (page: number) => string): Html | '' {
  if (pages <= 1) return '';
  const { t } = req.locale;
  const prev = current > 1 ? html`<li><a href="${hrefFor(current - 1)}" rel="prev">${t.prevPage}</a></li>` : '';
  const next = current < pages ? html`<li><a href="${hrefFor(current + 1)}" rel="next">${t.nextPage}</a></li>` : '';
  return html`<nav class="pagination" aria-label="${t.pagination}"><ul>${prev}<li aria-current="page">${fillPage(t.pageOf, current, pages)}</li>${next}</ul></nav>`;
}

const fillPage = (template: string, page: number, pages: number) => template.replace('{page}', String(page)).replace('{pages}', String(pages));

/**
 * Numbered pages (first, last and two either side of the current one, gaps shown as "…"), with
 * previous and next: a reader can jump to page 7 of a long search or back to the first.
 */
export function numberedPagination(req: PageRequest, current: number, pages: number, hrefFor: (page: number) => string): Html | '' {
  if (pages <= 1) return '';
  const { t } = req.locale;
  const shown = [...new Set([1, current - 2, current - 1, current, current + 1, current + 2, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const items: Html[] = [];
  if (current > 1) items.push(html`<li><a href="${hrefFor(current - 1)}" rel="prev">${t.prevPage}</a></li>`);
  shown.forEach((n, i) => {
    if (i > 0 && n - shown[i - 1]! > 1) items.push(html`<li class="gap" aria-hidden="true">…</li>`);
    items.push(n === current ? html`<li><a href="${hrefFor(n)}" aria-current="page">${n}</a></li>` : html`<li><a href="${hrefFor(n)}">${n}</a></li>`);
  });
  if (current < pages) items.push(html`<li><a href="${hrefFor(current + 1)}" rel="next">${t.nextPage}</a></li>`);
  return html`<nav class="pagination numbered" aria-label="${t.pagination}"><p class="visually-hidden">${fillPage(t.pageOf, current, pages)}</p><ul>${items}</ul></nav>`;
}
