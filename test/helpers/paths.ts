import { join } from 'node:path';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDir: string;
  }
}

/** Template databases made once per test run by global-setup.ts and copied by each test file. */
export const templatePath = (kind: 'reference' | 'demo', dir: string = inject('templateDir')) => join(dir, `${kind}.db`);

/**
 * scrypt's cost in the suite (PASSWORD_SCRYPT_N): a sign-in costs about a millisecond instead of
 * half a second. Production's cost is checked on its own (test/accounts/accounts.test.ts).
 */
export const TEST_SCRYPT_N = 1024;
