import { existsSync } from 'node:fs';

// The browser tests drive Debian's Chromium. In CI (CI=true) they always run, and fail when it is
// missing; on a developer's machine without it they are left out, and test/foundation/skipped-legs
// shows each one as skipped in the summary.
export const BROWSER_TESTS = [
  'test/web/browser.test.ts',
  'test/web/nojs.test.ts',
  'test/staff/browser.test.ts',
  'test/staff/akimat.browser.test.ts',
  'test/staff/government.browser.test.ts',
  'test/staff/admin.browser.test.ts',
  'test/groups/browser.test.ts',
  'test/web/phones.test.ts',
];

export const CHROMIUM = '/usr/bin/chromium';
export const runBrowserTests = process.env.CI === 'true' || existsSync(CHROMIUM);
