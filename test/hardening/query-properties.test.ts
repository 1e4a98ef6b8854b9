import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';
import { serveHttp } from '../helpers/http.ts';
import { signIn } from '../workflows/helpers.ts';
import { anything, databaseHash, expectClean, rowWrites, IMPOSSIBLE_DATE_TIMES, IMPOSSIBLE_DATES, nastyNumber, nastyString, PROPERTY } from './hostile.ts';
import { graphql } from '../helpers/graphql.ts';

// Every argument of every public Query field, generated from the committed schema: values of the
// right type (real codes and ids among them, so some calls find data) and of every wrong kind
// (impossible dates, huge lists, huge strings, control characters), as variables and inline.
// No answer may be a 5xx, an internal error, a stack or a path, and an anonymous read writes nothing.

const schema = buildSchema(readFileSync('schema.graphql', 'utf8'));
const app = createTestApp({ seed: 'demo' });
await app.services.publication.publishDue({ delayHours: 0 });
await app.services.search.quarterPublished();
const http = await serveHttp(app);

/** Real values, looked up (never pinned), so that valid-looking arguments reach the data. */
const known = { codes: [] as string[], ids: [] as string[] };
let hashBefore = '';
beforeAll(async () => {
  hashBefore = databaseHash(app);
  const res = await app.gql(
    graphql(`{ regions { id code } organizations { id code } issues(first: 3) { edges { node { id } } } meetings(first: 2) { edges { node { id } } } }`),
  );
  known.codes = [...res.data.regions.slice(0, 4).map((r: any) => r.code), ...res.data.organizations.slice(0, 4).map((o: any) => o.code)];
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  known.ids = [
    ...res.data.regions.slice(0, 2).map((r: any) => r.id),
    ...res.data.organizations.slice(0, 2).map((o: any) => o.id),
    ...res.data.issues.edges.map((e: any) => e.node.id),
    ...res.data.meetings.edges.map((e: any) => e.node.id),
    b64('Issue:99999'),
    b64('Issue:-1'),
    b64('Issue:1e3'),
    b64('Nope:1'),
    b64('Issue:'),
    b64(':'),
    'SXNzdWU6OTk5OTk=',
    '!!!',
  ];
});

/** Valid values of a scalar, by the scalar and the argument's name. */
function scalarValue(scalar: string, argName: string): fc.Arbitrary<unknown> {
  switch (scalar) {
    case 'Int':
      if (/year/i.test(argName)) return fc.integer({ min: 2019, max: 2028 });
      if (/quarter/i.test(argName)) return fc.integer({ min: 0, max: 5 });
      if (/half/i.test(argName)) return fc.integer({ min: 0, max: 3 });
      return fc.integer({ min: -2, max: 300 });
    case 'Float':
      return fc.double({ noNaN: true });
    case 'Boolean':
      return fc.boolean();
    case 'ID':
      return fc.constantFrom(...known.ids);
    case 'Date':
      return fc.date({ min: new Date('2019-01-01'), max: new Date('2028-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'DateTime':
      return fc.date({ min: new Date('2019-01-01'), max: new Date('2028-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
    default:
      return fc.oneof(fc.constantFrom(...known.codes), fc.string({ maxLength: 12 }));
  }
}

/** The wrong values most likely to hurt a scalar of this kind. */
function scalarHostile(scalar: string): fc.Arbitrary<unknown> {
  if (scalar === 'Date') return fc.constantFrom(...IMPOSSIBLE_DATES);
  if (scalar === 'DateTime') return fc.constantFrom(...IMPOSSIBLE_DATE_TIMES);
  if (scalar === 'Int' || scalar === 'Float') return nastyNumber;
  return nastyString;
}

/** A value for an input type: mostly right, sometimes wrong in type, null, huge or hostile. */
function arbitraryFor(type: GraphQLInputType, argName: string, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return fc.oneof({ arbitrary: arbitraryFor(type.ofType, argName, depth), weight: 9 }, { arbitrary: fc.constant(null), weight: 1 });
  const right = rightValue(type, argName, depth);
  return fc.oneof({ arbitrary: right, weight: 6 }, { arbitrary: anything, weight: 1 }, { arbitrary: fc.constant(null), weight: 1 });
}

function rightValue(type: GraphQLInputType, argName: string, depth: number): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return rightValue(type.ofType, argName, depth);
  if (isListType(type)) {
    const item = arbitraryFor(type.ofType, argName, depth + 1);
    return fc.oneof(
      { arbitrary: fc.array(item, { maxLength: 4 }), weight: 6 },
      // Huge lists: past every cap, of one repeated small value (a huge list of huge strings would
      // only measure the test's own JSON.stringify, and the body limit refuses it anyway).
      {
        arbitrary: fc
          .tuple(
            item.filter((v) => JSON.stringify(v ?? null).length <= 100),
            fc.integer({ min: 201, max: 40_000 }),
          )
          .map(([v, n]) => Array.from({ length: n }, () => v)),
        weight: 1,
      },
      { arbitrary: item, weight: 1 },
    );
  }
  if (isEnumType(type)) {
    return fc.oneof(fc.constantFrom(...type.getValues().map((v) => v.name)), fc.constantFrom('nope', 'resolved', '', 'ASSIGNED ', '__proto__'));
  }
  if (isInputObjectType(type)) {
    if (depth > 3) return fc.constant({});
    const fields = Object.values(type.getFields());
    return fc.record(Object.fromEntries(fields.map((f) => [f.name, arbitraryFor(f.type, f.name, depth + 1)])), { requiredKeys: [] });
  }
  if (isScalarType(type)) return fc.oneof({ arbitrary: scalarValue(type.name, argName), weight: 3 }, { arbitrary: scalarHostile(type.name), weight: 2 });
  return anything;
}

/** Scalars (with no required argument) of an object type, and one level of objects below. */
function selection(type: GraphQLOutputType, depth = 0): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!isObjectType(named)) return '{ __typename }';
  const fields = Object.values(named.getFields()).filter((f) => !f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined));
  const leaves = fields.filter((f) => isLeafType(getNamedType(f.type))).map((f) => f.name);
  const objects =
    depth === 0
      ? fields
          .filter((f) => !isLeafType(getNamedType(f.type)))
          .slice(0, 4)
          .map((f) => `${f.name} ${selection(f.type, depth + 1)}`)
      : [];
  return `{ __typename ${[...leaves.slice(0, 12), ...objects].join(' ')} }`;
}

/** A JS value as a GraphQL literal (enums bare where the type says enum and the value can be a name). */
function literal(value: unknown, type: GraphQLInputType | undefined): string {
  const inner = type && isNonNullType(type) ? type.ofType : type;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, inner && isListType(inner) ? inner.ofType : undefined)).join(',')}]`;
  if (typeof value === 'string') return inner && isEnumType(inner) && /^[_A-Za-z]\w*$/.test(value) ? value : JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '0';
  if (typeof value === 'boolean') return String(value);
  const fields = inner && isInputObjectType(inner) ? inner.getFields() : {};
  return `{${Object.entries(value as Record<string, unknown>)
    .filter(([k]) => /^[_A-Za-z]\w*$/.test(k))
    .map(([k, v]) => `${k}:${literal(v, fields[k]?.type)}`)
    .join(',')}}`;
}

function operation(
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
  inline: boolean,
): { query: string; variables: Record<string, unknown> } {
  const given = field.args.filter((a) => args[a.name] !== undefined);
  const select = selection(field.type);
  if (inline) {
    const list = given.map((a) => `${a.name}: ${literal(args[a.name], a.type)}`).join(', ');
    return { query: `{ ${field.name}${list ? `(${list})` : ''} ${select} }`, variables: {} };
  }
  const defs = given.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const list = given.map((a) => `${a.name}: $${a.name}`).join(', ');
  return {
    query: `query${defs ? `(${defs})` : ''} { ${field.name}${list ? `(${list})` : ''} ${select} }`,
    variables: Object.fromEntries(given.map((a) => [a.name, args[a.name]])),
  };
}

async function post(body: unknown, token?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${http.base}/graphql`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, body: await res.text() };
}

const fields = Object.values(schema.getQueryType()!.getFields());
/** Per field: how many calls came back with data and no error (so the property reached the resolver). */
const answered: Record<string, number> = {};

describe('every argument of every Query field, anonymously', () => {
  it('found the Query fields in the schema', () => expect(fields.length).toBeGreaterThan(20));

  for (const field of fields) {
    it(field.name, async () => {
      const before = rowWrites(app);
      const args = fc.record(Object.fromEntries(field.args.map((a) => [a.name, arbitraryFor(a.type, a.name)])), { requiredKeys: [] });
      await fc.assert(
        fc.asyncProperty(args, fc.boolean(), async (values, inline) => {
          const op = operation(field, values, inline);
          const answer = await post(op);
          expectClean(`${op.query} ${JSON.stringify(op.variables)}`, answer);
          if (answer.status === 200 && !JSON.parse(answer.body).errors) answered[field.name] = (answered[field.name] ?? 0) + 1;
        }),
        { ...PROPERTY, numRuns: field.args.length === 0 ? 3 : PROPERTY.numRuns },
      );
      expect(rowWrites(app), `${field.name} wrote to the database`).toBe(before);
    });
  }

  it('left every table as it found it', () => expect(databaseHash(app)).toBe(hashBefore));

  it('reached the resolvers: most fields answered some calls without an error', () => {
    const withArgs = fields.filter((f) => f.args.length > 0).map((f) => f.name);
    const reached = withArgs.filter((name) => (answered[name] ?? 0) > 0);
    expect(reached.length, `never answered: ${withArgs.filter((n) => !reached.includes(n)).join(', ')}`).toBeGreaterThanOrEqual(
      Math.ceil(withArgs.length * 0.7),
    );
  });
});

describe('every argument of every Query field, signed in (what staff roles can read)', () => {
  for (const email of ['admin@jauap.demo', 'government@jauap.demo']) {
    it(email, async () => {
      const token = await signIn(app, email);
      const before = rowWrites(app);
      const call = fc
        .constantFrom(...fields.filter((f) => f.args.length > 0))
        .chain((field) =>
          fc.tuple(
            fc.constant(field),
            fc.record(Object.fromEntries(field.args.map((a) => [a.name, arbitraryFor(a.type, a.name)])), { requiredKeys: [] }),
            fc.boolean(),
          ),
        );
      await fc.assert(
        fc.asyncProperty(call, async ([field, values, inline]) => {
          const op = operation(field, values, inline);
          expectClean(`${email}: ${op.query} ${JSON.stringify(op.variables)}`, await post(op, token));
        }),
        { ...PROPERTY, numRuns: PROPERTY.numRuns * 3 },
      );
      expect(rowWrites(app), `reads as ${email} wrote rows`).toBe(before);
    });
  }
});
