import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/api/app.js';
import type { SearchEngine } from '../../../src/engine/engine.js';
import { silent, testEngine } from './test-app.js';

let engine: SearchEngine;
let close: () => Promise<void>;
beforeAll(async () => ({ engine, close } = await testEngine()));
afterAll(async () => close());

const from = (origin: string, init: RequestInit = {}): RequestInit => ({ ...init, headers: { origin, ...init.headers } });
const dashboard = 'https://dashboard.example.org';

describe('CORS', () => {
  it('sends no CORS headers when no origin is configured', async () => {
    const app = createApp({ engine, logger: silent });
    const response = await app.request('/v1/health', from(dashboard));
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows a configured origin, exposing the request id, and not another', async () => {
    const app = createApp({ engine, logger: silent, http: { corsOrigins: [dashboard, 'http://localhost:5173'] } });
    const allowed = await app.request('/v1/health', from(dashboard));
    expect(allowed.headers.get('access-control-allow-origin')).toBe(dashboard);
    expect(allowed.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
    expect(allowed.headers.get('vary')).toContain('Origin');

    const other = await app.request('/v1/health', from('https://elsewhere.example'));
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers a preflight for a configured origin', async () => {
    const app = createApp({ engine, logger: silent, http: { corsOrigins: [dashboard] } });
    const response = await app.request(
      '/v1/search',
      from(dashboard, { method: 'OPTIONS', headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } }),
    );
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(dashboard);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type');
  });

  it('allows any origin with *', async () => {
    const app = createApp({ engine, logger: silent, http: { corsOrigins: '*' } });
    const response = await app.request('/v1/health', from('https://anyone.example'));
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('keeps the header on error answers, so a browser can read the problem', async () => {
    const app = createApp({ engine, logger: silent, http: { corsOrigins: [dashboard], rateLimitPerMinute: 1 } });
    await app.request('/v1/statements/nope', from(dashboard));
    const limited = await app.request('/v1/statements/nope', from(dashboard));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('access-control-allow-origin')).toBe(dashboard);
    const missing = await app.request('/v2/nothing', from(dashboard));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('access-control-allow-origin')).toBe(dashboard);
  });
});
