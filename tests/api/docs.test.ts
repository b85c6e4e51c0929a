import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import type { SearchEngine } from '../../src/engine/engine.js';
import { errorCatalogue } from '../../src/errors.js';
import { silent, testEngine } from './middleware/test-app.js';

let engine: SearchEngine;
let close: () => Promise<void>;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  ({ engine, close } = await testEngine());
  app = createApp({ engine, logger: silent });
});
afterAll(async () => close());

const page = async () => {
  const response = await app.request('/docs');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  return { response, text: await response.text() };
};

/** Every URL the page loads or links to: src, href, and url(...) in inline styles. */
const urls = (text: string): string[] =>
  [...text.matchAll(/(?:src|href)="([^"]*)"|url\(([^)]*)\)/g)].map((match) => match[1] ?? match[2] ?? '');

describe('GET /docs', () => {
  it('loads nothing from another host', async () => {
    const { text } = await page();
    expect(text).not.toMatch(/https?:\/\//);
    expect(text).not.toMatch(/(?:src|href)="\/\//);
    expect(urls(text).length).toBeGreaterThan(3);
    for (const url of urls(text)) expect(url).toMatch(/^\/(docs|openapi\.json)/);
  });

  it('forbids other hosts to the browser as well', async () => {
    const { response } = await page();
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('serves every asset it references, with its content type', async () => {
    const { text } = await page();
    const types: Record<string, RegExp> = { css: /^text\/css/, js: /^text\/javascript/, png: /^image\/png/, json: /^application\/json/ };
    for (const url of urls(text)) {
      const response = await app.request(url);
      expect(response.status, url).toBe(200);
      const extension = /\.(\w+)$/.exec(url)?.[1] ?? '';
      expect(response.headers.get('content-type'), url).toMatch(types[extension] ?? /^$/);
      expect((await response.arrayBuffer()).byteLength, url).toBeGreaterThan(100);
    }
  });

  it('points Swagger UI at /openapi.json, with no validator badge calling out', async () => {
    const init = await (await app.request('/docs/init.js')).text();
    expect(init).toContain("url: '/openapi.json'");
    expect(init).toContain('validatorUrl: null');
  });

  it('lists every error code a client can receive, with its status', async () => {
    const { text } = await page();
    for (const [code, { status }] of Object.entries(errorCatalogue)) {
      const row = `<tr><td><code>${code}</code></td><td>${status}</td>`;
      if (code === 'INVALID_CONFIG' || code === 'FETCH_FAILED') expect(text).not.toContain(row);
      else expect(text).toContain(row);
    }
  });

  it('serves only the files it names from swagger-ui-dist', async () => {
    for (const name of ['index.html', 'package.json', 'swagger-ui.js.map', '..%2Fpackage.json']) {
      const response = await app.request(`/docs/assets/${name}`);
      expect(response.status, name).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    }
  });
});
