import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/api/app.js';
import { instrumentEngine } from '../../../src/api/middleware/engine-metrics.js';
import type { SearchEngine } from '../../../src/engine/engine.js';
import { degraded, silent, testEngine } from './test-app.js';

let engine: SearchEngine;
let close: () => Promise<void>;
beforeAll(async () => ({ engine, close } = await testEngine({ seed: true })));
afterAll(async () => close());

const scrape = async (app: ReturnType<typeof createApp>) => {
  const response = await app.request('/metrics');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
};

/** The value of one sample line, `name{labels} value`, or undefined when absent. */
const sample = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('GET /metrics', () => {
  it('counts requests by route pattern and status, never by raw path', async () => {
    const app = createApp({ engine, logger: silent });
    await app.request('/v1/statements/nope');
    await app.request('/v1/statements/other');
    await app.request('/v1/health');
    await app.request('/v2/nothing');
    const text = await scrape(app);
    expect(sample(text, 'communique_http_requests_total{method="GET",route="/v1/statements/:id",status="404"}')).toBe(2);
    expect(sample(text, 'communique_http_requests_total{method="GET",route="/v1/health",status="200"}')).toBe(1);
    expect(sample(text, 'communique_http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1);
    expect(text).not.toContain('/v1/statements/nope');
    expect(text).not.toContain('/v2/nothing');
    expect(sample(text, 'communique_http_request_duration_seconds_count{method="GET",route="/v1/statements/:id",status="404"}')).toBe(2);
  });

  it('times engine queries and reports the index size on scrape', async () => {
    const app = createApp({ engine, logger: silent });
    await app.request('/v1/search?q=Doha');
    await app.request('/v1/search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"q":"Qatar"}' });
    const text = await scrape(app);
    expect(sample(text, 'communique_engine_query_duration_seconds_count{operation="search",outcome="ok"}')).toBe(2);
    expect(sample(text, 'communique_index_documents')).toBe(11);
    expect(sample(text, 'communique_index_statements')).toBe(1);
    expect(sample(text, 'communique_engine_up')).toBe(1);
  });

  it('keeps a registry per app, so two apps never share counts', async () => {
    const first = createApp({ engine, logger: silent });
    const second = createApp({ engine, logger: silent });
    await first.request('/v1/health');
    expect(sample(await scrape(second), 'communique_http_requests_total{method="GET",route="/v1/health",status="200"}')).toBeUndefined();
  });

  it('still answers when the engine is down, saying so', async () => {
    const app = createApp({ engine: degraded(engine, { failing: ['stats', 'health'] }), logger: silent });
    const text = await scrape(app);
    expect(sample(text, 'communique_engine_up')).toBe(0);
  });
});

describe('instrumentEngine', () => {
  it('times failed queries as errors and rethrows them', async () => {
    const registry = new Registry();
    const measured = instrumentEngine(degraded(engine, { failing: ['search'] }), registry);
    await expect(measured.search({} as Parameters<SearchEngine['search']>[0])).rejects.toThrow('search failed in a test');
    const text = await registry.metrics();
    expect(sample(text, 'communique_engine_query_duration_seconds_count{operation="search",outcome="error"}')).toBe(1);
  });

  it('passes every other method and property through to the engine', async () => {
    const measured = instrumentEngine(engine, new Registry());
    expect(measured.name).toBe('embedded');
    expect(await measured.stats()).toEqual(await engine.stats());
    expect((await measured.getStatement('000_f9833616b54a3226')).length).toBe(11);
  });
});
