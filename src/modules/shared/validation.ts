import type { z } from 'zod';
import { InvalidInputError } from './errors.ts';

/** Parses with zod; a failure becomes InvalidInputError naming each field (prefixed with `path`). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, path: (string | number)[] = []): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new InvalidInputError(
    parsed.error.issues.map((i) => ({ path: [...path, ...i.path].map(String).join('.') || 'input', message: i.message })),
  );
}

/** GraphQL sends absent optional fields as null; the schemas above speak `undefined`. */
export function withoutNulls<T extends Record<string, unknown>>(input: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null)) as never;
}
