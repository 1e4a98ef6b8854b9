import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

// Passwords never come from argv: the process list and the shell history would keep them. On a
// terminal the password is asked for without echo; otherwise it is the first line of stdin
// (`printf '%s\n' "$PASSWORD" | npm run user:create -- …`).

async function firstLineOfStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    // readline echoes what is typed to its output: an output that discards everything is no echo.
    const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
    const rl = createInterface({ input: process.stdin, output: discard, terminal: true });
    process.stderr.write(question);
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

export async function readPassword(question = 'Password: '): Promise<string> {
  return process.stdin.isTTY ? promptHidden(question) : firstLineOfStdin();
}
