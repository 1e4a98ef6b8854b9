import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';

const app = createTestApp({ seed: 'demo' });

/** Every leaf field of a type, recursively, as a selection: what a curious anonymous caller can ask for. */
async function fullSelection(typeName: string, depth: number, seen = new Set<string>()): Promise<string> {
  const res = await app.gql(
    `query ($n: String!) { __type(name: $n) { kind fields { name args { name type { kind } } type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }`,
    { n: typeName },
  );
  const fields = res.data.__type?.fields ?? [];
  const parts: string[] = [];
  for (const f of fields) {
    if (f.args.some((a: any) => a.type.kind === 'NON_NULL')) continue;
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
      const res: any = await app.gql(
        `query ($after: String) { issues(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { ${selection} } } } }`,
        { after },
      );
      expect(res.errors).toBeUndefined();
      body += JSON.stringify(res.data);
      if (!res.data.issues.pageInfo.hasNextPage) break;
      after = res.data.issues.pageInfo.endCursor;
    }
    const leaks = contacts.flatMap((c) => [c.full_name, c.phone, c.iin]).filter((v): v is string => !!v && body.includes(v));
    expect(leaks).toEqual([]);
  });
});
