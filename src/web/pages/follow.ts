import type { ScopeName } from '../../modules/notifications/templates.ts';
import { html, type Html } from '../html.ts';
import { fill } from '../i18n/index.ts';
import { FOLLOW_TEXT } from '../i18n/follow.ts';
import { page, langPath, type PageRequest } from '../layout.ts';
import type { FormTokens } from '../security.ts';

// Following by email: the form for a region's or a body's digest, and the pages the links in
// messages open (confirm, unsubscribe). Each action is a POST form, so a mail scanner that
// prefetches links confirms nothing; the one-click unsubscribe POST of RFC 8058 needs no form.

export type Notice = { kind: 'status' | 'alert'; text: string };
export interface FollowTarget {
  /** 'region', 'body' or 'search', and its code (a saved search's query string): the hidden fields of the form. */
  kind: 'region' | 'body' | 'search';
  code: string;
  name: string;
  /** The action the form's token is minted for (it names the target). */
  tokenAction: string;
}

const noticeHtml = (n: Notice | undefined) => (n ? html`<p class="notice notice-${n.kind}" role="${n.kind}">${n.text}</p>` : '');

export function scopeLabel(req: PageRequest, scope: ScopeName): string {
  const { labels, lang } = req.locale;
  if (scope.kind === 'problem') return fill(FOLLOW_TEXT[lang].scopeIssue, { name: scope.issueId });
  if (scope.kind === 'search') return scope.query;
  return labels.name(scope.names);
}

export function followPage(
  req: PageRequest,
  target: FollowTarget,
  tokens: FormTokens,
  state: { notice?: Notice; email?: string; invalid?: boolean } = {},
): Html {
  const { lang } = req.locale;
  const f = FOLLOW_TEXT[lang];
  const heading = target.kind === 'region' ? fill(f.followRegion, { region: target.name }) : target.kind === 'search' ? f.followSearch : f.followBody;
  const scopeText = { region: f.followScopeRegion, body: f.followScopeBody, search: f.followScopeSearch }[target.kind];
  const scopeLine = fill(scopeText, { name: target.name });
  const content = html`<h1>${heading}</h1>
<p>${scopeLine}</p>
${noticeHtml(state.notice)}
<p>${f.followIntro}</p>
<form class="track-form" method="post" action="${langPath(lang, '/follow')}">
<input type="hidden" name="${target.kind}" value="${target.code}">
<input type="hidden" name="token" value="${tokens.issue(target.tokenAction, target.code)}">
<label for="email">${f.emailLabel}</label>
<p id="email-hint" class="hint">${f.emailHint}</p>
<input id="email" name="email" type="email" required maxlength="254" autocomplete="email" aria-describedby="email-hint"${state.invalid ? html` aria-invalid="true"` : ''} value="${state.email ?? ''}">
<fieldset>
<legend>${f.frequencyLabel}</legend>
<label><input type="radio" name="frequency" value="DAILY"> ${f.daily}</label>
<label><input type="radio" name="frequency" value="WEEKLY" checked> ${f.weekly}</label>
</fieldset>
<button type="submit" class="primary">${f.subscribeButton}</button>
</form>`;
  return page(req, { title: heading, noindex: true }, content);
}

/** The page a confirmation link opens: a button that confirms (POST), or the outcome. */
export function confirmPage(req: PageRequest, state: { token?: string; confirmed?: ScopeName; invalid?: boolean }): Html {
  const { lang } = req.locale;
  const f = FOLLOW_TEXT[lang];
  const content = state.confirmed
    ? html`<h1>${f.confirmedHeading}</h1><p class="notice notice-status" role="status">${fill(f.confirmedText, { name: scopeLabel(req, state.confirmed) })}</p>`
    : state.invalid || !state.token
      ? html`<h1>${f.confirmedHeading}</h1><p class="notice notice-alert" role="alert">${f.confirmLinkInvalid}</p>`
      : html`<h1>${f.followHeading}</h1>
<form method="post" action="${langPath(lang, '/subscriptions/confirm')}">
<input type="hidden" name="token" value="${state.token}">
<button type="submit" class="primary">${f.subscribeButton}</button>
</form>`;
  return page(req, { title: f.confirmedHeading, noindex: true, switchPath: '/subscriptions/confirm' }, content);
}

/** The page an unsubscribe link opens: what it stops and a button, or the outcome. */
export function unsubscribePage(req: PageRequest, state: { token?: string; scope?: ScopeName; done?: boolean }): Html {
  const { lang } = req.locale;
  const f = FOLLOW_TEXT[lang];
  const content = !state.scope
    ? html`<h1>${f.unsubscribeHeading}</h1><p class="notice notice-alert" role="alert">${f.unsubscribeInvalid}</p>`
    : state.done
      ? html`<h1>${f.unsubscribeHeading}</h1><p class="notice notice-status" role="status">${fill(f.unsubscribedText, { name: scopeLabel(req, state.scope) })}</p>`
      : html`<h1>${f.unsubscribeHeading}</h1>
<p>${fill(f.unsubscribeQuestion, { name: scopeLabel(req, state.scope) })}</p>
<form method="post" action="${langPath(lang, `/subscriptions/unsubscribe?token=${encodeURIComponent(state.token ?? '')}`)}">
<button type="submit" class="primary">${f.unsubscribeButton}</button>
</form>`;
  return page(req, { title: f.unsubscribeHeading, noindex: true, switchPath: '/subscriptions/unsubscribe' }, content);
}
