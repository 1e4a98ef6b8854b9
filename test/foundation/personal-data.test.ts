import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';

const app = createTestApp({ seed: 'demo' });

type IntrospectedType = { kind: string; name: string; ofType: IntrospectedType | null };
type IntrospectedField = { name: string; args: { type: { kind: string } }[]; type: IntrospectedType };

/** Every leaf field of a type, recursively, as a selection: what a curious anonymous caller can ask for. */
async function fullSelection(typeName: string, depth: number, seen = new Set<string>()): Promise<string> {
  // Introspection types are not part of the typed schema: the answer is typed here.
  const res = await app.gqlText(
    `query ($n: String!) { __type(name: $n) { kind fields { name args { name type { kind } } type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }`,
    { n: typeName },
  );
  const fields = (res.data as { __type: { fields: IntrospectedField[] | null } | null }).__type?.fields ?? [];
  const parts: string[] = [];
  for (const f of fields) {
    if (f.args.some((a) => a.type.kind === 'NON_NULL')) continue;
    let t = f.type;
    while (t.ofType) t = t.ofType;
    if (t.kind === 'SCALAR' || t.kind === 'ENUM') parts.push(f.name);
    else if (t.kind === 'OBJECT' && depth > 0 && !seen.has(t.name) && !t.name.endsWith('Connection')) {
      const inner = await fullSelection(t.name, depth - 1, new Set([...seen, typeName]));
      if (inner) parts.push(`${f.name} { ${inner} }`);
    }
  }
  return parts.join(' ');
}

describe('personal data never reaches an anonymous caller', () => {
  it('every reachable field of every problem contains no citizen name, phone or IIN', async () => {
    const contacts = app.db.$client.prepare('select full_name, phone, iin from issue_contacts').all() as {
      full_name: string;
      phone: string | null;
      iin: string | null;
    }[];
    expect(contacts.length).toBeGreaterThan(300);
    const selection = await fullSelection('Issue', 2);
    let body = '';
    let after: string | null = null;
    for (;;) {
      // The selection is built at run time from introspection: the typed documents cannot name it.
      const res = await app.gqlText(
        `query ($after: String) { issues(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { ${selection} } } } }`,
        { after },
      );
      const page = res.data as { issues: { pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
      expect(res.errors).toBeUndefined();
      body += JSON.stringify(res.data);
      if (!page.issues.pageInfo.hasNextPage) break;
      after = page.issues.pageInfo.endCursor;
    }
    const leaks = contacts.flatMap((c) => [c.full_name, c.phone, c.iin]).filter((v): v is string => !!v && body.includes(v));
    expect(leaks).toEqual([]);
  });
});
