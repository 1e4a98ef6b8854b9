import { builder } from '../../graphql/builder.ts';
import { INPUT_AND_AUTH_ERRORS } from '../../graphql/common.ts';
import { NotFoundError } from '../shared/errors.ts';
import { type SameFields, withoutNulls } from '../shared/validation.ts';
import type { AdminNewUser } from './accounts.admin.ts';
import { RoleEnum } from './accounts.graphql.ts';
import type { Role } from '../shared/enums.ts';

// Administrators' account mutations: the same service calls as the staff console's users page
// (accounts.admin.ts checks that the caller is an admin). Accounts are named by email.

interface AdminUserShape {
  email: string;
  displayName: string;
  role: Role;
  disabledAt: string | null;
}

const AdminUserRef = builder.objectRef<AdminUserShape>('StaffAccount').implement({
  description: 'A staff account as an administrator sees it',
  fields: (t) => ({
    email: t.exposeString('email'),
    displayName: t.exposeString('displayName'),
    role: t.field({ type: RoleEnum, resolve: (u) => u.role }),
    disabledAt: t.expose('disabledAt', { type: 'DateTime', nullable: true }),
  }),
});

const IssuedPasswordRef = builder.objectRef<{ user: AdminUserShape; temporaryPassword: string }>('IssuedPassword').implement({
  description: 'An account and its new temporary password: returned once, stored only as a hash',
  fields: (t) => ({
    user: t.field({ type: AdminUserRef, resolve: (r) => r.user }),
    temporaryPassword: t.exposeString('temporaryPassword'),
  }),
});

const CreateStaffAccountInput = builder.inputType('CreateStaffAccountInput', {
  fields: (t) => ({
    email: t.string({ required: true }),
    displayName: t.string({ required: true }),
    role: t.field({ type: RoleEnum, required: true }),
    organizationCode: t.string({ description: 'For AKIMAT_STAFF (an akimat) and ORGANIZATION_STAFF (a ministry, holding or company)' }),
    regionCode: t.string({ description: "Instead of organizationCode for AKIMAT_STAFF: that region's akimat (KZ-19 -> AKIMAT-KZ-19)" }),
  }),
});

/** The wire shape carries exactly the zod schema's fields: a field renamed or added on one side only fails the build. */
export const ACCOUNT_INPUT_MATCHES_SCHEMA: SameFields<typeof CreateStaffAccountInput.$inferInput, AdminNewUser> = true;

/** Admins only; an account named by email that does not exist is user/not_found (an unknown organisation: organization/not_found). */
const ADMIN_ERRORS = { types: [...INPUT_AND_AUTH_ERRORS, NotFoundError] };

builder.mutationFields((t) => ({
  createStaffAccount: t.field({
    type: IssuedPasswordRef,
    description: 'Admins: a new staff account with a generated temporary password',
    errors: ADMIN_ERRORS,
    args: { input: t.arg({ type: CreateStaffAccountInput, required: true }) },
    resolve: (_root, args, ctx) => ctx.services.accounts.createUserAs(ctx.viewer, withoutNulls(args.input)),
  }),
  disableStaffAccount: t.field({
    type: AdminUserRef,
    description: 'Admins: the account cannot sign in and its sessions end now',
    errors: ADMIN_ERRORS,
    args: { email: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => ctx.services.accounts.disableUser(ctx.viewer, args.email),
  }),
  enableStaffAccount: t.field({
    type: AdminUserRef,
    errors: ADMIN_ERRORS,
    args: { email: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => ctx.services.accounts.enableUser(ctx.viewer, args.email),
  }),
  resetStaffPassword: t.field({
    type: IssuedPasswordRef,
    description: "Admins: a new temporary password; the old one stops working and the account's sessions end",
    errors: ADMIN_ERRORS,
    args: { email: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => ctx.services.accounts.resetPassword(ctx.viewer, args.email),
  }),
  revokeStaffSessions: t.field({
    type: 'Int',
    description: 'Admins: ends every session of the account; returns how many ended',
    errors: ADMIN_ERRORS,
    args: { email: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => (await ctx.services.accounts.revokeSessions(ctx.viewer, args.email)).revoked,
  }),
}));
