// npm run compliance -- --region KZ-19 --year 2026 [--as-of 2026-11-27] [--json]
// Prints a region's year as the decree sees it: the calendar's dated steps (late ones with their
// delay), its revisions, every coverage gap of the plan and of the meetings held, and the meetings
// whose report took more than a quarter of the planned time, and how many meetings carry each
// conduct flag. Exit 0 when printed (gaps are
// findings, not failures), 1 on bad arguments or an unknown region.
import { loadConfig } from '../config.ts';
import { createApp } from '../app.ts';
import { fixedClock } from '../modules/shared/clock.ts';
import { DomainError } from '../modules/shared/errors.ts';
import { parseCommandLine } from './args.ts';
import { complianceReport } from './compliance-report.ts';

const USAGE = 'usage: npm run compliance -- --region CODE --year YYYY [--as-of YYYY-MM-DD] [--json]';

async function main() {
  const { values } = parseCommandLine(USAGE, {
    region: { type: 'string' },
    year: { type: 'string' },
    'as-of': { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  const year = Number(values.year);
  if (!values.region || !values.year || !Number.isInteger(year)) throw new Error(USAGE);
  const asOf = values['as-of'];
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error(`--as-of must be YYYY-MM-DD (${USAGE})`);
  // Now, unless --as-of pins the day.
  const clock = fixedClock(asOf ? `${asOf}T00:00:00Z` : new Date().toISOString());
  const app = createApp(loadConfig({ ...process.env, LOG_LEVEL: 'silent' }), { clock });
  try {
    process.stdout.write(await complianceReport(app.services, { region: values.region, year, asOf, json: values.json }, clock));
  } finally {
    app.close();
  }
}

main().catch((err) => {
  console.error(err instanceof DomainError ? `${err.code}: ${err.message}` : `error: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
