import { DomainError } from '../modules/shared/errors.ts';
import { PublicationBusyError } from '../modules/publication/publication.errors.ts';

// The exit codes shared by `npm run publish` and `npm run collect`: 0 done, 1 unexpected failure,
// 2 refused (bad input, period not over), 3 another publication holds the lock.

/** Maps an expected failure to its exit code (printing one line); rethrows anything else. */
export function exitCodeFor(err: unknown, lockHolder?: () => string | undefined): number {
  if (err instanceof PublicationBusyError) {
    const holder = lockHolder?.();
    console.error(holder ? `${err.message} (held by ${holder})` : err.message);
    return 3;
  }
  if (err instanceof DomainError) {
    console.error(`${err.code}: ${err.message}`);
    return 2;
  }
  throw err;
}

/** Runs a command's main and exits with its code; an unexpected error prints its stack and exits 1. */
export function runAndExit(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`error: ${err instanceof Error ? err.stack : String(err)}`);
      process.exit(1);
    },
  );
}
