import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sessions, users } from './accounts.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { units } from '../geography/geography.tables.ts';
import type { Role } from '../shared/enums.ts';
import { asIs, type QueryPlan } from '../shared/query-plan.ts';

export function createAccountsRepo(db: Db) {
  return {
    findUserByEmail(email: string) {
      return db.query.users.findFirst({ where: { email } });
    },
    insertUser(values: { email: string; passwordHash: string; displayName: string; role: Role; organizationId: number | null }) {
      return db.insert(users).values(values).returning().get();
    },
    insertSession(values: { userId: number; tokenHash: string; expiresAt: string }) {
      db.insert(sessions).values(values).run();
    },
    revokeSession(tokenHash: string, at: string) {
      return db.update(sessions).set({ revokedAt: at }).where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt))).run().changes;
    },
    /** Sign out everywhere: every live session of the account ends now. */
    revokeUserSessions(userId: number, at: string) {
      return db.update(sessions).set({ revokedAt: at }).where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt))).run().changes;
    },
    updatePasswordHash(userId: number, passwordHash: string) {
      db.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
    },
    /** The live session's user with what a Viewer needs, in one statement. */
    findViewerBySessionHash(tokenHash: string, now: string) {
      return db
        .select({
          userId: users.id,
          email: users.email,
          displayName: users.displayName,
          role: users.role,
          organizationId: users.organizationId,
          organizationKind: organizations.kind,
          unitId: organizations.unitId,
          regionId: units.regionId,
        })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .leftJoin(organizations, eq(organizations.id, users.organizationId))
        .leftJoin(units, eq(units.id, organizations.unitId))
        .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), isNull(users.disabledAt)))
        .get();
    },
    findUserById(id: number, plan: QueryPlan = asIs) {
      return db.query.users.findFirst(plan({ where: { id } }));
    },
  };
}
export type AccountsRepo = ReturnType<typeof createAccountsRepo>;
