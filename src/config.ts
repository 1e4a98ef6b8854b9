import { z } from 'zod';
import { PRODUCTION_SCRYPT_N } from './modules/accounts/password.ts';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be one of true, false, 1, 0, yes, no' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const PUBLIC_URL_FORM = 'must be an http(s) origin such as https://jauap.example.kz';

/** Why a PUBLIC_URL is unusable, or null. The site is served at the root of its host, so no path. */
function publicUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return PUBLIC_URL_FORM;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return PUBLIC_URL_FORM;
  if (url.username || url.password) return `${PUBLIC_URL_FORM} (no user or password)`;
  if (url.search || url.hash || value.includes('?') || value.includes('#')) return `${PUBLIC_URL_FORM} (no query or fragment)`;
  if (url.pathname !== '/') return `${PUBLIC_URL_FORM} (no path: the site is served at the root of its host)`;
  return null;
}

const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test'], { error: 'must be development, production or test' }).default('development'),
    PORT: z.coerce
      .number({ error: 'must be a whole number from 0 to 65535' })
      .int('must be a whole number from 0 to 65535')
      .min(0, 'must be a whole number from 0 to 65535')
      .max(65535, 'must be a whole number from 0 to 65535')
      .default(4000),
    HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
    DATABASE_PATH: z.string().min(1, 'must not be empty').default('./data/tracker.db'),
    /** The drizzle-kit migrations folder, from the working directory (npm scripts run at the repo root). */
    JAUAP_MIGRATIONS: z.string().min(1, 'must not be empty').default('drizzle'),
    /** The folder of seed files (reference/ and demo/), from the working directory. */
    JAUAP_SEEDS: z.string().min(1, 'must not be empty').default('seeds'),
    /** Default: true, except in production, where the demo must be asked for. */
    SEED_DEMO: booleanFromEnv.optional(),
    /** Default: on, except in production. */
    GRAPHIQL: booleanFromEnv.optional(),
    /** `on`: /metrics on the main port; `off`; or HOST:PORT for a listener of its own. Default: on, off in production. */
    METRICS: z
      .string()
      .regex(/^(on|off|[A-Za-z0-9.:[\]-]+:\d{1,5})$/, 'must be on, off, or HOST:PORT such as 127.0.0.1:9464')
      .optional(),
    /**
     * Which proxies' X-Forwarded-For/-Proto to believe: `false` (none: the default), `loopback`, a hop
     * count, or addresses/CIDRs separated by commas. Rate limits key on the address this yields.
     */
    TRUST_PROXY: z
      .string()
      .regex(
        /^(false|true|loopback|\d{1,2}|[0-9A-Fa-f.:/]+(,\s*[0-9A-Fa-f.:/]+)*)$/,
        'must be false, loopback, a hop count, or addresses/CIDRs separated by commas',
      )
      .refine((v) => v !== 'true', 'must not be true (that trusts any client that sends the header); name the proxy instead')
      .default('false'),
    /**
     * The site's address as the public reaches it; every absolute link (feeds, open data, pages) is
     * built from it, never from request headers. Required in production; the demo's default is
     * http://localhost:PORT.
     */
    PUBLIC_URL: z
      .string()
      .transform((v, ctx) => {
        const problem = publicUrlProblem(v);
        if (problem) {
          ctx.addIssue({ code: 'custom', message: problem });
          return z.NEVER;
        }
        return new URL(v).origin;
      })
      .optional(),
    GRAPHQL_BODY_LIMIT_BYTES: z.coerce
      .number({ error: 'must be a whole number of bytes from 1024 to 104857600' })
      .int('must be a whole number of bytes from 1024 to 104857600')
      .min(1024, 'must be a whole number of bytes from 1024 to 104857600')
      .max(104_857_600, 'must be a whole number of bytes from 1024 to 104857600')
      .default(1_048_576),
    SEARCH_BACKEND: z.enum(['fts5', 'meilisearch'], { error: 'must be fts5 or meilisearch' }).default('fts5'),
    MEILI_URL: z.url({ error: 'must be a URL such as http://127.0.0.1:7700' }).optional(),
    MEILI_MASTER_KEY: z.string().min(1, 'must not be empty').optional(),
    MEILI_INDEX_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]{0,40}$/, 'must be letters, digits, - or _ (at most 40)')
      .default('jauap_'),
    SEARCH_CATCH_UP_MS: z.coerce
      .number({ error: 'must be a whole number of milliseconds' })
      .int('must be a whole number of milliseconds')
      .min(0, 'must not be negative')
      .default(10_000),
    PUBLISH_DELAY_HOURS: z.coerce
      .number({ error: 'must be a number of hours from 0 to 2160' })
      .min(0, 'must be a number of hours from 0 to 2160')
      .max(2160, 'must be a number of hours from 0 to 2160')
      .default(24),
    PUBLISH_CHECK_MINUTES: z.coerce
      .number({ error: 'must be a whole number of minutes from 1 to 1440' })
      .int('must be a whole number of minutes from 1 to 1440')
      .min(1, 'must be a whole number of minutes from 1 to 1440')
      .max(1440, 'must be a whole number of minutes from 1 to 1440')
      .default(15),
    PUBLISH_SCHEDULER: booleanFromEnv.default(true),
    REQUEST_TIMEOUT_MS: z.coerce
      .number({ error: 'must be a whole number of milliseconds from 1000 to 600000' })
      .int('must be a whole number of milliseconds from 1000 to 600000')
      .min(1000, 'must be a whole number of milliseconds from 1000 to 600000')
      .max(600_000, 'must be a whole number of milliseconds from 1000 to 600000')
      .default(30_000),
    HEAVY_CONCURRENCY: z.coerce
      .number({ error: 'must be a whole number from 0 to 1000' })
      .int('must be a whole number from 0 to 1000')
      .min(0, 'must be a whole number from 0 to 1000')
      .max(1000, 'must be a whole number from 0 to 1000')
      .default(4),
    HEAVY_QUEUE_TIMEOUT_MS: z.coerce
      .number({ error: 'must be a whole number of milliseconds from 100 to 600000' })
      .int('must be a whole number of milliseconds from 100 to 600000')
      .min(100, 'must be a whole number of milliseconds from 100 to 600000')
      .max(600_000, 'must be a whole number of milliseconds from 100 to 600000')
      .default(10_000),
    PAGE_CACHE_MB: z.coerce
      .number({ error: 'must be a number of megabytes from 0 to 4096' })
      .min(0, 'must be a number of megabytes from 0 to 4096')
      .max(4096, 'must be a number of megabytes from 0 to 4096')
      .default(32),
    /** Anonymous GraphQL answers kept while the database is unchanged (docs/scale.md); 0 keeps none. */
    GRAPHQL_CACHE_MB: z.coerce
      .number({ error: 'must be a number of megabytes from 0 to 4096' })
      .min(0, 'must be a number of megabytes from 0 to 4096')
      .max(4096, 'must be a number of megabytes from 0 to 4096')
      .default(32),
    /** Server processes sharing the port (node:cluster); 1 = this process serves alone (docs/scale.md). */
    WEB_WORKERS: z.coerce
      .number({ error: 'must be a whole number from 1 to 64' })
      .int('must be a whole number from 1 to 64')
      .min(1, 'must be a whole number from 1 to 64')
      .max(64, 'must be a whole number from 1 to 64')
      .default(1),
    /** smtp://user:pass@host:587 or smtps://...: where the outbox delivers. Unset: messages wait in the outbox. */
    SMTP_URL: z
      .url({ error: 'must be a URL such as smtp://user:password@mail.example.kz:587' })
      .refine((v) => /^smtps?:\/\//.test(v), 'must start with smtp:// or smtps://')
      .optional(),
    MAIL_FROM: z.string().min(3, 'must be an address such as "Jauap <no-reply@jauap.kz>"').max(200).default('Jauap <no-reply@localhost>'),
    /** The delivery worker inside the server (needs SMTP_URL); false leaves delivery to `npm run outbox:deliver`. */
    OUTBOX_WORKER: booleanFromEnv.default(true),
    OUTBOX_INTERVAL_MS: z.coerce
      .number({ error: 'must be a whole number of milliseconds from 100 to 3600000' })
      .int('must be a whole number of milliseconds from 100 to 3600000')
      .min(100, 'must be a whole number of milliseconds from 100 to 3600000')
      .max(3_600_000, 'must be a whole number of milliseconds from 100 to 3600000')
      .default(5_000),
    OUTBOX_MAX_ATTEMPTS: z.coerce
      .number({ error: 'must be a whole number from 1 to 100' })
      .int('must be a whole number from 1 to 100')
      .min(1, 'must be a whole number from 1 to 100')
      .max(100, 'must be a whole number from 1 to 100')
      .default(8),
    OUTBOX_BACKOFF_MS: z.coerce
      .number({ error: 'must be a whole number of milliseconds from 0 to 86400000' })
      .int('must be a whole number of milliseconds from 0 to 86400000')
      .min(0, 'must be a whole number of milliseconds from 0 to 86400000')
      .max(86_400_000, 'must be a whole number of milliseconds from 0 to 86400000')
      .default(60_000),
    /** A message claimed longer ago than this is taken to belong to a worker that died, and is sent again. */
    OUTBOX_LEASE_MS: z.coerce
      .number({ error: 'must be a whole number of milliseconds from 1000 to 86400000' })
      .int('must be a whole number of milliseconds from 1000 to 86400000')
      .min(1000, 'must be a whole number of milliseconds from 1000 to 86400000')
      .max(86_400_000, 'must be a whole number of milliseconds from 1000 to 86400000')
      .default(900_000),
    MAIL_PER_RECIPIENT_PER_HOUR: z.coerce
      .number({ error: 'must be a whole number from 1 to 1000' })
      .int('must be a whole number from 1 to 1000')
      .min(1, 'must be a whole number from 1 to 1000')
      .max(1000, 'must be a whole number from 1 to 1000')
      .default(10),
    /**
     * scrypt's cost N for new password hashes: a power of two. Production refuses less than 2^17
     * (OWASP's minimum); the test suite uses 1024 so that a sign-in costs a millisecond.
     */
    PASSWORD_SCRYPT_N: z.coerce
      .number({ error: 'must be a power of two from 1024 to 1048576' })
      .int('must be a power of two from 1024 to 1048576')
      .min(1024, 'must be a power of two from 1024 to 1048576')
      .max(1_048_576, 'must be a power of two from 1024 to 1048576')
      .refine((n) => (n & (n - 1)) === 0, 'must be a power of two from 1024 to 1048576')
      .default(PRODUCTION_SCRYPT_N),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: 'must be one of fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
  })
  .superRefine((c, ctx) => {
    // Each worker would count only its own requests, and one scrape reaches one worker at random.
    if (c.WEB_WORKERS > 1 && c.METRICS !== undefined && c.METRICS !== 'off') {
      ctx.addIssue({
        code: 'custom',
        path: ['METRICS'],
        message: 'must be off when WEB_WORKERS is more than 1 (each worker would report only its own requests)',
      });
    }
    if (c.NODE_ENV === 'production' && c.PASSWORD_SCRYPT_N < PRODUCTION_SCRYPT_N) {
      ctx.addIssue({
        code: 'custom',
        path: ['PASSWORD_SCRYPT_N'],
        message: `must be at least ${PRODUCTION_SCRYPT_N} in production (a lower cost is for tests)`,
      });
    }
    if (c.SEARCH_BACKEND === 'meilisearch' && !c.MEILI_URL) {
      ctx.addIssue({ code: 'custom', path: ['MEILI_URL'], message: 'is required when SEARCH_BACKEND=meilisearch' });
    }
  });

type ParsedConfig = z.infer<typeof configSchema>;
export type Config = Omit<ParsedConfig, 'SEED_DEMO' | 'GRAPHIQL' | 'METRICS'> & { SEED_DEMO: boolean; GRAPHIQL: boolean; METRICS: string };

/**
 * The address links are built from: PUBLIC_URL, or in the demo http://localhost:PORT (`port`: the
 * port actually listened on, when PORT=0 picked one).
 */
export function publicUrlOf(config: Pick<Config, 'PUBLIC_URL' | 'PORT'>, port: number = config.PORT): string {
  return config.PUBLIC_URL ?? `http://localhost:${port}`;
}

/** Production is safe by default: no demo data, no GraphiQL and no /metrics unless they are asked for. */
function withModeDefaults(c: ParsedConfig): Config {
  const development = c.NODE_ENV !== 'production';
  return {
    ...c,
    SEED_DEMO: c.SEED_DEMO ?? development,
    GRAPHIQL: c.GRAPHIQL ?? development,
    METRICS: c.METRICS ?? (development && c.WEB_WORKERS === 1 ? 'on' : 'off'),
  };
}

const SECRET_VARIABLES = new Set(['SMTP_URL', 'MEILI_MASTER_KEY']);

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads the environment once. Empty strings count as unset, so `PORT= npm start` takes the default.
 * A bad value throws a ConfigError whose message is one line naming the variable and what is allowed.
 * `serving`: the HTTP server's configuration, which in production must name its PUBLIC_URL.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: { serving?: boolean } = {}): Config {
  const relevant = Object.fromEntries(Object.keys(configSchema.shape ?? {}).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = configSchema.safeParse(relevant);
  if (parsed.success) {
    // Only a server writes links; the CLI commands run in production without it.
    if (options.serving && parsed.data.NODE_ENV === 'production' && !parsed.data.PUBLIC_URL) {
      throw new ConfigError('Invalid configuration: PUBLIC_URL="" is required in production: the address the public uses, such as https://jauap.example.kz');
    }
    return withModeDefaults(parsed.data);
  }
  const problems = parsed.error.issues.map((i) => {
    const name = String(i.path[0] ?? 'environment');
    // An SMTP URL carries the mail password: it is never repeated.
    const shown = SECRET_VARIABLES.has(name) ? '"(hidden)"' : JSON.stringify(env[name] ?? '');
    return `${name}=${shown} ${i.message}`;
  });
  throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
}
