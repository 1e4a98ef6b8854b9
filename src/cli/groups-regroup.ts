// npm run groups:regroup [-- --batch-size N] [--no-progress]
// Regroups every problem from scratch: automatic decisions are recomputed, staff decisions stay
// (docs/groups.md). Groups keep their numbers where their problems stay together. Exit codes: 0
// done, 1 failed.
import { SingleBar, Presets } from 'cli-progress';
import { pino } from 'pino';
import { createApp } from '../app.ts';
import { loadConfig } from '../config.ts';

const USAGE = 'usage: npm run groups:regroup [-- --batch-size N] [--no-progress]';

function parseArgs(argv: string[]) {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const options = { batchSize: 500, progress: process.stderr.isTTY === true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--no-progress') options.progress = false;
    else if (arg === '--batch-size') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 1 || value > 100_000) throw new Error(`--batch-size must be a whole number from 1 to 100000 (${USAGE})`);
      options.batchSize = value;
    } else throw new Error(`unknown argument ${arg} (${USAGE})`);
  }
  return options;
}

function main(): number {
  const options = parseArgs(process.argv.slice(2));
  const app = createApp(loadConfig(), { logger: pino({ level: 'warn' }) });
  app.services.search.stopCatchUp();
  const started = Date.now();
  const bar = options.progress
    ? new SingleBar(
        { format: 'regroup [{bar}] {percentage}% {value}/{total} problems, {eta_formatted} left', hideCursor: true, stream: process.stderr },
        Presets.shades_classic,
      )
    : null;
  let lastLine = 0;
  try {
    const result = app.services.groups.regroup({
      batchSize: options.batchSize,
      onProgress: ({ done, total }) => {
        if (bar) {
          if (done <= options.batchSize) bar.start(total, 0);
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
    process.stdout.write(`regrouped ${result.problems} problems in ${seconds} s: ${result.grouped} in ${result.groups} groups of two or more\n`);
    return 0;
  } finally {
    app.close();
  }
}

try {
  process.exit(main());
} catch (err) {
  process.stderr.write(`groups:regroup failed: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}\n`);
  process.exit(1);
}
