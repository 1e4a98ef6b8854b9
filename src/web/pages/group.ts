import type { Services } from '../../services.ts';
import type { GroupRow, GroupMemberView, Tally } from '../../modules/groups/groups.read-repo.ts';
import type { Language } from '../../modules/shared/enums.ts';
import { html, type Html } from '../html.ts';
import { fill } from '../i18n/index.ts';
import { GROUP_TEXT } from '../i18n/groups.ts';
import { langPath, page, type PageRequest } from '../layout.ts';
import { bodyHref, problemHref, statusBadge } from '../components.ts';

// Similar-problem groups on the public pages: the summary on a problem's page ("raised N times in
// M districts of K regions since ...", the others with status and body), and the group's own page
// (where, when, who answers, how many resolved). Only public columns: never a contact.

/** Members listed on a problem's page and on the group's page. */
const MEMBERS_ON_PROBLEM = 20;
export const MEMBERS_ON_GROUP = 100;

export interface GroupView {
  group: GroupRow;
  members: GroupMemberView[];
}
export interface GroupPageView extends GroupView {
  regions: Tally[];
  districts: Tally[];
  bodies: Tally[];
  perQuarter: { quarter: string; count: number }[];
}

export const groupHref = (lang: Language, id: number) => langPath(lang, `/groups/${id}`);
export const groupFeedHref = (lang: Language, id: number) => `/feeds/groups/${id}.atom?lang=${lang}`;

/** The group of a problem with its most recent members, or null when it is in none. */
export function loadProblemGroup(services: Services, issueId: number): GroupView | null {
  const group = services.groups.groupOfIssue(issueId);
  return group ? { group, members: services.groups.memberViews(group.id, MEMBERS_ON_PROBLEM + 1) } : null;
}

export function loadGroupPage(services: Services, id: number): GroupPageView | null {
  const group = services.groups.findGroup(id);
  if (!group) return null;
  return {
    group,
    members: services.groups.memberViews(id, MEMBERS_ON_GROUP),
    regions: services.groups.regions(id),
    districts: services.groups.districts(id),
    bodies: services.groups.bodies(id),
    perQuarter: services.groups.perQuarter(id),
  };
}

/** "Raised 12 times in 11 districts of 10 regions since 3 March 2025". */
export function raisedLine(req: PageRequest, g: GroupRow): string {
  const { lang, format } = req.locale;
  const text = GROUP_TEXT[lang];
  const values = { count: g.size, districts: g.districtCount, regions: g.regionCount, date: format.date(g.firstRaisedAt ?? g.updatedAt) };
  return fill(g.regionCount === 1 ? text.raisedTimesOneRegion : text.raisedTimes, values);
}

function memberList<M extends GroupMemberView>(req: PageRequest, members: M[], after: (m: M) => Html | '' = () => ''): Html {
  const { labels, lang, format } = req.locale;
  return html`<ul class="group-members">${members.map(
    (m) => html`<li><a href="${problemHref(lang, m.id)}" lang="${m.language}">№ ${m.id}: ${m.title}</a>
<span class="sub">${labels.name(m.unit)}${m.unit.code !== m.region.code ? `, ${labels.name(m.region)}` : ''} · ${format.date(m.raisedAt)}</span>
${statusBadge(req.locale, m.status)}${m.body ? html` · <a href="${bodyHref(lang, m.body.code)}">${labels.name(m.body)}</a>` : ''}${after(m)}</li>`,
  )}</ul>`;
}

export interface FormerGroupView {
  id: number;
  members: (GroupMemberView & { nowGroupId: number | null })[];
  lastLeft: string | null;
}

/** A group since dissolved (a published list may still link it): the problems it had, and their group now. */
export function formerGroupPage(req: PageRequest, v: FormerGroupView): Html {
  const { lang, format } = req.locale;
  const text = GROUP_TEXT[lang];
  const title = fill(text.goneTitle, { number: v.id });
  const content = html`<article class="group">
<h1>${title}</h1>
<p class="lead">${text.goneLead}${v.lastLeft ? ` ${fill(text.goneSince, { date: format.date(v.lastLeft) })}` : ''}</p>
<section aria-labelledby="members">
<h2 id="members">${text.goneMembers}</h2>
${memberList(req, v.members, (m) =>
  m.nowGroupId === null
    ? html` · <span class="sub">${text.goneAlone}</span>`
    : html` · <a href="${groupHref(lang, m.nowGroupId)}">${fill(text.goneNow, { number: m.nowGroupId })}</a>`,
)}
</section>
</article>`;
  return page(req, { title, description: text.goneLead }, content);
}

/** The section on a problem's page. */
export function problemGroupSection(req: PageRequest, issueId: number, view: GroupView): Html {
  const { lang } = req.locale;
  const text = GROUP_TEXT[lang];
  const others = view.members.filter((m) => m.id !== issueId).slice(0, MEMBERS_ON_PROBLEM);
  return html`<section aria-labelledby="similar" class="group-summary">
<h2 id="similar">${text.similarHeading}</h2>
<p class="lead"><strong>${raisedLine(req, view.group)}</strong></p>
<p>${text.othersIntro}</p>
${memberList(req, others)}
<p><a href="${groupHref(lang, view.group.id)}">${text.groupLink}</a></p>
</section>`;
}

function tallyTable(req: PageRequest, caption: string, firstColumn: string, rows: Tally[], link?: (t: Tally) => string): Html {
  const { labels, format } = req.locale;
  const text = GROUP_TEXT[req.locale.lang];
  return html`<div class="table-wrap"><table class="numbers">
<caption>${caption}</caption>
<thead><tr><th scope="col">${firstColumn}</th><th scope="col">${text.colCount}</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><th scope="row">${link ? html`<a href="${link(r)}">${labels.name(r)}</a>` : labels.name(r)}</th><td>${format.number(r.count)}</td></tr>`)}</tbody>
</table></div>`;
}

export function groupPage(req: PageRequest, v: GroupPageView): Html {
  const { lang, labels, format } = req.locale;
  const text = GROUP_TEXT[lang];
  const g = v.group;
  const title = fill(text.groupTitle, { number: g.id, title: g.title ?? '' });
  const routed = v.bodies.reduce((n, b) => n + b.count, 0);
  const content = html`<article class="group">
<p class="kicker">${fill(text.groupHeading, { count: g.size })} · ${labels.category(g.category)}</p>
<h1>${title}</h1>
<p class="lead"><strong>${raisedLine(req, g)}</strong></p>
<p class="muted">${text.groupLead}</p>
<ul class="tiles">
<li><span class="tile-number">${format.number(g.size)}</span> <span class="tile-label">${text.colCount}</span></li>
<li><span class="tile-number">${format.number(g.regionCount)}</span> <span class="tile-label">${text.regionsCaption}</span></li>
<li><span class="tile-number">${format.number(g.districtCount)}</span> <span class="tile-label">${text.districtsCaption}</span></li>
<li><span class="tile-number">${format.number(g.resolvedCount)}</span> <span class="tile-label">${fill(text.resolvedOf, { resolved: g.resolvedCount, count: g.size })}</span></li>
</ul>
<section aria-labelledby="where">
<h2 id="where">${text.where}</h2>
${tallyTable(req, text.regionsCaption, text.colPlace, v.regions, (r) => langPath(lang, `/search?region=${encodeURIComponent(r.code)}&category=${g.category}`))}
${tallyTable(req, text.districtsCaption, text.colPlace, v.districts)}
</section>
<section aria-labelledby="when">
<h2 id="when">${text.when}</h2>
<div class="table-wrap"><table class="numbers">
<caption>${text.quarterCaption}</caption>
<thead><tr><th scope="col">${text.colQuarter}</th><th scope="col">${text.colCount}</th></tr></thead>
<tbody>${v.perQuarter.map((q) => html`<tr><th scope="row">${q.quarter}</th><td>${format.number(q.count)}</td></tr>`)}</tbody>
</table></div>
</section>
<section aria-labelledby="who">
<h2 id="who">${text.whoAnswers}</h2>
${tallyTable(req, text.bodiesCaption, text.colBody, v.bodies, (b) => bodyHref(lang, b.code))}
${g.size > routed ? html`<p>${fill(text.notRouted, { count: g.size - routed })}</p>` : ''}
</section>
<section aria-labelledby="members">
<h2 id="members">${text.members}</h2>
${v.members.length < g.size ? html`<p class="muted">${fill(text.membersShown, { shown: v.members.length, count: g.size })}</p>` : ''}
${memberList(req, v.members)}
</section>
<p><a href="${groupFeedHref(lang, g.id)}" type="application/atom+xml">${text.groupFeed}</a></p>
</article>`;
  return page(req, { title, description: raisedLine(req, g), feeds: [{ title: text.groupFeed, href: groupFeedHref(lang, g.id) }] }, content);
}

export type MostRaised = (GroupRow & { raisedInPeriod: number })[];

/** The home page's "most raised problems" of a published quarter (empty: no section). */
export function mostRaisedSection(req: PageRequest, quarter: string, groups: MostRaised): Html | '' {
  if (!groups.length) return '';
  const { lang, labels } = req.locale;
  const text = GROUP_TEXT[lang];
  return html`<section aria-labelledby="most-raised">
<h2 id="most-raised">${fill(text.mostRaised, { quarter })}</h2>
<p class="muted">${text.mostRaisedIntro}</p>
<ol class="most-raised">${groups.map(
    (g) => html`<li><a href="${groupHref(lang, g.id)}">${g.title ?? ''}</a>
<span class="sub">${labels.category(g.category)} · ${fill(text.raisedInQuarter, { count: g.raisedInPeriod, quarter })} · ${fill(text.inRegions, { regions: g.regionCount, districts: g.districtCount })}</span></li>`,
  )}</ol>
</section>`;
}
