import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestSources } from '../../ingest/pipeline.js';
import { createApp } from '../../src/api/app.js';
import { openEmbeddedEngine } from '../../src/engine/embedded/embedded-engine.js';
import type { SearchEngine } from '../../src/engine/engine.js';
import { loadIndexSettings } from '../../src/engine/settings.js';
import { Problem, SearchResponse, Statement, StatementListResponse } from '../../src/schema/api.js';
import { seedPath, seedId, tempDataDir } from '../helpers/seed.js';
import { copyStatement, seedStatement } from '../helpers/synthetic.js';

let engine: SearchEngine;
let app: ReturnType<typeof createApp>;
let seed: Statement;
const data = tempDataDir();

beforeAll(async () => {
  engine = openEmbeddedEngine(data.dir, loadIndexSettings());
  await ingestSources([seedPath], engine);
  const original = await seedStatement();
  const short = copyStatement(original, 'short', '2025-01-15', (document) =>
    document.paragraph === 1 ? `zanzibarquux ${document.text}` : document.text,
  );
  short.documents = short.documents.slice(0, 3).map((document) => ({ ...document, issuer: 'AF' }));
  await engine.replaceStatements([copyStatement(original, 'older', '2024-05-01'), short, copyStatement(original, 'undated', null)]);
  app = createApp({ engine, logger: { error: () => undefined } });
  seed = Statement.parse(await (await app.request(`/v1/statements/${seedId}`)).json());
});
afterAll(async () => {
  await engine.close();
  data.cleanup();
});

const problem = async (response: Response, status: number) => {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  return Problem.parse(await response.json());
};

const search = async (query: string) => {
  const response = await app.request(`/v1/search?${query}`);
  expect(response.status).toBe(200);
  return SearchResponse.parse(await response.json());
};

const list = async (query = '') => {
  const response = await app.request(`/v1/statements?${query}`);
  expect(response.status).toBe(200);
  return StatementListResponse.parse(await response.json());
};

/** The seed's paragraphs `from`..`to` as context paragraphs. */
const seedParagraphs = (from: number, to: number) =>
  seed.paragraphs
    .filter((p) => p.paragraph >= from && p.paragraph <= to)
    .map(({ id, paragraph, text, speaker }) => ({ id, paragraph, text, speaker }));

describe('context=n on search', () => {
  it('gives each hit its n neighbouring paragraphs, in order, with numbers and texts', async () => {
    const body = await search(`q=${encodeURIComponent('"unserious statements"')}&context=2&from=2025-11`);
    const byParagraph = new Map(body.hits.map((hit) => [hit.paragraph, hit]));
    expect([...byParagraph.keys()].sort((a, b) => a - b)).toEqual([1, 3]);
    expect(byParagraph.get(3)?.context).toEqual({ before: seedParagraphs(1, 2), after: seedParagraphs(4, 5) });
    expect(byParagraph.get(1)?.context).toEqual({ before: [], after: seedParagraphs(2, 3) });
  });

  it('stops at the statement\'s end', async () => {
    const body = await search(`country=Qatar&from=2025-11&context=5&perPage=100`);
    const last = body.hits.find((hit) => hit.paragraph === 6);
    expect(last?.context?.after.map((p) => p.paragraph)).toEqual([7, 8, 9, 10, 11]);
    const all = await search('from=2025-11&context=1&perPage=100');
    expect(all.hits.find((hit) => hit.paragraph === 11)?.context).toEqual({ before: seedParagraphs(10, 10), after: [] });
  });

  it('takes the neighbours from each hit\'s own statement', async () => {
    const body = await search('q=zanzibarquux&context=1');
    expect(body.hits).toHaveLength(1);
    expect(body.hits[0]?.context?.after.map((p) => p.id)).toEqual(['short-p2']);
  });

  it.each(['', '&context=0'])('leaves context out unless asked (%j)', async (suffix) => {
    const body = await search(`q=Doha${suffix}`);
    expect(body.hits.length).toBeGreaterThan(0);
    for (const hit of body.hits) expect(hit).not.toHaveProperty('context');
  });

  it('takes context in POST /v1/search too', async () => {
    const response = await app.request('/v1/search', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ q: 'zanzibarquux', context: 2 }),
    });
    const body = SearchResponse.parse(await response.json());
    expect(body.hits[0]?.context?.after.map((p) => p.paragraph)).toEqual([2, 3]);
  });

  it.each(['context=6', 'context=-1', 'context=two'])('refuses %s with a 400 naming context', async (query) => {
    const body = await problem(await app.request(`/v1/search?q=Doha&${query}`), 400);
    expect(body.code).toBe('INVALID_PARAMETER');
    expect(body.detail).toContain('context');
  });
});

describe('GET /v1/statements', () => {
  it('lists every statement newest first, undated last, with paragraph counts and an exact total', async () => {
    const body = await list();
    expect(body.total).toBe(4);
    expect(body.statements.map((s) => [s.id, s.date, s.paragraphs, s.matches])).toEqual([
      [seedId, '2025-11-07', 11, 11],
      ['short', '2025-01-15', 3, 3],
      ['older', '2024-05-01', 11, 11],
      ['undated', null, 11, 11],
    ]);
    const first = body.statements[0];
    expect(first?.issuer).toEqual({ code: 'PK', name: 'Pakistan' });
    expect(first?.source.path).toContain('000_f9833616b54a3226.txt');
    expect(first?.title).toBe(seed.title);
  });

  it('sorts oldest first with sort=date:asc', async () => {
    expect((await list('sort=date:asc')).statements.map((s) => s.id)).toEqual(['undated', 'older', 'short', seedId]);
  });

  it('pages with perPage and page, the total staying exact', async () => {
    const body = await list('perPage=2&page=2');
    expect(body).toMatchObject({ total: 4, page: 2, perPage: 2 });
    expect(body.statements.map((s) => s.id)).toEqual(['older', 'undated']);
    expect((await list('perPage=2&page=3')).statements).toEqual([]);
  });

  it.each([
    ['issuer=Afghanistan', [['short', 3]]],
    ['q=zanzibarquux', [['short', 1]]],
    ['country=Qatar', [[seedId, 4], ['short', 2], ['older', 4], ['undated', 4]]],
    ['country=QA&round=3', [[seedId, 1], ['short', 1], ['older', 1], ['undated', 1]]],
    ['from=2025&q=Istanbul', [[seedId, 2], ['short', 1]]],
    ['from=2025-01&to=2025-06', [['short', 3]]],
  ] as const)('takes the search filters: %s', async (query, expected) => {
    const body = await list(query);
    expect(body.statements.map((s) => [s.id, s.matches])).toEqual(expected);
    expect(body.total).toBe(expected.length);
  });

  it.each([
    [`q=${encodeURIComponent('"open')}`, 'INVALID_QUERY'],
    ['sort=relevance', 'INVALID_PARAMETER'],
    ['perPage=101', 'INVALID_PARAMETER'],
    ['country=Narnia', 'UNKNOWN_FACET_VALUE'],
  ])('answers %s with a 400 %s problem', async (query, code) => {
    expect((await problem(await app.request(`/v1/statements?${query}`), 400)).code).toBe(code);
  });

  it('is in /openapi.json beside /v1/statements/{id}', async () => {
    const spec = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(spec.paths['/v1/statements'] ?? {})).toContain('get');
    expect(Object.keys(spec.paths['/v1/statements/{id}'] ?? {})).toContain('get');
  });
});
