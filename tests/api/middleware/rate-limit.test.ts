import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/api/app.js';
import { TokenBuckets } from '../../../src/api/middleware/rate-limit.js';
import type { SearchEngine } from '../../../src/engine/engine.js';
import { Problem } from '../../../src/schema/api.js';
import { fakeClock, silent, testEngine } from './test-app.js';

describe('TokenBuckets', () => {
  it('allows a burst of perMinute, then refuses with the seconds until the next token', () => {
    const clock = fakeClock();
    const buckets = new TokenBuckets({ perMinute: 60, clock: clock.now });
    for (let i = 0; i < 60; i++) expect(buckets.take('a')).toEqual({ allowed: true });
    expect(buckets.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    clock.advance(1_000);
    expect(buckets.take('a')).toEqual({ allowed: true });
    expect(buckets.take('a').allowed).toBe(false);
  });

  it('keeps one bucket per client', () => {
    const buckets = new TokenBuckets({ perMinute: 1, clock: fakeClock().now });
    expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a')).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(buckets.take('b').allowed).toBe(true);
  });

  it('drops buckets idle for a minute, since they are full again', () => {
    const clock = fakeClock();
    const buckets = new TokenBuckets({ perMinute: 10, clock: clock.now });
    for (let i = 0; i < 1_000; i++) buckets.take(`client-${i}`);
    expect(buckets.size).toBe(1_000);
    clock.advance(60_000);
    buckets.take('late');
    expect(buckets.size).toBe(1);
  });

  it('never holds more than maxKeys buckets, dropping the least recently used', () => {
    const clock = fakeClock();
    const buckets = new TokenBuckets({ perMinute: 1, maxKeys: 100, clock: clock.now });
    buckets.take('kept');
    for (let i = 0; i < 500; i++) {
      buckets.take(`client-${i}`);
      if (i % 50 === 0) buckets.take('kept');
    }
    expect(buckets.size).toBe(100);
    // 'kept' was used recently, so it still has its (empty) bucket.
    expect(buckets.take('kept').allowed).toBe(false);
  });
});

describe('rate limit on the API', () => {
  let engine: SearchEngine;
  let close: () => Promise<void>;
  beforeAll(async () => ({ engine, close } = await testEngine()));
  afterAll(async () => close());

  it('answers a burst past the limit with a 429 RATE_LIMITED problem and Retry-After, then recovers', async () => {
    const clock = fakeClock();
    const app = createApp({ engine, logger: silent, http: { rateLimitPerMinute: 3 }, clock: clock.now });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await app.request('/v1/health')).status);
    expect(statuses).toEqual([200, 200, 200]);

    const refused = await app.request('/v1/health');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.headers.get('retry-after')).toBe('20');
    const body = Problem.parse(await refused.json());
    expect(body).toMatchObject({ code: 'RATE_LIMITED', status: 429, requestId: refused.headers.get('x-request-id') });

    clock.advance(19_000);
    expect((await app.request('/v1/health')).status).toBe(429);
    clock.advance(1_000);
    expect((await app.request('/v1/health')).status).toBe(200);
  });

  it('limits only the API: docs and metrics stay reachable', async () => {
    const app = createApp({ engine, logger: silent, http: { rateLimitPerMinute: 1 }, clock: fakeClock().now });
    await app.request('/v1/health');
    expect((await app.request('/v1/health')).status).toBe(429);
    expect((await app.request('/metrics')).status).toBe(200);
    expect((await app.request('/docs')).status).toBe(200);
  });

  it('is off when the limit is 0', async () => {
    const app = createApp({ engine, logger: silent, http: { rateLimitPerMinute: 0 } });
    for (let i = 0; i < 50; i++) expect((await app.request('/v1/health')).status).toBe(200);
  });

  it('keys clients by their IP address over a real socket', async () => {
    const app = createApp({ engine, logger: silent, http: { rateLimitPerMinute: 1 } });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      expect((await fetch(`http://127.0.0.1:${port}/v1/health`)).status).toBe(200);
      const refused = await fetch(`http://127.0.0.1:${port}/v1/health`);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // In-process requests have no address, so they are another client with a full bucket.
      expect((await app.request('/v1/health')).status).toBe(200);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
