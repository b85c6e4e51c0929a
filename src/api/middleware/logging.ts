import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../problem.js';
import { routePattern } from './route-pattern.js';

/**
 * What the app logs through: errors (the error boundary) and one line per request. A pino
 * logger fits as it is; a test's error-only stub logs no request lines.
 */
export interface AppLogger extends Logger {
  info?(record: Record<string, unknown>, message?: string): void;
}

/**
 * One structured line per request, after it is answered: `requestId` (the `X-Request-Id`
 * header), `method`, `path`, `route` (the pattern), `status`, `ms`. Mount it after
 * `requestId()` and before everything that can answer early.
 *
 * @example const log = pino(); app.use(requestLog({ info: log.info.bind(log) }))
 */
export function requestLog({ info }: { info: NonNullable<AppLogger['info']> }): MiddlewareHandler {
  return async function requestLog(c, next) {
    const started = performance.now();
    await next();
    info(
      {
        requestId: c.get('requestId') as string | undefined,
        method: c.req.method,
        path: c.req.path,
        route: routePattern(c),
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 100) / 100,
      },
      'request',
    );
  };
}
