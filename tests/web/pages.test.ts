import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestSources } from '../../ingest/pipeline.js';
import { createApp } from '../../src/api/app.js';
import { openEmbeddedEngine } from '../../src/engine/embedded/embedded-engine.js';
import type { SearchEngine } from '../../src/engine/engine.js';
import { loadIndexSettings } from '../../src/engine/settings.js';
import { seedPath, seedId, tempDataDir } from '../helpers/seed.js';

/** A statement written to attack the page: markup in its text and title, a script URL as its source. */
const HOSTILE_TEXT = 'The ministry wrote <script>alert(1)</script> and <img src=x onerror=alert(2)> about zanzibarian "quotes" & ampersands.';
const HOSTILE_TITLE = "<script>alert('title')</script> A hostile title";

let engine: SearchEngine;
let app: ReturnType<typeof createApp>;
const data = tempDataDir();

beforeAll(async () => {
  const hostile = join(data.dir, 'hostile');
  mkdirSync(hostile);
  writeFileSync(join(hostile, 'hostile_statement.txt'), `${HOSTILE_TEXT}\n\nA second paragraph about zanzibarian matters.\n`);
  writeFileSync(
    join(hostile, 'hostile_statement.meta.json'),
    JSON.stringify({ title: HOSTILE_TITLE, issuer: 'Qatar', date: '2024-03-02' }),
  );
  writeFileSync(join(hostile, 'linked_statement.txt'), 'A statement about quokkaland, published online.\n');
  writeFileSync(
    join(hostile, 'linked_statement.meta.json'),
    JSON.stringify({ title: 'A linked statement', issuer: 'Pakistan', date: '2024-05', url: 'https://www.mofa.gov.pk/press/123?x=1&y=2' }),
  );
  engine = openEmbeddedEngine(join(data.dir, 'index'), loadIndexSettings());
  const report = await ingestSources([seedPath, hostile], engine);
  expect(report.failures).toEqual([]);
  // Ingest refuses a script URL as a source; an index written otherwise may still hold one.
  const documents = (await engine.getStatement('hostile_statement')).map((document) => ({
    ...document,
    source: { ...document.source, url: 'javascript:alert(3)' },
  }));
  await engine.replaceStatements([{ statementId: 'hostile_statement', fingerprint: 'hostile', documents }]);
  app = createApp({ engine, logger: { error: () => undefined } });
});
afterAll(async () => {
  await engine.close();
  data.cleanup();
});

const page = async (path: string, status = 200) => {
  const response = await app.request(path);
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  const html = await response.text();
  return { html, $: cheerio.load(html), headers: response.headers };
};

const hitParagraphs = ($: cheerio.CheerioAPI) =>
  $('li.hit')
    .map((_, el) => Number($(el).attr('data-paragraph')))
    .get()
    .sort((a, b) => a - b);

const phrase = `q=${encodeURIComponent('"unserious statements"')}`;

describe('GET / (the search page, server-rendered)', () => {
  it('renders the hits of the query in its URL, highlighted, without any script', async () => {
    const { $ } = await page(`/?${phrase}`);
    expect(hitParagraphs($)).toEqual([1, 3]);
    $('li.hit .hit-text').each((_, el) => {
      expect($(el).find('mark').first().text()).toBe('unserious statements');
    });
    expect($('#status').text()).toBe('2 paragraphs match.');
    expect($('#q').val()).toBe('"unserious statements"');
    const first = $('li.hit[data-paragraph="1"]');
    expect(first.find('.hit-title a').attr('href')).toBe(`/statements/${seedId}?p=1#p1`);
    expect(first.find('.hit-meta').text()).toContain('Pakistan');
    expect(first.find('.hit-meta time').attr('datetime')).toBe('2025-11-07');
    expect(first.find('.hit-meta').text()).toContain('Paragraph 1');
  });

  it('links a hit to its source URL when it has one', async () => {
    const { $ } = await page('/?q=quokkaland');
    const link = $('li.hit .source-link');
    expect(link.attr('href')).toBe('https://www.mofa.gov.pk/press/123?x=1&y=2');
    expect(link.attr('rel')).toBe('external noopener noreferrer');
    expect(link.text()).toBe('Source (www.mofa.gov.pk)');
    expect($('li.hit .hit-meta time').text()).toBe('May 2024');
  });

  it('narrows to round 3 from the URL: the issue\'s example link', async () => {
    const { $ } = await page('/?q=%22unserious+statements%22&round=3');
    expect(hitParagraphs($)).toEqual([1]);
    expect($('input[name="round"][value="3"]').is(':checked')).toBe(true);
    expect($('.chips .chip').text()).toContain('Round 3, any talks');
    expect(hitParagraphs((await page('/?round=AF-PK-talks%3A3')).$)).toEqual([1, 7]);
  });

  it('shows facets as checkboxes with counts, rounds grouped under their negotiation', async () => {
    const { $ } = await page('/');
    const qatar = $('input[name="country"][value="QA"]').closest('label');
    expect(qatar.find('.check-label').text()).toBe('Qatar');
    expect(qatar.find('.count').text()).toMatch(/^, 4 paragraphs$/);
    const negotiation = $('li.negotiation').filter((_, el) => $(el).find('> label .check-label').text() === 'Afghanistan–Pakistan talks');
    expect(negotiation.length).toBe(1);
    expect(negotiation.find('input[name="round"]').map((_, el) => $(el).val()).get()).toEqual([
      'AF-PK-talks:1',
      'AF-PK-talks:2',
      'AF-PK-talks:3',
    ]);
    expect($('input[name="issuer"][value="PK"]').length).toBe(1);
    // Every filter control belongs to the search form, so the page works as a plain GET form too.
    $('#facets input, .date-range input').each((_, el) => expect($(el).attr('form')).toBe('search-form'));
    expect($('#search-form').attr('action')).toBe('/');
    expect($('#search-form').attr('method')).toBe('get');
  });

  it('draws matches per year from the year facet, each bar narrowing the dates', async () => {
    const { $ } = await page('/');
    const bars = $('#histogram a.bar');
    expect(bars.map((_, el) => $(el).attr('aria-label')).get()).toEqual(['2024: 3 paragraphs', '2025: 11 paragraphs']);
    expect(bars.last().attr('href')).toBe('/?from=2025&to=2025');
    const narrowed = await page('/?from=2025&to=2025');
    expect(hitParagraphs(narrowed.$)).toHaveLength(11);
    expect(narrowed.$('#histogram .clear-dates').attr('href')).toBe('/');
  });

  it('keeps the whole query in the permalink, the curl command and the export links', async () => {
    const { $ } = await page(`/?${phrase}&round=AF-PK-talks%3A3&sort=date%3Adesc&page=1`);
    expect($('a.permalink').attr('href')).toBe('/?q=%22unserious+statements%22&round=AF-PK-talks%3A3&sort=date%3Adesc');
    expect($('#api-call').text()).toBe(
      "curl 'http://localhost/v1/search?q=%22unserious+statements%22&round=AF-PK-talks%3A3&sort=date%3Adesc&facets=country%2Cgroup%2Cround%2Ctalks%2Cissuer%2Cspeaker%2Cyear'",
    );
    const exports = $('.export a').map((_, el) => $(el).attr('href')).get();
    expect(exports).toEqual([
      '/v1/export?q=%22unserious+statements%22&round=AF-PK-talks%3A3&sort=date%3Adesc&format=csv',
      '/v1/export?q=%22unserious+statements%22&round=AF-PK-talks%3A3&sort=date%3Adesc&format=ndjson',
    ]);
  });

  it('pages with links that keep the query', async () => {
    const { $ } = await page('/?q=Pakistan&perPage=4&page=2');
    expect($('#status').text()).toBe('10 paragraphs match, showing 5–8.');
    expect($('.pager a[rel="prev"]').attr('href')).toBe('/?q=Pakistan&perPage=4');
    expect($('.pager a[rel="next"]').attr('href')).toBe('/?q=Pakistan&page=3&perPage=4');
    expect($('ol.hits').attr('start')).toBe('5');
  });

  it('explains a query the API refuses, and keeps what was typed', async () => {
    const { $ } = await page(`/?q=${encodeURIComponent('"unserious')}`, 400);
    expect($('#results [role="alert"]').text()).toContain('unterminated phrase');
    expect($('#q').val()).toBe('"unserious');
    expect($('#q').attr('aria-invalid')).toBe('true');
    expect($('#results').attr('data-problem')).toBe('INVALID_QUERY');
    const unknown = await page('/?country=Narnia', 400);
    expect(unknown.$('#results [role="alert"]').text()).toContain('Narnia');
    // The filter that broke the search can still be removed.
    expect(unknown.$('input[name="country"][value="Narnia"]').is(':checked')).toBe(true);
    expect(unknown.$('.chip').attr('href')).toBe('/');
  });

  it('is served with a content security policy that allows only its own scripts', async () => {
    const { headers, $ } = await page('/');
    expect(headers.get('content-security-policy')).toContain("script-src 'self'");
    const scripts = $('script').map((_, el) => $(el).attr('src')).get();
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatch(/^\/assets\/search\.js\?v=[0-9a-f]{12}$/);
    expect($('link[rel="stylesheet"]').attr('href')).toMatch(/^\/assets\/style\.css\?v=[0-9a-f]{12}$/);
    // Nothing is loaded from another origin.
    expect($('script[src^="http"], link[href^="http"], img, iframe, object, embed').length).toBe(0);
  });
});

describe('statement text cannot inject HTML', () => {
  it('escapes a hostile paragraph in search results: <mark> is the only markup', async () => {
    const { html, $ } = await page('/?q=zanzibarian');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect($('script').length).toBe(1);
    expect($('img').length).toBe(0);
    const hit = $('li.hit[data-paragraph="1"]');
    expect(hit.find('.hit-text').text()).toBe(HOSTILE_TEXT);
    expect(hit.find('.hit-text *').map((_, el) => el.tagName).get()).toEqual(['mark']);
    expect(hit.find('.hit-title').text()).toBe(HOSTILE_TITLE);
    // A javascript: source URL is never a link.
    expect($('a[href^="javascript:" i]').length).toBe(0);
    expect(hit.find('.source-link').length).toBe(0);
  });

  it('escapes it in the statement view, and shows the unsafe source URL as text only', async () => {
    const { html, $ } = await page('/statements/hostile_statement?p=1');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect($('#p1 .para-text').text()).toBe(HOSTILE_TEXT);
    expect($('h1').text()).toBe(HOSTILE_TITLE);
    expect($('title').text()).toBe(`${HOSTILE_TITLE} — Communiqué`);
    expect($('a[href^="javascript:" i]').length).toBe(0);
    expect($('.provenance').text()).toContain('javascript:alert(3)');
  });

  it('escapes a hostile query echoed back in the box, the title and the curl command', async () => {
    const q = `"x"><script>alert(4)</script>' Pakistan`;
    const { html, $ } = await page(`/?q=${encodeURIComponent(q)}`);
    expect(html).not.toContain('<script>alert(4)');
    expect($('#q').val()).toBe(q);
    expect($('#api-call').text()).not.toContain("'\"");
  });
});

describe('GET /statements/:id', () => {
  it('shows the whole statement with an anchor per paragraph and the matched one marked', async () => {
    const { $ } = await page(`/statements/${seedId}?p=7`);
    expect($('section.para').map((_, el) => $(el).attr('id')).get()).toEqual(Array.from({ length: 11 }, (_, i) => `p${i + 1}`));
    expect($('section.para.is-match').attr('id')).toBe('p7');
    expect($('#p7').attr('data-match')).toBe('');
    expect($('#p7 .para-num').attr('href')).toBe('#p7');
    expect($('#p7 .para-text').text()).toContain('During the third round');
  });

  it('gives its provenance: source, retrieval time, checksum', async () => {
    const { $ } = await page(`/statements/${seedId}`);
    const provenance = $('.provenance');
    expect(provenance.find('code').first().text()).toBe('corpus/000_f9833616b54a3226.txt');
    expect(provenance.find('.hash').text()).toMatch(/^[0-9a-f]{64}$/);
    expect(provenance.find('time').attr('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(provenance.find(`a[href="/v1/statements/${seedId}"]`).length).toBe(1);
    expect($('section.para.is-match').length).toBe(0);
  });

  it('links back to the search the reader came from', async () => {
    const response = await app.request(`/statements/${seedId}?p=1`, {
      headers: { referer: `http://localhost/?${phrase}` },
    });
    const $ = cheerio.load(await response.text());
    expect($('.crumbs a').attr('href')).toBe(`/?${phrase}`);
    const elsewhere = await app.request(`/statements/${seedId}`, { headers: { referer: 'https://example.org/?q=x' } });
    expect(cheerio.load(await elsewhere.text())('.crumbs a').attr('href')).toBe('/');
  });

  it('answers 404 with a page for an unknown statement', async () => {
    const { $ } = await page('/statements/no_such_statement', 404);
    expect($('[role="alert"]').text()).toContain('There is no statement at this address.');
  });
});

describe('GET /fragments/search (what the script swaps in)', () => {
  it('returns the histogram, facets and results regions, with the status text to announce', async () => {
    const { $ } = await page(`/fragments/search?${phrase}`);
    expect($('[data-region]').map((_, el) => el.attribs.id).get()).toEqual(['histogram', 'facets', 'results']);
    expect($('#results').attr('data-status')).toBe('2 paragraphs match.');
    expect(hitParagraphs($)).toEqual([1, 3]);
  });

  it('renders a refused search as a fragment too, with the problem code for the script', async () => {
    const { $ } = await page(`/fragments/search?q=${encodeURIComponent('"unserious')}`);
    expect($('#results').attr('data-problem')).toBe('INVALID_QUERY');
    expect($('#results').attr('data-status')).toMatch(/^The search cannot be run: unterminated phrase/);
  });
});

describe('GET /assets/:name', () => {
  it('serves the script and stylesheet, cached forever under their content hash', async () => {
    const { $ } = await page('/');
    const href = $('script').attr('src') ?? '';
    const response = await app.request(href);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toContain('immutable');
    const etag = response.headers.get('etag') ?? '';
    expect((await app.request(href, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await app.request('/assets/style.css')).headers.get('cache-control')).toBe('no-cache');
    expect((await app.request('/assets/../package.json')).status).toBe(404);
    expect((await app.request('/assets/secret.txt')).status).toBe(404);
  });
});
