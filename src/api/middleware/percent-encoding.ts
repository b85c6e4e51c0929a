import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../errors.js';

const decode = (part: string): string => decodeURIComponent(part.replace(/\+/g, ' '));

const isPercentEncoded = (part: string): boolean => {
  try {
    decode(part);
    return true;
  } catch {
    return false;
  }
};

/**
 * Refuses a query string that is not valid percent-encoding (`q=%ZZ`, a cut `%C3`) with a 400:
 * Hono would keep such a value as typed, and the search would run on text nobody sent.
 */
export function percentEncoding(): MiddlewareHandler {
  return async function percentEncoding(c, next) {
    const url = c.req.url;
    const start = url.indexOf('?');
    if (start >= 0) {
      for (const pair of url.slice(start + 1).split('&')) {
        const [name = '', value = ''] = pair.split(/=(.*)/s);
        const nameEncoded = isPercentEncoded(name);
        if (nameEncoded && isPercentEncoded(value)) continue;
        // Named the way the other parameter errors are (`path: message`, and in `issues`).
        if (!nameEncoded) {
          const message = `the parameter name ${name.slice(0, 40)} is not valid percent-encoding (UTF-8 bytes as %XX)`;
          throw new AppError('INVALID_PARAMETER', message, { extra: { issues: [{ path: '', message }] } });
        }
        const path = decode(name);
        const message = 'not valid percent-encoding (UTF-8 bytes as %XX)';
        throw new AppError('INVALID_PARAMETER', `${path || '(a parameter with no name)'}: ${message}`, { extra: { issues: [{ path, message }] } });
      }
    }
    await next();
  };
}
