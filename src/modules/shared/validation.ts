import { z } from 'zod';
import { InvalidInputError } from './errors.ts';

/** Parses with zod; a failure becomes InvalidInputError naming each field (prefixed with `path`). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, path: (string | number)[] = []): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new InvalidInputError(parsed.error.issues.map((i) => ({ path: [...path, ...i.path].map(String).join('.') || 'input', message: i.message })));
}

/** GraphQL sends absent optional fields as null; the schemas above speak `undefined`. */
export function withoutNulls<T extends Record<string, unknown>>(input: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null)) as never;
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
 * Input from a transport (a form, a query string, a GraphQL input with nested nulls) handed to a
 * service that parses it with its own zod schema before anything else: typed as the service's input
 * so that the call compiles, while the schema stays the only check. The one documented boundary cast.
 */
export function parsedByService<T>(input: unknown): T {
  return input as never;
}
