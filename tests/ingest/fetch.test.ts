import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFetcher, USER_AGENT, type FetchOptions } from '../../ingest/fetch/fetch-source.js';
import { parseUrlList } from '../../ingest/fetch/url-list.js';
import { loadFileSource } from '../../ingest/load-source.js';
import { ingestSources } from '../../ingest/pipeline.js';
import { prepareStatement } from '../../ingest/prepare.js';
import { formatReport } from '../../ingest/report.js';
import { statementId } from '../../ingest/statement-id.js';
import { openEmbeddedEngine } from '../../src/engine/embedded/embedded-engine.js';
import { loadIndexSettings } from '../../src/engine/settings.js';
import { AppError } from '../../src/errors.js';
import { corpusDir, seedPath, tempDataDir } from '../helpers/seed.js';

const fmprcFixture = join(corpusDir, 'html/fmprc/t1593756.html');
const seedText = readFileSync(seedPath);

type Handler = (request: IncomingMessage, response: ServerResponse, hit: number) => void;

/** A real HTTP server on 127.0.0.1 (never any other host), counting hits per path and noting when each came. */
class LocalSite {
  readonly hits = new Map<string, number>();
  readonly started = new Map<string, number[]>();
  readonly userAgents: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  private readonly server: Server;
  private base = '';

  constructor(private readonly routes: Record<string, Handler>) {
    this.server = createServer((request, response) => {
      const path = request.url ?? '/';
      const hit = (this.hits.get(path) ?? 0) + 1;
      this.hits.set(path, hit);
      this.started.set(path, [...(this.started.get(path) ?? []), performance.now()]);
      this.userAgents.push(request.headers['user-agent'] ?? '');
      this.inFlight += 1;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      response.on('close', () => {
        this.inFlight -= 1;
      });
      const route = this.routes[path];
      if (route) route(request, response, hit);
      else response.writeHead(404, { 'content-type': 'text/plain' }).end('no such page');
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  url(path: string): string {
    return `${this.base}${path}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

const page = (type: string, body: string | Buffer): Handler => (_request, response) => {
  response.writeHead(200, { 'content-type': type }).end(body);
};
const after = (ms: number, handler: Handler): Handler => (request, response, hit) => {
  const timer = setTimeout(() => handler(request, response, hit), ms);
  response.on('close', () => clearTimeout(timer));
};
const html = (title: string, text: string): string =>
  `<!DOCTYPE html><html><head><title>${title}</title></head><body><main><h1>${title}</h1><p>${text}</p></main></body></html>`;

const site = new LocalSite({
  '/seed.txt': page('text/plain; charset=utf-8', seedText),
  '/fmprc.html': page('text/html', readFileSync(fmprcFixture)),
  '/flaky': (_request, response, hit) => {
    if (hit === 1) response.writeHead(500).end('try again');
    else page('text/html; charset=utf-8', html('Flaky page', 'Pakistan and Afghanistan met in Doha for a second round of talks.'))(_request, response, hit);
  },
  '/down': (_request, response) => response.writeHead(503).end(),
  '/gone': (_request, response) => response.writeHead(410).end('gone'),
  '/reset-once': (request, response, hit) => {
    if (hit === 1) request.socket.destroy();
    else page('text/plain', 'The ministry welcomed the ceasefire agreed in Doha.')(request, response, hit);
  },
  '/slow': after(5000, page('text/plain', 'too late')),
  '/big-declared': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(10 * 1024 * 1024) });
    response.write('x'.repeat(1000));
  },
  '/big-streamed': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    const chunk = 'The ministry said so again. '.repeat(100);
    for (let i = 0; i < 10; i += 1) response.write(chunk);
    response.end();
  },
  '/latin1': page(
    'text/html; charset=windows-1252',
    iconv.encode(html('Déclaration', "Le ministère des Affaires étrangères salue l'accord conclu à Doha."), 'windows-1252'),
  ),
  '/empty': page('text/html', ''),
  '/moved': (_request, response) => response.writeHead(301, { location: '/seed.txt' }).end(),
  '/moved-twice': (_request, response) => response.writeHead(302, { location: '/moved' }).end(),
  '/to-port-25': (_request, response) => response.writeHead(302, { location: 'http://127.0.0.1:25/x' }).end(),
  '/to-ftp': (_request, response) => response.writeHead(302, { location: 'ftp://127.0.0.1/x' }).end(),
  '/loop': (_request, response) => response.writeHead(307, { location: '/loop' }).end(),
  '/a': after(50, page('text/plain', 'Statement a about Qatar.')),
  '/b': after(50, page('text/plain', 'Statement b about Qatar.')),
  '/c': after(50, page('text/plain', 'Statement c about Qatar.')),
  ...Object.fromEntries(['a', 'b', 'c', 'd'].map((x) => [`/slow-${x}`, after(150, page('text/plain', `Statement ${x} about Oman.`))])),
});
const otherSite = new LocalSite({ '/a': after(50, page('text/plain', 'Statement a about Oman.')) });

/** Fast enough for tests: short timeouts and backoff, no rate limit unless a test sets one. */
const quick: Partial<FetchOptions> = {
  timeoutMs: 300,
  retries: 2,
  retryDelayMs: 10,
  perHost: { concurrency: 4, requestsPerSecond: 1000 },
};

beforeAll(async () => {
  await site.start();
  await otherSite.start();
});
afterAll(async () => {
  await site.stop();
  await otherSite.stop();
});
afterEach(() => {
  site.hits.clear();
  site.started.clear();
  site.userAgents.length = 0;
  site.maxInFlight = 0;
});

const failureOf = async (promise: Promise<unknown>): Promise<AppError> => {
  const error = await promise.then(
    () => null,
    (rejected: unknown) => rejected,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};

describe('createFetcher', () => {
  it('returns the page named by its URL, with its Content-Type and the URL as sidecar, asking with our User-Agent', async () => {
    const url = site.url('/seed.txt');
    const raw = await createFetcher(quick).fetchSource(url);
    expect(raw).toEqual({ name: url, bytes: seedText, sidecar: { url }, contentType: 'text/plain; charset=utf-8' });
    expect(site.userAgents).toEqual([USER_AGENT]);
    expect(USER_AGENT).toMatch(/^Communique\/\d+\.\d+ \(\+https:\/\/\S+; .+\)$/);
  });

  it('retries a 500 and takes the 200 that follows', async () => {
    const raw = await createFetcher(quick).fetchSource(site.url('/flaky'));
    expect(raw.bytes.toString()).toContain('second round of talks');
    expect(site.hits.get('/flaky')).toBe(2);
  });

  it('retries a dropped connection', async () => {
    const raw = await createFetcher(quick).fetchSource(site.url('/reset-once'));
    expect(raw.bytes.toString()).toContain('ceasefire');
    expect(site.hits.get('/reset-once')).toBe(2);
  });

  it('gives up on a 5xx after the retries, saying how many attempts it made', async () => {
    const error = await failureOf(createFetcher(quick).fetchSource(site.url('/down')));
    expect(error.detail).toBe('HTTP 503 Service Unavailable (3 attempts)');
    expect(site.hits.get('/down')).toBe(3);
  });

  it.each([
    ['/missing', 'HTTP 404 Not Found'],
    ['/gone', 'HTTP 410 Gone'],
  ])('does not retry a 4xx (%s)', async (path, reason) => {
    const error = await failureOf(createFetcher(quick).fetchSource(site.url(path)));
    expect(error).toMatchObject({ code: 'FETCH_FAILED', detail: reason });
    expect(site.hits.get(path)).toBe(1);
  });

  it('times out a page that does not answer, retrying before it gives up', async () => {
    const started = performance.now();
    const error = await failureOf(createFetcher({ ...quick, retries: 1 }).fetchSource(site.url('/slow')));
    expect(error.detail).toBe('timed out after 0.3 s (2 attempts)');
    expect(site.hits.get('/slow')).toBe(2);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses a body over the limit from its Content-Length, without reading it', async () => {
    const error = await failureOf(createFetcher({ ...quick, maxBytes: 1000 }).fetchSource(site.url('/big-declared')));
    expect(error.detail).toBe('too large (10485760 bytes; the limit is 1000)');
    expect(site.hits.get('/big-declared')).toBe(1);
  });

  it('refuses a body that passes the limit while it streams', async () => {
    const error = await failureOf(createFetcher({ ...quick, maxBytes: 1000 }).fetchSource(site.url('/big-streamed')));
    expect(error.detail).toBe('too large (more than 1000 bytes; the limit is 1000)');
    expect(site.hits.get('/big-streamed')).toBe(1);
  });

  it('says so when nothing listens', async () => {
    const closed = new LocalSite({});
    await closed.start();
    const url = closed.url('/');
    await closed.stop();
    const error = await failureOf(createFetcher({ ...quick, retries: 1 }).fetchSource(url));
    expect(error.detail).toBe('connection refused (2 attempts)');
  });

  // Regression: fetch's refusal of a blocked port was retried and reported as "bad port (4 attempts)".
  it('does not retry a port fetch refuses, and says why', async () => {
    const error = await failureOf(createFetcher({ ...quick, retries: 3, timeoutMs: 30_000 }).fetchSource('http://127.0.0.1:9/x'));
    expect(error).toMatchObject({ code: 'FETCH_FAILED', detail: 'port 9 is one fetch never connects to (reserved for another protocol)' });
  });

  it('follows redirects, relative ones included, and keeps the URL it was asked for', async () => {
    const source = await createFetcher(quick).fetchSource(site.url('/moved-twice'));
    expect(source.bytes.equals(seedText)).toBe(true);
    expect(source).toMatchObject({ name: site.url('/moved-twice'), sidecar: { url: site.url('/moved-twice') } });
  });

  // Regression: a redirect to a refused port was reported with the first URL's port ("port 4711 is…").
  it('names where a redirect led when the request fails there', async () => {
    const error = await failureOf(createFetcher({ ...quick, retries: 3 }).fetchSource(site.url('/to-port-25')));
    expect(error.detail).toBe('redirected to http://127.0.0.1:25/x, where port 25 is one fetch never connects to (reserved for another protocol)');
    expect(site.hits.get('/to-port-25')).toBe(1);
  });

  it.each([
    ['/loop', 'more than 20 redirects'],
    ['/to-ftp', 'redirected to ftp://127.0.0.1/x, not an http(s) URL'],
  ])('gives up on %s without retrying: %s', async (path, detail) => {
    const before = site.hits.get(path) ?? 0;
    const error = await failureOf(createFetcher({ ...quick, retries: 3 }).fetchSource(site.url(path)));
    expect(error).toMatchObject({ code: 'FETCH_FAILED', detail });
    expect((site.hits.get(path) ?? 0) - before).toBe(path === '/loop' ? 21 : 1);
  });

  // Regression: fetch failures were UNREADABLE_SOURCE (422), as if the page had been read.
  it.each([
    ['a 5xx after its retries', '/down', {}],
    ['a 4xx', '/missing', {}],
    ['a timeout', '/slow', { retries: 0 }],
    ['a body over the limit', '/big-declared', { maxBytes: 1000 }],
  ])('fails with FETCH_FAILED (502) on %s', async (_, path, options: Partial<FetchOptions>) => {
    const error = await failureOf(createFetcher({ ...quick, ...options }).fetchSource(site.url(path)));
    expect(error).toMatchObject({ code: 'FETCH_FAILED', status: 502 });
  });

  it('spaces the requests to one host by its rate, but lets another host go at once', async () => {
    // When each request leaves this process, not when it reaches the server (the machine may be busy).
    const sent: { url: string; at: number }[] = [];
    const realFetch = globalThis.fetch;
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      sent.push({ url: String(input), at: performance.now() });
      return realFetch(input, init);
    });
    try {
      const fetcher = createFetcher({ ...quick, perHost: { concurrency: 4, requestsPerSecond: 5 } });
      await Promise.all([...['/a', '/b', '/c'].map((path) => fetcher.fetchSource(site.url(path))), fetcher.fetchSource(otherSite.url('/a'))]);
    } finally {
      spy.mockRestore();
    }
    const same = sent.filter(({ url }) => url.startsWith(site.url('/'))).map(({ at }) => at);
    const other = sent.find(({ url }) => url.startsWith(otherSite.url('/')))?.at ?? Number.NaN;
    expect(same).toHaveLength(3);
    // 5 a second: one start every 200 ms at the least (p-queue's timers may fire a millisecond early).
    expect(same[1]! - same[0]!).toBeGreaterThanOrEqual(195);
    expect(same[2]! - same[1]!).toBeGreaterThanOrEqual(195);
    // The other host did not wait its turn behind the first.
    expect(other).toBeLessThan(same[1]!);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    const fetcher = createFetcher({ ...quick, concurrency: 2 });
    const started = performance.now();
    await Promise.all(['/slow-a', '/slow-b', '/slow-c', '/slow-d'].map((path) => fetcher.fetchSource(site.url(path))));
    expect(site.maxInFlight).toBeLessThanOrEqual(2);
    // Four answers of 150 ms each, two at a time: two rounds at the least.
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
  });
});

describe('parseUrlList', () => {
  it('keeps http(s) URLs, skips blank lines and # comments, and names other lines by number', () => {
    expect(parseUrlList('# ministries\nhttps://a.example/x\n\n  http://b.example/y  \nftp://c.example/z\nnot a url\n')).toEqual({
      urls: ['https://a.example/x', 'http://b.example/y'],
      invalid: [
        { line: 5, text: 'ftp://c.example/z' },
        { line: 6, text: 'not a url' },
      ],
    });
  });
});

describe('ingestSources with URLs', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    while (cleanups.length > 0) cleanups.pop()?.();
  });
  const setup = () => {
    const data = tempDataDir();
    cleanups.push(data.cleanup);
    return { engine: openEmbeddedEngine(data.dir, loadIndexSettings()), dir: data.dir };
  };

  it('ingests fetched pages like files, names each failed URL once with its reason, and skips unchanged pages', async () => {
    const { engine } = setup();
    const urls = ['/fmprc.html', '/flaky', '/latin1', '/seed.txt', '/missing', '/slow', '/empty'].map((path) => site.url(path));
    const report = await ingestSources(urls, engine, { fetch: { ...quick, retries: 1 } });

    expect(report).toMatchObject({ sources: 7, indexed: 4, unchanged: 0, pruned: [] });
    expect(report.failures).toEqual(
      [
        { source: site.url('/empty'), code: 'EMPTY_SOURCE', reason: 'the page is empty' },
        { source: site.url('/missing'), code: 'FETCH_FAILED', reason: 'HTTP 404 Not Found' },
        { source: site.url('/slow'), code: 'FETCH_FAILED', reason: 'timed out after 0.3 s (2 attempts)' },
      ].sort((a, b) => (a.source < b.source ? -1 : 1)),
    );
    expect(site.hits.get('/missing')).toBe(1);
    const lines = formatReport(report).split('\n');
    expect(lines.filter((line) => line.includes('/missing'))).toEqual([`failed: ${site.url('/missing')}: HTTP 404 Not Found [FETCH_FAILED]`]);

    // The fetched page reads exactly as the same page read from disk, but its provenance is the URL.
    const fetched = await engine.getStatement(statementId(site.url('/fmprc.html')));
    const fromDisk = prepareStatement(await loadFileSource(fmprcFixture), { statementId: 'disk', path: null, retrievedAt: new Date() });
    expect(fetched.map((d) => d.text)).toEqual(fromDisk.documents.map((d) => d.text));
    expect(fetched[0]?.title).toBe(fromDisk.documents[0]?.title);
    expect(fetched[0]?.source).toMatchObject({ url: site.url('/fmprc.html') });
    expect(fetched[0]?.source.path).toBeUndefined();

    // The charset came from the Content-Type header.
    const latin1 = await engine.getStatement(statementId(site.url('/latin1')));
    expect(latin1.map((d) => d.text)).toContain("Le ministère des Affaires étrangères salue l'accord conclu à Doha.");

    const again = await ingestSources(urls.slice(0, 4), engine, { fetch: quick });
    expect(again).toMatchObject({ sources: 4, indexed: 0, unchanged: 4, failures: [] });
    await engine.close();
  });

  it('reads URL lists (--urls), naming bad lines by file and line number', async () => {
    const { engine, dir } = setup();
    const list = join(dir, 'urls.txt');
    writeFileSync(list, `# two pages\n${site.url('/seed.txt')}\n\nwww.example.org/no-scheme\n${site.url('/seed.txt')}\n`);
    const report = await ingestSources([], engine, { urlLists: [list, join(dir, 'missing.txt')], fetch: quick });
    expect(report).toMatchObject({ sources: 3, indexed: 1 });
    expect(report.failures).toEqual([
      { source: join(dir, 'missing.txt'), code: 'UNREADABLE_SOURCE', reason: 'no such file or folder' },
      { source: `${list}:4`, code: 'UNREADABLE_SOURCE', reason: 'not an http(s) URL: www.example.org/no-scheme' },
    ]);
    await engine.close();
  });
});
