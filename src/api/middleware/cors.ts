import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { HttpPolicy } from '../../config.js';

/**
 * CORS for the configured origins (`*` or a list); mount it only when there are some, so an
 * unconfigured API sends no CORS headers at all. Browsers may read the request id and
 * `Retry-After`, which a dashboard needs to report an error or back off.
 */
export function corsPolicy({ origins }: { origins: HttpPolicy['corsOrigins'] }): MiddlewareHandler {
  return cors({
    origin: origins,
    allowMethods: ['GET', 'HEAD', 'POST', 'DELETE', 'OPTIONS'],
    exposeHeaders: ['X-Request-Id', 'Retry-After', 'Next-Cursor', 'X-Total-Count', 'Location'],
    maxAge: 600,
  });
}
