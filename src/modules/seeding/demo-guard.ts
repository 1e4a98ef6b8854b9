import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sessions, users } from '../accounts/accounts.tables.ts';
import { DEMO_ACCOUNTS } from './demo-accounts.ts';

// The demo accounts' password is printed in the README: in a production database they would be a
// door anyone can open. Production refuses to start while any of them can still sign in.

const DEMO_EMAILS = DEMO_ACCOUNTS.map((a) => a.email);

/** The demo accounts in this database that can still sign in. */
export function enabledDemoAccounts(db: Db): string[] {
  return db
    .select({ email: users.email })
    .from(users)
    .where(and(inArray(users.email, DEMO_EMAILS), isNull(users.disabledAt)))
    .all()
    .map((u) => u.email);
}

/**
 * Disables every demo account and ends its sessions. They are kept, not deleted: the demo's
 * history names them as the staff who acted.
 */
export function disableDemoAccounts(db: Db, at: string): string[] {
  return db.transaction((tx) => {
    const found = tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(and(inArray(users.email, DEMO_EMAILS), isNull(users.disabledAt)))
      .all();
    for (const user of found) {
      tx.update(users).set({ disabledAt: at }).where(eq(users.id, user.id)).run();
      tx.delete(sessions).where(eq(sessions.userId, user.id)).run();
    }
    return found.map((u) => u.email);
  });
}

export function demoAccountsRefusal(emails: string[]): string {
  return (
    `Refusing to start in production: this database has demo accounts that can sign in with the published demo password (${emails.join(', ')}). ` +
    'Disable them with `npm run accounts:disable-demo` (or `node dist/cli/disable-demo-accounts.js`), start on a new DATABASE_PATH, ' +
    'or set SEED_DEMO=true to run the demo in production mode on purpose.'
  );
}
