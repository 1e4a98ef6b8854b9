import type { TestApp } from '../helpers/app.ts';
import { graphql } from '../helpers/graphql.ts';

// Shared by the publication tests: demo sign-in, a clean slate of publications, the HTTP side on an
// ephemeral port, and the contacts whose details must never appear in any output.

export const DEMO_PASSWORD = 'jauap-demo-2026';

export async function signIn(app: TestApp, email: string): Promise<string> {
  const res = await app.gql(
    graphql(
      'mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { __typename ... on MutationSignInSuccess { data { token } } ... on Error { code } } }',
    ),
    { e: email, p: DEMO_PASSWORD },
  );
  const signedIn = res.data?.signIn;
  const token = signedIn?.__typename === 'MutationSignInSuccess' ? signedIn.data.token : undefined;
  if (!token) throw new Error(`sign-in failed for ${email}: ${JSON.stringify(res)}`);
  return token;
}

/**
 * Test setup only: removes every publication, round and job lock, so that a test starts from a
 * database that has data but nothing published (whatever the demo seed publishes itself).
 */
export function clearPublications(app: TestApp): void {
  app.db.$client.exec('delete from publications; delete from collection_rounds; delete from job_locks;');
}

export { serveHttp } from '../helpers/http.ts';

export const PUBLISH = graphql(`mutation ($y: Int!, $q: Int!) { publishQuarter(year: $y, quarter: $q) {
  __typename ... on Error { code message } ... on MutationPublishQuarterSuccess { data { label itemCount contentHash publishedAt } } } }`);

export const COLLECT = graphql(`mutation ($y: Int!, $h: Int!) { collectRound(year: $y, half: $h) {
  __typename ... on Error { code message } ... on MutationCollectRoundSuccess { data { label itemCount contentHash collectedAt } } } }`);

export interface Contact {
  full_name: string;
  phone: string | null;
  iin: string | null;
}

export function contacts(app: TestApp): Contact[] {
  return app.db.$client.prepare('select full_name, phone, iin from issue_contacts').all() as Contact[];
}

/** Which contact values (names, phones, IINs) appear in `text`. */
export function leaks(all: Contact[], text: string): string[] {
  return all.flatMap((c) => [c.full_name, c.phone, c.iin]).filter((v): v is string => !!v && text.includes(v));
}
