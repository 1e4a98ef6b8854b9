// npm run seed [-- --no-demo] [--no-progress]
// Opens DATABASE_PATH (default ./data/tracker.db), applies the migrations, seeds the reference data
// and, unless --no-demo (or SEED_DEMO=false), the demo data set. Prints what it wrote; on failure
// prints one line to stderr and exits 1.
import { loadConfig } from '../config.ts';
import { migrateDatabase, openDatabase } from '../db/client.ts';
import { DEMO_ACCOUNTS } from '../modules/seeding/demo-accounts.ts';
import { seedDatabase, type SeedReport } from '../modules/seeding/seed.service.ts';

const USAGE = 'usage: npm run seed [-- --no-demo] [--no-progress]';

function parseArgs(argv: string[]): { demo: boolean; progress: boolean } {
  const known = new Set(['--no-demo', '--demo', '--no-progress']);
  const unknown = argv.filter((a) => !known.has(a));
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (unknown.length) throw new Error(`unknown argument ${unknown.join(' ')} (${USAGE})`);
  const envDemo = (process.env.SEED_DEMO ?? '').trim().toLowerCase();
  const demoByEnv = !['false', '0', 'no'].includes(envDemo);
  return {
    demo: argv.includes('--demo') || (!argv.includes('--no-demo') && demoByEnv),
    progress: !argv.includes('--no-progress') && process.stderr.isTTY === true,
  };
}

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
  const options = parseArgs(process.argv.slice(2));
  const path = process.env.DATABASE_PATH?.trim() || './data/tracker.db';
  // The demo's quarters are dated as the scheduler would date them: PUBLISH_DELAY_HOURS after they end.
  const publishDelayHours = loadConfig().PUBLISH_DELAY_HOURS;
  const db = openDatabase(path);
  try {
    migrateDatabase(db);
    printReport(path, await seedDatabase(db, { ...options, publishDelayHours }));
  } finally {
    db.$client.close();
  }
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`seed failed: ${message.split('\n')[0]}\n`);
  process.exit(1);
});
