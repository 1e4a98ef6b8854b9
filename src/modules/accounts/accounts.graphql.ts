import { builder } from '../../graphql/builder.ts';
import { ROLES } from '../shared/enums.ts';
import { SignInFailedError } from './accounts.service.ts';
import { SignInThrottledError } from './sign-in-throttle.ts';
import { ErrorInterface } from '../../graphql/common.ts';
import { planFrom } from '../shared/query-plan.ts';

export const RoleEnum = builder.enumType('Role', { values: ROLES });

builder.objectType(SignInThrottledError, {
  name: 'SignInThrottledError',
  description: 'Too many failed sign-ins for this account or from this address (code auth/rate_limited): wait retryAfterSeconds',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof SignInThrottledError,
  fields: (t) => ({ retryAfterSeconds: t.exposeInt('retryAfterSeconds') }),
});

builder.objectType(SignInFailedError, {
  name: 'SignInFailedError',
  description: 'The email or password is wrong, or the account is disabled: one answer for all (code auth/invalid_credentials)',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof SignInFailedError,
});

/** The signed-in staff member. */
const ViewerRef = builder.drizzleObject('users', {
  variant: 'Viewer',
  fields: (t) => ({
    email: t.exposeString('email'),
    displayName: t.exposeString('displayName'),
    role: t.expose('role', { type: RoleEnum }),
    organization: t.relation('organization', { nullable: true, description: 'The body this account acts for' }),
  }),
});

const SessionRef = builder.objectRef<{ token: string; expiresAt: string }>('Session').implement({
  fields: (t) => ({
    token: t.exposeString('token', { description: 'Send as `Authorization: Bearer <token>`' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
  }),
});

builder.queryFields((t) => ({
  viewer: t.drizzleField({
    type: ViewerRef,
    nullable: true,
    description: 'The signed-in account, or null for the public',
    resolve: async (query, _root, _args, ctx) => {
      if (!ctx.viewer) return null;
      return ctx.services.accounts.findUser(ctx.viewer.userId, planFrom(query));
    },
  }),
}));

builder.mutationFields((t) => ({
  signIn: t.field({
    type: SessionRef,
    errors: { types: [SignInFailedError, SignInThrottledError] },
    args: {
      email: t.arg.string({ required: true }),
      password: t.arg.string({ required: true }),
    },
    resolve: (_root, args, ctx) => ctx.services.accounts.signIn(args.email, args.password, ctx.clientAddress),
  }),
  signOut: t.boolean({
    description: 'Ends the session of the bearer token sent with this request',
    resolve: (_root, _args, ctx) => (ctx.token ? ctx.services.accounts.signOut(ctx.token) : false),
  }),
}));
