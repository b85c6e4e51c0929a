import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/api/app.js';
import { requestTimeout } from '../../../src/api/middleware/timeout.js';
import type { SearchEngine } from '../../../src/engine/engine.js';
import { Problem } from '../../../src/schema/api.js';
import { capturingLogger, degraded, silent, testEngine } from './test-app.js';

let engine: SearchEngine;
let close: () => Promise<void>;
beforeAll(async () => ({ engine, close } = await testEngine()));
afterAll(async () => close());

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('handler timeout', () => {
  it('answers a search the engine is too slow for with a 504 REQUEST_TIMEOUT problem', async () => {
    const { logger, lines } = capturingLogger();
    const slow = degraded(engine, { slow: { search: 1_000 } });
    const app = createApp({ engine: slow, logger, http: { requestTimeoutMs: 100 } });
    const started = performance.now();
    const response = await app.request('/v1/search?q=Doha');
    expect(performance.now() - started).toBeLessThan(900);
    expect(response.status).toBe(504);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const body = Problem.parse(await response.json());
    expect(body).toMatchObject({ code: 'REQUEST_TIMEOUT', requestId: response.headers.get('x-request-id') });
    expect(lines().find((line) => line['msg'] === 'request')).toMatchObject({ status: 504, route: '/v1/search' });
  });

  it('tells a write that timed out that it may still land, and that sending it again is safe', async () => {
    const token = 'timeout-test-token';
    const slow = degraded(engine, { slow: { replaceStatements: 1_000 } });
    const app = createApp({ engine: slow, adminToken: token, logger: silent, http: { requestTimeoutMs: 100 } });
    const response = await app.request('/v1/statements', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'slow-write', text: 'Qatar and Türkiye welcomed the ceasefire.' }),
    });
    expect(response.status).toBe(504);
    expect(Problem.parse(await response.json())).toMatchObject({
      code: 'REQUEST_TIMEOUT',
      detail: expect.stringMatching(/the write goes on and may still land.*send it again/),
    });
  });

  it('lets a search within the limit answer', async () => {
    const app = createApp({ engine: degraded(engine, { slow: { search: 20 } }), logger: silent, http: { requestTimeoutMs: 2_000 } });
    expect((await app.request('/v1/search?q=Doha')).status).toBe(200);
  });

  it('does not apply to exempt paths such as a streamed export', async () => {
    const app = new Hono();
    app.use(requestTimeout({ ms: 50, exempt: ['/v1/export'] }));
    app.get('/v1/export', async (c) => {
      await wait(150);
      return c.text('all of it');
    });
    app.get('/v1/exported', async (c) => {
      await wait(150);
      return c.text('too late');
    });
    app.onError((error, c) => c.text(error.name, 500));
    expect(await (await app.request('/v1/export')).text()).toBe('all of it');
    // A prefix of a path segment is not the exempt path.
    expect((await app.request('/v1/exported')).status).toBe(500);
  });
});
