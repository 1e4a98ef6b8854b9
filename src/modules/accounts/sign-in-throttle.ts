import { RateLimiterMemory } from 'rate-limiter-flexible';
import { DomainError } from '../shared/errors.ts';

// Password guessing is slowed down twice: per account (someone trying many passwords on one
// email, from many addresses) and per client address (one machine trying many accounts). Only
// failures count; a successful sign-in clears the account's count.

export interface SignInLimits {
  /** Failed attempts allowed for one email... */
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
    super('auth/throttled', `Too many failed sign-in attempts. Try again in ${retryAfterSeconds} seconds.`);
  }
}

export function createSignInThrottle(limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS) {
  const byAccount = new RateLimiterMemory({ keyPrefix: 'sign-in-account', points: limits.perAccount, duration: limits.windowSeconds });
  const byAddress = new RateLimiterMemory({ keyPrefix: 'sign-in-address', points: limits.perAddress, duration: limits.windowSeconds });
  const keys = (email: string, address: string) => [email.trim().toLowerCase(), address || 'unknown'] as const;

  return {
    /** Refuses (before any password is checked) while either budget is spent. */
    async check(email: string, address: string): Promise<void> {
      const [account, client] = keys(email, address);
      const [a, c] = await Promise.all([byAccount.get(account), byAddress.get(client)]);
      const waits = [
        a && a.consumedPoints >= limits.perAccount ? a.msBeforeNext : 0,
        c && c.consumedPoints >= limits.perAddress ? c.msBeforeNext : 0,
      ];
      const wait = Math.max(...waits);
      if (wait > 0) throw new SignInThrottledError(Math.max(1, Math.ceil(wait / 1000)));
    },
    async failed(email: string, address: string): Promise<void> {
      const [account, client] = keys(email, address);
      // penalty() adds points without refusing: check() is the one place that refuses.
      await Promise.all([byAccount.penalty(account), byAddress.penalty(client)]);
    },
    async succeeded(email: string): Promise<void> {
      await byAccount.delete(keys(email, '')[0]);
    },
  };
}
export type SignInThrottle = ReturnType<typeof createSignInThrottle>;
