import { GraphQLError } from 'graphql';
import { createYoga, maskError, type Plugin } from 'graphql-yoga';
import { DomainError, InvalidInputError } from '../modules/shared/errors.ts';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { Logger } from 'pino';
import { schema } from './schema.ts';
import { rejectMalformedGetParameters } from './get-params.ts';
import { limitRequestBody } from './body-limit.ts';
import { capListArguments } from './list-caps.ts';
import { graphiqlSecurityHeaders, renderLocalGraphiQL } from './graphiql.ts';
import type { GraphQLContext } from './context.ts';
import type { ReferenceData } from '../modules/reference/reference.service.ts';
import type { Db } from '../db/client.ts';
import type { Services } from '../services.ts';
import { LANGUAGES, type Language } from '../modules/shared/enums.ts';
import type { ChangeStamp } from '../db/data-version.ts';
import { publicResponseCache } from './response-cache.ts';

export interface YogaDeps {
  db: Db;
  services: Services;
  logger: Logger;
  /** GraphiQL on GET /graphql (off in production unless GRAPHIQL=true). */
  graphiql?: boolean;
  /** Larger request bodies are refused with 413. */
  bodyLimitBytes?: number;
  /** More envelop/yoga plugins (metrics). */
  plugins?: Plugin[];
  /** Anonymous answers kept while the database is unchanged (GRAPHQL_CACHE_MB); 0 or absent: none. */
  responseCache?: { maxBytes: number; stamp: ChangeStamp };
}

function requestLanguage(request: Request): Language {
  const fromQuery = new URL(request.url).searchParams.get('lang');
  if (fromQuery && (LANGUAGES as readonly string[]).includes(fromQuery)) return fromQuery as Language;
  const header = request.headers.get('accept-language') ?? '';
  for (const part of header.split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if ((LANGUAGES as readonly string[]).includes(tag)) return tag as Language;
  }
  return 'kk';
}

export function createGraphQLServer({ db, services, logger, graphiql = true, bodyLimitBytes = 1_048_576, plugins = [], responseCache }: YogaDeps) {
  // The cache answers before parsing and validation, so it comes after the request-shape checks
  // (body size, list caps, GET parameters) and before graphql-armor, whose limits a kept answer
  // already passed.
  const cached =
    responseCache && responseCache.maxBytes > 0
      ? [publicResponseCache({ stamp: responseCache.stamp, maxBytes: responseCache.maxBytes, languageOf: requestLanguage })]
      : [];
  return createYoga<{ clientAddress?: string }, GraphQLContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    logging: {
      debug: (...args) => logger.debug(args.map(String).join(' ')),
      info: (...args) => logger.info(args.map(String).join(' ')),
      warn: (...args) => logger.warn(args.map(String).join(' ')),
      error: (...args) => logger.error(args.map(String).join(' ')),
    },
    graphiql: graphiql ? { title: 'Jauap GraphQL' } : false,
    renderGraphiQL: renderLocalGraphiQL,
    plugins: [
      limitRequestBody(bodyLimitBytes),
      capListArguments(),
      rejectMalformedGetParameters(),
      graphiqlSecurityHeaders(),
      ...cached,
      EnvelopArmorPlugin({ maxDepth: { n: 12 }, maxAliases: { n: 30 }, costLimit: { maxCost: 250_000 } }),
      ...plugins,
    ],
    maskedErrors: {
      maskError(error, message, isDev) {
        // Expected failures outside a typed result (e.g. a bad filter on a query) keep their message
        // and stable code; everything else is masked and logged.
        const original = error instanceof GraphQLError ? error.originalError : error;
        if (original instanceof DomainError) {
          return new GraphQLError(original.message, {
            nodes: error instanceof GraphQLError ? error.nodes : undefined,
            path: error instanceof GraphQLError ? error.path : undefined,
            extensions: {
              code: original.code,
              ...(original instanceof InvalidInputError ? { problems: original.problems } : {}),
            },
          });
        }
        // A request refused before execution (parse, validation, graphql-armor's depth, cost and
        // alias limits) is the client's error: 400 under application/graphql-response+json, as
        // yoga answers its own validation errors (legacy application/json clients keep 200).
        if (error instanceof GraphQLError && !error.originalError && !error.path && !error.extensions?.http) {
          return new GraphQLError(error.message, {
            nodes: error.nodes,
            source: error.source,
            positions: error.positions,
            extensions: { ...error.extensions, http: { spec: true, status: 400 } },
          });
        }
        const masked = maskError(error, message, isDev);
        if (masked !== error) logger.error({ err: error }, 'unexpected error in a GraphQL resolver');
        return masked;
      },
    },
    context: async ({ request, clientAddress }) => {
      const auth = request.headers.get('authorization');
      const token = auth?.match(/^Bearer\s+(\S+)$/i)?.[1];
      const viewer = token ? await services.accounts.authenticate(token) : null;
      let reference: ReferenceData | undefined;
      return {
        db,
        services,
        viewer,
        token: token ?? null,
        clientAddress: clientAddress ?? 'unknown',
        language: requestLanguage(request),
        reference: () => (reference ??= services.reference.current()),
      };
    },
  });
}
export type GraphQLServer = ReturnType<typeof createGraphQLServer>;
