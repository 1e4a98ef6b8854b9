import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { serveHttp } from '../helpers/http.ts';
import { runCommand } from '../helpers/process.ts';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.ts';
import { call, issueIn, signInAll, type Fixture } from '../workflows/helpers.ts';
import { confirmByLink, outboxRows, PUBLIC_BASE, subscribeFromTrackingPage, worker, type Http } from './helpers.ts';

// kill -9 of the delivery worker (`npm run outbox:deliver -- --watch`, a real process) in the
// middle of a batch, then a restart: every message arrives, and none twice.

const MESSAGES = 30;

describe('the delivery worker killed mid-batch', () => {
  const app = createTestApp({ env: { PUBLIC_URL: PUBLIC_BASE } });
  let http: Http;
  let smtp: TestSmtp;
  let issue: Fixture;

  beforeAll(async () => {
    http = await serveHttp(app);
    smtp = await startTestSmtp();
    const tokens = await signInAll(app);
    issue = await issueIn(app, tokens, 'IN_PROGRESS');
    await subscribeFromTrackingPage(http, issue.trackingCode, 'crash@example.kz', 'en');
    await worker(app, smtp.url).deliverDue();
    expect((await confirmByLink(http, smtp.received[0]!)).status).toBe(200);
    smtp.received.length = 0;
    for (let p = 1; p <= MESSAGES; p++) {
      const r = await call(app, 'updateIssueProgress', { input: { issueId: issue.id, progress: p } }, tokens.energy);
      expect(r.typename).toBe('MutationUpdateIssueProgressSuccess');
    }
    expect(outboxRows(app).filter((r) => r.status === 'PENDING')).toHaveLength(MESSAGES);
  });

  it('loses nothing and sends nothing twice', async () => {
    const env = {
      DATABASE_PATH: app.config.DATABASE_PATH,
      SMTP_URL: smtp.url,
      PUBLIC_URL: PUBLIC_BASE,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'silent',
      OUTBOX_INTERVAL_MS: '100',
      OUTBOX_LEASE_MS: '1000',
      MAIL_PER_RECIPIENT_PER_HOUR: '1000',
      SEARCH_CATCH_UP_MS: '0',
    };
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/outbox-deliver.ts', '--watch'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    // Kept so that a worker which leaves by itself (instead of being killed) says why.
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = once(child, 'exit');
    // The server holds the 13th message: the worker is killed while it waits for the answer, so
    // that message was never accepted, and the rest of its batch stays claimed by a dead process.
    smtp.beforeAccept = async () => {
      if (smtp.received.length !== 12) return true;
      child.kill('SIGKILL');
      await exited;
      return false;
    };
    const [code, signal] = await exited;
    expect(signal, `the worker left by itself with code ${code}: ${stderr}`).toBe('SIGKILL');
    smtp.beforeAccept = null;
    expect(smtp.received).toHaveLength(12);
    const stranded = outboxRows(app).filter((r) => r.status === 'SENDING');
    expect(stranded.length).toBeGreaterThan(0);

    // Restart after the dead worker's lease has run out: it takes the stranded claims over.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const rerun = await runCommand('src/cli/outbox-deliver.ts', [], env);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(JSON.parse(rerun.stdout)).toMatchObject({ waiting: 0, dead: 0 });

    expect(
      outboxRows(app)
        .filter((r) => r.kind === 'ISSUE_EVENT')
        .every((r) => r.status === 'SENT'),
    ).toBe(true);
    expect(smtp.received).toHaveLength(MESSAGES);
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(MESSAGES);
    const progress = smtp.received.map((m) => Number(/Progress: (\d+)%/.exec(m.text)![1])).sort((a, b) => a - b);
    expect(progress).toEqual(Array.from({ length: MESSAGES }, (_, i) => i + 1));
  });
});
