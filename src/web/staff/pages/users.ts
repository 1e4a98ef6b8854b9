import type { AccountsService } from '../../../modules/accounts/accounts.service.ts';
import { ROLES, type OrganizationKind } from '../../../modules/shared/enums.ts';
import type { Trilingual } from '../../../modules/shared/localized.ts';
import { time } from '../../components.ts';
import { flagAttr, html, type Html } from '../../html.ts';
import { fill } from '../../i18n/index.ts';
import { langPath, pagination } from '../../layout.ts';
import { csrfField, notice, staffPage, type StaffRequest } from '../layout.ts';
import type { Notice } from './publication.ts';

// The administrator's page: every account with its state and actions, and the form that creates one.

type UserList = ReturnType<AccountsService['listUsers']>;
export interface OrganizationOption extends Trilingual {
  code: string;
  kind: OrganizationKind;
}
export interface NewUserDraft {
  email: string;
  displayName: string;
  role: string;
  organizationCode: string;
}
/** The temporary password to show once, with whose it is. */
export interface IssuedPassword {
  email: string;
  password: string;
}

const KIND_ORDER: OrganizationKind[] = ['CENTRAL_EXECUTIVE_BODY', 'NATIONAL_HOLDING', 'NATIONAL_COMPANY', 'LOCAL_EXECUTIVE_BODY'];

function issuedPassword(sr: StaffRequest, issued: IssuedPassword): Html {
  return html`<div class="notice" role="status">
<p>${sr.w.temporaryPassword} (${issued.email}): <strong><code class="temporary-password">${issued.password}</code></strong></p>
<p>${sr.w.temporaryPasswordHint}</p></div>`;
}

function actions(sr: StaffRequest, user: UserList['users'][number], self: boolean): Html {
  const base = langPath(sr.locale.lang, `/staff/users/${user.id}`);
  const button = (action: string, label: string) =>
    html`<form method="post" action="${base}/${action}">${csrfField(sr)}<button type="submit" class="secondary">${label}<span class="visually-hidden"> — ${user.email}</span></button></form>`;
  return html`<div class="row-actions">
${user.disabledAt ? button('enable', sr.w.enableUser) : self ? '' : button('disable', sr.w.disableUser)}
${button('reset-password', sr.w.resetPassword)}
${button('revoke-sessions', sr.w.revokeSessions)}
</div>`;
}

export function usersPage(
  sr: StaffRequest,
  state: { list: UserList; organizations: OrganizationOption[]; draft?: NewUserDraft; notice?: Notice; issued?: IssuedPassword },
): Html {
  const { w, locale } = sr;
  const { list, draft } = state;
  const me = sr.staff!.viewer.userId;
  const rows = list.users.map(
    (u) => html`<tr>
<th scope="row">${u.email}<span class="sub">${u.displayName}</span></th>
<td>${w[`role${u.role}`]}</td>
<td>${u.organizationCode ? html`${locale.labels.name({ nameKk: u.organizationNameKk!, nameRu: u.organizationNameRu!, nameEn: u.organizationNameEn! })}<span class="sub">${u.organizationCode}</span>` : w.govNone}</td>
<td>${u.disabledAt ? html`<span class="warning">${fill(w.statusDisabled, { date: locale.format.dateTime(u.disabledAt) })}</span>` : w.statusActive}</td>
<td>${u.lastSessionAt ? time(locale, u.lastSessionAt) : html`<span class="muted">${w.govNever}</span>`}</td>
<td class="num">${locale.format.number(u.liveSessions)}</td>
<td>${actions(sr, u, u.id === me)}</td>
</tr>`,
  );
  const groups = KIND_ORDER.map((kind) => {
    const options = state.organizations.filter((o) => o.kind === kind);
    return options.length
      ? html`<optgroup label="${locale.labels.organizationKind(kind)}">${options.map((o) => html`<option value="${o.code}"${flagAttr('selected', draft?.organizationCode === o.code)}>${locale.labels.name(o)} (${o.code})</option>`)}</optgroup>`
      : '';
  });
  const failed = state.notice?.kind === 'alert';
  return staffPage(
    sr,
    { title: w.usersHeading, nav: 'users', switchPath: '/staff/users' },
    html`<h1>${w.usersHeading}</h1>
<p>${w.usersIntro}</p>
${state.notice ? notice(state.notice.kind, state.notice.text, state.notice.details) : ''}
${state.issued ? issuedPassword(sr, state.issued) : ''}
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="users-caption">
<table class="staff-table">
<caption id="users-caption">${fill(w.usersCaption, { count: locale.format.number(list.total) })}</caption>
<thead><tr><th scope="col">${w.colEmail}</th><th scope="col">${w.role}</th><th scope="col">${w.organization}</th><th scope="col">${w.colStatus}</th><th scope="col">${w.colLastSession}</th><th scope="col">${w.colSessions}</th><th scope="col">${w.colActions}</th></tr></thead>
<tbody>${rows}</tbody>
</table>
</div>
${pagination(sr, list.page, list.pages, (p) => `${langPath(locale.lang, '/staff/users')}?page=${p}`)}
<h2 id="create-user">${w.createUserHeading}</h2>
<form method="post" action="${langPath(locale.lang, '/staff/users')}" class="staff-form narrow" aria-labelledby="create-user">
${csrfField(sr)}
<div class="field"><label for="new-email">${w.email}</label>
<input id="new-email" name="email" type="email" required maxlength="200" autocomplete="off" value="${draft?.email ?? ''}"${failed ? html` aria-invalid="true"` : ''}></div>
<div class="field"><label for="new-name">${w.displayName}</label>
<input id="new-name" name="displayName" type="text" required maxlength="200" autocomplete="off" value="${draft?.displayName ?? ''}"></div>
<div class="field"><label for="new-role">${w.role}</label>
<select id="new-role" name="role" required>${ROLES.map((r) => html`<option value="${r}"${flagAttr('selected', (draft?.role ?? 'ORGANIZATION_STAFF') === r)}>${w[`role${r}`]}</option>`)}</select></div>
<div class="field"><label for="new-organization">${w.organizationField}</label>
<p id="new-organization-hint" class="hint">${w.organizationHint}</p>
<select id="new-organization" name="organizationCode" aria-describedby="new-organization-hint"><option value="">${w.noOrganizationOption}</option>${groups}</select></div>
<button type="submit">${w.createUserButton}</button>
</form>`,
  );
}
