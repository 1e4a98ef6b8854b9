// npm run outbox:deliver [-- --watch]
// Writes the digests that are due and delivers the outbox over SMTP_URL, then exits (0: nothing
// left that is due; 1: failed; 2: SMTP_URL is not set). --watch keeps delivering every
// OUTBOX_INTERVAL_MS until stopped (SIGTERM/SIGINT), e.g. when the server runs with OUTBOX_WORKER=false.
import { pino } from 'pino';
import { createApp } from '../app.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { createSmtpTransport } from '../modules/notifications/mail-transport.ts';
import { deliveryOptionsFromConfig, startOutboxWorker } from '../modules/notifications/outbox-worker.ts';

const USAGE = 'usage: npm run outbox:deliver [-- --watch]';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const unknown = args.find((a) => a !== '--watch');
  if (unknown) throw new Error(`unknown argument ${unknown} (${USAGE})`);
  const watch = args.includes('--watch');
  const config = loadConfig();
  if (!config.SMTP_URL) {
    process.stderr.write('SMTP_URL is not set: messages stay in the outbox.\n');
    return 2;
  }
  const app = createApp(config, { logger: pino({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL }) });
  app.services.search.stopCatchUp();
  const options = deliveryOptionsFromConfig(config);
  const worker = startOutboxWorker(app, createSmtpTransport(config.SMTP_URL), { ...options, loop: watch });
  if (watch) {
    await new Promise<void>((resolve) => {
      process.once('SIGTERM', resolve);
      process.once('SIGINT', resolve);
    });
    worker.stop();
    app.close();
    return 0;
  }
  const report = await worker.runOnce();
  const status = app.services.outbox.status();
  worker.stop();
  app.close();
  process.stdout.write(`${JSON.stringify({ ...report, waiting: status.waiting, dead: status.DEAD })}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof ConfigError || err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
