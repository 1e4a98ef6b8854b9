import type { Services } from '../../services.ts';
import type { ProblemView } from '../../modules/issues/issues.public-view.ts';
import { html, type Html } from '../html.ts';
import { fill } from '../i18n/index.ts';
import { FOLLOW_TEXT } from '../i18n/follow.ts';
import { langPath, page, type PageRequest } from '../layout.ts';
import { JOURNALIST_TEXT, platformName } from '../i18n/journalist.ts';
import { userText } from '../user-text.ts';
import { bodyHref, deadlineText, facts, historyList, overdueBadge, planText, problemNumber, progressBar, statusBadge, time } from '../components.ts';
import { groupFeedHref, problemGroupSection, type GroupView } from './group.ts';
import { GROUP_TEXT } from '../i18n/groups.ts';
import type { PublishedState } from '../../modules/publication/as-of.ts';
import { problemAsOf } from '../as-of.ts';

// A problem's public page: what was raised, where and at which meeting, who answers for it, the
// plan, deadline and progress, and its public history. The current state, not a quarter's.

export type { ProblemView } from '../../modules/issues/issues.public-view.ts';

export const loadProblem = (services: Services, id: number): Promise<ProblemView | null> => services.issues.findPublicProblem(id);

/**
 * What the public knows of a problem, as rows of facts: the public page and the staff page show
 * the same rows (the staff page adds its own after them). `linkBody` links the responsible body's list.
 */
export function problemFactRows(locale: PageRequest['locale'], p: ProblemView, overdue: boolean, linkBody: boolean): [string, Html | string | null][] {
  const { t, labels, lang } = locale;
  const body = p.responsibleOrganization;
  return [
    [t.status, html`${statusBadge(locale, p.status)}${overdueBadge(locale, overdue)}`],
    [t.responsibleBody, body ? (linkBody ? html`<a href="${bodyHref(lang, body.code)}">${labels.name(body)}</a>` : labels.name(body)) : null],
    [t.plan, planText(locale, p.resolutionPlan, p.language)],
    [t.deadline, deadlineText(locale, p.dueDate)],
    [
      t.progress,
      p.status === 'REOPENED' ? html`${progressBar(locale, p.progress)} <span class="hint">${t.progressReset}</span>` : progressBar(locale, p.progress),
    ],
    [t.category, labels.category(p.category)],
    [t.place, `${labels.name(p.unit)}${p.unit.code !== p.region.code ? `, ${labels.name(p.region)}` : ''}`],
    [t.raisedOn, time(locale, p.raisedAt, p.timeZone)],
    [t.lastUpdated, time(locale, p.updatedAt, p.timeZone)],
    [
      t.centralProposal,
      p.needsCentralDecision
        ? html`${t.needsCentral}.${p.centralDecisionProposal ? html` <span lang="${p.language}">${p.centralDecisionProposal}</span>` : ''}`
        : null,
    ],
  ];
}

export function problemPage(req: PageRequest, p: ProblemView, overdue: boolean, group: GroupView | null = null, published: PublishedState | null = null): Html {
  const { locale } = req;
  const { t, labels, lang } = locale;
  const m = p.meeting;
  const title = fill(t.problemHeading, { number: p.id });
  const content = html`<article class="problem">
<p class="kicker">${title}</p>
<h1 lang="${p.language}">${p.title}</h1>
<p class="lead" lang="${p.language}">${p.text}</p>
${facts(problemFactRows(locale, p, overdue, true))}
<p class="muted">${t.liveNote}</p>
${problemAsOf(locale, published, { status: p.status, dueDate: p.dueDate, overdue })}
${group ? problemGroupSection(req, p.id, group) : ''}
<section aria-labelledby="history">
<h2 id="history">${t.history}</h2>
${historyList(locale, p.updates, p.timeZone)}
</section>
<section aria-labelledby="meeting">
<h2 id="meeting">${t.meetingHeading}</h2>
${facts([
  [t.meetingWhen, time(locale, m.actualStartAt ?? m.plannedStartAt, p.timeZone)],
  [t.meetingWhere, `${labels.name(m.unit)}${m.visiting ? ` · ${t.visiting}` : ''}${m.kind === 'ON_DEMAND' ? ` · ${t.meetingOnDemand}` : ''}`],
  [t.meetingVenue, m.venue ? userText(lang, m.venue) : null],
  // The post always ("Akim: Almaty Region"), the person only when the akimat recorded a name.
  [t.meetingAkim, m.akimName ? `${m.akimName}, ${labels.name(m.akimUnit)}` : labels.name(m.akimUnit)],
  [t.status, labels.meetingStatus(m.status)],
  [
    t.meetingBroadcasts,
    m.broadcasts.length
      ? html`<ul class="inline">${m.broadcasts.map((b) => html`<li><a href="${safeUrl(b.url)}" rel="nofollow noopener">${platformName(b.platform)}</a></li>`)}</ul>`
      : null,
  ],
  [t.meetingResults, m.results ? userText(lang, m.results) : null],
])}
<ul class="inline"><li><a href="${langPath(lang, `/meetings/${m.id}`)}">${JOURNALIST_TEXT[lang].openMeeting}</a></li>
<li><a href="${`/${lang}/meetings?region=${encodeURIComponent(p.region.code)}`}">${t.navMeetings}: ${labels.name(p.region)}</a></li></ul>
</section>
${followLinks(req, p)}
</article>`;
  // "Су құбыры тозған — № 53 — Jauap": what the problem is, then its number.
  const where = `${labels.name(p.unit)}${p.unit.code !== p.region.code ? `, ${labels.name(p.region)}` : ''}`;
  const description = `${labels.status(p.status)}${overdue ? ` (${t.overdueMark})` : ''} · ${where} · ${p.text.length > 200 ? `${p.text.slice(0, 199)}…` : p.text}`;
  return page(
    req,
    { title: `${p.title} — ${problemNumber(p.id)}`, description, feeds: problemFeeds(req, p, group), canonicalPath: `/problems/${p.id}` },
    content,
  );
}

function problemFeeds(req: PageRequest, p: ProblemView, group: GroupView | null = null) {
  const { lang, labels } = req.locale;
  const f = FOLLOW_TEXT[lang];
  return [
    { title: f.problemFeed, href: `/feeds/issues/${p.id}.atom?lang=${lang}` },
    { title: fill(f.regionFeed, { region: labels.name(p.region) }), href: `/feeds/regions/${encodeURIComponent(p.region.code)}.atom?lang=${lang}` },
    ...(group ? [{ title: GROUP_TEXT[lang].groupFeed, href: groupFeedHref(lang, group.group.id) }] : []),
  ];
}

/** The problem's and its region's feeds, and the way to follow the region by email. */
function followLinks(req: PageRequest, p: ProblemView): Html {
  const { lang, labels } = req.locale;
  const f = FOLLOW_TEXT[lang];
  return html`<section aria-labelledby="follow">
<h2 id="follow">${f.followHeading}</h2>
<ul class="inline downloads">
${problemFeeds(req, p).map((feed) => html`<li><a href="${feed.href}" type="application/atom+xml">${feed.title}</a></li>`)}
<li><a href="${`/${lang}/follow?region=${encodeURIComponent(p.region.code)}`}">${fill(f.followRegion, { region: labels.name(p.region) })}</a></li>
</ul>
</section>`;
}

/** Only web links become hrefs: a stored "javascript:" URL is shown as nothing clickable. */
export function safeUrl(url: string): string {
  return /^https?:\/\//i.test(url) ? url : '#';
}
