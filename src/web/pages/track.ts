import type { TrackedIssue } from '../../modules/issues/issues.citizen.ts';
import { formatTrackingCode, normalizeTrackingCode } from '../../modules/issues/tracking-code.ts';
import { html, type Html } from '../html.ts';
import { page, langPath, type PageRequest } from '../layout.ts';
import { deadlineText, facts, historyList, overdueBadge, planText, problemHref, progressBar, statusBadge, time } from '../components.ts';
import type { FormTokens } from '../security.ts';
import { FOLLOW_TEXT } from '../i18n/follow.ts';
import { DICTIONARIES, LANGUAGES } from '../i18n/index.ts';

// The citizen's tracking page. The code travels only in POST bodies (never in a URL, so never in
// logs, history or Referer), the answer is never cached, and confirm/dispute forms carry a signed
// token minted for this code (see security.ts).

export interface TrackState {
  code?: string;
  issue?: TrackedIssue;
  overdue?: boolean;
  /** A message to the citizen: a notice after an answer, or why nothing is shown. */
  notice?: { kind: 'status' | 'alert'; text: string };
}

function codeForm(req: PageRequest, code: string | undefined, invalid: boolean): Html {
  const { t, lang } = req.locale;
  return html`<form class="track-form" method="post" action="${langPath(lang, '/track')}">
<label for="code">${t.codeLabel}</label>
<p id="code-hint" class="hint">${t.codeHint}</p>
<div class="row">
<input id="code" name="code" type="text" required maxlength="40" autocomplete="off" autocapitalize="characters" spellcheck="false"
 aria-describedby="code-hint"${invalid ? html` aria-invalid="true"` : ''} value="${code ?? ''}">
<button type="submit">${t.trackButton}</button>
</div>
</form>`;
}

function answerForms(req: PageRequest, code: string, tokens: FormTokens): Html {
  const { t, lang } = req.locale;
  const normalized = normalizeTrackingCode(code) ?? code;
  return html`<section class="answer" aria-labelledby="answer-heading">
<h2 id="answer-heading">${t.resolvedQuestion}</h2>
<form method="post" action="${langPath(lang, '/track/confirm')}" class="inline-form">
<input type="hidden" name="code" value="${normalized}">
<input type="hidden" name="token" value="${tokens.issue('confirm', normalized)}">
<button type="submit" class="primary">${t.confirmButton}</button>
</form>
<form method="post" action="${langPath(lang, '/track/dispute')}">
<input type="hidden" name="code" value="${normalized}">
<input type="hidden" name="token" value="${tokens.issue('dispute', normalized)}">
<label for="comment">${t.disputeLabel}</label>
<textarea id="comment" name="comment" rows="3" maxlength="1000"></textarea>
<button type="submit">${t.disputeButton}</button>
</form>
</section>`;
}

/** Email news of this problem (double opt-in): the code and a token minted for it travel in the form. */
function subscribeForm(req: PageRequest, code: string, tokens: FormTokens): Html {
  const { lang } = req.locale;
  const f = FOLLOW_TEXT[lang];
  const normalized = normalizeTrackingCode(code) ?? code;
  return html`<section class="subscribe" aria-labelledby="subscribe-heading">
<h2 id="subscribe-heading">${f.trackSubscribeHeading}</h2>
<p id="subscribe-hint" class="hint">${f.trackSubscribeHint}</p>
<form method="post" action="${langPath(lang, '/track/subscribe')}">
<input type="hidden" name="code" value="${normalized}">
<input type="hidden" name="token" value="${tokens.issue('subscribe', normalized)}">
<label for="email">${f.emailLabel}</label>
<input id="email" name="email" type="email" required maxlength="254" autocomplete="email" aria-describedby="subscribe-hint">
<label for="language">${f.messageLanguage}</label>
<select id="language" name="language">${LANGUAGES.map((l) => (l === lang ? html`<option value="${l}" selected>${DICTIONARIES[l].languageName}</option>` : html`<option value="${l}">${DICTIONARIES[l].languageName}</option>`))}</select>
<button type="submit">${f.subscribeButton}</button>
</form>
</section>`;
}

function trackedIssue(req: PageRequest, issue: TrackedIssue, overdue: boolean, code: string, tokens: FormTokens): Html {
  const { locale } = req;
  const { t, labels, lang } = locale;
  const routing = issue.assignments.map(
    (a) =>
      html`<li>${time(locale, a.assignedAt)} — ${labels.name(a.organization)}${a.reason ? html`: <span lang="${issue.language}">${a.reason}</span>` : ''}</li>`,
  );
  return html`<article class="tracked" aria-labelledby="tracked-title">
<p class="kicker">${formatTrackingCode(normalizeTrackingCode(code) ?? code)} · <a href="${problemHref(lang, issue.id)}">№ ${issue.id}</a></p>
<h2 id="tracked-title" lang="${issue.language}">${issue.title}</h2>
<p lang="${issue.language}">${issue.text}</p>
${facts([
  [t.status, html`${statusBadge(locale, issue.status)}${overdueBadge(locale, overdue)}`],
  [t.responsibleBody, issue.responsibleOrganization ? labels.name(issue.responsibleOrganization) : null],
  [t.plan, planText(locale, issue.resolutionPlan, issue.language)],
  [t.deadline, deadlineText(locale, issue.dueDate)],
  [
    t.progress,
    issue.status === 'REOPENED'
      ? html`${progressBar(locale, issue.progress)} <span class="hint">${t.progressReset}</span>`
      : progressBar(locale, issue.progress),
  ],
  [t.lastUpdated, time(locale, issue.updatedAt)],
])}
${issue.status === 'RESOLVED' ? answerForms(req, code, tokens) : ''}
${subscribeForm(req, code, tokens)}
<h3>${t.history}</h3>
${historyList(locale, issue.updates)}
${routing.length > 1 ? html`<h3>${t.routing}</h3><ol class="routing">${routing}</ol>` : ''}
</article>`;
}

export function trackPage(req: PageRequest, state: TrackState, tokens: FormTokens): Html {
  const { t, lang } = req.locale;
  const notice = state.notice ? html`<p class="notice notice-${state.notice.kind}" role="${state.notice.kind}">${state.notice.text}</p>` : '';
  const content = html`<h1>${t.trackHeading}</h1>
${notice}
${
  state.issue && state.code
    ? html`${trackedIssue(req, state.issue, state.overdue ?? false, state.code, tokens)}<p><a href="${langPath(lang, '/track')}">${t.trackAnother}</a></p>`
    : html`<p>${t.trackIntro}</p>${codeForm(req, state.code, state.notice?.kind === 'alert')}`
}`;
  return page(req, { title: t.trackHeading, section: 'track', noindex: true, switchPath: '/track' }, content);
}
