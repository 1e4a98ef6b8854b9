// npm run bench:notifications [-- --updates 200] [--messages 300]
// On a fresh demo database (temporary file): (1) what the in-transaction outbox costs a staff
// update — updateIssueProgress over GraphQL on a problem without followers and on one with five
// confirmed followers, in the same run; (2) delivery through the outbox to a local SMTP server
// against nodemailer sending the same messages directly (no outbox), in the same run.
// Writes bench/results/bench-notifications.json and prints it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { seedDatabase } from '../../src/modules/seeding/seed.service.ts';
import { createSmtpTransport } from '../../src/modules/notifications/mail-transport.ts';
import { RESULTS_DIR, intFlag, log, parseFlags } from '../national/options.ts';

const flags = parseFlags(
  process.argv.slice(2),
  { updates: 'value', messages: 'value' },
  'usage: npm run bench:notifications [-- --updates 200] [--messages 300]',
);
const updates = intFlag(flags, 'updates', 200, 10, 100_000);
const messages = intFlag(flags, 'messages', 300, 10, 100_000);

const dir = mkdtempSync(join(tmpdir(), 'jauap-bench-notify-'));
const app = createApp(
  loadConfig({ DATABASE_PATH: join(dir, 'bench.db'), LOG_LEVEL: 'silent', SEED_DEMO: 'false', SEARCH_CATCH_UP_MS: '0', PUBLIC_URL: 'http://bench.test' }),
  {
    logger: pino({ level: 'silent' }),
  },
);
log('seeding the demo into a temporary database');
await seedDatabase(app.db, { demo: true, progress: false });

let received = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _s, cb) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      received++;
      cb();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;

async function gql(query: string, token?: string) {
  const res = await app.yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as any;
}
const token = (await gql('mutation { signIn(email: "energy@jauap.demo", password: "jauap-demo-2026") { ... on MutationSignInSuccess { data { token } } } }'))
  .data.signIn.data.token as string;
const [quiet, followed] = app.db.$client
  .prepare(
    "select i.id from issues i join organizations o on o.id = i.responsible_organization_id where o.code = 'MIN-ENERGY' and i.status = 'IN_PROGRESS' order by i.id limit 2",
  )
  .pluck()
  .all() as number[];
for (let n = 0; n < 5; n++)
  await app.services.notifications.subscribeToIssue(followed!, { email: `bench${n}@example.kz`, language: (['kk', 'ru', 'en'] as const)[n % 3] });
for (const id of app.db.$client.prepare('select id from subscriptions').pluck().all() as number[])
  await app.services.notifications.confirm(app.services.notifications.tokens.sign('confirm', id));

async function timeUpdates(issueId: number): Promise<number> {
  const started = performance.now();
  for (let n = 0; n < updates; n++) {
    const r = await gql(`mutation { updateIssueProgress(input: { issueId: "${issueId}", progress: ${n % 100} }) { __typename } }`, token);
    if (r.data?.updateIssueProgress?.__typename !== 'MutationUpdateIssueProgressSuccess') throw new Error(JSON.stringify(r));
  }
  return (performance.now() - started) / updates;
}
log(`timing 2 x ${updates} updates without and with followers, alternating`);
// Alternated, so that the machine's noise falls on both alike.
const a1 = await timeUpdates(quiet!);
const b1 = await timeUpdates(followed!);
const a2 = await timeUpdates(quiet!);
const b2 = await timeUpdates(followed!);
const withoutMs = (a1 + a2) / 2;
const withMs = (b1 + b2) / 2;

// Delivery: the outbox now holds 5 messages per update of the followed problem (plus confirmations).
app.db.$client.prepare("update outbox_messages set status = 'SENT' where kind = 'CONFIRM'").run();
const queued = app.db.$client.prepare("select count(*) from outbox_messages where status = 'PENDING'").pluck().get() as number;
const toSend = Math.min(queued, messages);
app.db.$client
  .prepare(
    `update outbox_messages set status = 'CANCELLED' where status = 'PENDING' and id not in (select id from outbox_messages where status = 'PENDING' order by id limit ${toSend})`,
  )
  .run();
log(`delivering ${toSend} messages through the outbox, then the same number directly`);
const sample = app.db.$client.prepare("select subject, text_body as text, html_body as html from outbox_messages where kind = 'ISSUE_EVENT' limit 1").get() as {
  subject: string;
  text: string;
  html: string;
};
const delivery = app.services.outbox.delivery(createSmtpTransport(smtpUrl), { from: 'Jauap <bench@jauap.test>', perRecipientPerHour: 100_000 });
let started = performance.now();
const report = await delivery.deliverDue();
const outboxSeconds = (performance.now() - started) / 1000;
const direct = createSmtpTransport(smtpUrl);
started = performance.now();
for (let n = 0; n < toSend; n++)
  await direct.send({
    from: 'Jauap <bench@jauap.test>',
    to: `bench${n % 5}@example.kz`,
    subject: sample.subject,
    text: sample.text,
    html: sample.html,
    messageId: `<direct-${n}@jauap>`,
    headers: {},
  });
const directSeconds = (performance.now() - started) / 1000;
direct.close();

const result = {
  when: new Date().toISOString(),
  machine: { cpus: cpus().length, loadavg: loadavg() },
  updates: { count: updates * 2, withoutFollowersMs: +withoutMs.toFixed(2), withFiveFollowersMs: +withMs.toFixed(2), ratio: +(withMs / withoutMs).toFixed(3) },
  delivery: {
    messages: toSend,
    sent: report.sent,
    outboxPerSecond: +(report.sent / outboxSeconds).toFixed(1),
    directPerSecond: +(toSend / directSeconds).toFixed(1),
    ratio: +(report.sent / outboxSeconds / (toSend / directSeconds)).toFixed(3),
    received,
  },
};
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(join(RESULTS_DIR, 'bench-notifications.json'), `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
smtp.close();
app.close();
rmSync(dir, { recursive: true, force: true });
