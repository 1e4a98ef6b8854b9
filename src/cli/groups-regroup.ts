// npm run groups:regroup [-- --batch-size N] [--resume] [--no-progress]
// Regroups every problem from scratch: automatic decisions are recomputed, staff decisions stay
// (docs/groups.md). Groups keep their numbers where their problems stay together. SIGINT or
// SIGTERM stops it after the batch under way with the work done kept; `--resume` goes on from
// there. Exit codes: 0 done, 1 failed, 130 / 143 stopped by SIGINT / SIGTERM.
import { SingleBar, Presets } from 'cli-progress';
import { pino } from 'pino';
import { createApp } from '../app.ts';
import { loadConfig } from '../config.ts';

const USAGE = 'usage: npm run groups:regroup [-- --batch-size N] [--resume] [--no-progress]';
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

function parseArgs(argv: string[]) {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const options = { batchSize: 500, progress: process.stderr.isTTY === true, resume: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--no-progress') options.progress = false;
    else if (arg === '--resume') options.resume = true;
    else if (arg === '--batch-size') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 1 || value > 100_000) throw new Error(`--batch-size must be a whole number from 1 to 100000 (${USAGE})`);
      options.batchSize = value;
    } else throw new Error(`unknown argument ${arg} (${USAGE})`);
  }
  return options;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const app = createApp(loadConfig(), { logger: pino({ level: 'warn' }) });
  app.services.search.stopCatchUp();
  const stop = new AbortController();
  let stoppedBy: keyof typeof SIGNAL_EXIT | null = null;
  for (const signal of Object.keys(SIGNAL_EXIT) as (keyof typeof SIGNAL_EXIT)[]) {
    process.once(signal, () => {
      stoppedBy = signal;
      stop.abort();
    });
  }
  const started = Date.now();
  const bar = options.progress
    ? new SingleBar(
        { format: 'regroup [{bar}] {percentage}% {value}/{total} problems, {eta_formatted} left', hideCursor: true, stream: process.stderr },
        Presets.shades_classic,
      )
    : null;
  let lastLine = 0;
  try {
    const result = await app.services.groups.regroup({
      batchSize: options.batchSize,
      resume: options.resume,
      signal: stop.signal,
      onProgress: ({ done, total }) => {
        if (bar) {
          if (!bar.isActive) bar.start(total, done);
          bar.update(done);
        } else if (total > 0 && (done === total || done - lastLine >= Math.max(1, Math.ceil(total / 10)))) {
          // Without a terminal: a line every tenth of the way, for logs.
          lastLine = done;
          process.stdout.write(`regroup: ${done}/${total}\n`);
        }
      },
    });
    bar?.stop();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (result.stopped) {
      process.stdout.write(
        `stopped by ${stoppedBy ?? 'a signal'} after ${result.problems} of ${result.total} problems in ${seconds} s; ` +
          'npm run groups:regroup -- --resume goes on from there\n',
      );
      return SIGNAL_EXIT[stoppedBy ?? 'SIGTERM'];
    }
    const how = result.resumed ? 'resumed and regrouped' : 'regrouped';
    process.stdout.write(`${how} ${result.problems} problems in ${seconds} s: ${result.grouped} in ${result.groups} groups of two or more\n`);
    return 0;
  } finally {
    app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`groups:regroup failed: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}\n`);
    process.exit(1);
  },
);
