// npm run outbox:deliver [-- --watch]
// Writes the digests that are due and delivers the outbox over SMTP_URL, then exits (0: nothing
// left that is due; 1: failed; 2: SMTP_URL is not set). --watch keeps delivering every
// OUTBOX_INTERVAL_MS until stopped (SIGTERM/SIGINT), e.g. when the server runs with OUTBOX_WORKER=false.
import { pino } from 'pino';
import { createApp } from '../app.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { createSmtpTransport } from '../modules/notifications/mail-transport.ts';
import { deliveryOptionsFromConfig, startOutboxWorker } from '../modules/notifications/outbox-worker.ts';
import { parseCommandLine } from './args.ts';

const USAGE = 'usage: npm run outbox:deliver [-- --watch]';

async function main(): Promise<number> {
  const watch = parseCommandLine(USAGE, { watch: { type: 'boolean', default: false } }).values.watch;
  const config = loadConfig();
  if (!config.SMTP_URL) {
    process.stderr.write('SMTP_URL is not set: messages stay in the outbox.\n');
    return 2;
  }
  const app = createApp(config, { logger: pino({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL }) });
  const options = deliveryOptionsFromConfig(config);
  const worker = startOutboxWorker(app, createSmtpTransport(config.SMTP_URL), { ...options, loop: watch });
  if (watch) {
    // The worker's timers are unref'd so that they never hold a server's shutdown; here the loop is
    // the whole program, so this process stays until it is told to stop.
    const alive = setInterval(() => undefined, 1 << 30);
    await new Promise<void>((resolve) => {
      process.once('SIGTERM', resolve);
      process.once('SIGINT', resolve);
    });
    clearInterval(alive);
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
