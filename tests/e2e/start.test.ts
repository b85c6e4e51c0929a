import { afterAll, describe, expect, it } from 'vitest';
import { Health, Problem, SearchResponse, Statement } from '../../src/schema/api.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { listSourceFiles } from '../../ingest/load-source.js';
import { corpusDir, seedId, tempDataDir } from '../helpers/seed.js';

const data = tempDataDir();
const servers: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  data.cleanup();
});

const get = async (server: RunningServer, path: string) => fetch(`${server.url}${path}`);
const paragraphs = (body: SearchResponse): number[] => body.hits.map((hit) => hit.paragraph).sort((a, b) => a - b);

describe('npm start, end to end over HTTP', () => {
  it('ingests the bundled corpus, serves the API, and a second start duplicates nothing', async () => {
    const sources = await listSourceFiles(corpusDir);
    const first = await startServer({ DATA_DIR: data.dir });
    servers.push(first);
    const ingested = new RegExp(`ingested ${sources.length} statements \\((\\d+) paragraphs\\), 0 unchanged, 0 failed, of ${sources.length} sources`).exec(first.output());
    expect(ingested, first.output()).not.toBeNull();
    const documents = Number(ingested?.[1]);
    expect(sources.length).toBeGreaterThan(200);

    // The seed statement among the others: the one Pakistani statement, and its phrases its own.
    const phrase = SearchResponse.parse(
      await (await get(first, `/v1/search?q=${encodeURIComponent('"unserious statements"')}`)).json(),
    );
    expect(phrase.hits.map((hit) => hit.statementId)).toEqual([seedId, seedId]);
    expect(paragraphs(phrase)).toEqual([1, 3]);
    expect(phrase.hits.every((hit) => hit.highlighted.includes('<mark>unserious statements</mark>'))).toBe(true);
    expect(paragraphs(SearchResponse.parse(await (await get(first, '/v1/search?round=AF-PK-talks:3')).json()))).toEqual([1, 7]);
    for (const country of ['Qatar', 'QA']) {
      const body = SearchResponse.parse(await (await get(first, `/v1/search?country=${country}&issuer=PK`)).json());
      expect(paragraphs(body)).toEqual([1, 2, 5, 6]);
      expect(Object.keys(body.facets).sort()).toEqual(['country', 'group', 'round']);
    }
    // A service's export over HTTP: two rows, then the rest from the cursor, each row once.
    const head = await get(first, '/v1/export?q=Taliban&issuer=PK&format=csv&limit=2');
    expect(head.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(head.headers.get('x-total-count')).toBe('9');
    const cursor = head.headers.get('next-cursor');
    expect(cursor).toBeTruthy();
    const firstRows = (await head.text()).trim().split('\r\n');
    expect(firstRows[0]).toMatch(/^id,statementId,paragraph,/);
    const rest = await get(first, `/v1/export?q=Taliban&issuer=PK&format=ndjson&cursor=${encodeURIComponent(cursor ?? '')}`);
    expect(rest.headers.get('next-cursor')).toBeNull();
    const restIds = (await rest.text()).trim().split('\n').map((line) => (JSON.parse(line) as { id: string }).id);
    const ids = [...firstRows.slice(1).map((row) => row.split(',')[0]), ...restIds];
    expect(ids).toHaveLength(9);
    expect(new Set(ids).size).toBe(9);

    // The other kinds of source are served too: a Q&A page's speaker, a readout's issuer.
    const speakers = SearchResponse.parse(await (await get(first, '/v1/search?perPage=0&facets=speaker,issuer')).json());
    expect(speakers.total).toBe(documents);
    expect(speakers.facets.issuer?.map((value) => value.value).sort()).toEqual(['BY', 'CN', 'PK', 'US']);
    expect(speakers.facets.speaker?.length).toBeGreaterThan(5);

    const bad = await get(first, '/v1/search?perPage=abc');
    expect(bad.status).toBe(400);
    expect(Problem.parse(await bad.json()).code).toBe('INVALID_PARAMETER');
    expect(await first.stop()).toBe(0);

    const second = await startServer({ DATA_DIR: data.dir });
    servers.push(second);
    expect(second.output()).toContain(`ingested 0 statements (0 paragraphs), ${sources.length} unchanged`);
    const health = Health.parse(await (await get(second, '/v1/health')).json());
    expect(health).toMatchObject({ documents, statements: sources.length });
  }, 90_000);

  it('serves without ingesting when START_INGEST is empty', async () => {
    const own = tempDataDir();
    const server = await startServer({ DATA_DIR: own.dir, START_INGEST: '' });
    servers.push(server);
    try {
      expect(server.output()).not.toContain('ingested');
      expect(Health.parse(await (await get(server, '/v1/health')).json())).toMatchObject({ documents: 0, statements: 0 });
    } finally {
      expect(await server.stop()).toBe(0);
      own.cleanup();
    }
  }, 60_000);

  it('writes a statement over HTTP, read and annotated in its prepare thread, and deletes it', async () => {
    const own = tempDataDir();
    const token = 'e2e-admin-token-0123456789abcdef';
    const server = await startServer({ DATA_DIR: own.dir, ADMIN_TOKEN: token, START_INGEST: '' });
    servers.push(server);
    try {
      const headers = { Authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const text = 'Islamabad, 3 March 2025. Pakistan and Afghanistan held the second round of talks in Doha.';
      const written = await fetch(`${server.url}/v1/statements`, { method: 'POST', headers, body: JSON.stringify({ id: 'e2e-write', text }) });
      expect(written.status).toBe(201);
      const statement = Statement.parse(await written.json());
      expect(statement.paragraphs[0]?.countries.map((country) => country.code)).toEqual(['PK', 'AF', 'QA']);
      expect(statement.paragraphs[0]?.rounds.map((round) => round.round)).toEqual([2]);
      const found = SearchResponse.parse(await (await get(server, '/v1/search?q=Doha&country=AF')).json());
      expect(found.hits.map((hit) => hit.statementId)).toContain('e2e-write');
      const damaged = await fetch(`${server.url}/v1/statements`, { method: 'POST', headers, body: JSON.stringify({ html: '<html><body><script>x()</script></body></html>' }) });
      expect(damaged.status).toBe(422);
      expect((await fetch(`${server.url}/v1/statements/e2e-write`, { method: 'DELETE', headers })).status).toBe(204);
      expect((await get(server, '/v1/statements/e2e-write')).status).toBe(404);
    } finally {
      expect(await server.stop()).toBe(0);
      own.cleanup();
    }
  }, 60_000);

  it('refuses a bad configuration with every bad key named, before listening', async () => {
    await expect(startServer({ DATA_DIR: data.dir, PORT: 'eighty', MEILI_URL: 'not a url' })).rejects.toThrow(
      /PORT.*MEILI_URL|MEILI_URL.*PORT/s,
    );
  }, 30_000);
});
