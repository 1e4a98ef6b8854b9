import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { createApp } from '../app.ts';
import { DomainError } from '../modules/shared/errors.ts';
import { PublicationBusyError } from '../modules/publication/publication.errors.ts';
import { parseRound, roundLabel } from '../modules/publication/periods.ts';

// npm run collect -- --round 2026-H1   run the collection round of 15 February 2026 (H2: 15 August)
// A no-op if the round was already collected. Exit codes as for `npm run publish`: 0, 2, 3.

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { round: { type: 'string' } } });
  const r = values.round ? parseRound(values.round) : null;
  if (!r) {
    console.error('usage: npm run collect -- --round YYYY-H1 (15 February) | YYYY-H2 (15 August)');
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
    if (err instanceof PublicationBusyError) {
      console.error(err.message);
      return 3;
    }
    if (err instanceof DomainError) {
      console.error(`${err.code}: ${err.message}`);
      return 2;
    }
    throw err;
  } finally {
    app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`error: ${err instanceof Error ? err.stack : String(err)}`);
    process.exit(1);
  },
);
