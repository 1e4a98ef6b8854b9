import type { IssueEventKind, IssueStatus, Language } from '../modules/shared/enums.ts';
import type { Trilingual } from '../modules/shared/localized.ts';
import { html, type Html, type Renderable } from './html.ts';
import { fill, type Locale } from './i18n/index.ts';
import { langPath } from './layout.ts';
import { userText } from './user-text.ts';

// Pieces shared by several pages: a problem's status, progress, facts and public history.

export const statusBadge = (locale: Locale, status: IssueStatus) =>
  html`<span class="status status-${status.toLowerCase()}">${locale.labels.status(status)}</span>`;

export const overdueBadge = (locale: Locale, overdue: boolean) => (overdue ? html` <span class="overdue">${locale.t.overdueMark}</span>` : '');

/** A native progress bar (no inline style: the CSP forbids it) with its number as text. */
export const progressBar = (locale: Locale, progress: number) =>
  html`<span class="progress"><progress max="100" value="${progress}" aria-label="${locale.t.progress}">${progress}%</progress> ${locale.format.percent(progress)}</span>`;

export const deadlineText = (locale: Locale, dueDate: string | null) =>
  dueDate ? html`<time datetime="${dueDate}">${locale.format.date(dueDate)}</time>` : html`<span class="muted">${locale.t.noDeadline}</span>`;

export const planText = (locale: Locale, plan: string | null, language?: string) =>
  plan ? (language ? html`<span lang="${language}">${plan}</span>` : html`${plan}`) : html`<span class="muted">${locale.t.noPlan}</span>`;

/** An instant in local time: the region's zone where the instant belongs to one (the capital's otherwise). */
export const time = (locale: Locale, iso: string, zone?: string) => html`<time datetime="${iso}">${locale.format.dateTime(iso, zone)}</time>`;

/** A definition list of label/value pairs; pairs whose value is empty are left out. */
export function facts(pairs: [string, Renderable][]): Html {
  const shown = pairs.filter(([, value]) => value !== null && value !== undefined && value !== '');
  return html`<dl class="facts">${shown.map(([label, value]) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`)}</dl>`;
}

export interface PublicEvent {
  kind: IssueEventKind;
  statusBefore: IssueStatus | null;
  statusAfter: IssueStatus;
  progress: number | null;
  dueDateBefore: string | null;
  dueDateAfter: string | null;
  publicNote: string | null;
  at: string;
  organization: Trilingual | null;
}

/** The public history, oldest first: what happened, which body acted, status, deadline, note. Never who. */
export function historyList(locale: Locale, events: PublicEvent[], zone?: string): Html {
  const { labels, format } = locale;
  return html`<ol class="history">${events.map((e) => {
    const moved =
      e.dueDateAfter && e.dueDateAfter !== e.dueDateBefore
        ? html` · ${locale.t.deadline}: ${e.dueDateBefore ? html`<del>${format.date(e.dueDateBefore)}</del> → ` : ''}${format.date(e.dueDateAfter)}`
        : '';
    return html`<li><p class="event">${time(locale, e.at, zone)} — <strong>${labels.event(e.kind)}</strong>${e.organization ? html` (${labels.name(e.organization)})` : ''}</p>
<p class="event-detail">${statusBadge(locale, e.statusAfter)}${e.progress !== null ? html` · ${format.percent(e.progress)}` : ''}${moved}</p>
${e.publicNote ? userText(locale.lang, e.publicNote, null, 'blockquote', 'note') : ''}</li>`;
  })}</ol>`;
}

export const problemHref = (lang: Language, id: number) => langPath(lang, `/problems/${id}`);
export const bodyHref = (lang: Language, code: string, quarter?: string) =>
  langPath(lang, `/bodies/${encodeURIComponent(code)}${quarter ? `?quarter=${encodeURIComponent(quarter)}` : ''}`);

export const heading = (text: string, values?: Record<string, string | number>) => (values ? fill(text, values) : text);

/** "№ 53" with a no-break space: the sign never wraps away from its number. */
export const problemNumber = (id: number) => `№\u00a0${id}`;
