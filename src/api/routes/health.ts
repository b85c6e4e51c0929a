import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { SearchEngine } from '../../engine/engine.js';
import { AppError } from '../../errors.js';
import { Health, Problem } from '../../schema/api.js';

export function healthRoutes(app: OpenAPIHono, engine: SearchEngine): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/health',
      summary: 'Whether the engine answers',
      responses: {
        200: { description: 'The engine answers', content: { 'application/json': { schema: Health } } },
        503: { description: 'The engine does not answer', content: { 'application/problem+json': { schema: Problem } } },
      },
    }),
    async (c) => {
      const healthy = await engine.health().catch(() => false);
      if (!healthy) throw new AppError('ENGINE_UNAVAILABLE', `the ${engine.name} engine does not answer`);
      const stats = await engine.stats();
      return c.json({ status: 'ok' as const, engine: engine.name, ...stats }, 200);
    },
  );
}
