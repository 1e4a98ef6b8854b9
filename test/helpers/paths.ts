import { join } from 'node:path';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDir: string;
  }
}

/** Template databases made once per test run by global-setup.ts and copied by each test file. */
export const templatePath = (kind: 'reference' | 'demo', dir: string = inject('templateDir')) => join(dir, `${kind}.db`);
