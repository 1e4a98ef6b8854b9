import type { Request, Response, Router } from 'express';
import { InvalidInputError, NotFoundError } from '../../../modules/shared/errors.ts';
import { sendHtml } from '../../caching.ts';
import { pageNumber, queryText, type WebDeps } from '../../context.ts';
import { fill } from '../../i18n/index.ts';
import { langPath } from '../../layout.ts';
import { formField } from '../csrf.ts';
import { requireStaff, staffForm, staffSession } from '../guard.ts';
import { staffRequest } from '../layout.ts';
import type { Notice } from '../pages/publication.ts';
import { usersPage, type IssuedPassword, type NewUserDraft } from '../pages/users.ts';

// The administrator's user management. The accounts service checks that the caller is an admin;
// requireStaff only spares others a page they cannot use. A temporary password is rendered in the
// answer to the POST that made it (never in a URL, a redirect or a log) and the page is no-store.

const ADMIN = ['ADMIN'] as const;
const ACTIONS = ['disable', 'enable', 'reset-password', 'revoke-sessions'] as const;
type Action = (typeof ACTIONS)[number];

export function registerUserRoutes(router: Router, { services }: WebDeps): void {
  const accounts = services.accounts;

  const show = async (req: Request, res: Response, status: number, extra: { notice?: Notice; issued?: IssuedPassword; draft?: NewUserDraft } = {}) => {
    const list = accounts.listUsers(staffSession(res).viewer, pageNumber(req) ?? 1);
    const organizations = await services.organizations.listOrganizations(null);
    sendHtml(res, status, usersPage(staffRequest(req, res), { list, organizations, ...extra }));
  };

  router.get('/users', requireStaff(ADMIN), async (req, res) => {
    const sr = staffRequest(req, res);
    const done = queryText(req, 'done');
    const who = queryText(req, 'who') ?? '';
    const texts: Record<string, string> = { disable: sr.w.userDisabled, enable: sr.w.userEnabled };
    const count = queryText(req, 'count') ?? '0';
    const text =
      done === 'revoke-sessions' ? fill(sr.w.sessionsRevoked, { email: who, count }) : done && texts[done] ? fill(texts[done], { email: who }) : undefined;
    await show(req, res, 200, text ? { notice: { kind: 'status', text } } : {});
  });

  router.post('/users', requireStaff(ADMIN), ...staffForm, async (req, res) => {
    const sr = staffRequest(req, res);
    const draft: NewUserDraft = {
      email: formField(req, 'email').trim().slice(0, 200),
      displayName: formField(req, 'displayName').trim().slice(0, 200),
      role: formField(req, 'role'),
      organizationCode: formField(req, 'organizationCode').trim().slice(0, 80),
    };
    try {
      const { user, temporaryPassword } = await accounts.createUserAs(staffSession(res).viewer, {
        email: draft.email,
        displayName: draft.displayName,
        role: draft.role,
        organizationCode: draft.organizationCode || undefined,
      });
      await show(req, res, 201, {
        notice: { kind: 'status', text: fill(sr.w.userCreated, { email: user.email }) },
        issued: { email: user.email, password: temporaryPassword },
      });
    } catch (err) {
      if (err instanceof InvalidInputError)
        return show(req, res, 400, { draft, notice: { kind: 'alert', text: sr.w.fixErrors, details: err.problems.map((p) => `${p.path}: ${p.message}`) } });
      if (err instanceof NotFoundError)
        return show(req, res, 400, { draft, notice: { kind: 'alert', text: sr.w.fixErrors, details: [`organization: ${err.message}`] } });
      throw err;
    }
  });

  router.post('/users/:id/:action', requireStaff(ADMIN), ...staffForm, async (req, res) => {
    const sr = staffRequest(req, res);
    const action = String(req.params.action) as Action;
    const id = /^\d{1,10}$/.test(String(req.params.id)) ? Number(req.params.id) : 0;
    if (!ACTIONS.includes(action) || !id) throw new NotFoundError('page');
    const viewer = staffSession(res).viewer;
    const back = (done: Action, email: string, count?: number) =>
      res.redirect(
        303,
        `${langPath(sr.locale.lang, '/staff/users')}?done=${done}&who=${encodeURIComponent(email)}${count === undefined ? '' : `&count=${count}`}`,
      );
    try {
      if (action === 'reset-password') {
        const { user, temporaryPassword } = await accounts.resetPassword(viewer, id);
        return await show(req, res, 200, {
          notice: { kind: 'status', text: fill(sr.w.passwordReset, { email: user.email }) },
          issued: { email: user.email, password: temporaryPassword },
        });
      }
      if (action === 'disable') return back(action, (await accounts.disableUser(viewer, id)).email);
      if (action === 'enable') return back(action, (await accounts.enableUser(viewer, id)).email);
      const { user, revoked } = await accounts.revokeSessions(viewer, id);
      return back(action, user.email, revoked);
    } catch (err) {
      if (err instanceof InvalidInputError)
        return show(req, res, 400, { notice: { kind: 'alert', text: sr.w.fixErrors, details: err.problems.map((p) => `${p.path}: ${p.message}`) } });
      throw err;
    }
  });
}
