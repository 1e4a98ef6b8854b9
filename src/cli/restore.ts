import { loadConfig } from '../config.ts';
import { migrationsFolder } from '../db/client.ts';
import { BackupError, restoreDatabase } from '../modules/operations/backup.ts';
import { parseCommandLine, UsageError } from './args.ts';

const USAGE = 'usage: npm run restore -- --from FILE';

// npm run restore -- --from FILE: verifies a backup and puts it in place of DATABASE_PATH (server stopped).
async function main() {
  const { values } = parseCommandLine(USAGE, { from: { type: 'string' } });
  if (!values.from) throw new UsageError(USAGE);
  const config = loadConfig();
  const restored = await restoreDatabase(values.from, config.DATABASE_PATH, migrationsFolder(config.JAUAP_MIGRATIONS));
  const rows = Object.values(restored.tables).reduce((a, b) => a + b, 0);
  console.log(
    `Restored ${values.from} into ${config.DATABASE_PATH}: ${Object.keys(restored.tables).length} tables, ${rows} rows, ` +
      `schema at ${restored.migrations.at(-1) ?? 'no migrations'} (newer migrations, if any, run at the next start).`,
  );
}

main().catch((err) => {
  console.error(
    err instanceof BackupError || err instanceof UsageError ? `restore refused: ${err.message}` : `restore failed: ${err instanceof Error ? err.message : err}`,
  );
  process.exit(1);
});
