import type { PublishedState } from '../modules/publication/as-of.ts';
import { parseQuarter, quarterLastDay } from '../modules/publication/periods.ts';
import type { IssueStatus } from '../modules/shared/enums.ts';
import { html, type Html } from './html.ts';
import { fill, type Locale } from './i18n/index.ts';
import { WHERE_TEXT } from './i18n/where.ts';

// The "as of" lines: a published status carries its quarter's last day, and where the problem
// stands differently today (overdue then but not now, or the reverse, or another status) the line
// says both, so a search result and the problem page never seem to contradict each other.

export interface NowState {
  status: IssueStatus;
  dueDate: string | null;
  overdue: boolean;
}

const dateTag = (locale: Locale, day: string) => html`<time datetime="${day}">${locale.format.date(day)}</time>`;

/** What "now" adds to a published status: nothing when nothing differs. */
function nowDiffers(locale: Locale, then: { status: IssueStatus; overdue: boolean }, now: NowState | undefined): Html | '' {
  if (!now || (now.status === then.status && now.overdue === then.overdue)) return '';
  const w = WHERE_TEXT[locale.lang];
  const status = locale.labels.status(now.status);
  if (now.overdue && !then.overdue)
    return html` <strong class="now-overdue">${fill(w.nowOverdue, { status, deadline: now.dueDate ? locale.format.date(now.dueDate) : '—' })}</strong>`;
  if (!now.overdue && then.overdue) return html` <strong>${fill(w.nowNotOverdue, { status })}</strong>`;
  return html` ${fill(w.nowStatus, { status })}`;
}

/** Under a search result: the published status's date, and the problem now where it differs. */
export function hitAsOf(locale: Locale, quarter: string | null, then: { status: IssueStatus; overdue: boolean }, now: NowState | undefined): Html | '' {
  const q = quarter ? parseQuarter(quarter) : null;
  if (!quarter || !q) return '';
  const w = WHERE_TEXT[locale.lang];
  const day = quarterLastDay(q);
  const [before, after] = w.statusAsOf.split('{date}') as [string, string];
  return html`<p class="meta as-of">${fill(before, { quarter })}${dateTag(locale, day)}${fill(after, { quarter })}.${nowDiffers(locale, then, now)}</p>`;
}

/** On the problem page (which shows today's state): how the latest published list showed it. */
export function problemAsOf(locale: Locale, published: PublishedState | null, now: NowState): Html | '' {
  if (!published) return '';
  const w = WHERE_TEXT[locale.lang];
  const date = locale.format.date(published.periodEnd);
  const overdue = fill(published.overdue ? w.overdueThen : w.notOverdueThen, { date });
  const line = fill(w.snapshotNow, { quarter: published.quarter, date, status: locale.labels.status(published.status), overdue });
  const differs = published.overdue !== now.overdue;
  return html`<p class="as-of${differs ? ' as-of-differs' : ''}">${line}${differs ? nowDiffers(locale, published, now) : ''}</p>`;
}
