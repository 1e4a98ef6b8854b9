import cliProgress from 'cli-progress';
import { loadConfig } from '../config.ts';
import { createApp, type App } from '../app.ts';
import { exitCodeFor, runAndExit } from './publication-exit.ts';
import { parseQuarter, quarterLabel } from '../modules/publication/periods.ts';
import type { ProgressListener } from '../modules/publication/publish-quarter.ts';
import { parseCommandLine, UsageError } from './args.ts';

// npm run publish -- --quarter 2026-Q3   publish one ended quarter now (a no-op if already published)
// npm run publish -- --due               publish every quarter and round that is due, like the scheduler
// Exit codes: 0 done, 2 refused (bad input, quarter not over), 3 another publication holds the lock.
// A quarter is built in batches in bounded memory; a run killed half-way leaves it invisible and the
// next run (at once, on this host) builds it again. The command waits for the published search
// index to be rebuilt before it exits, or says that the server will do it (at once with
// --leave-index-to-server: at a million problems the rebuild takes far longer than the publication).

const USAGE = 'usage: npm run publish -- --quarter YYYY-QN   |   npm run publish -- --due';

/**
 * A bar per quarter on a terminal; on a pipe or a file, one line per phase and every tenth of the
 * build (stderr, written synchronously, so the lines appear while the build runs).
 */
function progressReporter(): { forQuarter(label: string): ProgressListener; stop(): void } {
  if (process.stderr.isTTY) {
    let bar: cliProgress.SingleBar | null = null;
    const stop = () => {
      bar?.stop();
      bar = null;
    };
    return {
      forQuarter(label) {
        stop();
        const current = new cliProgress.SingleBar(
          { stream: process.stderr, format: `${label} {phase} |{bar}| {value}/{total}`, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        bar = current;
        let started = false;
        return (phase, done, total) => {
          if (!started) current.start(total, done, { phase });
          started = true;
          current.setTotal(total);
          current.update(done, { phase });
        };
      },
      stop,
    };
  }
  return {
    forQuarter(label) {
      let lastPhase = '';
      let lastTenth = -1;
      return (phase, done, total) => {
        const tenth = total > 0 ? Math.floor((done / total) * 10) : 10;
        if (phase !== lastPhase || (phase === 'building' && tenth !== lastTenth)) {
          process.stderr.write(`${label} ${phase} ${done}/${total}\n`);
          lastPhase = phase;
          lastTenth = tenth;
        }
      };
    },
    stop: () => undefined,
  };
}

/** Waits for the published search index rebuild this run started; says who finishes it if it could not. */
async function finishIndexing(app: App, leaveToServer: boolean): Promise<void> {
  if (leaveToServer) {
    // The rebuild is recorded as due in the database; the server's catch-up takes it from there.
    console.log('The published search index is left to the server, which rebuilds it at its next catch-up.');
    return;
  }
  console.log('Rebuilding the published search index...');
  await app.services.publication.indexingDone();
  if (app.services.search.status().rebuilding.includes('published')) {
    console.log('The search engine did not take the published index now; the server rebuilds it as soon as the engine answers.');
  } else {
    console.log('The published search index is up to date.');
  }
}

async function main(): Promise<number> {
  let values: { quarter?: string; due?: boolean; 'leave-index-to-server'?: boolean };
  try {
    ({ values } = parseCommandLine(USAGE, { quarter: { type: 'string' }, due: { type: 'boolean' }, 'leave-index-to-server': { type: 'boolean' } }));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(err.message);
    return 2;
  }
  const leaveToServer = values['leave-index-to-server'] ?? false;
  if (!values.quarter === !values.due) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  const app = createApp(config);
  try {
    if (values.due) {
      const result = await app.services.publication.publishDue({ delayHours: config.PUBLISH_DELAY_HOURS, pace: 'batch' });
      if (result.skipped) {
        console.error(`Another publication is running (${app.services.publication.lockHolderNow()?.holder ?? 'unknown'}); nothing done.`);
        return 3;
      }
      console.log(`Published: ${result.published.join(', ') || 'nothing due'}. Collection rounds: ${result.collected.join(', ') || 'nothing due'}.`);
      if (result.published.length) await finishIndexing(app, leaveToServer);
      return 0;
    }
    const q = parseQuarter(values.quarter!);
    if (!q) {
      console.error(`--quarter must look like 2026-Q3, not "${values.quarter}". ${USAGE}`);
      return 2;
    }
    const progress = progressReporter();
    try {
      const { publication, created, alsoPublished } = await app.services.publication.publishQuarter(q, {
        pace: 'batch',
        onProgress: (label) => progress.forQuarter(label),
      });
      progress.stop();
      if (alsoPublished.length) console.log(`Published the earlier quarters first: ${alsoPublished.join(', ')}.`);
      console.log(
        created
          ? `Published ${quarterLabel(q)}: ${publication.itemCount} problems, sha256 ${publication.contentHash}.`
          : `${quarterLabel(q)} was already published at ${publication.publishedAt} (sha256 ${publication.contentHash}); nothing changed.`,
      );
      if (created || alsoPublished.length) await finishIndexing(app, leaveToServer);
      return 0;
    } finally {
      progress.stop();
    }
  } catch (err) {
    return exitCodeFor(err, () => app.services.publication.lockHolderNow()?.holder ?? 'unknown');
  } finally {
    app.close();
  }
}

runAndExit(main);
