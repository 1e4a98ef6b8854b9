import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt is memory-hard and ships with Node: no native dependency to build. Parameters follow
// OWASP's minimum for scrypt (N=2^17, r=8, p=1 ≈ 128 MiB per hash); they are stored with each hash
// so that they can be raised later without invalidating existing passwords.
const PARAMS = { r: 8, p: 1, keyLength: 32 } as const;

/** The cost production hashes with (PASSWORD_SCRYPT_N; config refuses less in production). */
export const PRODUCTION_SCRYPT_N = 2 ** 17;

// Each hash takes ~128 MiB and ~0.5 s of a core: at most this many run at once, the others wait
// their turn (a waiting one holds a closure, not memory). Parallel sign-ins cannot exhaust memory.
export const MAX_CONCURRENT_HASHES = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

/** How many hashes run now and wait (for tests and metrics). */
export const hashingLoad = () => ({ running, waiting: waiting.length });

function scrypt(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return inTurn(
    () => new Promise<Buffer>((resolve, reject) => scryptCallback(password, salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key)))),
  );
}

/**
 * `N`: scrypt's cost (a power of two). Tests hash with a low one (PASSWORD_SCRYPT_N) so that a
 * sign-in costs a millisecond instead of half a second; a hash verifies with the N stored in it.
 */
export async function hashPassword(password: string, N: number = PRODUCTION_SCRYPT_N): Promise<string> {
  const salt = randomBytes(16);
  const { r, p, keyLength } = PARAMS;
  const key = await scrypt(password, salt, keyLength, { N, r, p, maxmem: 256 * 1024 * 1024 });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 256 * 1024 * 1024,
  });
  return timingSafeEqual(actual, expected);
}
