import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../errors.js';

export interface RequestTimeoutOptions {
  ms: number;
  /** Path prefixes that may run longer: streamed exports, which answer for as long as the client reads. */
  exempt?: string[];
}

/**
 * Answers 504 `REQUEST_TIMEOUT` when the handler has not answered within `ms`. The handler's
 * late result is dropped. Like `hono/timeout`, but it throws our `AppError`: the error
 * boundary turns any 5xx `HTTPException` (what `hono/timeout` throws) into a generic 500.
 *
 * It cannot interrupt synchronous work that holds the event loop; it bounds waiting (on an
 * engine, a worker, a network call), which is what holds a connection.
 *
 * @example app.use(requestTimeout({ ms: 10_000, exempt: ['/v1/export'] }))
 */
export function requestTimeout({ ms, exempt = [] }: RequestTimeoutOptions): MiddlewareHandler {
  const isExempt = (path: string) => exempt.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
  return async function requestTimeout(c, next) {
    if (isExempt(c.req.path)) return next();
    // A write cannot be called back: it goes on and may still land, which its client must know.
    const writing = (c.req.method === 'POST' || c.req.method === 'DELETE') && c.req.path.startsWith('/v1/statements');
    const detail = writing
      ? `no answer within ${ms} ms; the write goes on and may still land: GET the statement to see, or send it again (a statement is replaced whole)`
      : `no answer within ${ms} ms; try a narrower query`;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AppError('REQUEST_TIMEOUT', detail)), ms);
    });
    try {
      await Promise.race([next(), expired]);
    } finally {
      clearTimeout(timer);
    }
  };
}
