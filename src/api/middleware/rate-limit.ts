import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../../errors.js';

export type Take = { allowed: true } | { allowed: false; retryAfterSeconds: number };

// An empty bucket is full again after a minute, so a bucket idle that long can be forgotten.
const MINUTE_MS = 60_000;

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * A token bucket per key: `perMinute` tokens refilled evenly over a minute, bursts up to
 * `perMinute`. A bucket left alone for a minute is full again, the same as no bucket, so idle
 * ones are dropped; past `maxKeys` the least recently used go first. Memory stays bounded
 * however many clients come and go.
 *
 * @example
 * const buckets = new TokenBuckets({ perMinute: 60 });
 * buckets.take('203.0.113.7'); // { allowed: true } until the 61st request within the minute
 */
export class TokenBuckets {
  readonly #capacity: number;
  readonly #perMs: number;
  readonly #maxKeys: number;
  readonly #clock: () => number;
  // Insertion order is last-use order (a used bucket is re-inserted), so the oldest come first.
  readonly #buckets = new Map<string, Bucket>();

  constructor({ perMinute, maxKeys = 100_000, clock = Date.now }: { perMinute: number; maxKeys?: number; clock?: () => number }) {
    if (!(perMinute > 0)) throw new RangeError(`perMinute must be positive, not ${perMinute}`);
    this.#capacity = perMinute;
    this.#perMs = perMinute / MINUTE_MS;
    this.#maxKeys = maxKeys;
    this.#clock = clock;
  }

  get size(): number {
    return this.#buckets.size;
  }

  take(key: string): Take {
    const now = this.#clock();
    this.#evictIdle(now);
    const bucket = this.#buckets.get(key);
    const tokens = bucket
      ? Math.min(this.#capacity, bucket.tokens + (now - bucket.updatedAt) * this.#perMs)
      : this.#capacity;
    this.#buckets.delete(key);
    if (tokens >= 1) {
      this.#remember(key, { tokens: tokens - 1, updatedAt: now });
      return { allowed: true };
    }
    this.#remember(key, { tokens, updatedAt: now });
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.#perMs / 1000)) };
  }

  #remember(key: string, bucket: Bucket): void {
    this.#buckets.set(key, bucket);
    for (const oldest of this.#buckets.keys()) {
      if (this.#buckets.size <= this.#maxKeys) break;
      this.#buckets.delete(oldest);
    }
  }

  #evictIdle(now: number): void {
    for (const [key, bucket] of this.#buckets) {
      if (now - bucket.updatedAt < MINUTE_MS) break;
      this.#buckets.delete(key);
    }
  }
}

/**
 * The client's IP address from the socket. In-process requests (`app.request` in tests) have
 * no socket and share one key. Behind a reverse proxy every client is the proxy: see the README.
 */
export function clientAddress(c: Context): string {
  const env = c.env as { incoming?: unknown } | undefined;
  if (!env?.incoming) return 'in-process';
  return getConnInfo(c).remote.address ?? 'unknown';
}

export interface RateLimitOptions {
  perMinute: number;
  key?: (c: Context) => string;
  clock?: () => number;
  maxKeys?: number;
}

/**
 * Answers 429 `RATE_LIMITED` with `Retry-After` (seconds) once a client has spent its bucket.
 *
 * @example app.use('/v1/*', rateLimit({ perMinute: 600 }))
 */
export function rateLimit({ perMinute, key = clientAddress, clock, maxKeys }: RateLimitOptions): MiddlewareHandler {
  const buckets = new TokenBuckets({ perMinute, ...(clock ? { clock } : {}), ...(maxKeys ? { maxKeys } : {}) });
  return async function rateLimit(c, next) {
    const taken = buckets.take(key(c));
    if (!taken.allowed) {
      c.header('Retry-After', String(taken.retryAfterSeconds));
      throw new AppError(
        'RATE_LIMITED',
        `at most ${perMinute} requests a minute per client; retry in ${taken.retryAfterSeconds} s`,
      );
    }
    await next();
  };
}
