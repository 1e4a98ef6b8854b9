import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

// The one argument parser of every command: node:util's parseArgs, strict, with --help (-h)
// printing the usage line and an unknown or malformed argument refused in the same words everywhere.

export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Parses this process's arguments against `options`. `--help` prints `usage` and exits 0; anything
 * parseArgs refuses becomes a UsageError "unknown argument --x (usage: ...)".
 */
export function parseCommandLine<const O extends Options>(usage: string, options: O, config: { positionals?: boolean; argv?: string[] } = {}) {
  const args = config.argv ?? process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  try {
    return parseArgs({ args, options, allowPositionals: config.positionals ?? false, strict: true });
  } catch (err) {
    const code = (err as { code?: string }).code;
    const unknown = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL';
    const offending = args.find((a) => (a.startsWith('-') ? !(a.replace(/^--?/, '').split('=')[0]! in options) : !config.positionals));
    const what = unknown && offending ? `unknown argument ${offending}` : err instanceof Error ? err.message : String(err);
    throw new UsageError(`${what} (${usage})`);
  }
}
