import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { TEST_SCRYPT_N } from './paths.ts';

/**
 * A child's environment: the parent's, scrypt at the suite's low cost (production refuses it, so a
 * production child keeps the real one), then the test's own variables.
 */
export function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const scrypt = env.NODE_ENV === 'production' ? {} : { PASSWORD_SCRYPT_N: String(TEST_SCRYPT_N) };
  return { ...process.env, ...scrypt, ...env };
}

/** Runs one of our commands (`npx tsx <script>`) to completion and returns what it printed. */
export async function runCommand(
  script: string,
  args: string[] = [],
  env: Record<string, string> = {},
  /** Written to the command's stdin (e.g. a password); without it stdin is empty. */
  input?: string,
  /** Sends `signal` to the command once its output matches `output` (a stop in the middle). */
  interrupt?: { output: RegExp; signal: NodeJS.Signals },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    env: childEnv(env),
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (input !== undefined) child.stdin!.end(input);
  let stdout = '';
  let stderr = '';
  let interrupted = false;
  child.stdout!.on('data', (d) => {
    stdout += d;
    if (interrupt && !interrupted && interrupt.output.test(stdout)) interrupted = child.kill(interrupt.signal);
  });
  child.stderr!.on('data', (d) => (stderr += d));
  const [code] = await once(child, 'exit');
  return { code: code as number | null, stdout, stderr };
}

/** Starts `src/main.ts` and resolves once it logs that it listens; returns the child and its URL. */
export async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: childEnv({ HOST: '127.0.0.1', PORT: '0', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d;
      const match = output.match(/listening on (http:\/\/[\d.]+:\d+)\//);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return { child, url, output: () => output };
}
