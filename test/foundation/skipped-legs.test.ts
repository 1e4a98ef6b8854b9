import { accessSync, constants } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BROWSER_TESTS, CHROMIUM, runBrowserTests } from '../helpers/browser-legs.ts';

// Without Chromium the browser test files are left out of the run (test/vitest.config.ts); each
// one is listed here as skipped, so the summary's count says so, not only a warning line.
describe('the browser legs', () => {
  for (const file of BROWSER_TESTS) {
    it.skipIf(!runBrowserTests)(`${file} runs: Chromium is installed at ${CHROMIUM}`, () => {
      expect(() => accessSync(CHROMIUM, constants.X_OK)).not.toThrow();
    });
  }
});
