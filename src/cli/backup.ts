import { loadConfig } from '../config.ts';
import { backupDatabase, BackupError } from '../modules/operations/backup.ts';
import { parseCommandLine, UsageError } from './args.ts';

const USAGE = 'usage: npm run backup -- --to FILE';

// npm run backup -- --to FILE: an online, consistent, verified copy of DATABASE_PATH (the server may run).
async function main() {
  const { values } = parseCommandLine(USAGE, { to: { type: 'string' } });
  if (!values.to) throw new UsageError(USAGE);
  const config = loadConfig();
  const report = await backupDatabase(config.DATABASE_PATH, values.to);
  const rows = Object.values(report.tables).reduce((a, b) => a + b, 0);
  console.log(
    `Backed up ${config.DATABASE_PATH} to ${report.path}: ${(report.bytes / 1_048_576).toFixed(1)} MiB, ` +
      `${Object.keys(report.tables).length} tables, ${rows} rows, schema at ${report.migrations.at(-1) ?? 'no migrations'}; ` +
      `integrity check ok and row counts equal to the source (${report.seconds.toFixed(1)} s).`,
  );
}

main().catch((err) => {
  console.error(
    err instanceof BackupError || err instanceof UsageError ? `backup refused: ${err.message}` : `backup failed: ${err instanceof Error ? err.message : err}`,
  );
  process.exit(1);
});
