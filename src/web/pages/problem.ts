import type { Services } from '../../services.ts';
import type { AkimLevel, IssueCategory, IssueLanguage, IssueStatus, MeetingStatus } from '../../modules/shared/enums.ts';
import type { Trilingual } from '../../modules/shared/localized.ts';
import type { QueryPlan } from '../../modules/shared/query-plan.ts';
import { html, type Html } from '../html.ts';
import { fill } from '../i18n/index.ts';
import { FOLLOW_TEXT } from '../i18n/follow.ts';
import { page, type PageRequest } from '../layout.ts';
import type { PublishedState } from '../../modules/publication/as-of.ts';
import { problemAsOf } from '../as-of.ts';
import { bodyHref, deadlineText, facts, historyList, overdueBadge, planText, progressBar, statusBadge, time, type PublicEvent } from '../components.ts';

// A problem's public page: what was raised, where and at which meeting, who answers for it, the
// plan, deadline and progress, and its public history. The current state, not a quarter's.

interface Named extends Trilingual {
  code: string;
}

export interface ProblemView {
  id: number;
  title: string;
  text: string;
  language: IssueLanguage;
  category: IssueCategory;
  status: IssueStatus;
  resolutionPlan: string | null;
  dueDate: string | null;
  progress: number;
  needsCentralDecision: boolean;
  centralDecisionProposal: string | null;
  raisedAt: string;
  updatedAt: string;
  regionId: number;
  /** The region's IANA zone: its instants are shown in the offset they had there. */
  timeZone: string;
  unit: Named;
  region: Named;
  responsibleOrganization: Named | null;
  meeting: {
    id: number;
    status: MeetingStatus;
    kind: 'SCHEDULED' | 'ON_DEMAND';
    visiting: boolean;
    akimLevel: AkimLevel;
    akimName: string | null;
    venue: string | null;
    plannedStartAt: string;
    actualStartAt: string | null;
    results: string | null;
    unit: Named;
    akimUnit: Named;
    broadcasts: { platform: string; url: string }[];
  };
  updates: PublicEvent[];
}

const NAMES = { columns: { code: true, nameKk: true, nameRu: true, nameEn: true } } as const;

/**
 * What the page reads, spelled out column by column: nothing else is loaded, so neither the
 * tracking code, nor the staff member who acted, nor the citizen's contact can reach the page.
 */
const PROBLEM_QUERY = {
  columns: {
    id: true, title: true, text: true, language: true, category: true, status: true, resolutionPlan: true, dueDate: true,
    progress: true, needsCentralDecision: true, centralDecisionProposal: true, raisedAt: true, updatedAt: true, regionId: true,
  },
  with: {
    unit: NAMES,
    region: NAMES,
    responsibleOrganization: NAMES,
    meeting: {
      columns: {
        id: true, status: true, kind: true, visiting: true, akimLevel: true, akimName: true, venue: true,
        plannedStartAt: true, actualStartAt: true, results: true,
      },
      with: { unit: NAMES, akimUnit: NAMES, broadcasts: { columns: { platform: true, url: true }, orderBy: { id: 'asc' } } },
    },
    updates: {
      columns: {
        kind: true, statusBefore: true, statusAfter: true, progress: true, dueDateBefore: true, dueDateAfter: true, publicNote: true, at: true,
      },
      orderBy: { at: 'asc', id: 'asc' },
      with: { organization: NAMES },
    },
  },
} as const;

const problemPlan: QueryPlan = <T>(options: T) => ({ ...options, ...PROBLEM_QUERY }) as T;

export async function loadProblem(services: Services, id: number): Promise<ProblemView | null> {
  const row = (await services.issues.findIssue(id, problemPlan)) as unknown as Omit<ProblemView, 'timeZone'> | undefined;
  return row ? { ...row, timeZone: services.geography.zoneOfRegion(row.regionId) } : null;
}

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
    [t.progress, p.status === 'REOPENED' ? html`${progressBar(locale, p.progress)} <span class="hint">${t.progressReset}</span>` : progressBar(locale, p.progress)],
    [t.category, labels.category(p.category)],
    [t.place, `${labels.name(p.unit)}${p.unit.code !== p.region.code ? `, ${labels.name(p.region)}` : ''}`],
    [t.raisedOn, time(locale, p.raisedAt, p.timeZone)],
    [t.lastUpdated, time(locale, p.updatedAt, p.timeZone)],
    [t.centralProposal, p.needsCentralDecision ? html`${t.needsCentral}.${p.centralDecisionProposal ? html` <span lang="${p.language}">${p.centralDecisionProposal}</span>` : ''}` : null],
  ];
}

export function problemPage(req: PageRequest, p: ProblemView, overdue: boolean, published: PublishedState | null = null): Html {
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
<section aria-labelledby="history">
<h2 id="history">${t.history}</h2>
${historyList(locale, p.updates, p.timeZone)}
</section>
<section aria-labelledby="meeting">
<h2 id="meeting">${t.meetingHeading}</h2>
${facts([
  [t.meetingWhen, time(locale, m.actualStartAt ?? m.plannedStartAt, p.timeZone)],
  [t.meetingWhere, `${labels.name(m.unit)}${m.visiting ? ` · ${t.visiting}` : ''}${m.kind === 'ON_DEMAND' ? ` · ${t.meetingOnDemand}` : ''}`],
  [t.meetingVenue, m.venue],
  // The post always ("Akim: Almaty Region"), the person only when the akimat recorded a name.
  [t.meetingAkim, m.akimName ? `${m.akimName}, ${labels.name(m.akimUnit)}` : labels.name(m.akimUnit)],
  [t.status, labels.meetingStatus(m.status)],
  [t.meetingBroadcasts, m.broadcasts.length ? html`<ul class="inline">${m.broadcasts.map((b) => html`<li><a href="${safeUrl(b.url)}" rel="nofollow noopener">${b.platform}</a></li>`)}</ul>` : null],
  [t.meetingResults, m.results],
])}
<p><a href="${`/${lang}/meetings?region=${encodeURIComponent(p.region.code)}`}">${t.navMeetings}: ${labels.name(p.region)}</a></p>
</section>
${followLinks(req, p)}
</article>`;
  return page(req, { title, description: p.title, feeds: problemFeeds(req, p) }, content);
}

function problemFeeds(req: PageRequest, p: ProblemView) {
  const { lang, labels } = req.locale;
  const f = FOLLOW_TEXT[lang];
  return [
    { title: f.problemFeed, href: `/feeds/issues/${p.id}.atom?lang=${lang}` },
    { title: fill(f.regionFeed, { region: labels.name(p.region) }), href: `/feeds/regions/${encodeURIComponent(p.region.code)}.atom?lang=${lang}` },
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
