// npm run reindex [-- live|published|all] [--force] [--batch-size N] [--no-progress]
// Rebuilds the search indexes of the configured engine (SEARCH_BACKEND) from the database: each
// one off to the side, swapped in atomically when complete. An interrupted rebuild (a crash, a
// kill) resumes where it stopped. Exit codes: 0 done, 1 failed, 2 the engine does not answer,
// 3 another process is rebuilding (use --force if it crashed less than a minute ago).
import { SingleBar, Presets } from 'cli-progress';
import { pino } from 'pino';
import { createApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { SEARCH_INDEXES, SearchUnavailableError, type SearchIndexName } from '../modules/search/search.port.ts';
import { SearchRebuildBusyError } from '../modules/search/search.sync.ts';
import { parseCommandLine, UsageError } from './args.ts';

const USAGE = 'usage: npm run reindex [-- live|published|all] [--force] [--batch-size N] [--no-progress]';

/**
 * Larger than the service's own batches (1,000, which keep a server's event loop free during a
 * background rebuild): each batch is one FTS5 segment, and fewer segments are less merging. Five
 * times the batch took about 40 % less CPU on a 150,000-problem live index (docs/search.md, "Rebuild speed").
 */
const CLI_BATCH_SIZE = 5000;

interface Options {
  indexes: SearchIndexName[];
  force: boolean;
  batchSize: number;
  progress: boolean;
}

function parseOptions(): Options {
  const { values, positionals } = parseCommandLine(
    USAGE,
    { force: { type: 'boolean', default: false }, 'batch-size': { type: 'string' }, 'no-progress': { type: 'boolean', default: false } },
    { positionals: true },
  );
  const options: Options = {
    indexes: [...SEARCH_INDEXES],
    force: values.force,
    batchSize: CLI_BATCH_SIZE,
    progress: !values['no-progress'] && process.stderr.isTTY === true,
  };
  if (values['batch-size'] !== undefined) {
    const value = Number(values['batch-size']);
    if (!Number.isInteger(value) || value < 1 || value > 100_000) throw new UsageError(`--batch-size must be a whole number from 1 to 100000 (${USAGE})`);
    options.batchSize = value;
  }
  for (const arg of positionals) {
    if (arg === 'all') options.indexes = [...SEARCH_INDEXES];
    else if ((SEARCH_INDEXES as readonly string[]).includes(arg)) options.indexes = [arg as SearchIndexName];
    else throw new UsageError(`unknown argument ${arg} (${USAGE})`);
  }
  return options;
}

async function main(): Promise<number> {
  const options = parseOptions();
  const config = loadConfig();
  // The CLI's own output is the report; the app's log would only repeat it.
  const app = createApp(config, { logger: pino({ level: 'warn' }) });
  try {
    for (const index of options.indexes) {
      const started = Date.now();
      const bar = options.progress
        ? new SingleBar(
            { format: `${index.padEnd(9)} [{bar}] {percentage}% {value}/{total} documents, {eta_formatted} left`, hideCursor: true },
            Presets.shades_classic,
          )
        : null;
      let lastLine = 0;
      await app.services.search.rebuild(index, {
        force: options.force,
        batchSize: options.batchSize,
        onStart: ({ resumed, done, total }) => {
          if (resumed) process.stdout.write(`${index}: resuming an interrupted rebuild after ${done} of ${total} documents\n`);
          bar?.start(total, done);
        },
        onProgress: (done, total) => {
          bar?.update(done);
          // Without a terminal: a line every tenth of the way, for logs.
          if (!bar && total > 0 && (done === total || done - lastLine >= Math.max(1, Math.ceil(total / 10)))) {
            lastLine = done;
            process.stdout.write(`${index}: ${done}/${total}\n`);
          }
        },
      });
      bar?.stop();
      const count = await app.services.search.indexedCount(index);
      process.stdout.write(`${index}: ${count} documents indexed in ${((Date.now() - started) / 1000).toFixed(1)} s (${config.SEARCH_BACKEND})\n`);
    }
    return 0;
  } finally {
    app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`reindex failed: ${message.split('\n')[0]}\n`);
    if (err instanceof SearchUnavailableError) process.exit(2);
    if (err instanceof SearchRebuildBusyError) process.exit(3);
    process.exit(1);
  },
);
