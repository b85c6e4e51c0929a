import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/api/app.js';
import type { SearchEngine } from '../../../src/engine/engine.js';
import { Problem } from '../../../src/schema/api.js';
import { silent, testEngine } from './test-app.js';

let engine: SearchEngine;
let close: () => Promise<void>;
beforeAll(async () => ({ engine, close } = await testEngine()));
afterAll(async () => close());

const post = (app: ReturnType<typeof createApp>, body: unknown) =>
  app.request('/v1/search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('request size limits', () => {
  it.each([
    ['perPage', 'perPage=101'],
    ['q', `q=${'a'.repeat(501)}`],
  ])('refuses %s past its cap with a 400 naming it', async (name, query) => {
    const app = createApp({ engine, logger: silent });
    const response = await app.request(`/v1/search?${query}`);
    expect(response.status).toBe(400);
    const body = Problem.parse(await response.json());
    expect(body.code).toBe('INVALID_PARAMETER');
    expect(body.detail).toContain(name);
  });

  it('refuses the same caps in a POST body', async () => {
    const app = createApp({ engine, logger: silent });
    for (const body of [{ perPage: 101 }, { q: 'a'.repeat(501) }]) {
      const response = await post(app, body);
      expect(response.status).toBe(400);
      expect(Problem.parse(await response.json()).code).toBe('INVALID_BODY');
    }
  });

  it('accepts the caps themselves', async () => {
    const app = createApp({ engine, logger: silent });
    expect((await app.request(`/v1/search?perPage=100&q=${'a'.repeat(500)}`)).status).toBe(200);
  });
});
