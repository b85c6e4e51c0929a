import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';

/**
 * The route pattern that answered (`/v1/statements/:id`), never the raw path, so a metric
 * or log label has as many values as the app has routes. Middleware is registered for
 * every method (`ALL`); a request that only matched middleware is `unmatched`.
 *
 * Call it after `await next()`: routing is done by then, even when a middleware answered early.
 */
export function routePattern(c: Context): string {
  const routes = matchedRoutes(c);
  for (let i = routes.length - 1; i >= 0; i--) {
    const route = routes[i];
    if (route && route.method !== 'ALL') return route.path;
  }
  return 'unmatched';
}
