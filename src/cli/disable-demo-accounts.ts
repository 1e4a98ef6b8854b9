import { loadConfig } from '../config.ts';
import { createApp } from '../app.ts';
import { disableDemoAccounts } from '../modules/seeding/demo-guard.ts';
import { systemClock } from '../modules/shared/clock.ts';
import { parseCommandLine } from './args.ts';

// npm run accounts:disable-demo — disables the demo accounts of DATABASE_PATH and ends their sessions.
function main() {
  parseCommandLine('usage: npm run accounts:disable-demo', {});
  const app = createApp(loadConfig({ ...process.env, LOG_LEVEL: 'silent' }));
  try {
    const disabled = disableDemoAccounts(app.db, systemClock.now().toISOString());
    console.log(disabled.length ? `Disabled ${disabled.length} demo account(s): ${disabled.join(', ')}.` : 'No enabled demo accounts in this database.');
  } finally {
    app.close();
  }
}

try {
  main();
} catch (err) {
  console.error(`error: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
