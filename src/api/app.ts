import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import { Registry } from 'prom-client';
import type { PrepareWrite } from '../../ingest/prepare-pool.js';
import type { HttpPolicy } from '../config.js';
import type { SearchEngine } from '../engine/engine.js';
import { AppError } from '../errors.js';
import { allowedMethods } from './allowed-methods.js';
import { limitBody } from './middleware/body-limit.js';
import { corsPolicy } from './middleware/cors.js';
import { instrumentEngine } from './middleware/engine-metrics.js';
import { requestLog, type AppLogger } from './middleware/logging.js';
import { httpMetrics } from './middleware/metrics.js';
import { percentEncoding } from './middleware/percent-encoding.js';
import { rateLimit } from './middleware/rate-limit.js';
import { requestTimeout } from './middleware/timeout.js';
import { invalidInput, problemResponse, type Logger } from './problem.js';
import { docsRoutes } from './routes/docs.js';
import { exportRoutes, searchExport } from './routes/export.js';
import { facetRoutes } from './routes/facets.js';
import { healthRoutes } from './routes/health.js';
import { metricsRoutes } from './routes/metrics.js';
import { searchRoutes } from './routes/search.js';
import { statementWriteRoutes } from './routes/statement-writes.js';
import { statementRoutes } from './routes/statements.js';
import { webRoutes } from '../web/web-routes.js';

export interface AppDeps {
  engine: SearchEngine;
  /** `config.adminToken`: the bearer token the write routes require; null or absent disables writes. */
  adminToken?: string | null;
  /** Errors, and one line per request when it has `info` (pino has). */
  logger?: AppLogger;
  /** main.ts passes `config.http`; absent keys: no CORS, no rate limit, a 10 s handler timeout. */
  http?: Partial<HttpPolicy>;
  /** Where `/metrics` comes from; a fresh one per app by default, never prom-client's global one. */
  registry?: Registry;
  /** The rate limiter's clock (ms), for tests. */
  clock?: () => number;
  /** How a written statement is read and annotated; in this thread by default, in a thread of its own in main.ts. */
  prepareWrite?: PrepareWrite;
}

/** q (500 characters) and 50 values of 200 characters for each of seven filters fit, even in four-byte characters (~280 KB). */
export const MAX_SEARCH_BODY_BYTES = 512 * 1024;

/** Streamed exports answer for as long as the client reads; the handler timeout does not apply to them. */
const LONG_RUNNING = ['/v1/export'];

const consoleLogger: Logger = { error: (record) => console.error(JSON.stringify({ level: 'error', ...record })) };

/**
 * The HTTP app: middleware, routes and the error boundary, and no I/O of its own, so tests
 * can call `createApp(deps).request(...)` in-process.
 */
export function createApp({ engine: bareEngine, adminToken = null, logger = consoleLogger, http = {}, registry = new Registry(), clock, prepareWrite }: AppDeps): OpenAPIHono {
  const policy: HttpPolicy = { corsOrigins: [], rateLimitPerMinute: 0, requestTimeoutMs: 10_000, ...http };
  const engine = instrumentEngine(bareEngine, registry);
  const app = new OpenAPIHono({
    defaultHook: (result) => {
      if (!result.success) throw invalidInput(result.error, result.target === 'json' ? 'INVALID_BODY' : 'INVALID_PARAMETER');
    },
  });
  app.use(requestId());
  // Outermost first: whatever answers below (a 429, a timeout, a route) is logged and counted.
  const info = logger.info?.bind(logger);
  if (info) app.use(requestLog({ info }));
  app.use(httpMetrics({ registry }));
  if (policy.corsOrigins.length > 0) app.use(corsPolicy({ origins: policy.corsOrigins }));
  if (policy.rateLimitPerMinute > 0) {
    app.use('/v1/*', rateLimit({ perMinute: policy.rateLimitPerMinute, ...(clock ? { clock } : {}) }));
  }
  app.use(requestTimeout({ ms: policy.requestTimeoutMs, exempt: LONG_RUNNING }));
  app.use('/v1/*', percentEncoding());
  // Before anything reads it: a search's body is its parameters, a few KB at most.
  app.post('/v1/search', limitBody({ maxBytes: MAX_SEARCH_BODY_BYTES }));
  // Before the search routes: `/v1/search` asking for CSV or NDJSON is answered by the export.
  app.on(['GET', 'POST'], '/v1/search', searchExport({ engine, logger }));
  searchRoutes(app, engine);
  statementRoutes(app, engine);
  statementWriteRoutes(app, engine, { adminToken, ...(prepareWrite ? { prepare: prepareWrite } : {}) });
  exportRoutes(app, engine, logger);
  facetRoutes(app, engine);
  healthRoutes(app, engine);
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Communiqué', version: '1', description: 'Full-text search over foreign-ministry statements' },
  });
  docsRoutes(app);
  metricsRoutes(app, registry);
  webRoutes(app);
  const methodsOf = allowedMethods(app.routes);
  app.notFound((c) => {
    const allowed = methodsOf(c.req.path);
    // OPTIONS asks what a path answers (CORS preflights, when CORS is on, are answered before this).
    if (c.req.method === 'OPTIONS' && allowed.length > 0) return c.body(null, 204, { Allow: allowed.join(', ') });
    // A route that answers this method and found nothing (an unknown asset) is a 404 too.
    if (allowed.length === 0 || allowed.includes(c.req.method)) return problemResponse(c, new AppError('NOT_FOUND', `no route for ${c.req.method} ${c.req.path}`), logger);
    const refused = problemResponse(c, new AppError('METHOD_NOT_ALLOWED', `${c.req.path} answers ${allowed.join(', ')}, not ${c.req.method}`), logger);
    refused.headers.set('Allow', allowed.join(', '));
    return refused;
  });
  app.onError((error, c) => problemResponse(c, error, logger));
  return app;
}
