import { createServer } from 'node:http';
import express from 'express';
import type { Logger } from 'pino';
import type { Metrics } from './modules/operations/metrics.ts';
import cluster from 'node:cluster';
import { ConfigError, loadConfig, publicUrlOf, type Config } from './config.ts';
import { setPublicUrl } from './http/public-url.ts';
import { createApp, type App } from './app.ts';
import { isWorkerProcess, startWorkers } from './http/workers.ts';
import { seedDatabase } from './modules/seeding/seed.service.ts';
import { startPublicationScheduler } from './modules/publication/scheduler.ts';
import { demoAccountsRefusal, enabledDemoAccounts } from './modules/seeding/demo-guard.ts';
import { createSmtpTransport } from './modules/notifications/mail-transport.ts';
import { deliveryOptionsFromConfig, startOutboxWorker } from './modules/notifications/outbox-worker.ts';

// Entry point of `npm start` (and of `npm run serve`, compiled): read config, build the app, seed the demo into an empty database,
// listen, and shut down gracefully on SIGTERM/SIGINT (finish requests, then close the database).
// With WEB_WORKERS > 1 this process becomes the primary of that many workers (src/http/workers.ts).
async function main() {
  let config: Config;
  try {
    config = loadConfig(process.env, { serving: true });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const app = createApp(config);
  // The search indexes catch up with changes the engine missed (it was down, or another process wrote).
  app.services.search.startCatchUp();
  // A worker of WEB_WORKERS > 1 finds the database migrated and seeded by the primary.
  if (!isWorkerProcess()) {
    // Reference data (regions, bodies, coverage rules) is always brought up to date; the demo only
    // goes into an empty database, and only when SEED_DEMO allows it.
    const report = await seedDatabase(app.db, {
      demo: config.SEED_DEMO,
      progress: process.stderr.isTTY,
      publishDelayHours: config.PUBLISH_DELAY_HOURS,
      passwordScryptN: config.PASSWORD_SCRYPT_N,
      seedsDir: config.JAUAP_SEEDS,
    });
    app.logger.info({ seed: report }, 'seed finished');
    if (config.NODE_ENV === 'production' && !config.SEED_DEMO) {
      const demoAccounts = enabledDemoAccounts(app.db);
      if (demoAccounts.length > 0) {
        console.error(demoAccountsRefusal(demoAccounts));
        app.close();
        process.exit(1);
      }
    }
  }
  // Publishes each ended quarter (after PUBLISH_DELAY_HOURS) and each collection round, catching up
  // after downtime; a lock in the database keeps other processes from publishing at the same time.
  // PUBLISH_SCHEDULER=false leaves publishing to the CLI or another instance (and to benchmarks).
  const scheduler = config.PUBLISH_SCHEDULER
    ? startPublicationScheduler(app, { delayHours: config.PUBLISH_DELAY_HOURS, intervalMinutes: config.PUBLISH_CHECK_MINUTES })
    : null;
  // Delivers the email outbox over SMTP_URL. Without SMTP_URL (or with OUTBOX_WORKER=false) the
  // messages wait in the outbox, counted on /metrics and the Government page.
  const outboxWorker =
    config.SMTP_URL && config.OUTBOX_WORKER ? startOutboxWorker(app, createSmtpTransport(config.SMTP_URL), deliveryOptionsFromConfig(config)) : null;
  if (!outboxWorker) app.logger.info(config.SMTP_URL ? 'outbox worker off (OUTBOX_WORKER=false)' : 'SMTP_URL not set: email messages stay in the outbox');
  if (config.WEB_WORKERS > 1 && cluster.isPrimary) return superviseWorkers(app, [scheduler, outboxWorker]);
  const server = createServer(app.http);
  const metricsServer = app.metrics && app.config.METRICS !== 'on' ? listenForMetrics(app.metrics, app.config.METRICS, app.logger) : null;
  // A client that sends its request slowly (or never finishes it) is cut off; both bounds apply to
  // receiving the request, not to the work it asks for (HEAVY_* bound that).
  server.requestTimeout = config.REQUEST_TIMEOUT_MS;
  server.headersTimeout = Math.min(config.REQUEST_TIMEOUT_MS, 60_000);
  server.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    // The demo's links name the port it really listens on (PORT=0 picks one).
    if (!config.PUBLIC_URL) setPublicUrl(app.http, publicUrlOf(config, port));
    if (isWorkerProcess()) app.logger.info(`worker ${cluster.worker?.id} serving http://${config.HOST}:${port}/`);
    else app.logger.info(`Jauap listening on http://${config.HOST}:${port}/ (GraphQL at /graphql)`);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'shutting down');
    scheduler?.stop();
    outboxWorker?.stop();
    metricsServer?.close();
    server.close(() => {
      app.close();
      process.exit(0);
    });
    server.closeIdleConnections();
    // Requests that hang must not keep the process alive for ever.
    setTimeout(() => {
      server.closeAllConnections();
    }, 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** The primary of WEB_WORKERS > 1: forks the workers, publishes, delivers mail, and stops them on SIGTERM/SIGINT. */
function superviseWorkers(app: App, background: ({ stop(): unknown } | null)[]) {
  const { config, logger } = app;
  // Workers given port 0 share one port the primary picked: say which once the first one listens.
  cluster.once('listening', (_worker, address) => {
    logger.info(`Jauap listening on http://${config.HOST}:${address.port}/ with ${config.WEB_WORKERS} workers (GraphQL at /graphql)`);
  });
  const stopAll = (code: number) => {
    for (const job of background) job?.stop();
    // Requests that hang must not keep the workers, and so this process, alive for ever.
    setTimeout(() => process.exit(code), 15_000).unref();
    void pool.stop().then(() => {
      app.close();
      process.exit(code);
    });
  };
  const pool = startWorkers(config.WEB_WORKERS, logger, () => stopAll(1));
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down the workers');
    stopAll(0);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** METRICS=HOST:PORT: /metrics on its own listener, e.g. bound to an address only Prometheus reaches. */
function listenForMetrics(metrics: Metrics, address: string, logger: Logger) {
  const at = address.lastIndexOf(':');
  const host = address.slice(0, at).replace(/^\[|\]$/g, '');
  const port = Number(address.slice(at + 1));
  const app = express();
  app.disable('x-powered-by');
  app.use(metrics.router);
  const server = createServer(app);
  server.listen(port, host, () => logger.info(`metrics on http://${address}/metrics`));
  return server;
}

main().catch((err) => {
  console.error(err instanceof Error ? `Jauap failed to start: ${err.message}` : err);
  process.exit(1);
});
