import Database from 'better-sqlite3';
import { print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { serveHttp } from '../helpers/http.ts';
import { asType, graphql } from '../helpers/graphql.ts';

// Anonymous GraphQL answers are kept while the database is unchanged: a repeated request runs no
// SQL, and any change (a staff write through the API, a write by another process, the clock passing
// a second) gives the next request a fresh answer.

const app = createTestApp({ seed: 'demo' });
const PASSWORD = 'jauap-demo-2026';

const LIST = graphql(`query Energy($org: [ID!]) { issues(first: 5, filter: { organizationIds: $org, statuses: [ASSIGNED, IN_PROGRESS] }, orderBy: RAISED_ASC) {
  edges { node { id number status progress overdue } } } }`);

type Node = { id: string; number: number; status: string; progress: number | null };

async function post(body: unknown, headers: Record<string, string> = {}) {
  return app.yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify(body),
  });
}

async function signIn(email: string): Promise<string> {
  const res = await app.gql(
    graphql(
      `mutation ($email: String!, $password: String!) { signIn(email: $email, password: $password) { __typename ... on MutationSignInSuccess { data { token } } } }`,
    ),
    { email, password: PASSWORD },
  );
  return asType(res.data.signIn, 'MutationSignInSuccess').data.token;
}

async function energyId(): Promise<string> {
  const res = await app.gql(graphql('{ organization(code: "MIN-ENERGY") { id } }'));
  return res.data.organization!.id;
}

/** Runs the list anonymously and says how many SQL statements it took. */
async function anonymousList(org: string) {
  app.resetQueries();
  const res = await app.gql(LIST, { org: [org] });
  expect(res.errors).toBeUndefined();
  return { nodes: res.data.issues.edges.map((e: { node: unknown }) => e.node) as Node[], statements: app.queries.length };
}

describe('anonymous GraphQL answers kept while nothing changed', () => {
  it('a repeated anonymous query is answered without SQL, with the same answer', async () => {
    const org = await energyId();
    const first = await anonymousList(org);
    expect(first.nodes.length).toBeGreaterThan(0);
    expect(first.statements).toBeGreaterThan(0);
    const again = await anonymousList(org);
    expect(again.nodes).toEqual(first.nodes);
    expect(again.statements).toBe(0);
  });

  it('a staff write through the API is seen by the next anonymous query', async () => {
    const org = await energyId();
    const before = await anonymousList(org);
    const open = before.nodes.find((n) => n.status === 'IN_PROGRESS' || n.status === 'ASSIGNED')!;
    expect(open).toBeDefined();
    const progress = open.progress === 42 ? 43 : 42;
    const token = await signIn('energy@jauap.demo');
    const write = await app.gql(
      graphql(
        `mutation($input: UpdateIssueProgressInput!) { updateIssueProgress(input: $input) { __typename ... on MutationUpdateIssueProgressSuccess { data { progress } } ... on Error { message } } }`,
      ),
      { input: { issueId: open.id, progress } },
      { token },
    );
    expect(write.data.updateIssueProgress, JSON.stringify(write)).toMatchObject({ data: { progress } });
    const after = await anonymousList(org);
    expect(after.statements).toBeGreaterThan(0);
    expect(after.nodes.find((n) => n.id === open.id)!.progress).toBe(progress);
  });

  it('a write by another process (another connection to the same file) is seen too', async () => {
    const org = await energyId();
    const before = await anonymousList(org);
    const target = before.nodes[0]!;
    const other = new Database(app.config.DATABASE_PATH);
    try {
      other.prepare('UPDATE issues SET progress = ? WHERE id = ?').run(target.progress === 7 ? 8 : 7, target.number);
    } finally {
      other.close();
    }
    const after = await anonymousList(org);
    expect(after.statements).toBeGreaterThan(0);
    expect(after.nodes.find((n) => n.id === target.id)!.progress).toBe(target.progress === 7 ? 8 : 7);
  });

  it('the clock passing a second gives a fresh answer (overdue depends on the day)', async () => {
    const org = await energyId();
    await anonymousList(org);
    expect((await anonymousList(org)).statements).toBe(0);
    const now = app.clock.now();
    app.clock.set(new Date(now.getTime() + 1_000).toISOString());
    try {
      expect((await anonymousList(org)).statements).toBeGreaterThan(0);
    } finally {
      app.clock.set(now.toISOString());
    }
  });

  it('the language of the request is part of the key', async () => {
    const query = graphql('{ regions { code name } }');
    const kk = await app.gql(query, undefined, { lang: 'kk' });
    const ru = await app.gql(query, undefined, { lang: 'ru' });
    expect(kk.data.regions[0]!.name).not.toBe(ru.data.regions[0]!.name);
    expect((await app.gql(query, undefined, { lang: 'kk' })).data).toEqual(kk.data);
  });

  it('staff requests are never answered from the anonymous cache, nor stored in it', async () => {
    const query = graphql('{ issues(first: 3, orderBy: RAISED_ASC) { edges { node { number contact { phone } } } } }');
    const anonymous = await app.gql(query);
    expect(anonymous.data.issues.edges.every((e: { node: { contact: unknown } }) => e.node.contact === null)).toBe(true);
    const token = await signIn('admin@jauap.demo');
    app.resetQueries();
    const staff = await app.gql(query, undefined, { token });
    expect(app.queries.length).toBeGreaterThan(0);
    expect(staff.data.issues.edges.some((e: { node: { contact: unknown } }) => e.node.contact !== null)).toBe(true);
    // And the anonymous answer after the staff one still has no contact.
    const again = await app.gql(query);
    expect(again.data.issues.edges.every((e: { node: { contact: unknown } }) => e.node.contact === null)).toBe(true);
  });

  it('tracking by code is computed every time (the per-client limit counts every lookup)', async () => {
    const query = graphql('{ trackIssue(code: "AAAA-BBBB-CCCCC") { __typename } }');
    await app.gql(query);
    app.resetQueries();
    await app.gql(query);
    expect(app.queries.length).toBeGreaterThan(0);
  });

  it('an ETag from before a change does not get 304 after it', async () => {
    const org = await energyId();
    const body = { query: print(LIST), variables: { org: [org] } };
    const { nodes } = await anonymousList(org);
    await post(body);
    const kept = await post(body);
    const etag = kept.headers.get('etag');
    expect(etag).toBeTruthy();
    expect((await post(body, { 'if-none-match': etag! })).status).toBe(304);
    const other = new Database(app.config.DATABASE_PATH);
    try {
      other.prepare('UPDATE issues SET progress = ? WHERE id = ?').run(nodes[1]!.progress === 5 ? 6 : 5, nodes[1]!.number);
    } finally {
      other.close();
    }
    const after = await post(body, { 'if-none-match': etag! });
    expect(after.status).toBe(200);
  });
});

describe('live pages kept the same way', () => {
  it('a problem page and the meetings page are rendered once while nothing changed, and again after a write', async () => {
    const http = await serveHttp(app);
    const org = await energyId();
    const { nodes } = await anonymousList(org);
    const target = nodes[0]!;
    for (const path of [`/en/problems/${target.number}`, '/ru/meetings']) {
      const first = await http.get(path);
      expect(first.status).toBe(200);
      const firstBody = await first.text();
      app.resetQueries();
      const again = await http.get(path);
      expect(await again.text()).toBe(firstBody);
      expect(app.queries).toHaveLength(0);
    }
    const other = new Database(app.config.DATABASE_PATH);
    try {
      other.prepare('UPDATE issues SET progress = ? WHERE id = ?').run(target.progress === 33 ? 34 : 33, target.number);
    } finally {
      other.close();
    }
    app.resetQueries();
    const fresh = await http.get(`/en/problems/${target.number}`);
    expect(fresh.status).toBe(200);
    expect(app.queries.length).toBeGreaterThan(0);
    expect(await fresh.text()).toContain(`${target.progress === 33 ? 34 : 33}%`);
  });
});
