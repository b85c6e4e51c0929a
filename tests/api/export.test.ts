import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestSources } from '../../ingest/pipeline.js';
import { createApp } from '../../src/api/app.js';
import { CSV_COLUMNS } from '../../src/api/export-rows.js';
import { EXPORT_CHUNK } from '../../src/api/routes/export.js';
import { openEmbeddedEngine } from '../../src/engine/embedded/embedded-engine.js';
import type { ScanRequest, SearchEngine } from '../../src/engine/engine.js';
import { loadIndexSettings } from '../../src/engine/settings.js';
import { ExportRow, Problem, SearchResponse } from '../../src/schema/api.js';
import { seedPath, tempDataDir } from '../helpers/seed.js';
import { copyStatement, seedStatement, syntheticCorpus } from '../helpers/synthetic.js';

/** RFC 4180, strictly: CRLF between records, quoted fields may hold quotes (doubled), commas and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote < 0) throw new Error('unterminated quoted field');
        field += text.slice(i, quote);
        i = quote + 1;
        if (text[i] !== '"') break;
        field += '"';
        i += 1;
      }
    } else {
      const end = text.slice(i).search(/,|\r\n/);
      const stop = end < 0 ? text.length : i + end;
      field = text.slice(i, stop);
      if (/["\r\n]/.test(field)) throw new Error(`unquoted field holds a quote or line break: ${JSON.stringify(field)}`);
      i = stop;
    }
    record.push(field);
    if (text.startsWith(',', i)) i += 1;
    else if (text.startsWith('\r\n', i) || i >= text.length) {
      records.push(record);
      record = [];
      i += 2;
    } else throw new Error(`unexpected character at ${i}`);
  }
  return records;
}

const ndjson = (text: string): ExportRow[] =>
  text
    .split('\n')
    .filter((line, index, lines) => line !== '' || index < lines.length - 1)
    .map((line) => ExportRow.parse(JSON.parse(line)));

const problem = async (response: Response, status: number) => {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  return Problem.parse(await response.json());
};

/** An engine that records the `limit` of every scan it is asked for. */
function spying(engine: SearchEngine): { engine: SearchEngine; scans: ScanRequest[] } {
  const scans: ScanRequest[] = [];
  const spy = new Proxy(engine, {
    get(target, property) {
      if (property === 'scan') {
        return (request: ScanRequest) => {
          scans.push(request);
          return target.scan(request);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { engine: spy, scans };
}

const hostileText = 'He said "no", then left;\nzanzibarquux on a second line\r\nand a third, with "commas", too';

describe('GET /v1/export on the seed corpus', () => {
  let engine: SearchEngine;
  let app: ReturnType<typeof createApp>;
  const data = tempDataDir();

  beforeAll(async () => {
    engine = openEmbeddedEngine(data.dir, loadIndexSettings());
    await ingestSources([seedPath], engine);
    const seed = await seedStatement();
    const hostile = copyStatement(seed, 'hostile', '2023-01-02', (document) =>
      document.paragraph === 1 ? hostileText : `zanzibarquux paragraph ${document.paragraph}, "quoted"`,
    );
    hostile.documents = hostile.documents.slice(0, 3).map((document) => ({ ...document, title: 'A title, "quoted"\nover two lines', countries: ['QA', 'TR'] }));
    await engine.replaceStatements([hostile]);
    app = createApp({ engine, logger: { error: () => undefined } });
  });
  afterAll(async () => {
    await engine.close();
    data.cleanup();
  });

  it('streams every match of q=Pakistan as NDJSON by default: one ExportRow a line, the total in X-Total-Count', async () => {
    const response = await app.request('/v1/export?q=Pakistan');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(response.headers.get('x-total-count')).toBe('10');
    expect(response.headers.get('next-cursor')).toBeNull();
    const rows = ndjson(await response.text());
    const search = SearchResponse.parse(await (await app.request('/v1/search?q=Pakistan&perPage=100')).json());
    expect(rows.map((row) => row.id).sort()).toEqual(search.hits.map((hit) => hit.id).sort());
    expect(rows[0]).not.toHaveProperty('highlighted');
    expect(rows[0]).not.toHaveProperty('snippet');
    expect(rows.find((row) => row.paragraph === 1)?.countries).toContainEqual({ code: 'QA', name: 'Qatar' });
  });

  it('writes CSV with a header row and the documented columns, codes joined by ;', async () => {
    const response = await app.request('/v1/export?q=Pakistan&format=csv');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    const text = await response.text();
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...records] = parseCsv(text);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(records).toHaveLength(10);
    const first = records.find((record) => record[2] === '1');
    const column = (name: (typeof CSV_COLUMNS)[number]) => first?.[CSV_COLUMNS.indexOf(name)];
    expect(column('countries')?.split(';')).toEqual(expect.arrayContaining(['AF', 'PK', 'QA', 'TR']));
    expect(column('issuer')).toBe('PK');
    expect(column('date')).toBe('2025-11-07');
    expect(column('rounds')).toBe('AF-PK-talks:3');
    expect(column('sourcePath')).toContain('000_f9833616b54a3226.txt');
    expect(column('sha256')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps quotes, commas and line breaks intact through CSV (RFC 4180) and NDJSON', async () => {
    const [, ...records] = parseCsv(await (await app.request('/v1/export?q=zanzibarquux&format=csv')).text());
    expect(records).toHaveLength(3);
    const hostile = records.find((record) => record[0] === 'hostile-p1');
    expect(hostile?.[CSV_COLUMNS.indexOf('text')]).toBe(hostileText);
    expect(hostile?.[CSV_COLUMNS.indexOf('title')]).toBe('A title, "quoted"\nover two lines');
    expect(hostile?.[CSV_COLUMNS.indexOf('countries')]).toBe('QA;TR');
    expect(records.every((record) => record.length === CSV_COLUMNS.length)).toBe(true);

    const rows = ndjson(await (await app.request('/v1/export?q=zanzibarquux&format=ndjson')).text());
    expect(rows.find((row) => row.id === 'hostile-p1')?.text).toBe(hostileText);
  });

  it.each([
    ['/v1/export?q=Doha', { Accept: 'text/csv' }, 'csv'],
    ['/v1/export?q=Doha', { Accept: 'application/x-ndjson' }, 'ndjson'],
    ['/v1/export?q=Doha&format=csv', { Accept: 'application/x-ndjson' }, 'csv'],
    ['/v1/search?q=Doha&format=csv', {}, 'csv'],
    ['/v1/search?q=Doha&format=ndjson', {}, 'ndjson'],
    ['/v1/search?q=Doha', { Accept: 'text/csv' }, 'csv'],
    ['/v1/search?q=Doha', { Accept: 'application/x-ndjson, application/json;q=0.5' }, 'ndjson'],
    ['/v1/search?q=Doha', { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' }, 'json'],
    ['/v1/search?q=Doha&format=json', { Accept: 'text/csv' }, 'json'],
  ] as const)('%s with %j answers %s', async (path, headers, expected) => {
    const response = await app.request(path, { headers });
    expect(response.status).toBe(200);
    const type = response.headers.get('content-type') ?? '';
    const text = await response.text();
    if (expected === 'json') {
      expect(type).toContain('application/json');
      expect(SearchResponse.parse(JSON.parse(text)).total).toBeGreaterThan(0);
    } else if (expected === 'csv') {
      expect(type).toContain('text/csv');
      expect(parseCsv(text)[0]).toEqual([...CSV_COLUMNS]);
    } else {
      expect(type).toContain('application/x-ndjson');
      expect(ndjson(text).length).toBeGreaterThan(0);
    }
  });

  it('answers POST /v1/search with format in the body (or an Accept header) as an export, and JSON otherwise', async () => {
    const post = (body: unknown, accept?: string) =>
      app.request('/v1/search', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(accept ? { Accept: accept } : {}) },
        body: JSON.stringify(body),
      });
    const csv = await post({ q: 'Doha', country: ['QA', 'TR'], format: 'csv' });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const [, ...records] = parseCsv(await csv.text());
    const search = SearchResponse.parse(await (await post({ q: 'Doha', country: ['QA', 'TR'] })).json());
    expect(records.map((record) => record[0]).sort()).toEqual(search.hits.map((hit) => hit.id).sort());
    expect(ndjson(await (await post({ q: 'Doha' }, 'application/x-ndjson')).text()).length).toBe(search.total);
    expect((await problem(await post({ q: 'Doha', format: 'csv', limit: -1 }), 400)).code).toBe('INVALID_BODY');
    expect((await problem(await post({ q: 'Doha', format: 'xml' }), 400)).code).toBe('INVALID_BODY');
  });

  it('exports the same search as /v1/search: filters, from/to and sort apply', async () => {
    const rows = ndjson(await (await app.request('/v1/export?country=Qatar&round=1&round=3')).text());
    const search = SearchResponse.parse(await (await app.request('/v1/search?country=Qatar&round=1&round=3')).json());
    expect(rows.map((row) => row.id).sort()).toEqual(search.hits.map((hit) => hit.id).sort());
    const oldest = ndjson(await (await app.request('/v1/export?sort=date:asc')).text());
    expect(oldest[0]?.statementId).toBe('hostile');
    const newest = ndjson(await (await app.request('/v1/export')).text());
    expect(newest.at(-1)?.statementId).toBe('hostile');
    expect(ndjson(await (await app.request('/v1/export?to=2024')).text()).map((row) => row.statementId)).toEqual(['hostile', 'hostile', 'hostile']);
  });

  it.each(['date:desc', 'date:asc'] as const)('resumes with Next-Cursor until every row came once (sort=%s)', async (sort) => {
    const all = ndjson(await (await app.request(`/v1/export?sort=${sort}`)).text());
    expect(all).toHaveLength(14);
    const seen: string[] = [];
    let cursor: string | null = null;
    let responses = 0;
    do {
      const query: string = `sort=${sort}&limit=4${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
      const response = await app.request(`/v1/export?${query}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-total-count')).toBe('14');
      const rows = ndjson(await response.text());
      expect(rows.length).toBeLessThanOrEqual(4);
      seen.push(...rows.map((row) => row.id));
      cursor = response.headers.get('next-cursor');
      responses += 1;
    } while (cursor !== null && responses < 10);
    expect(responses).toBe(4);
    expect(seen).toEqual(all.map((row) => row.id));
  });

  it('sends no Next-Cursor when the limit takes exactly the last row', async () => {
    const response = await app.request('/v1/export?q=Pakistan&limit=10');
    expect(ndjson(await response.text())).toHaveLength(10);
    expect(response.headers.get('next-cursor')).toBeNull();
  });

  it('refuses a cursor made for another query, and one it never issued, with a 400 naming cursor', async () => {
    const first = await app.request('/v1/export?q=Pakistan&limit=2');
    const cursor = first.headers.get('next-cursor') ?? '';
    await first.text();
    expect(cursor).not.toBe('');
    for (const path of [
      `/v1/export?q=Doha&limit=2&cursor=${encodeURIComponent(cursor)}`,
      `/v1/export?q=Pakistan&sort=date:asc&cursor=${encodeURIComponent(cursor)}`,
      '/v1/export?q=Pakistan&cursor=not-a-cursor',
      `/v1/export?cursor=${Buffer.from('{"v":1,"q":"x","p":"1.2"}').toString('base64url')}`,
    ]) {
      const body = await problem(await app.request(path), 400);
      expect(body.code).toBe('INVALID_PARAMETER');
      expect(body.detail).toContain('cursor');
    }
  });

  it.each([
    [`q=${encodeURIComponent('"unclosed')}`, 'INVALID_QUERY'],
    ['country=Narnia', 'UNKNOWN_FACET_VALUE'],
    ['limit=0', 'INVALID_PARAMETER'],
    ['format=xml', 'INVALID_PARAMETER'],
    ['from=2025-13', 'INVALID_PARAMETER'],
  ])('answers %s with a 400 %s problem before any row', async (query, code) => {
    expect((await problem(await app.request(`/v1/export?${query}`), 400)).code).toBe(code);
    expect((await problem(await app.request(`/v1/search?${query}&format=csv`), 400)).code).toBe(code === 'INVALID_PARAMETER' && query === 'format=xml' ? 'INVALID_PARAMETER' : code);
  });

  // Regression: /v1/search?format=csv skipped the search's own checks, answering 200 with a full export.
  it.each(['perPage=500', 'facets=nope', 'histogram=week', 'context=99', 'page=0'])(
    'answers /v1/search?%s&format=csv with the 400 the JSON search gives',
    async (query) => {
      const json = await problem(await app.request(`/v1/search?q=Doha&${query}`), 400);
      const csv = await problem(await app.request(`/v1/search?q=Doha&${query}&format=csv`), 400);
      expect(csv).toMatchObject({ code: 'INVALID_PARAMETER', detail: json.detail });
    },
  );

  it('is in /openapi.json with both media types and the Next-Cursor header', async () => {
    const spec = (await (await app.request('/openapi.json')).json()) as {
      paths: Record<string, { get?: { description?: string; responses: Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }> } }>;
    };
    const ok = spec.paths['/v1/export']?.get?.responses['200'];
    expect(Object.keys(ok?.content ?? {}).sort()).toEqual(['application/x-ndjson', 'text/csv']);
    expect(Object.keys(ok?.headers ?? {})).toContain('Next-Cursor');
    expect(spec.paths['/v1/export']?.get?.description).toContain('Next-Cursor');
  });
});

describe('GET /v1/export over 30,008 paragraphs', () => {
  const STATEMENTS = 2728;
  let engine: SearchEngine;
  const data = tempDataDir();

  beforeAll(async () => {
    engine = openEmbeddedEngine(data.dir, loadIndexSettings());
    const corpus = syntheticCorpus(await seedStatement(), STATEMENTS);
    for (let i = 0; i < corpus.length; i += 250) await engine.replaceStatements(corpus.slice(i, i + 250));
    expect((await engine.stats()).documents).toBe(STATEMENTS * 11);
  }, 120_000);
  afterAll(async () => {
    await engine.close();
    data.cleanup();
  });

  /** Reads a streamed body chunk by chunk, handing each complete line on, never holding the whole body. */
  async function eachLine(response: Response, onLine: (line: string) => void): Promise<void> {
    const reader = response.body?.getReader();
    if (!reader) throw new Error('no body');
    const decoder = new TextDecoder();
    let pending = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      pending += decoder.decode(value, { stream: true });
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    }
    expect(pending).toBe('');
  }

  it('sends every row exactly once, newest first, never asking the engine for more than one chunk', async () => {
    const { engine: spy, scans } = spying(engine);
    const app = createApp({ engine: spy, logger: { error: () => undefined } });
    const response = await app.request('/v1/export');
    expect(response.headers.get('x-total-count')).toBe(String(STATEMENTS * 11));
    const seen = new Set<string>();
    let rows = 0;
    let previous = Infinity;
    await eachLine(response, (line) => {
      const row = JSON.parse(line) as { id: string; date: string | null };
      rows += 1;
      seen.add(row.id);
      const dateNum = row.date === null ? 0 : Number(row.date.replaceAll('-', ''));
      expect(dateNum).toBeLessThanOrEqual(previous);
      previous = dateNum;
    });
    expect(rows).toBe(STATEMENTS * 11);
    expect(seen.size).toBe(STATEMENTS * 11);
    expect(Math.max(...scans.map((scan) => scan.limit))).toBe(EXPORT_CHUNK);
    expect(scans).toHaveLength(Math.ceil((STATEMENTS * 11) / EXPORT_CHUNK));
  }, 60_000);

  it('reads from the engine only as fast as the client reads the body', async () => {
    const { engine: spy, scans } = spying(engine);
    const app = createApp({ engine: spy, logger: { error: () => undefined } });
    const response = await app.request('/v1/export?format=csv');
    const reader = response.body?.getReader();
    await reader?.read(); // the header row
    await reader?.read(); // the first chunk of rows
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(scans.length).toBeLessThanOrEqual(2);
    await reader?.cancel();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(scans.length).toBeLessThanOrEqual(2);
  });

  it('drops a page still being read when the client goes away, and logs nothing', async () => {
    const errors: unknown[] = [];
    const app = createApp({ engine, logger: { error: (record) => errors.push(record) } });
    const response = await app.request('/v1/export');
    const reader = response.body?.getReader();
    await reader?.read();
    const pending = reader?.read();
    await reader?.cancel();
    expect((await pending)?.done).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(errors).toEqual([]);
  });

  it('cuts the stream short, and logs why, when the engine fails mid-export', async () => {
    const errors: Record<string, unknown>[] = [];
    let pages = 0;
    const failing = new Proxy(engine, {
      get(target, property) {
        if (property === 'scan') {
          return async (request: ScanRequest) => {
            pages += 1;
            if (pages === 2) throw new Error('disk gone');
            return target.scan(request);
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    const app = createApp({ engine: failing, logger: { error: (record) => errors.push(record) } });
    const response = await app.request('/v1/export');
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'EXPORT_ABORTED' });
  });

  it('resumes a filtered export across days with ties, each row once (country=QA, date:asc, limit=2500)', async () => {
    const app = createApp({ engine, logger: { error: () => undefined } });
    const seen = new Set<string>();
    let rows = 0;
    let cursor: string | null = null;
    let responses = 0;
    do {
      const suffix: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const response = await app.request(`/v1/export?country=QA&sort=date:asc&limit=2500${suffix}`);
      await eachLine(response, (line) => {
        rows += 1;
        seen.add((JSON.parse(line) as { id: string }).id);
      });
      cursor = response.headers.get('next-cursor');
      responses += 1;
    } while (cursor !== null && responses < 20);
    // The seed's paragraphs 1, 2, 5 and 6 name Qatar.
    expect(rows).toBe(STATEMENTS * 4);
    expect(seen.size).toBe(STATEMENTS * 4);
    expect(responses).toBe(Math.ceil((STATEMENTS * 4) / 2500));
  }, 60_000);
});
