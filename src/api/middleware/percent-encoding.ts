import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../errors.js';

/**
 * Refuses a query string that is not valid percent-encoding (`q=%ZZ`, a cut `%C3`) with a 400:
 * Hono would keep such a value as typed, and the search would run on text nobody sent.
 */
export function percentEncoding(): MiddlewareHandler {
  return async function percentEncoding(c, next) {
    const url = c.req.url;
    const start = url.indexOf('?');
    if (start >= 0) {
      try {
        decodeURIComponent(url.slice(start + 1));
      } catch {
        throw new AppError('INVALID_PARAMETER', 'the query string is not valid percent-encoding (UTF-8 bytes as %XX)');
      }
    }
    await next();
  };
}
