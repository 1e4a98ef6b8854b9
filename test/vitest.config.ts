import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
import { BROWSER_TESTS, runBrowserTests } from './helpers/browser-legs.ts';

const require = createRequire(import.meta.url);

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
    // Test files share a worker's loaded modules (each file still builds its own app and database):
    // importing the application anew for each of 100+ files was half of the suite's time.
    isolate: false,
    maxWorkers: 2,
  },
});
