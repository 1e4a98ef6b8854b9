import type Database from 'better-sqlite3';
import { RateLimiterMemory, RateLimiterRes, RateLimiterSQLite, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { DomainError } from '../shared/errors.ts';

// Password guessing is slowed down twice: per account (someone trying many passwords on one
// email, from many addresses) and per client address (one machine trying many accounts).
//
// An attempt is counted *before* its password is checked: thirty aliased signIn fields in one
// request, or thirty parallel requests, all count, and the ones past the budget never reach
// scrypt. A success gives its points back. The counts live in SQLite (table sign_in_attempts),
// so they hold across restarts and processes.

export interface SignInLimits {
  /** Attempts allowed for one email... */
  perAccount: number;
  /** ...and from one client address... */
  perAddress: number;
  /** ...within this many seconds; then sign-in is refused until the window has passed. */
  windowSeconds: number;
}
export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { perAccount: 10, perAddress: 50, windowSeconds: 15 * 60 };

export class SignInThrottledError extends DomainError {
  override name = 'SignInThrottledError';
  constructor(readonly retryAfterSeconds: number) {
    super('auth/rate_limited', `Too many failed sign-in attempts. Try again in ${retryAfterSeconds} seconds.`);
  }
}

function limiter(keyPrefix: string, points: number, duration: number, store?: Database.Database): RateLimiterAbstract {
  if (!store) return new RateLimiterMemory({ keyPrefix, points, duration });
  return new RateLimiterSQLite({
    storeClient: store,
    storeType: 'better-sqlite3',
    tableName: 'sign_in_attempts',
    tableCreated: true,
    clearExpiredByTimeout: false,
    keyPrefix,
    points,
    duration,
  });
}

/** `store`: the application's SQLite connection (in memory when absent, e.g. for a throwaway instance). */
export function createSignInThrottle(limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS, store?: Database.Database) {
  const byAccount = limiter('sign-in-account', limits.perAccount, limits.windowSeconds, store);
  const byAddress = limiter('sign-in-address', limits.perAddress, limits.windowSeconds, store);
  const keys = (email: string, address: string) => [email.trim().toLowerCase(), address || 'unknown'] as const;
  const waitOf = (refusal: unknown) => {
    if (refusal instanceof RateLimiterRes) return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
    throw refusal;
  };

  return {
    /** Counts one attempt on both budgets; refuses (before any password is checked) past either. */
    async attempt(email: string, address: string): Promise<void> {
      const [account, client] = keys(email, address);
      const results = await Promise.allSettled([byAccount.consume(account), byAddress.consume(client)]);
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (refused.length) throw new SignInThrottledError(Math.max(...refused.map((r) => waitOf(r.reason))));
    },
    /** A right password: the account's count starts again, and the address gets its point back. */
    async succeeded(email: string, address: string): Promise<void> {
      const [account, client] = keys(email, address);
      await Promise.all([byAccount.delete(account), byAddress.reward(client, 1)]);
    },
  };
}
export type SignInThrottle = ReturnType<typeof createSignInThrottle>;
