import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import type { SearchEngine } from '../engine/engine.js';
import { AppError } from '../errors.js';
import { invalidInput, problemResponse, type Logger } from './problem.js';
import { facetRoutes } from './routes/facets.js';
import { healthRoutes } from './routes/health.js';
import { searchRoutes } from './routes/search.js';
import { statementRoutes } from './routes/statements.js';

export interface AppDeps {
  engine: SearchEngine;
  logger?: Logger;
}

const consoleLogger: Logger = { error: (record) => console.error(JSON.stringify({ level: 'error', ...record })) };

/**
 * The HTTP app: middleware, routes and the error boundary, and no I/O of its own, so tests
 * can call `createApp(deps).request(...)` in-process.
 */
export function createApp({ engine, logger = consoleLogger }: AppDeps): OpenAPIHono {
  const app = new OpenAPIHono({
    defaultHook: (result) => {
      if (!result.success) throw invalidInput(result.error, result.target === 'json' ? 'INVALID_BODY' : 'INVALID_PARAMETER');
    },
  });
  app.use(requestId());
  searchRoutes(app, engine);
  statementRoutes(app, engine);
  facetRoutes(app, engine);
  healthRoutes(app, engine);
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Communiqué', version: '1', description: 'Full-text search over foreign-ministry statements' },
  });
  app.notFound((c) => problemResponse(c, new AppError('NOT_FOUND', `no route for ${c.req.method} ${c.req.path}`), logger));
  app.onError((error, c) => problemResponse(c, error, logger));
  return app;
}
