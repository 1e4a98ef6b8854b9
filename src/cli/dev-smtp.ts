// npm run dev:smtp [-- --port 2525]
// A local SMTP server for trying the notifications on the demo: it accepts every message on
// 127.0.0.1 and prints it (headers and text). Start the server with SMTP_URL=smtp://127.0.0.1:2525.
// Development only: it is in devDependencies and never part of the production build.
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

const at = process.argv.indexOf('--port');
const port = at >= 0 ? Number(process.argv[at + 1]) : 2525;
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  process.stderr.write('usage: npm run dev:smtp [-- --port 2525]\n');
  process.exit(1);
}

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      // The headers as sent (unfolded), for the ones mailparser turns into objects.
      const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
      const header = (name: string) => new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
      simpleParser(raw)
        .then((mail) => {
          process.stdout.write(
            [
              '='.repeat(72),
              `From: ${mail.from?.text ?? ''}`,
              `To: ${Array.isArray(mail.to) ? mail.to.map((t) => t.text).join(', ') : (mail.to?.text ?? '')}`,
              `Subject: ${mail.subject ?? ''}`,
              `Message-ID: ${mail.messageId ?? ''}`,
              `List-Unsubscribe: ${header('List-Unsubscribe')}`,
              `List-Unsubscribe-Post: ${header('List-Unsubscribe-Post')}`,
              '',
              mail.text ?? '',
              '',
            ].join('\n'),
          );
          callback();
        })
        .catch((err: Error) => callback(err));
    });
  },
});
server.listen(port, '127.0.0.1', () => process.stdout.write(`SMTP server on smtp://127.0.0.1:${port} — start Jauap with SMTP_URL=smtp://127.0.0.1:${port}\n`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close(() => process.exit(0)));
