import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll } from 'vitest';

// A real SMTP server on 127.0.0.1 for the notification tests (the `smtp-server` package): it
// accepts, refuses or drops messages as a test tells it, and parses what it accepted.

export interface ReceivedMail {
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Map<string, unknown>;
  /** The raw header value (List-Unsubscribe is parsed by mailparser; this keeps the original). */
  rawHeader(name: string): string | undefined;
}

export interface TestSmtp {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** Answer every message with this SMTP error (e.g. 451 or 550) until set back to null. */
  refuseWith: number | null;
  /** Called for each message before it is accepted; return false to hang up without accepting. */
  beforeAccept: ((index: number) => Promise<boolean> | boolean) | null;
  /** Stop listening (the port stays reserved for start()). */
  stop(): Promise<void>;
  start(): Promise<void>;
}

function toReceived(mail: ParsedMail, raw: string): ReceivedMail {
  const headerBlock = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  return {
    to: Array.isArray(mail.to) ? mail.to.map((t) => t.text).join(', ') : (mail.to?.text ?? ''),
    from: mail.from?.text ?? '',
    subject: mail.subject ?? '',
    text: mail.text ?? '',
    html: typeof mail.html === 'string' ? mail.html : '',
    messageId: mail.messageId ?? '',
    headers: mail.headers as Map<string, unknown>,
    rawHeader(name) {
      const m = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(headerBlock);
      return m?.[1]?.trim();
    },
  };
}

export async function startTestSmtp(): Promise<TestSmtp> {
  let accepted = 0;
  let server: SMTPServer | null = null;
  let port = 0;
  const state: TestSmtp = {
    url: '',
    port: 0,
    received: [],
    refuseWith: null,
    beforeAccept: null,
    async start() {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        onData(stream, _session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', async () => {
            if (state.refuseWith) {
              const err = Object.assign(new Error(`refused by the test (${state.refuseWith})`), { responseCode: state.refuseWith });
              return callback(err);
            }
            const index = accepted;
            if (state.beforeAccept && !(await state.beforeAccept(index))) {
              return callback(Object.assign(new Error('connection lost'), { responseCode: 421 }));
            }
            accepted++;
            const raw = Buffer.concat(chunks).toString('utf8');
            state.received.push(toReceived(await simpleParser(raw), raw));
            callback();
          });
        },
      });
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(port, '127.0.0.1', () => resolve());
      });
      port = (server.server.address() as AddressInfo).port;
      state.port = port;
      state.url = `smtp://127.0.0.1:${port}`;
    },
    async stop() {
      const s = server;
      server = null;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
  await state.start();
  afterAll(() => state.stop());
  return state;
}
