import { z } from 'zod';
import { InvalidInputError } from './errors.ts';

/** Parses with zod; a failure becomes InvalidInputError naming each field (prefixed with `path`). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, path: (string | number)[] = []): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new InvalidInputError(parsed.error.issues.map((i) => ({ path: [...path, ...i.path].map(String).join('.') || 'input', message: i.message })));
}

/** An input with its absent (null) fields left out, as the zod schemas expect them. */
export type WithoutNulls<T> = { [K in keyof T]: Exclude<T[K], null> };

function hasNoNulls<T extends object>(value: T): value is WithoutNulls<T> & T {
  return Object.values(value).every((v) => v !== null);
}

/** GraphQL sends absent optional fields as null; the schemas speak `undefined`. Top level only. */
export function withoutNulls<T extends object>(input: T): WithoutNulls<T> {
  const copy = { ...input };
  for (const [key, value] of Object.entries(copy)) if (value === null) Reflect.deleteProperty(copy, key);
  if (!hasNoNulls(copy)) throw new Error('withoutNulls left a null behind');
  return copy;
}

/**
 * Free text that ends up on public pages or in exports: trimmed, within bounds, and without control
 * characters (a NUL would cut the text short in SQLite's length() and in many CSV readers).
 */
export function text(max: number, min = 1) {
  return z
    .string()
    .trim()
    .min(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), 'must not contain control characters');
}

/**
 * What a transport (a form, a query string, the CLI, a GraphQL input) hands a service that parses
 * it with its own zod schema before anything else: the schema's input, with each closed set of
 * strings (an enum) widened to string. The schema stays the only check, and its shape (names,
 * nesting, which fields are required) is still checked against every caller by the compiler.
 */
export type Unchecked<T> = T extends string
  ? string
  : T extends readonly (infer Item)[]
    ? readonly Unchecked<Item>[]
    : T extends object
      ? { [K in keyof T]: Unchecked<T[K]> }
      : T;

/**
 * `true` when two input shapes have the same field names, required or optional; otherwise the names
 * found on one side only. A transport's input declared beside a zod schema asserts it, so a field
 * renamed or added on one side only fails the build instead of being dropped by zod.
 */
export type SameFields<Transport, Service> = [Exclude<keyof Transport, keyof Service>, Exclude<keyof Service, keyof Transport>] extends [never, never]
  ? true
  : { onlyInTransport: Exclude<keyof Transport, keyof Service>; onlyInService: Exclude<keyof Service, keyof Transport> };
