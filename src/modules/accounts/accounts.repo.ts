import { and, asc, count, eq, gt, isNull, sql } from 'drizzle-orm';
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
      return db
        .update(sessions)
        .set({ revokedAt: at })
        .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)))
        .run().changes;
    },
    /** Sign out everywhere: every live session of the account ends now. */
    revokeUserSessions(userId: number, at: string) {
      return db
        .update(sessions)
        .set({ revokedAt: at })
        .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
        .run().changes;
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
    /** Disables (a time) or enables (null) an account; 1 when the account exists. */
    setDisabledAt(userId: number, at: string | null) {
      return db.update(users).set({ disabledAt: at }).where(eq(users.id, userId)).run().changes;
    },
    countUsers(): number {
      return db.select({ n: count() }).from(users).get()?.n ?? 0;
    },
    /**
     * One page of accounts by email, each with its organisation, when it last signed in and how
     * many of its sessions are live now: one statement (correlated subqueries use sessions_user_idx).
     */
    listUsers(page: { limit: number; offset: number }, now: string) {
      return db
        .select({
          id: users.id,
          email: users.email,
          displayName: users.displayName,
          role: users.role,
          createdAt: users.createdAt,
          disabledAt: users.disabledAt,
          organizationCode: organizations.code,
          organizationNameKk: organizations.nameKk,
          organizationNameRu: organizations.nameRu,
          organizationNameEn: organizations.nameEn,
          lastSessionAt: sql<string | null>`(select max(s.created_at) from sessions s where s.user_id = ${users.id})`,
          liveSessions: sql<number>`(select count(*) from sessions s where s.user_id = ${users.id} and s.revoked_at is null and s.expires_at > ${now})`,
        })
        .from(users)
        .leftJoin(organizations, eq(organizations.id, users.organizationId))
        .orderBy(asc(users.email))
        .limit(page.limit)
        .offset(page.offset)
        .all();
    },
  };
}
export type AccountsRepo = ReturnType<typeof createAccountsRepo>;
