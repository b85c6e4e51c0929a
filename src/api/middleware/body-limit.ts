import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../../errors.js';

/** Refuses a body over `maxBytes` (by Content-Length, or by counting a chunked one) with a 413 PAYLOAD_TOO_LARGE. */
export function limitBody({ maxBytes }: { maxBytes: number }): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new AppError('PAYLOAD_TOO_LARGE', `the body is over ${maxBytes} bytes`);
    },
  });
}
