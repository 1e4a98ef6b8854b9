import type { Services } from '../../../services.ts';
import type { Viewer } from '../../../modules/accounts/viewer.ts';
import type { GroupEventRow, GroupMemberView, GroupRow } from '../../../modules/groups/groups.read-repo.ts';
import type { Membership } from '../../../modules/groups/groups.repo.ts';
import { problemHref, statusBadge, time } from '../../components.ts';
import { html, type Html } from '../../html.ts';
import { fill } from '../../i18n/index.ts';
import { STAFF_GROUP_TEXT, type StaffGroupDictionary } from '../../i18n/groups.ts';
import { langPath } from '../../layout.ts';
import { groupHref } from '../../pages/group.ts';
import { csrfField, notice, type StaffRequest } from '../layout.ts';

// The group section of a problem's staff page: where the problem stands (its group, who put it
// there), the three decisions as plain forms (confirm, take out, move), and the grouping history.
// Each form posts to /staff/issues/<n>/group with the group it was rendered from.

const MEMBERS_SHOWN = 10;

export interface StaffGroupView {
  membership: Membership | null;
  group: GroupRow | null;
  members: GroupMemberView[];
  events: GroupEventRow[];
  mayDecide: boolean;
  /** A message code from the last decision (?group=saved|conflict|...). */
  outcome: string | undefined;
}

export function loadStaffGroup(services: Services, viewer: Viewer, issueId: number, outcome: string | undefined): StaffGroupView {
  const membership = services.groups.membershipOf(issueId);
  const group = membership?.groupId ? services.groups.findAnyGroup(membership.groupId) : null;
  return {
    membership,
    group,
    members: group
      ? services.groups
          .memberViews(group.id, MEMBERS_SHOWN + 1)
          .filter((m) => m.id !== issueId)
          .slice(0, MEMBERS_SHOWN)
      : [],
    events: services.groups.eventsOfIssue(issueId),
    mayDecide: services.groups.mayDecide(viewer, issueId),
    outcome,
  };
}

const OUTCOMES: Record<string, keyof StaffGroupDictionary['errors']> = {
  conflict: 'conflict',
  category: 'category',
  not_found: 'notFound',
  same: 'same',
  none: 'none',
  invalid: 'invalid',
  forbidden: 'forbidden',
};

function outcomeNotice(g: StaffGroupDictionary, outcome: string | undefined): Html | '' {
  if (!outcome) return '';
  if (outcome === 'saved') return notice('status', g.saved);
  const key = OUTCOMES[outcome];
  return key ? notice('alert', g.errors[key]) : '';
}

function decisionForm(sr: StaffRequest, issueId: number, currentGroupId: number | null, action: 'confirm' | 'remove', hint: string, button: string): Html {
  const g = STAFF_GROUP_TEXT[sr.locale.lang];
  return html`<form method="post" action="${langPath(sr.locale.lang, `/staff/issues/${issueId}/group`)}" class="staff-form">
${csrfField(sr)}
<input type="hidden" name="action" value="${action}">
<input type="hidden" name="currentGroup" value="${currentGroupId ?? ''}">
<p>${hint}</p>
<div class="field"><label for="g-${action}-note">${g.noteField}</label>
<input id="g-${action}-note" name="note" maxlength="500"></div>
<div class="actions"><button type="submit"${action === 'remove' ? html` class="secondary"` : ''}>${button}</button></div>
</form>`;
}

function moveForm(sr: StaffRequest, issueId: number, currentGroupId: number | null): Html {
  const g = STAFF_GROUP_TEXT[sr.locale.lang];
  return html`<form method="post" action="${langPath(sr.locale.lang, `/staff/issues/${issueId}/group`)}" class="staff-form">
${csrfField(sr)}
<input type="hidden" name="action" value="move">
<input type="hidden" name="currentGroup" value="${currentGroupId ?? ''}">
<p>${g.moveHint}</p>
<div class="field"><label for="g-to">${g.toGroupField}</label>
<input id="g-to" name="toGroup" inputmode="numeric" pattern="[0-9]*" maxlength="9"></div>
<div class="field"><label for="g-with">${g.withIssueField}</label>
<input id="g-with" name="withIssue" inputmode="numeric" pattern="[0-9]*" maxlength="9"></div>
<div class="field"><label for="g-move-note">${g.noteField}</label>
<input id="g-move-note" name="note" maxlength="500"></div>
<div class="actions"><button type="submit">${g.moveButton}</button></div>
</form>`;
}

function history(sr: StaffRequest, events: GroupEventRow[]): Html {
  const g = STAFF_GROUP_TEXT[sr.locale.lang];
  const groupName = (id: number | null) => (id === null ? '—' : fill(g.groupNo, { number: id }));
  return html`<h3>${g.historyHeading}</h3>
<ol class="history">${events.map(
    (
      e,
    ) => html`<li><p class="event">${time(sr.locale, e.at)} — <strong>${g.events[e.kind]}</strong>: ${groupName(e.fromGroupId)} → ${groupName(e.toGroupId)}</p>
${e.note ? html`<blockquote class="note">${e.note}</blockquote>` : ''}</li>`,
  )}</ol>`;
}

export function staffGroupSection(sr: StaffRequest, issueId: number, v: StaffGroupView): Html {
  const { lang } = sr.locale;
  const g = STAFF_GROUP_TEXT[lang];
  const groupId = v.membership?.groupId ?? null;
  const standing = v.group
    ? html`<p>${fill(g.inGroup, { number: v.group.id, others: v.group.size - 1 })} ${v.membership?.source === 'STAFF' ? g.sourceStaff : fill(g.sourceAuto, { score: (v.membership?.score ?? 0).toFixed(2) })}
<a href="${groupHref(lang, v.group.id)}">${g.publicGroup}</a></p>
<ul class="group-members">${v.members.map((m) => html`<li><a href="${langPath(lang, `/staff/issues/${m.id}`)}" lang="${m.language}">№ ${m.id}: ${m.title}</a> ${statusBadge(sr.locale, m.status)} <a href="${problemHref(lang, m.id)}" class="sub">${sr.w.publicPageLink}</a></li>`)}</ul>`
    : html`<p>${v.membership?.source === 'STAFF' ? g.removed : g.alone}</p>`;
  const forms = !v.mayDecide
    ? html`<p class="muted">${g.readOnly}</p>`
    : html`${groupId !== null && v.membership?.source !== 'STAFF' ? decisionForm(sr, issueId, groupId, 'confirm', g.confirmHint, g.confirmButton) : ''}
${groupId !== null ? decisionForm(sr, issueId, groupId, 'remove', g.removeHint, g.removeButton) : ''}
${moveForm(sr, issueId, groupId)}`;
  return html`<section aria-labelledby="group-heading">
<h2 id="group-heading">${g.heading}</h2>
${outcomeNotice(g, v.outcome)}
${standing}
${forms}
${v.events.length ? history(sr, v.events) : ''}
</section>`;
}
