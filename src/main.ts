import { serve } from '@hono/node-server';
import { pino } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { formatReport } from '../ingest/report.js';
import { ingestSources } from '../ingest/pipeline.js';
import { preparingThread } from '../ingest/prepare-pool.js';
import { createProgress } from '../ingest/progress.js';
import { createApp } from './api/app.js';
import { loadConfig } from './config.js';
import { openEngine } from './engine/open-engine.js';
import { loadIndexSettings } from './engine/settings.js';
import { isAppError } from './errors.js';

/**
 * Node's own limits, so a slow or idle client cannot hold a connection: the headers within
 * 10 s, the whole request within 30 s, 5 s idle between keep-alive requests, and no socket
 * silent for 60 s. The handler's own limit is `REQUEST_TIMEOUT_MS`.
 */
const serverTimeouts = {
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  keepAliveTimeout: 5_000,
  // Node enforces the first two on this sweep (30 s by default, which would triple a 10 s limit).
  connectionsCheckingInterval: 1_000,
};
const SOCKET_IDLE_MS = 60_000;

/** `npm start`: ingest `START_INGEST`, the bundled corpus by default (unchanged statements are skipped), and serve the API. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = pino({ level: config.logLevel });
  const engine = await openEngine(config.engine, loadIndexSettings());
  if (config.startIngest.length > 0) {
    const report = await ingestSources(config.startIngest, engine, { progress: (total) => createProgress(total) });
    console.log(formatReport(report));
  }
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const writes = preparingThread();
  const app = createApp({ engine, adminToken: config.adminToken, logger, http: config.http, registry, prepareWrite: writes.prepare });
  const server = serve(
    { fetch: app.fetch, port: config.port, hostname: config.host, serverOptions: serverTimeouts },
    (info) => {
      const url = `http://localhost:${info.port}/`;
      logger.info({ engine: engine.name, port: info.port }, `Communiqué (${engine.name} engine) listening on ${url}`);
    },
  );
  server.setTimeout(SOCKET_IDLE_MS);
  const stop = (): void => {
    server.close(() => void Promise.all([writes.close(), engine.close()]).then(() => process.exit(0)));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`communique: ${isAppError(error) ? `${error.detail} [${error.code}]` : String(error)}`);
  process.exit(1);
});
