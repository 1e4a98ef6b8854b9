import type { Request, Response } from 'express';
import { html, type Html, type Renderable } from '../html.ts';
import { fill } from '../i18n/index.ts';
import { staffWords, type StaffDictionary } from '../i18n/staff.ts';
import { langPath, page, type PageOptions, type PageRequest } from '../layout.ts';
import { pageRequest } from '../context.ts';
import { CSRF_FIELD, csrfTokenFor } from './csrf.ts';
import { navFor } from './nav.ts';
import type { StaffSession } from './session.ts';

// The staff console's page shell: the public layout (header, language switcher, footer, CSS)
// with the console's navigation for the signed-in role and an account menu with sign-out.

export interface StaffRequest extends PageRequest {
  /** The console's own words in the page's language. */
  w: StaffDictionary;
  /** The signed-in staff member; null only on the sign-in page. */
  staff: StaffSession | null;
}

/** The page request for a route under /{lang}/staff: its path keeps the "/staff" part. */
export function staffRequest(req: Request, res: Response): StaffRequest {
  const base = pageRequest(req, res);
  const path = req.originalUrl.slice(base.locale.lang.length + 1) || '/staff';
  return { ...base, path, w: staffWords(base.locale.lang), staff: (res.locals.staff as StaffSession | undefined) ?? null };
}

/** The hidden CSRF field every state-changing staff form must carry. */
export function csrfField(sr: StaffRequest): Html {
  return sr.staff ? html`<input type="hidden" name="${CSRF_FIELD}" value="${csrfTokenFor(sr.staff.token)}">` : html``;
}

function staffNavigation(sr: StaffRequest, current: string | undefined): Html {
  if (!sr.staff)
    return html`<nav class="site-nav" aria-label="${sr.w.navLabel}"><ul><li><a href="${langPath(sr.locale.lang, '/')}">${sr.locale.t.navHome}</a></li></ul></nav>`;
  const items = navFor(sr.staff.viewer.role).map((item) => {
    const href = langPath(sr.locale.lang, item.path);
    return item.key === current
      ? html`<li><a href="${href}" aria-current="page">${sr.w[item.label]}</a></li>`
      : html`<li><a href="${href}">${sr.w[item.label]}</a></li>`;
  });
  return html`<nav class="site-nav" aria-label="${sr.w.navLabel}"><ul>${items}</ul></nav>`;
}

function accountMenu(sr: StaffRequest): Html {
  if (!sr.staff) return html``;
  const { viewer } = sr.staff;
  return html`<div class="staff-account">
<span>${fill(sr.w.signedInAs, { name: viewer.displayName ?? viewer.email })}</span>
<form method="post" action="${langPath(sr.locale.lang, '/staff/sign-out')}">${csrfField(sr)}<button type="submit" class="link-button">${sr.w.signOut}</button></form>
</div>`;
}

export interface StaffPageOptions extends Omit<PageOptions, 'navigation' | 'headerExtra' | 'section'> {
  /** The STAFF_NAV key of this page, marked as current in the navigation. */
  nav?: string;
}

export function staffPage(sr: StaffRequest, options: StaffPageOptions, content: Renderable): Html {
  const { nav, ...rest } = options;
  return page(
    sr,
    {
      ...rest,
      title: `${options.title} · ${sr.w.consoleName}`,
      noindex: true,
      stylesheets: ['staff.css', ...(options.stylesheets ?? [])],
      navigation: staffNavigation(sr, nav),
      headerExtra: accountMenu(sr),
      footerNote: sr.w.footerPersonal,
    },
    content,
  );
}

/** A notice at the top of a page: a status after a change, or an alert with the reasons of a refusal. */
export function notice(kind: 'status' | 'alert', text: string, details: string[] = []): Html {
  return html`<div class="notice notice-${kind}" role="${kind}"><p>${text}</p>${details.length ? html`<ul>${details.map((d) => html`<li>${d}</li>`)}</ul>` : ''}</div>`;
}
