import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../errors.js';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Whether `given` is `expected`, in time that does not depend on where they differ: both are
 * hashed first, so even their lengths stay hidden.
 */
export function sameToken(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

const BEARER = /^Bearer +(\S+) *$/i;

/**
 * Guards the write routes. No token configured: 403 `WRITES_DISABLED`, whatever is sent, so a
 * server started without `ADMIN_TOKEN` cannot be written to at all. A missing or wrong
 * `Authorization: Bearer <token>`: 401 `UNAUTHORIZED` with a `WWW-Authenticate: Bearer` challenge.
 *
 * @example app.post('/v1/statements', adminAuth({ token: config.adminToken }), handler)
 */
export function adminAuth({ token }: { token: string | null }): MiddlewareHandler {
  return async function adminAuth(c, next) {
    if (token === null) throw new AppError('WRITES_DISABLED', 'this server has no ADMIN_TOKEN configured, so it accepts no writes');
    const given = BEARER.exec(c.req.header('Authorization') ?? '')?.[1];
    if (given === undefined || !sameToken(given, token)) {
      c.header('WWW-Authenticate', given === undefined ? 'Bearer realm="communique"' : 'Bearer realm="communique", error="invalid_token"');
      throw new AppError('UNAUTHORIZED', given === undefined ? 'send Authorization: Bearer <ADMIN_TOKEN>' : 'the bearer token is not valid');
    }
    await next();
  };
}
