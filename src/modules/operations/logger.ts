import { pino, type DestinationStream, type Logger } from 'pino';

// Log lines stay short whatever a client sends: hostile input (a megabyte-long query, a huge
// variable) is cut in every string the line carries, the message included.

export const MAX_LOGGED_STRING = 2_000;

function cut(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length > MAX_LOGGED_STRING ? `${value.slice(0, MAX_LOGGED_STRING)}… (${value.length} characters)` : value;
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => cut(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cut(v, depth + 1)]));
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      formatters: { log: (object) => cut(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? cut(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    destination as DestinationStream,
  );
}
