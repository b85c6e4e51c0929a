import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/api/app.js';
import type { SearchEngine } from '../../../src/engine/engine.js';
import { capturingLogger, degraded, testEngine } from './test-app.js';

let engine: SearchEngine;
let close: () => Promise<void>;
beforeAll(async () => ({ engine, close } = await testEngine()));
afterAll(async () => close());

describe('request logs', () => {
  it('writes one JSON line per request, with the request id of the response header', async () => {
    const { logger, lines } = capturingLogger();
    const app = createApp({ engine, logger });
    const ok = await app.request('/v1/health');
    const missing = await app.request('/v1/statements/nope?x=1');
    expect(lines()).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'request',
        requestId: ok.headers.get('x-request-id'),
        method: 'GET',
        path: '/v1/health',
        route: '/v1/health',
        status: 200,
        ms: expect.any(Number),
      }),
      expect.objectContaining({
        requestId: missing.headers.get('x-request-id'),
        path: '/v1/statements/nope',
        route: '/v1/statements/:id',
        status: 404,
      }),
    ]);
    expect(ok.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs a server error with the request id the client got', async () => {
    const { logger, lines } = capturingLogger();
    const app = createApp({ engine: degraded(engine, { failing: ['health'] }), logger });
    const response = await app.request('/v1/health');
    expect(response.status).toBe(503);
    const requestId = response.headers.get('x-request-id');
    const [error, request] = lines();
    expect(error).toMatchObject({ level: 50, requestId, code: 'ENGINE_UNAVAILABLE' });
    expect(request).toMatchObject({ msg: 'request', requestId, status: 503 });
  });

  it.each([
    ['keeps a sane incoming id', 'trace-2025_11-07=abc', 'trace-2025_11-07=abc'],
    ['replaces one with other characters', 'bad id<script>', null],
    ['replaces an overlong one', 'a'.repeat(300), null],
  ])('%s', async (_, incoming, expected) => {
    const { logger, lines } = capturingLogger();
    const app = createApp({ engine, logger });
    const response = await app.request('/v1/health', { headers: { 'x-request-id': incoming } });
    const id = response.headers.get('x-request-id');
    if (expected) expect(id).toBe(expected);
    else expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines()[0]).toMatchObject({ requestId: id });
  });

  it('logs nothing per request through an error-only logger', async () => {
    const errors: unknown[] = [];
    const app = createApp({ engine, logger: { error: (record) => void errors.push(record) } });
    expect((await app.request('/v1/health')).status).toBe(200);
    expect(errors).toEqual([]);
  });
});
