// npm run seed [-- --no-demo] [--no-progress]
// Opens DATABASE_PATH (default ./data/tracker.db), applies the migrations, seeds the reference data
// and, unless --no-demo (or SEED_DEMO=false), the demo data set. Prints what it wrote; on failure
// prints one line to stderr and exits 1.
import { loadConfig } from '../config.ts';
import { migrateDatabase, openDatabase } from '../db/client.ts';
import { DEMO_ACCOUNTS } from '../modules/seeding/demo-accounts.ts';
import { seedDatabase, type SeedReport } from '../modules/seeding/seed.service.ts';
import { parseCommandLine } from './args.ts';

const USAGE = 'usage: npm run seed [-- --no-demo] [--no-progress]';

function printReport(path: string, report: SeedReport): void {
  const lines = [`Seeded ${path} in ${(report.durationMs / 1000).toFixed(1)} s`];
  const width = Math.max(...Object.keys(report.inserted).map((t) => t.length));
  for (const [table, count] of Object.entries(report.inserted)) {
    const updated = (report.updated as Record<string, number>)[table];
    lines.push(`  ${table.padEnd(width)}  ${String(count).padStart(5)} inserted${updated ? `, ${updated} updated` : ''}`);
  }
  if (report.demoSkipped) {
    lines.push(`Demo data skipped: ${report.demoSkipReason}.`);
  } else {
    lines.push('Demo accounts (password as listed):');
    for (const a of DEMO_ACCOUNTS) lines.push(`  ${a.email.padEnd(22)} ${a.password}  ${a.role}${a.organizationCode ? ` ${a.organizationCode}` : ''}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  const { values } = parseCommandLine(USAGE, { demo: { type: 'boolean' }, 'no-demo': { type: 'boolean' }, 'no-progress': { type: 'boolean' } });
  // DATABASE_PATH, SEED_DEMO (a value other than true/false/1/0/yes/no is refused), the folders:
  // all from the one configuration. The demo's quarters are dated as the scheduler would date
  // them: PUBLISH_DELAY_HOURS after they end.
  const config = loadConfig();
  const demo = values.demo === true || (!values['no-demo'] && config.SEED_DEMO);
  const progress = !values['no-progress'] && process.stderr.isTTY === true;
  const path = config.DATABASE_PATH;
  const db = openDatabase(path);
  try {
    migrateDatabase(db, config.JAUAP_MIGRATIONS);
    const report = await seedDatabase(db, {
      demo,
      progress,
      publishDelayHours: config.PUBLISH_DELAY_HOURS,
      passwordScryptN: config.PASSWORD_SCRYPT_N,
      seedsDir: config.JAUAP_SEEDS,
    });
    printReport(path, report);
  } finally {
    db.$client.close();
  }
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`seed failed: ${message.split('\n')[0]}\n`);
  process.exit(1);
});
