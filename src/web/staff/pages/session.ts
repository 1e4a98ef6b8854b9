import { html, type Html } from '../../html.ts';
import { langPath } from '../../layout.ts';
import type { FormTokens } from '../../security.ts';
import { signInToken } from '../csrf.ts';
import { csrfField, notice, staffPage, type StaffRequest } from '../layout.ts';

// The sign-in page and "my account" (password change, sign out everywhere).

export interface SignInState {
  email?: string;
  next: string;
  notice?: { kind: 'status' | 'alert'; text: string };
}

export function signInPage(sr: StaffRequest, state: SignInState, tokens: FormTokens): Html {
  const { w, locale } = sr;
  const failed = state.notice?.kind === 'alert';
  return staffPage(
    sr,
    { title: w.signInHeading, switchPath: `/staff/sign-in${state.next ? `?next=${encodeURIComponent(state.next)}` : ''}` },
    html`<h1>${w.signInHeading}</h1>
<p>${w.signInIntro}</p>
${state.notice ? notice(state.notice.kind, state.notice.text) : ''}
<form method="post" action="${langPath(locale.lang, '/staff/sign-in')}" class="staff-form narrow">
<input type="hidden" name="token" value="${signInToken(tokens)}">
<input type="hidden" name="next" value="${state.next}">
<div class="field"><label for="email">${w.email}</label>
<input id="email" name="email" type="email" required maxlength="200" autocomplete="username" value="${state.email ?? ''}"${failed ? html` aria-invalid="true"` : ''}></div>
<div class="field"><label for="password">${w.password}</label>
<input id="password" name="password" type="password" required maxlength="200" autocomplete="current-password"${failed ? html` aria-invalid="true"` : ''}></div>
<button type="submit">${w.signInButton}</button>
</form>`,
  );
}

export interface AccountState {
  organizationName: string | null;
  notice?: { kind: 'status' | 'alert'; text: string; details?: string[] };
}

export function accountPage(sr: StaffRequest, state: AccountState): Html {
  const { w, locale } = sr;
  const viewer = sr.staff!.viewer;
  const roleName = w[`role${viewer.role}`];
  return staffPage(
    sr,
    { title: w.accountHeading, nav: 'account' },
    html`<h1>${w.accountHeading}</h1>
${state.notice ? notice(state.notice.kind, state.notice.text, state.notice.details) : ''}
<dl class="facts">
<div><dt>${w.email}</dt><dd>${viewer.email}</dd></div>
<div><dt>${w.role}</dt><dd>${roleName}</dd></div>
${state.organizationName ? html`<div><dt>${w.organization}</dt><dd>${state.organizationName}</dd></div>` : ''}
</dl>
<h2>${w.changePasswordHeading}</h2>
<form method="post" action="${langPath(locale.lang, '/staff/account/password')}" class="staff-form narrow">
${csrfField(sr)}
<input type="text" name="username" autocomplete="username" value="${viewer.email}" hidden>
<div class="field"><label for="current-password">${w.currentPassword}</label>
<input id="current-password" name="currentPassword" type="password" required maxlength="200" autocomplete="current-password"></div>
<div class="field"><label for="new-password">${w.newPassword}</label>
<p id="new-password-hint" class="hint">${w.newPasswordHint}</p>
<input id="new-password" name="newPassword" type="password" required minlength="10" maxlength="200" autocomplete="new-password" aria-describedby="new-password-hint"></div>
<button type="submit">${w.changePasswordButton}</button>
</form>
<h2>${w.signOutEverywhere}</h2>
<p>${w.signOutEverywhereHint}</p>
<form method="post" action="${langPath(locale.lang, '/staff/sign-out-everywhere')}">
${csrfField(sr)}
<button type="submit">${w.signOutEverywhere}</button>
</form>`,
  );
}

/** The console's start page for roles without a queue: the pages their role opens. */
export function homePage(sr: StaffRequest, links: { href: string; label: string }[]): Html {
  return staffPage(
    sr,
    { title: sr.w.homeHeading },
    html`<h1>${sr.w.homeHeading}</h1><p>${sr.w.homeIntro}</p><ul>${links.map((l) => html`<li><a href="${l.href}">${l.label}</a></li>`)}</ul>`,
  );
}
