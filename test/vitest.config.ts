import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// The browser tests drive Debian's Chromium. In CI (CI=true) they always run, and fail when it is
// missing; on a developer's machine without it they are left out with one loud line.
const BROWSER_TESTS = [
  'test/web/browser.test.ts',
  'test/web/nojs.test.ts',
  'test/staff/browser.test.ts',
  'test/staff/akimat.browser.test.ts',
  'test/staff/government.browser.test.ts',
  'test/staff/admin.browser.test.ts',
  'test/groups/browser.test.ts',
];
const runBrowserTests = process.env.CI === 'true' || existsSync('/usr/bin/chromium');
if (!runBrowserTests) {
  console.warn(
    `\n!!! No Chromium at /usr/bin/chromium: SKIPPING the browser tests (${BROWSER_TESTS.join(', ')}).` +
      ' Run `sudo bash .ci/install-chromium.sh` to enable them.\n',
  );
}

export default defineConfig({
  root: new URL('..', import.meta.url).pathname,
  resolve: {
    // One copy of graphql for yoga, Pothos and the tests ("another module or realm").
    alias: { graphql: require.resolve('graphql') },
  },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...(runBrowserTests ? [] : BROWSER_TESTS)],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
