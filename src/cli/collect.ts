import { loadConfig } from '../config.ts';
import { createApp } from '../app.ts';
import { exitCodeFor, runAndExit } from './publication-exit.ts';
import { parseRound, roundLabel } from '../modules/publication/periods.ts';
import { parseCommandLine, UsageError } from './args.ts';

const USAGE = 'usage: npm run collect -- --round YYYY-H1 (15 February) | YYYY-H2 (15 August)';

// npm run collect -- --round 2026-H1   run the collection round of 15 February 2026 (H2: 15 August)
// A no-op if the round was already collected. Exit codes as for `npm run publish`: 0, 2, 3.

async function main(): Promise<number> {
  let round: string | undefined;
  try {
    round = parseCommandLine(USAGE, { round: { type: 'string' } }).values.round;
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
  }
  const r = round ? parseRound(round) : null;
  if (!r) {
    console.error(USAGE);
    return 2;
  }
  const app = createApp(loadConfig({ ...process.env, LOG_LEVEL: 'silent' }));
  try {
    const { round, created } = await app.services.publication.collectRound(r);
    console.log(
      created
        ? `Collected ${roundLabel(r)} (cutoff ${round.cutoffDate}): ${round.itemCount} problems, sha256 ${round.contentHash}.`
        : `${roundLabel(r)} was already collected at ${round.collectedAt}; nothing changed.`,
    );
    return 0;
  } catch (err) {
    return exitCodeFor(err);
  } finally {
    app.close();
  }
}

runAndExit(main);
