import { execFileSync } from 'node:child_process';
import { log } from './options.ts';

// How the benchmarks run the project's own programs. By default as production runs them: compiled
// by `npm run build` and started with Node's heap cap (`npm run serve`, `npm run publish:built`),
// because memory is one of the figures and tsx keeps every transpiled module and its source map
// (about 100–150 MB more resident memory). `--tsx` measures the development commands instead
// (`npm start`, `npm run publish`).

export type Runtime = 'built' | 'tsx';

/** The heap cap of `npm run serve` and `npm run publish` (JAUAP_HEAP_MB, default 256). */
export const heapCap = () => `--max-old-space-size=${process.env.JAUAP_HEAP_MB ?? 256}`;

/** Compiles src/ to dist/ once per benchmark run when measuring the built programs. */
export function prepareRuntime(runtime: Runtime): void {
  if (runtime !== 'built') return;
  log('npm run build (the benchmark runs the compiled programs, as production does; --tsx runs the sources)');
  execFileSync('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Node's arguments for the server (`main`) or a CLI (`cli/publish`), then the program's own. */
export function programArgs(runtime: Runtime, program: 'main' | 'cli/publish', options: { heapCap: boolean }): string[] {
  const cap = options.heapCap ? [heapCap()] : [];
  return runtime === 'built' ? [...cap, `dist/${program}.js`] : [...cap, '--import', 'tsx', `src/${program}.ts`];
}
