import { resolve } from 'node:path';

// Shared by the bench scripts: every one of them reads the generated national database unless
// told otherwise, so `npm run bench:data && npm run bench:publish && npm run bench:api` just works.
export const DEFAULT_DB = 'bench/data/national.db';
export const RESULTS_DIR = resolve('bench/results');

export type Flags = Record<string, string | true>;

/** `--name value` and `--flag` pairs; anything not in `known` is an error naming the usage. */
export function parseFlags(argv: string[], known: Record<string, 'value' | 'flag'>, usage: string): Flags {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  const flags: Flags = {};
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]!.replace(/^--/, '');
    const kind = known[name];
    if (!argv[i]!.startsWith('--') || !kind) throw new Error(`unknown argument ${argv[i]} (${usage})`);
    if (kind === 'flag') flags[name] = true;
    else {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value (${usage})`);
      flags[name] = value;
    }
  }
  return flags;
}

export function intFlag(flags: Flags, name: string, fallback: number, min: number, max: number): number {
  const raw = flags[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}`);
  return value;
}

export function stringFlag(flags: Flags, name: string, fallback: string): string {
  const raw = flags[name];
  return typeof raw === 'string' ? raw : fallback;
}

export const log = (message: string) => process.stderr.write(`[bench] ${new Date().toISOString().slice(11, 19)} ${message}\n`);
