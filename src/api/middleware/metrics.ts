import type { MiddlewareHandler } from 'hono';
import { Counter, Histogram, type Registry } from 'prom-client';
import { routePattern } from './route-pattern.js';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Latency buckets in seconds, from a cached 1 ms lookup to the 10 s request timeout. */
export const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Counts requests and times them into `registry`, labelled by method, route pattern and
 * status. Mount it outside everything that can answer early (rate limit, timeout), so those
 * answers are counted too. The time is until the response starts: a streamed body goes on.
 *
 * @example app.use(httpMetrics({ registry: new Registry() }))
 */
export function httpMetrics({ registry }: { registry: Registry }): MiddlewareHandler {
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'communique_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'communique_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status',
    labelNames,
    buckets: latencyBuckets,
    registers: [registry],
  });
  return async function httpMetrics(c, next) {
    const stop = duration.startTimer();
    await next();
    const labels = {
      method: METHODS.has(c.req.method) ? c.req.method : 'OTHER',
      route: routePattern(c),
      status: String(c.res.status),
    };
    stop(labels);
    requests.inc(labels);
  };
}
