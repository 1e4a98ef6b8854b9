import { type DocumentNode, print } from 'graphql';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { fixedClock } from '../../src/modules/shared/clock.ts';
import { TEST_NOW } from '../helpers/app.ts';
import { templatePath } from '../helpers/paths.ts';
import { CITIZEN, CITIZEN_PHONE_STORED, DEMO, DEMO_PASSWORD, M } from './helpers.ts';

// The app as it runs, with its request log captured: personal data and tracking codes never in it.
let app: App;
let dir: string;
let server: Server;
let base: string;
const lines: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jauap-logs-'));
  copyFileSync(templatePath('demo'), join(dir, 'test.db'));
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  app = createApp(loadConfig({ DATABASE_PATH: join(dir, 'test.db'), LOG_LEVEL: 'info', SEED_DEMO: 'false' }), { clock: fixedClock(TEST_NOW), logger });
  server = app.http.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

async function post(query: string | DocumentNode, variables: Record<string, unknown>, token?: string) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: typeof query === 'string' ? query : print(query), variables }),
  });
  return (await res.json()) as any;
}

describe('logs', () => {
  it('hold no contact details, tokens or tracking codes, whatever the request', async () => {
    const signIn = await post('mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { ... on MutationSignInSuccess { data { token } } } }', {
      e: DEMO.akimat,
      p: DEMO_PASSWORD,
    });
    const token: string = signIn.data.signIn.data.token;
    const meetings = await post(`{ meetings(first: 1, filter: { regionCodes: ["KZ-19"], statuses: [HELD] }) { edges { node { id unit { code } } } } }`, {});
    const node = meetings.data.meetings.edges[0].node;
    const recorded = await post(
      M.recordIssue,
      { input: { meetingId: node.id, unitCode: node.unit.code, category: 'GAS', title: 'Газ жоқ', text: 'Ауылға газ тартылмаған.', contact: CITIZEN } },
      token,
    );
    const code: string = recorded.data.recordIssue.data.trackingCode;
    await post(`query ($id: ID!) { issue(id: $id) { contact { fullName phone iin } } }`, { id: recorded.data.recordIssue.data.issue.id }, token);
    // A tracking lookup over GET puts the code in the URL.
    const url = `${base}/graphql?query=${encodeURIComponent(`{ trackIssue(code: "${code}") { __typename } }`)}`;
    const viaGet = await fetch(url, { headers: { accept: 'application/json' } });
    expect(viaGet.status).toBe(200);

    const log = lines.join('\n');
    expect(log).toContain('/graphql');
    for (const secret of [token, code, code.replace(/-/g, ''), CITIZEN.fullName, CITIZEN.phone, CITIZEN_PHONE_STORED, CITIZEN.iin]) {
      expect(log).not.toContain(secret);
    }
  });
});
