import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Registry } from 'prom-client';

/** `GET /metrics`: the app's registry in Prometheus text format, for a scraper rather than the public API. */
export function metricsRoutes(app: OpenAPIHono, registry: Registry): void {
  app.get('/metrics', async (c) => c.body(await registry.metrics(), 200, { 'Content-Type': registry.contentType }));
}
