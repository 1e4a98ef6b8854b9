import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { AccountsRepo } from './accounts.repo.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError, InvalidInputError } from '../shared/errors.ts';
import { parseInput, type Unchecked } from '../shared/validation.ts';
import { ROLES, type Role } from '../shared/enums.ts';
import { hashPassword, verifyPassword } from './password.ts';
import type { Viewer } from './viewer.ts';
import type { QueryPlan } from '../shared/query-plan.ts';
import { createSignInThrottle, DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from './sign-in-throttle.ts';
import { createAccountsAdmin } from './accounts.admin.ts';
import type { Policy } from './policy.ts';

const SESSION_DAYS = 14;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export const newUserSchema = z.object({
  email: z
    .email()
    .max(200)
    .transform((e) => e.toLowerCase()),
  password: z.string().min(10, 'must be at least 10 characters').max(200),
  displayName: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  organizationCode: z.string().trim().min(1).max(80).optional(),
});
/** What the CLI and the admin path send; newUserSchema checks it. */
export type NewUser = Unchecked<z.input<typeof newUserSchema>>;

/** One wrong answer for an unknown email and a wrong password: no account enumeration. */
export class SignInFailedError extends DomainError {
  constructor() {
    super('auth/invalid_credentials', 'The email or password is wrong.');
  }
}

const newPasswordSchema = z.object({
  currentPassword: z.string().max(200),
  newPassword: newUserSchema.shape.password,
});

export function createAccountsService(deps: {
  repo: AccountsRepo;
  organizations: OrganizationsService;
  policy: Policy;
  clock: Clock;
  signInLimits?: Partial<SignInLimits>;
  /** Where sign-in attempts are counted (the application's database); in memory when absent. */
  signInStore?: Database.Database;
  /** scrypt's cost for new hashes (PASSWORD_SCRYPT_N). */
  scryptN?: number;
}) {
  const { repo, organizations, policy, clock } = deps;
  const hash = (password: string) => hashPassword(password, deps.scryptN);
  const throttle = createSignInThrottle({ ...DEFAULT_SIGN_IN_LIMITS, ...deps.signInLimits }, deps.signInStore);
  // Compared against when the email is unknown, so both paths cost one scrypt. Made at the first
  // sign-in, whichever path it takes, so that a CLI that signs nobody in never pays for it.
  let decoyHash: Promise<string> | undefined;

  /**
   * Creates a staff account (the CLI; administrators go through createUserAs, which checks the
   * policy). Akimat and organisation staff need an organisation of the matching kind (an akimat
   * for AKIMAT_STAFF); admin and government staff need none.
   */
  async function createUser(input: NewUser) {
    const { email, password, displayName, role, organizationCode } = parseInput(newUserSchema, input);
    const needsOrganization: Role[] = ['AKIMAT_STAFF', 'ORGANIZATION_STAFF'];
    let organizationId: number | null = null;
    if (needsOrganization.includes(role)) {
      if (!organizationCode) {
        throw new InvalidInputError([{ path: 'organization', message: `is required for ${role}` }]);
      }
      const org = await organizations.requireOrganizationByCode(organizationCode);
      const isAkimat = org.kind === 'LOCAL_EXECUTIVE_BODY';
      if ((role === 'AKIMAT_STAFF') !== isAkimat) {
        throw new InvalidInputError([
          {
            path: 'organization',
            message: role === 'AKIMAT_STAFF' ? 'must be an akimat' : 'must be a ministry, holding or company',
          },
        ]);
      }
      organizationId = org.id;
    } else if (organizationCode) {
      throw new InvalidInputError([{ path: 'organization', message: `must not be given for ${role}` }]);
    }
    if (await repo.findUserByEmail(email)) {
      throw new InvalidInputError([{ path: 'email', message: 'is already taken' }]);
    }
    return repo.insertUser({ email, passwordHash: await hash(password), displayName, role, organizationId });
  }

  return {
    /**
     * A new session for the right email and password. Failures are counted per account and per
     * client address (sign-in-throttle.ts); while either budget is spent, auth/rate_limited.
     */
    async signIn(email: string, password: string, clientAddress = 'unknown'): Promise<{ token: string; expiresAt: string; userId: number }> {
      if (typeof email !== 'string' || typeof password !== 'string' || email.length > 200 || password.length > 200) throw new SignInFailedError();
      await throttle.attempt(email, clientAddress);
      decoyHash ??= hash('decoy-password-never-used');
      const user = await repo.findUserByEmail(email.trim().toLowerCase());
      const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
      if (!user || !ok || user.disabledAt) throw new SignInFailedError();
      await throttle.succeeded(email, clientAddress);
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(clock.now().getTime() + SESSION_DAYS * 86_400_000).toISOString();
      repo.insertSession({ userId: user.id, tokenHash: hashToken(token), expiresAt });
      return { token, expiresAt, userId: user.id };
    },
    signOut(token: string): boolean {
      return repo.revokeSession(hashToken(token), clock.now().toISOString()) > 0;
    },
    /** Ends every session of the signed-in account (this one included): "sign out everywhere". */
    signOutEverywhere(viewer: Viewer): number {
      return repo.revokeUserSessions(viewer.userId, clock.now().toISOString());
    },
    /**
     * A new password, given the current one. Every other session ends (a stolen session must not
     * outlive the change); the caller gets a fresh session to go on with.
     */
    async changePassword(viewer: Viewer, input: { currentPassword: string; newPassword: string }) {
      const data = parseInput(newPasswordSchema, input);
      const user = await repo.findUserById(viewer.userId);
      if (!user || !(await verifyPassword(data.currentPassword, user.passwordHash))) {
        throw new InvalidInputError([{ path: 'currentPassword', message: 'is not your current password' }]);
      }
      if (data.newPassword === data.currentPassword) {
        throw new InvalidInputError([{ path: 'newPassword', message: 'must differ from the current password' }]);
      }
      repo.updatePasswordHash(user.id, await hash(data.newPassword));
      repo.revokeUserSessions(user.id, clock.now().toISOString());
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(clock.now().getTime() + SESSION_DAYS * 86_400_000).toISOString();
      repo.insertSession({ userId: user.id, tokenHash: hashToken(token), expiresAt });
      return { token, expiresAt };
    },
    async authenticate(token: string): Promise<Viewer | null> {
      const row = await repo.findViewerBySessionHash(hashToken(token), clock.now().toISOString());
      return row ?? null;
    },
    findUser: (id: number, plan?: QueryPlan) => repo.findUserById(id, plan),

    createUser,
    // Administrators' use cases (policy checked inside): accounts.admin.ts.
    ...createAccountsAdmin({ repo, policy, clock, createUser, hashPassword: hash }),
  };
}
export type AccountsService = ReturnType<typeof createAccountsService>;
