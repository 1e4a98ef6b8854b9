import express, { type RequestHandler, type Router } from 'express';
import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SearchIndex } from '../search/search.port.ts';
import type { MetricsRepo } from './metrics.repo.ts';

// Prometheus metrics. Labels are bounded on purpose: routes are the patterns Express matched (never
// raw paths), GraphQL operations are counted by type (names are chosen by clients), error codes
// are ours. Figures that live in the database are read when Prometheus scrapes.

const LANGUAGE_PREFIX = /^\/(kk|ru|en)(?=\/|$)/;

export interface Metrics {
  registry: Registry;
  /** Times every HTTP request, labelled by the route pattern that answered it. */
  httpTimer: RequestHandler;
  /** Counts GraphQL operations and the error codes in their results. */
  graphqlPlugin: Plugin;
  /** The search engine, timed per call. */
  instrumentSearch(engine: SearchIndex): SearchIndex;
  router: Router;
}

function routeLabel(req: express.Request): string {
  const pattern = req.route?.path;
  if (typeof pattern !== 'string') return req.baseUrl === '/graphql' || req.originalUrl.startsWith('/graphql') ? '/graphql' : 'unmatched';
  return `${req.baseUrl.replace(LANGUAGE_PREFIX, '/:lang')}${pattern}` || '/';
}

export function createMetrics(repo: MetricsRepo): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'jauap_' });

  const httpDuration = new Histogram({
    name: 'jauap_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const operations = new Counter({
    name: 'jauap_graphql_operations_total',
    help: 'GraphQL operations by type (query, mutation, subscription)',
    labelNames: ['type'] as const,
    registers: [registry],
  });
  const graphqlErrors = new Counter({
    name: 'jauap_graphql_errors_total',
    help: 'Errors in GraphQL results by code (typed mutation results are data, not errors)',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const searchDuration = new Histogram({
    name: 'jauap_search_duration_seconds',
    help: 'Search engine calls by engine and outcome',
    labelNames: ['engine', 'outcome'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new Gauge({
    name: 'jauap_search_outbox_length',
    help: 'Changed problems waiting to reach the search engine',
    registers: [registry],
    collect() {
      this.set(repo.searchOutboxLength());
    },
  });
  new Gauge({
    name: 'jauap_email_outbox_messages',
    help: 'Email messages in the outbox by status (PENDING and SENDING are the backlog; DEAD gave up)',
    labelNames: ['status'] as const,
    registers: [registry],
    collect() {
      const rows = new Map(repo.emailOutbox().map((r) => [r.status, r.n]));
      for (const status of ['PENDING', 'SENDING', 'SENT', 'DEAD', 'CANCELLED']) this.set({ status }, rows.get(status) ?? 0);
    },
  });
  new Gauge({
    name: 'jauap_email_outbox_oldest_waiting_seconds',
    help: 'Age of the oldest email message still waiting to be delivered (0: none waits)',
    registers: [registry],
    collect() {
      const waiting = repo.emailOutbox().filter((r) => (r.status === 'PENDING' || r.status === 'SENDING') && r.oldest);
      const oldest = waiting.map((r) => Date.parse(r.oldest!)).sort((a, b) => a - b)[0];
      this.set(oldest === undefined ? 0 : Math.max(0, (Date.now() - oldest) / 1000));
    },
  });
  new Gauge({
    name: 'jauap_sqlite_bytes',
    help: 'Size of the SQLite database file and of its write-ahead log',
    labelNames: ['file'] as const,
    registers: [registry],
    collect() {
      this.set({ file: 'database' }, repo.databaseBytes());
      this.set({ file: 'wal' }, repo.walBytes());
    },
  });
  new Gauge({
    name: 'jauap_published_quarters',
    help: 'Quarters published so far',
    registers: [registry],
    collect() {
      this.set(repo.publications().n);
    },
  });
  new Gauge({
    name: 'jauap_latest_publication_timestamp_seconds',
    help: 'When the latest quarter was published (0: none yet)',
    registers: [registry],
    collect() {
      const latest = repo.publications().latest;
      this.set(latest ? Date.parse(latest) / 1000 : 0);
    },
  });

  const httpTimer: RequestHandler = (req, res, next) => {
    const end = httpDuration.startTimer();
    res.once('finish', () => end({ method: req.method, route: routeLabel(req), status: String(res.statusCode) }));
    next();
  };

  const graphqlPlugin: Plugin = {
    onExecute({ args }) {
      const document = args.document as DocumentNode;
      const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      operations.inc({ type: operation?.operation ?? 'unknown' });
    },
    onResultProcess({ result }) {
      const results = Array.isArray(result) ? result : [result];
      for (const r of results) {
        const errors = (r as { errors?: { extensions?: { code?: unknown } }[] }).errors ?? [];
        for (const e of errors) graphqlErrors.inc({ code: typeof e.extensions?.code === 'string' ? e.extensions.code.slice(0, 60) : 'unknown' });
      }
    },
  };

  function instrumentSearch(engine: SearchIndex): SearchIndex {
    return {
      ...engine,
      backend: engine.backend,
      prepare: () => engine.prepare(),
      upsert: (index, documents) => engine.upsert(index, documents),
      delete: (index, ids) => engine.delete(index, ids),
      startBuild: (index, options) => engine.startBuild(index, options),
      count: (index) => engine.count(index),
      close: () => engine.close(),
      async search(request) {
        const end = searchDuration.startTimer({ engine: engine.backend });
        try {
          const result = await engine.search(request);
          end({ outcome: 'ok' });
          return result;
        } catch (err) {
          end({ outcome: 'error' });
          throw err;
        }
      },
    };
  }

  const router = express.Router();
  router.get('/metrics', async (_req, res) => {
    res.set('Content-Type', registry.contentType).set('Cache-Control', 'no-store');
    res.send(await registry.metrics());
  });

  return { registry, httpTimer, graphqlPlugin, instrumentSearch, router };
}
