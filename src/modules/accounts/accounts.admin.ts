import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../shared/clock.ts';
import { InvalidInputError, NotFoundError } from '../shared/errors.ts';
import { ROLES } from '../shared/enums.ts';
import { parseInput, type Unchecked } from '../shared/validation.ts';
import type { AccountsRepo } from './accounts.repo.ts';
import type { users } from './accounts.tables.ts';
import type { Policy } from './policy.ts';
import type { Viewer } from './viewer.ts';

// Administration of staff accounts: list, create, disable, enable, reset a password, end sessions.
// Only administrators, and the check is here (not in a route): the staff console, GraphQL and any
// future transport get the same answer. Passwords an administrator hands out are generated here,
// shown once to the administrator and stored only as a scrypt hash.

/** 24 letters and 8 digits without look-alikes (no I, O, 0, 1): 5 random bits per character. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 16 characters (80 random bits) in groups of four: read aloud or typed from a screen without confusion. */
export function generateTemporaryPassword(): string {
  const chars = [...randomBytes(16)].map((b) => ALPHABET[b & 31]!);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

export const adminNewUserSchema = z.object({
  email: z
    .email()
    .max(200)
    .transform((e) => e.toLowerCase()),
  displayName: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  organizationCode: z.string().trim().min(1).max(80).optional(),
  /** A region's code stands for that region's akimat (KZ-19 -> AKIMAT-KZ-19), as in the CLI. */
  regionCode: z
    .string()
    .trim()
    .regex(/^KZ-\d{2}$/i, 'must be a region code such as KZ-19')
    .optional(),
});
export type AdminNewUser = Unchecked<z.input<typeof adminNewUserSchema>>;

/** An account by its id (the staff console) or its email (GraphQL, where users have no global id). */
const userRefSchema = z.union([
  z.number().int().positive(),
  z
    .email()
    .max(200)
    .transform((e) => e.toLowerCase()),
]);
export type UserRef = number | string;
export const USERS_PAGE_SIZE = 100;

/** What an administrator gets back: never the password hash. */
const withoutSecret = <U extends { passwordHash: string }>({ passwordHash: _secret, ...user }: U) => user;

interface Deps {
  repo: AccountsRepo;
  policy: Policy;
  clock: Clock;
  /** The accounts service's own creation (validation of role and organisation lives there). */
  createUser: (input: {
    email: string;
    password: string;
    displayName: string;
    role: (typeof ROLES)[number];
    organizationCode?: string;
  }) => Promise<typeof users.$inferSelect>;
  /** Hashes at the configured cost (the accounts service's). */
  hashPassword: (password: string) => Promise<string>;
}

export function createAccountsAdmin({ repo, policy, clock, createUser, hashPassword }: Deps) {
  const requireAdmin = (viewer: Viewer | null) => policy.requireRole(viewer, []);

  async function requireUser(ref: UserRef) {
    const parsed = parseInput(userRefSchema, ref, ['user']);
    const user = typeof parsed === 'number' ? await repo.findUserById(parsed) : await repo.findUserByEmail(parsed);
    if (!user) throw new NotFoundError('user', 'No such account.');
    return user;
  }

  return {
    /** A page of accounts (100 each, by email) with organisation, last sign-in and live sessions. */
    listUsers(viewer: Viewer | null, page = 1) {
      requireAdmin(viewer);
      const total = repo.countUsers();
      const pages = Math.max(1, Math.ceil(total / USERS_PAGE_SIZE));
      const current = Math.min(Math.max(1, Math.trunc(page) || 1), pages);
      const users = repo.listUsers({ limit: USERS_PAGE_SIZE, offset: (current - 1) * USERS_PAGE_SIZE }, clock.now().toISOString());
      return { users, total, page: current, pages };
    },

    /** A new account with a generated temporary password, returned once and never stored in plain text. */
    async createUserAs(viewer: Viewer | null, input: AdminNewUser) {
      requireAdmin(viewer);
      const data = parseInput(adminNewUserSchema, input);
      if (data.regionCode && data.organizationCode) {
        throw new InvalidInputError([{ path: 'organization', message: 'give an organisation or a region, not both' }]);
      }
      const organizationCode = data.regionCode ? `AKIMAT-${data.regionCode.toUpperCase()}` : data.organizationCode;
      const temporaryPassword = generateTemporaryPassword();
      const user = await createUser({ email: data.email, displayName: data.displayName, role: data.role, organizationCode, password: temporaryPassword });
      return { user: withoutSecret(user), temporaryPassword };
    },

    /** Disables an account: its sessions end now and it cannot sign in until enabled again. */
    async disableUser(viewer: Viewer | null, userId: UserRef) {
      const admin = requireAdmin(viewer);
      const user = await requireUser(userId);
      if (user.id === admin.userId) throw new InvalidInputError([{ path: 'user', message: 'you cannot disable your own account' }]);
      const at = clock.now().toISOString();
      if (!user.disabledAt) repo.setDisabledAt(user.id, at);
      repo.revokeUserSessions(user.id, at);
      return { ...withoutSecret(user), disabledAt: user.disabledAt ?? at };
    },

    async enableUser(viewer: Viewer | null, userId: UserRef) {
      requireAdmin(viewer);
      const user = await requireUser(userId);
      if (user.disabledAt) repo.setDisabledAt(user.id, null);
      return { ...withoutSecret(user), disabledAt: null };
    },

    /**
     * A new temporary password, returned once; the old one stops working and every session of the
     * account ends (whoever held the old password is out).
     */
    async resetPassword(viewer: Viewer | null, userId: UserRef) {
      requireAdmin(viewer);
      const user = await requireUser(userId);
      const temporaryPassword = generateTemporaryPassword();
      repo.updatePasswordHash(user.id, await hashPassword(temporaryPassword));
      repo.revokeUserSessions(user.id, clock.now().toISOString());
      return { user: withoutSecret(user), temporaryPassword };
    },

    /** Ends every live session of an account; returns how many ended. */
    async revokeSessions(viewer: Viewer | null, userId: UserRef) {
      requireAdmin(viewer);
      const user = await requireUser(userId);
      return { user: withoutSecret(user), revoked: repo.revokeUserSessions(user.id, clock.now().toISOString()) };
    },
  };
}
export type AccountsAdmin = ReturnType<typeof createAccountsAdmin>;
