import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparingThread, type PrepareWrite } from '../../ingest/prepare-pool.js';
import { createApp } from '../../src/api/app.js';
import { sameToken } from '../../src/api/admin-auth.js';
import { MAX_WRITE_BYTES } from '../../src/api/routes/statement-writes.js';
import { openEmbeddedEngine } from '../../src/engine/embedded/embedded-engine.js';
import type { SearchEngine } from '../../src/engine/engine.js';
import { loadIndexSettings } from '../../src/engine/settings.js';
import { Problem, SearchResponse, Statement } from '../../src/schema/api.js';
import { tempDataDir } from '../helpers/seed.js';
import { holdWriteLock } from '../helpers/write-lock.js';

const TOKEN = 'test-admin-token-0123456789abcdef';
const auth = { Authorization: `Bearer ${TOKEN}` };
const json = { 'content-type': 'application/json' };

let engine: SearchEngine;
let app: ReturnType<typeof createApp>;
const data = tempDataDir();

beforeAll(() => {
  engine = openEmbeddedEngine(data.dir, loadIndexSettings());
  app = createApp({ engine, adminToken: TOKEN, logger: { error: () => undefined } });
});
afterAll(async () => {
  await engine.close();
  data.cleanup();
});

const post = (body: unknown, headers: Record<string, string> = auth) =>
  app.request('/v1/statements', { method: 'POST', headers: { ...json, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

const problem = async (response: Response, status: number) => {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  return Problem.parse(await response.json());
};

const talks = [
  'Islamabad, 3 March 2025. The Foreign Office spokesperson said that Pakistan and Afghanistan held the second round of talks in Doha.',
  'Both sides agreed to meet again in Istanbul, with Türkiye and Qatar as mediators.',
].join('\n\n');

describe('POST /v1/statements', () => {
  it('waits while another process writes to the index (an ingest batch, a merge step), then answers 201', async () => {
    const { released } = await holdWriteLock(data.dir, 300);
    const response = await post({ text: talks, id: 'pk-talks-locked', title: 'Written after a lock', date: '2025-03-03' });
    expect(response.status).toBe(201);
    await released;
    const deleted = await app.request('/v1/statements/pk-talks-locked', { method: 'DELETE', headers: auth });
    expect(deleted.status).toBe(204);
  });


  it('runs text with metadata through the pipeline and answers 201 with the statement and its Location', async () => {
    const response = await post({
      text: talks,
      id: 'pk-talks-2',
      title: 'Second round of talks',
      issuer: 'Pakistan',
      date: '2025-03-03',
      language: 'en',
      url: 'https://mofa.gov.pk/press-releases/talks-2',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe('/v1/statements/pk-talks-2');
    const created = Statement.parse(await response.json());
    expect(created).toMatchObject({
      id: 'pk-talks-2',
      title: 'Second round of talks',
      issuer: { code: 'PK', name: 'Pakistan' },
      date: '2025-03-03',
      dateSource: 'metadata',
      source: { url: 'https://mofa.gov.pk/press-releases/talks-2' },
    });
    expect(created.source).not.toHaveProperty('path');
    expect(created.paragraphs.map((p) => p.paragraph)).toEqual([1, 2]);
    expect(created.paragraphs[0]?.rounds.map((r) => r.round)).toEqual([2]);
    expect(created.paragraphs[1]?.countries.map((c) => c.code)).toEqual(expect.arrayContaining(['QA', 'TR']));

    const read = Statement.parse(await (await app.request('/v1/statements/pk-talks-2')).json());
    expect(read).toEqual(created);
    const found = SearchResponse.parse(await (await app.request('/v1/search?q=mediators')).json());
    expect(found.hits.map((hit) => hit.id)).toEqual(['pk-talks-2-p2']);
  });

  it('replaces a statement posted again under the same id, leaving no old paragraph behind', async () => {
    expect((await post({ text: 'First version, about Kabul.\n\nA second paragraph.', id: 'replace-me' })).status).toBe(201);
    const response = await post({ text: 'Second version, about Tehran only.', id: 'replace-me' });
    expect(response.status).toBe(201);
    expect(Statement.parse(await response.json()).paragraphs.map((p) => p.text)).toEqual(['Second version, about Tehran only.']);
    const old = SearchResponse.parse(await (await app.request('/v1/search?q=Kabul')).json());
    expect(old.hits.filter((hit) => hit.statementId === 'replace-me')).toEqual([]);
  });

  it('names a statement without id by a hash of its content: the same content twice is one statement', async () => {
    const first = Statement.parse(await (await post({ text: 'A statement with no id, about Ankara.' })).json());
    expect(first.id).toMatch(/^post-[0-9a-f]{20}$/);
    const before = await engine.stats();
    const again = await post({ text: 'A statement with no id, about Ankara.', title: 'Now with a title' });
    expect(again.headers.get('location')).toBe(`/v1/statements/${first.id}`);
    expect(Statement.parse(await again.json()).title).toBe('Now with a title');
    expect(await engine.stats()).toEqual(before);
  });

  it('reads HTML and Markdown with their own readers', async () => {
    const html = await post({
      html: '<!doctype html><html><head><title>Press release</title></head><body><main><h1>Readout of the call</h1><p>The Minister spoke with his counterpart from Qatar.</p><p>They discussed the talks in Doha.</p></main></body></html>',
      id: 'from-html',
      format: 'html',
    });
    expect(html.status).toBe(201);
    const fromHtml = Statement.parse(await html.json());
    expect(fromHtml.paragraphs.map((p) => p.text)).toEqual(['The Minister spoke with his counterpart from Qatar.', 'They discussed the talks in Doha.']);
    expect(fromHtml.paragraphs.some((p) => p.text.includes('<'))).toBe(false);

    const markdown = await post({
      markdown: '---\ntitle: Statement on the ceasefire\ndate: 2025-10-19\n---\n\nThe **ceasefire** agreed in Doha\nholds, the spokesperson said.\n',
      id: 'from-markdown',
    });
    expect(markdown.status).toBe(201);
    expect(Statement.parse(await markdown.json())).toMatchObject({
      title: 'Statement on the ceasefire',
      date: '2025-10-19',
      paragraphs: [{ text: 'The ceasefire agreed in Doha holds, the spokesperson said.' }],
    });
  });

  it('stores a url without ever fetching it, nor anything the page links to', async () => {
    let requests = 0;
    const server: Server = createServer((_, response) => {
      requests += 1;
      response.end('<html><body><p>fetched</p></body></html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const response = await post({
        html: `<html><head><link rel="canonical" href="${base}/canonical"><script src="${base}/app.js"></script></head><body><p>Statement on <img src="${base}/pixel.gif">Doha, loaded from nowhere.</p></body></html>`,
        id: 'never-fetched',
        url: `${base}/statement.html`,
      });
      expect(response.status).toBe(201);
      expect(Statement.parse(await response.json()).source.url).toBe(`${base}/statement.html`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(requests).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it.each([
    ['two contents', { text: 'a', html: '<p>b</p>' }, 'exactly one'],
    ['no content', { title: 'Nothing' }, 'exactly one'],
    ['a format that disagrees', { text: 'Some text.', format: 'html' }, 'format'],
    ['an unknown field', { text: 'Some text.', author: 'me' }, 'author'],
    ['a url that is not http(s)', { text: 'Some text.', url: 'file:///etc/passwd' }, 'url'],
    ['a javascript: url', { text: 'Some text.', url: 'javascript:alert(1)' }, 'url'],
    ['a malformed id', { text: 'Some text.', id: 'has spaces' }, 'id'],
    ['a malformed date', { text: 'Some text.', date: '7 November 2025' }, 'date'],
    ['a day not in the calendar', { text: 'Some text.', date: '2020-02-30' }, 'date'],
  ])('refuses %s with a 400 INVALID_BODY naming it', async (_, body, named) => {
    const answer = await problem(await post(body), 400);
    expect(answer.code).toBe('INVALID_BODY');
    expect(answer.detail).toContain(named);
  });

  it('refuses malformed JSON, and no body, with a 400 INVALID_BODY', async () => {
    expect((await problem(await post('{"text": '), 400)).code).toBe('INVALID_BODY');
    const none = await app.request('/v1/statements', { method: 'POST', headers: auth });
    expect((await problem(none, 400)).code).toBe('INVALID_BODY');
  });

  // Regression: a body that is not JSON was a 400 INVALID_BODY, where HTTP has 415 for it.
  it('refuses a text/plain body with a 415 UNSUPPORTED_MEDIA_TYPE: statements come as JSON', async () => {
    const plain = await app.request('/v1/statements', { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: 'Some text.' });
    expect((await problem(plain, 415)).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers content with no statement in it with a 422 problem', async () => {
    expect((await problem(await post({ html: '<html><body><script>x()</script></body></html>' }), 422)).code).toMatch(/EMPTY_SOURCE|UNREADABLE_SOURCE/);
  });

  it('refuses a body over the limit with a 413 PAYLOAD_TOO_LARGE, by Content-Length or by counting a chunked body', async () => {
    const big = JSON.stringify({ text: 'x'.repeat(MAX_WRITE_BYTES) });
    expect((await problem(await post(big), 413)).code).toBe('PAYLOAD_TOO_LARGE');
    const bytes = new TextEncoder().encode(big);
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 65_536) controller.enqueue(bytes.subarray(i, i + 65_536));
        controller.close();
      },
    });
    const response = await app.request('/v1/statements', {
      method: 'POST',
      headers: { ...auth, ...json, 'transfer-encoding': 'chunked' },
      body: chunked,
      duplex: 'half',
    } as RequestInit);
    expect((await problem(response, 413)).code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('DELETE /v1/statements/:id', () => {
  it('deletes a statement and all its paragraphs: 204, then 404', async () => {
    expect((await post({ text: 'To be deleted, about Baku.\n\nSecond paragraph.', id: 'delete-me' })).status).toBe(201);
    const response = await app.request('/v1/statements/delete-me', { method: 'DELETE', headers: auth });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect((await problem(await app.request('/v1/statements/delete-me'), 404)).code).toBe('STATEMENT_NOT_FOUND');
    const search = SearchResponse.parse(await (await app.request('/v1/search?q=Baku')).json());
    expect(search.total).toBe(0);
    const again = await app.request('/v1/statements/delete-me', { method: 'DELETE', headers: auth });
    expect((await problem(again, 404)).code).toBe('STATEMENT_NOT_FOUND');
  });

  it('answers a malformed id with a 400', async () => {
    const response = await app.request('/v1/statements/bad%20id', { method: 'DELETE', headers: auth });
    expect((await problem(response, 400)).code).toBe('INVALID_PARAMETER');
  });
});

describe('the admin token', () => {
  it.each([
    ['no Authorization header', {}],
    ['a wrong token', { Authorization: 'Bearer wrong-token-0123456789abcdef' }],
    ['a token that is a prefix of the right one', { Authorization: `Bearer ${TOKEN.slice(0, -1)}` }],
    ['another scheme', { Authorization: `Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}` }],
    ['the token without its scheme', { Authorization: TOKEN }],
  ])('refuses %s with a 401 UNAUTHORIZED and a Bearer challenge', async (_, headers) => {
    const responses = [
      await post({ text: 'Unauthorised text.', id: 'intruder' }, headers),
      await app.request('/v1/statements/pk-talks-2', { method: 'DELETE', headers }),
    ];
    for (const response of responses) {
      expect((await problem(response, 401)).code).toBe('UNAUTHORIZED');
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    expect((await app.request('/v1/statements/intruder')).status).toBe(404);
    expect((await app.request('/v1/statements/pk-talks-2')).status).toBe(200);
  });

  it('checks the token before reading the body: an unauthenticated huge body is a 401, not a 413', async () => {
    const response = await post(JSON.stringify({ text: 'x'.repeat(MAX_WRITE_BYTES) }), {});
    expect((await problem(response, 401)).code).toBe('UNAUTHORIZED');
  });

  it('without a configured token, POST and DELETE are a 403 WRITES_DISABLED, whatever is sent', async () => {
    const closed = createApp({ engine, logger: { error: () => undefined } });
    const responses = [
      await closed.request('/v1/statements', { method: 'POST', headers: { ...json, ...auth }, body: JSON.stringify({ text: 'x' }) }),
      await closed.request('/v1/statements', { method: 'POST', headers: json, body: JSON.stringify({ text: 'x' }) }),
      await closed.request('/v1/statements/pk-talks-2', { method: 'DELETE', headers: auth }),
    ];
    for (const response of responses) expect((await problem(response, 403)).code).toBe('WRITES_DISABLED');
    expect((await app.request('/v1/statements/pk-talks-2')).status).toBe(200);
  });

  it.each([
    [TOKEN, TOKEN, true],
    [TOKEN, `${TOKEN}x`, false],
    [TOKEN, TOKEN.slice(0, -1), false],
    [TOKEN, '', false],
  ])('compares %s and %s as equal: %s', (expected, given, equal) => {
    expect(sameToken(given, expected)).toBe(equal);
  });

  it('is documented: both write routes require the bearer scheme in /openapi.json', async () => {
    const spec = (await (await app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
      components: { securitySchemes?: Record<string, unknown> };
    };
    expect(spec.components.securitySchemes?.['adminToken']).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const operation of [spec.paths['/v1/statements']?.['post'], spec.paths['/v1/statements/{id}']?.['delete']]) {
      expect(operation?.security).toEqual([{ adminToken: [] }]);
      expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['401', '403']));
    }
  });
});

// Regression: a 2 MB statement was annotated in the server's own thread, and no other request was
// answered for the ~50 s it took (about 1 s since annotation became linear: still a stall).
describe('POST /v1/statements with the server\'s prepare thread', () => {
  const big = { id: 'big', text: ('Pakistan welcomes talks in Doha on 3 March 2024. '.repeat(20) + '\n\n').repeat(1500) };

  /** Posts `big` to an app and returns the longest the event loop went without a turn meanwhile, in ms. */
  async function longestStall(prepareWrite?: PrepareWrite): Promise<{ status: number; stall: number; paragraphs: number }> {
    const own = tempDataDir();
    const ownEngine = openEmbeddedEngine(own.dir, loadIndexSettings());
    try {
      const ownApp = createApp({ engine: ownEngine, adminToken: TOKEN, logger: { error: () => undefined }, ...(prepareWrite ? { prepareWrite } : {}) });
      let last = performance.now();
      let stall = 0;
      const ticker = setInterval(() => {
        const now = performance.now();
        stall = Math.max(stall, now - last);
        last = now;
      }, 5);
      const response = await ownApp.request('/v1/statements', { method: 'POST', headers: { ...json, ...auth }, body: JSON.stringify(big) });
      clearInterval(ticker);
      // A loop blocked to the end never ticked again.
      stall = Math.max(stall, performance.now() - last);
      return { status: response.status, stall, paragraphs: Statement.parse(await response.json()).paragraphs.length };
    } finally {
      await ownEngine.close();
      own.cleanup();
    }
  }

  it('annotates a large statement in a thread: other requests are not held up meanwhile', async () => {
    const thread = preparingThread();
    try {
      await longestStall(thread.prepare); // starts the thread and warms it
      const inThread = await longestStall(thread.prepare);
      const here = await longestStall();
      expect(inThread).toMatchObject({ status: 201, paragraphs: 1500 });
      expect(here).toMatchObject({ status: 201, paragraphs: 1500 });
      // Here, the loop waits for the whole annotation (~0.8 s); with the thread, only for the SQLite write.
      expect(inThread.stall).toBeLessThan(here.stall / 2);
    } finally {
      await thread.close();
    }
  }, 60_000);
});
