import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id, oneOf, timestamp } from '../shared/columns.ts';
import { ROLES, type Role } from '../shared/enums.ts';
import { organizations } from '../organizations/organizations.tables.ts';

/**
 * Staff accounts. AKIMAT_STAFF and ORGANIZATION_STAFF act for exactly one organisation (an akimat
 * carries its territory through its unit); ADMIN and GOVERNMENT_STAFF act for none.
 */
export const users = sqliteTable(
  'users',
  {
    id: id(),
    email: text('email').notNull().unique(),
    passwordHash: text('password_hash').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: ROLES }).$type<Role>().notNull(),
    organizationId: integer('organization_id').references(() => organizations.id),
    createdAt: createdAt(),
    disabledAt: timestamp('disabled_at'),
  },
  (t) => [
    oneOf('users_role_check', 'role', ROLES),
    check('users_scope_check', sql`(${t.role} in ('AKIMAT_STAFF', 'ORGANIZATION_STAFF')) = (${t.organizationId} is not null)`),
    check('users_email_lower_check', sql`${t.email} = lower(${t.email})`),
    index('users_organization_idx').on(t.organizationId),
  ],
);

/** Bearer sessions. Only a hash of the token is stored, so a leaked database signs nobody in. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: id(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at').notNull(),
    revokedAt: timestamp('revoked_at'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Sign-in attempts per account and per client address (rate-limiter-flexible's SQLite store, whose
 * layout this is): kept in the database so that a restart or a second process does not reset them.
 */
export const signInAttempts = sqliteTable('sign_in_attempts', {
  key: text('key').primaryKey(),
  points: integer('points').notNull().default(0),
  /** Epoch milliseconds. */
  expire: integer('expire'),
});
