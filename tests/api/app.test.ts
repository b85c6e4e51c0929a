import { describe, expect, it } from 'vitest';
import { createApp, MAX_SEARCH_BODY_BYTES } from '../../src/api/app.js';
import { openEmbeddedEngine } from '../../src/engine/embedded/embedded-engine.js';
import { loadIndexSettings } from '../../src/engine/settings.js';
import { Health, Problem, SearchResponse, Statement } from '../../src/schema/api.js';
import { useIndexedApp } from '../helpers/indexed-app.js';
import { seedPath, seedId, tempDataDir } from '../helpers/seed.js';

const indexed = useIndexedApp([seedPath]);
const { search } = indexed;

const problem = async (response: Response, status: number) => {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  return Problem.parse(await response.json());
};

const paragraphs = (body: SearchResponse): number[] => body.hits.map((hit) => hit.paragraph).sort((a, b) => a - b);

describe('GET /v1/search', () => {
  it('finds the phrase "unserious statements" in paragraphs 1 and 3, marked', async () => {
    const body = await search(`q=${encodeURIComponent('"unserious statements"')}`);
    expect(paragraphs(body)).toEqual([1, 3]);
    for (const hit of body.hits) expect(hit.highlighted).toContain('<mark>unserious statements</mark>');
    expect(body.hits[0]?.source.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('filters round 3 to paragraphs 1 and 7', async () => {
    expect(paragraphs(await search('round=3'))).toEqual([1, 7]);
  });

  it.each(['QA', 'Qatar', 'qatar'])('takes country=%s as Qatar, with facet counts for country, group and round', async (value) => {
    const body = await search(`country=${value}`);
    expect(paragraphs(body)).toEqual([1, 2, 5, 6]);
    expect(body.facets.country?.find((facet) => facet.value === 'QA')).toMatchObject({ label: 'Qatar', count: 4 });
    expect(body.facets.group?.length).toBeGreaterThan(0);
    expect(body.facets.round?.map((facet) => facet.value)).toEqual(['AF-PK-talks:1', 'AF-PK-talks:2', 'AF-PK-talks:3']);
  });

  it('ORs values of one facet and ANDs facets', async () => {
    expect(paragraphs(await search('round=1&round=3'))).toEqual([1, 6, 7]);
    expect(paragraphs(await search('round=1&round=3&group=BLA'))).toEqual([7]);
  });

  it('returns countries with names and codes', async () => {
    const body = await search('q=Doha');
    expect(body.hits[0]?.countries).toContainEqual({ code: 'QA', name: 'Qatar' });
    expect(body.hits[0]?.issuer).toEqual({ code: 'PK', name: 'Pakistan' });
  });

  it('pages with an exact total', async () => {
    const body = await search('q=Pakistan&perPage=4&page=3');
    expect(body.total).toBe(10);
    expect(body.hits).toHaveLength(2);
  });
});

describe('POST /v1/search', () => {
  it('takes the same fields as JSON', async () => {
    const response = await indexed.app.request('/v1/search', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ q: 'Taliban', group: ['TTP'], round: [] }),
    });
    expect(response.status).toBe(200);
    expect(paragraphs(SearchResponse.parse(await response.json()))).toEqual([3, 7, 9]);
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const response = await indexed.app.request('/v1/search', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"q": ',
    });
    expect((await problem(response, 400)).code).toBe('INVALID_BODY');
  });

  // Regression: a 3 MB search body was read whole, then refused for its shape.
  it('refuses a body over the limit with a 413 before reading it', async () => {
    const padding = 'x'.repeat(MAX_SEARCH_BODY_BYTES);
    const response = await indexed.app.request('/v1/search', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ q: 'Taliban', padding }),
    });
    expect((await problem(response, 413)).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('takes the largest valid request: every filter full, in four-byte characters', async () => {
    const value = '𝕏'.repeat(200);
    const filters = Object.fromEntries(['country', 'group', 'talks', 'round', 'issuer', 'speaker'].map((name) => [name, Array(50).fill(value)]));
    const response = await indexed.app.request('/v1/search', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ q: 'Taliban', ...filters, talks: Array(50).fill(value) }),
    });
    expect((await problem(response, 400)).code).toBe('UNKNOWN_FACET_VALUE');
  });
});

describe('bad requests', () => {
  it.each([
    ['perPage=1000', 'INVALID_PARAMETER', 'perPage'],
    ['page=0', 'INVALID_PARAMETER', 'page'],
    ['sort=random', 'INVALID_PARAMETER', 'sort'],
    ['from=2025-13-01', 'INVALID_PARAMETER', 'from'],
    ['from=2020-02-30', 'INVALID_PARAMETER', 'from'],
    // Regression: z.coerce read these as 0, 16 and 10.
    ['perPage=', 'INVALID_PARAMETER', 'perPage'],
    ['perPage=0x10', 'INVALID_PARAMETER', 'perPage'],
    ['perPage=%2010', 'INVALID_PARAMETER', 'perPage'],
    ['context=1.0', 'INVALID_PARAMETER', 'context'],
    // Regression: Hono kept these as typed, and the search ran on the text "%ZZ".
    ['q=%ZZ', 'INVALID_PARAMETER', 'q: not valid percent-encoding'],
    ['country=QA&q=caf%C3', 'INVALID_PARAMETER', 'q: not valid percent-encoding'],
    ['country=QA&c%ZZ=1', 'INVALID_PARAMETER', 'the parameter name c%ZZ is not valid percent-encoding'],
    ['=%ZZ', 'INVALID_PARAMETER', '(a parameter with no name): not valid percent-encoding'],
    ['to=2023-04-31', 'INVALID_PARAMETER', 'to'],
    ['from=2025-12&to=2025-01', 'INVALID_PARAMETER', 'from'],
    ['country=Narnia', 'UNKNOWN_FACET_VALUE', 'Narnia'],
    ['round=third', 'UNKNOWN_FACET_VALUE', 'third'],
    ['facets=colour', 'INVALID_PARAMETER', 'facets'],
    [`q=${encodeURIComponent('"unclosed phrase')}`, 'INVALID_QUERY', 'position 1'],
  ])('%s is a 400 %s naming %s', async (query, code, named) => {
    const body = await problem(await indexed.app.request(`/v1/search?${query}`), 400);
    expect(body.code).toBe(code);
    expect(body.detail).toContain(named);
    expect(body.requestId).toBeTruthy();
  });

  it('answers an unknown route, and a route that finds nothing, with a 404 problem', async () => {
    expect((await problem(await indexed.app.request('/v2/nothing'), 404)).code).toBe('NOT_FOUND');
    expect((await problem(await indexed.app.request('/docs/assets/nothing.js'), 404)).code).toBe('NOT_FOUND');
  });

  // Regression: a known route asked with a method it does not answer was a 404 NOT_FOUND.
  it.each([
    ['PUT', '/v1/search', 'GET, HEAD, OPTIONS, POST'],
    ['POST', '/v1/health', 'GET, HEAD, OPTIONS'],
    ['PATCH', `/v1/statements/${seedId}`, 'DELETE, GET, HEAD, OPTIONS'],
  ])('answers %s %s with a 405 problem allowing %s', async (method, path, allow) => {
    const response = await indexed.app.request(path, { method });
    expect((await problem(response, 405)).code).toBe('METHOD_NOT_ALLOWED');
    expect(response.headers.get('allow')).toBe(allow);
  });

  // Regression: with CORS off, OPTIONS was a 405 whose Allow header did not list OPTIONS.
  it.each([
    ['/v1/search', 'GET, HEAD, OPTIONS, POST'],
    [`/v1/statements/${seedId}`, 'DELETE, GET, HEAD, OPTIONS'],
  ])('answers OPTIONS %s with 204 and the methods it allows', async (path, allow) => {
    const response = await indexed.app.request(path, { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    expect(response.headers.get('allow')).toBe(allow);
  });

  it('answers OPTIONS on a path it does not have with a 404 problem', async () => {
    expect((await problem(await indexed.app.request('/v2/nothing', { method: 'OPTIONS' }), 404)).code).toBe('NOT_FOUND');
  });

  // Regression: Hono's 415 from the OpenAPI media-type gate came out as a 400 INVALID_BODY.
  it.each([
    ['text/plain', '/v1/search'],
    ['application/x-www-form-urlencoded', '/v1/search'],
  ])('answers a %s body on POST %s with a 415 problem', async (type, path) => {
    const response = await indexed.app.request(path, { method: 'POST', headers: { 'content-type': type }, body: 'q=talks' });
    expect((await problem(response, 415)).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('GET /v1/statements/:id', () => {
  it('returns the whole statement in order with provenance', async () => {
    const response = await indexed.app.request(`/v1/statements/${seedId}`);
    expect(response.status).toBe(200);
    const statement = Statement.parse(await response.json());
    expect(statement.paragraphs.map((p) => p.paragraph)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(statement).toMatchObject({ date: '2025-11-07', datePrecision: 'day', dateSource: 'text-inferred' });
    expect(statement.source.path).toContain('000_f9833616b54a3226.txt');
  });

  it('answers an unknown id with a 404 problem', async () => {
    expect((await problem(await indexed.app.request('/v1/statements/nope'), 404)).code).toBe('STATEMENT_NOT_FOUND');
  });

  it('answers a malformed id with a 400 problem', async () => {
    expect((await problem(await indexed.app.request('/v1/statements/bad%20id'), 400)).code).toBe('INVALID_PARAMETER');
  });
});

describe('GET /v1/facets/:facet', () => {
  it('searches country values by name', async () => {
    const response = await indexed.app.request('/v1/facets/country?q=qat');
    expect(await response.json()).toEqual({ facet: 'country', values: [{ value: 'QA', label: 'Qatar', count: 4 }] });
  });
});

describe('GET /v1/health', () => {
  it('says the engine answers, with its size', async () => {
    const response = await indexed.app.request('/v1/health');
    expect(Health.parse(await response.json())).toEqual({ status: 'ok', engine: 'embedded', documents: 11, statements: 1 });
  });

  it('is a 503 problem once the engine is gone', async () => {
    const { dir, cleanup } = tempDataDir();
    const closed = openEmbeddedEngine(dir, loadIndexSettings());
    await closed.close();
    const response = await createApp({ engine: closed }).request('/v1/health');
    expect((await problem(response, 503)).code).toBe('ENGINE_UNAVAILABLE');
    cleanup();
  });
});

describe('GET /openapi.json', () => {
  it('documents every route', async () => {
    const spec = (await (await indexed.app.request('/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(spec.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`));
    expect(routes.sort()).toEqual([
      'delete /v1/statements/{id}',
      'get /v1/export',
      'get /v1/facets/{facet}',
      'get /v1/health',
      'get /v1/search',
      'get /v1/statements',
      'get /v1/statements/{id}',
      'post /v1/search',
      'post /v1/statements',
    ]);
  });
});
