import type { StaffQueue } from '../../../modules/issues/issues.queue.ts';
import type { Trilingual } from '../../../modules/shared/localized.ts';
import { facts, problemHref, statusBadge, time } from '../../components.ts';
import { html, type Html } from '../../html.ts';
import { fill } from '../../i18n/index.ts';
import { problemFactRows, type ProblemView } from '../../pages/problem.ts';
import { notice, staffPage, type StaffRequest } from '../layout.ts';
import { centralDecisionForm, transferForm, updateForm, type CentralValues, type TransferValues, type UpdateValues } from './issue-forms.ts';

// A problem as its staff see it: the public facts, what only staff see (version, counts, the
// citizen's contact where the policy allows), the forms, and the full history with who acted.

export type StaffIssue = Awaited<ReturnType<StaffQueue['staffIssue']>>;

export interface IssuePageState {
  update: UpdateValues;
  transfer: TransferValues;
  central: CentralValues;
  /** Render the note preview (the form's "Preview" button). */
  preview: boolean;
  notice?: { kind: 'status' | 'alert'; text: string; details?: string[] };
  /** Which form the notice belongs to, so it is shown beside that form. */
  noticeFor?: 'update' | 'transfer' | 'central' | 'page';
  invalid?: Set<string>;
  bodies: (Trilingual & { code: string })[];
  now: string;
  /** The similar-problems section (pages/issue-group.ts). */
  group?: Html;
}

function fullHistory(sr: StaffRequest, entries: StaffIssue['history']): Html {
  const { locale, w } = sr;
  return html`<ol class="history">${entries.map((e) => {
    const who = e.actor === 'CITIZEN' ? w.historyCitizen : e.byName ? fill(w.historyBy, { name: `${e.byName} <${e.byEmail}>` }) : '';
    const org = e.organization?.nameKk ? ` (${locale.labels.name(e.organization as Trilingual)})` : '';
    const moved = e.dueDateAfter && e.dueDateAfter !== e.dueDateBefore ? html` · ${locale.t.deadline}: ${locale.format.date(e.dueDateAfter)}` : '';
    return html`<li><p class="event">${time(locale, e.at)} — <strong>${locale.labels.event(e.kind)}</strong>${org}${who ? html` · ${who}` : ''}${e.version ? html` · ${w.versionLabel} ${e.version}` : ''}</p>
<p class="event-detail">${statusBadge(locale, e.statusAfter)}${e.progress !== null ? html` · ${locale.format.percent(e.progress)}` : ''}${moved}</p>
${e.publicNote ? html`<blockquote class="note">${e.publicNote}</blockquote>` : ''}</li>`;
  })}</ol>`;
}

export function staffIssuePage(sr: StaffRequest, p: ProblemView, s: StaffIssue, state: IssuePageState): Html {
  const { locale, w } = sr;
  const title = fill(w.issueHeading, { number: p.id });
  const noticeHtml = (where: IssuePageState['noticeFor']) =>
    state.notice && (state.noticeFor ?? 'page') === where ? notice(state.notice.kind, state.notice.text, state.notice.details) : '';
  const invalid = state.invalid ?? new Set<string>();
  return staffPage(
    sr,
    { title, nav: 'queue', scripts: ['staff'] },
    html`<p class="kicker">${title} · <a href="${problemHref(locale.lang, p.id)}">${w.publicPageLink}</a></p>
<h1 lang="${p.language}">${p.title}</h1>
${noticeHtml('page')}
<p class="lead" lang="${p.language}">${p.text}</p>
${facts([
  ...problemFactRows(locale, p, s.overdue, false),
  [w.versionLabel, String(s.issue.version)],
  [w.transfersLabel, String(s.issue.transferCount)],
  [w.disputesLabel, String(s.issue.disputeCount)],
])}
<section aria-labelledby="contact-heading">
<h2 id="contact-heading">${w.contactHeading}</h2>
${
  s.contact
    ? facts([
        [w.contactName, s.contact.fullName],
        [w.contactPhone, s.contact.phone],
        [w.contactIin, s.contact.iin],
      ])
    : html`<p class="muted">${w.contactHidden}</p>`
}
</section>
${
  s.answers && s.updateSteps.length
    ? html`<section aria-labelledby="update-heading"><h2 id="update-heading">${w.updateHeading}</h2>${noticeHtml('update')}
${updateForm(sr, { id: p.id, status: p.status, language: p.language, dueDate: p.dueDate }, s.updateSteps, state.update, state.preview ? { organization: p.responsibleOrganization, at: state.now } : null, invalid)}</section>`
    : html`<p class="muted">${s.answers ? '' : w.readOnly}</p>`
}
${
  s.canTransfer
    ? html`<section aria-labelledby="transfer-heading"><h2 id="transfer-heading">${w.transferHeading}</h2>${noticeHtml('transfer')}
${transferForm(sr, p.id, state.bodies, state.transfer, invalid)}</section>`
    : ''
}
${
  s.canFlagCentral
    ? html`<section aria-labelledby="central-heading"><h2 id="central-heading">${w.centralHeading}</h2>${noticeHtml('central')}
${centralDecisionForm(sr, p.id, state.central, invalid)}</section>`
    : ''
}
${state.group ?? ''}
<section aria-labelledby="history-heading">
<h2 id="history-heading">${w.historyHeading}</h2>
${fullHistory(sr, s.history)}
</section>`,
  );
}
