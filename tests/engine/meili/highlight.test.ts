import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../src/engine/escape-html.js';
import { cropAroundFirstMatch, postTag, preTag, renderHighlights, toMarkedHtml } from '../../../src/engine/meili/highlight.js';

/** Meilisearch's `_formatted` output for a text with `words` marked. */
const mark = (text: string, ...words: string[]): string =>
  words.reduce((out, word) => out.replaceAll(word, `${preTag}${word}${postTag}`), text);

const crop = { words: 30, marker: '…' };
const numbered = (n: number): string => Array.from({ length: n }, (_, i) => `w${i + 1}`).join(' ');

describe('escapeHtml', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['Tom & Jerry', 'Tom &amp; Jerry'],
    [`"double" and 'single'`, '&quot;double&quot; and &#39;single&#39;'],
    ['&amp; already', '&amp;amp; already'],
    ['plain', 'plain'],
  ])('escapes %j', (text, expected) => {
    expect(escapeHtml(text)).toBe(expected);
  });
});

describe('toMarkedHtml', () => {
  it.each([
    ['a match', mark('talks in Doha', 'Doha'), 'talks in <mark>Doha</mark>'],
    ['markup inside a match', `${preTag}<b>${postTag} & c`, '<mark>&lt;b&gt;</mark> &amp; c'],
    [
      'a script around a match',
      mark('<script>alert("Doha")</script>', 'Doha'),
      '&lt;script&gt;alert(&quot;<mark>Doha</mark>&quot;)&lt;/script&gt;',
    ],
    ['quotes and ampersands', mark(`"Pakistan" & 'Qatar'`, 'Qatar'), `&quot;Pakistan&quot; &amp; &#39;<mark>Qatar</mark>&#39;`],
    ['no match', 'nothing marked', 'nothing marked'],
  ])('%s', (_name, formatted, expected) => {
    expect(toMarkedHtml(formatted)).toBe(expected);
  });

  it('leaves <mark> the only markup', () => {
    const html = toMarkedHtml(mark('<img src=x onerror=alert(1)> Doha <mark>fake</mark>', 'Doha'));
    expect(html.match(/<[^>]*>/g)).toEqual(['<mark>', '</mark>']);
  });
});

describe('cropAroundFirstMatch', () => {
  it('returns a short text whole', () => {
    const text = mark('the third round in Doha', 'Doha');
    expect(cropAroundFirstMatch(text, 30, '…')).toBe(text);
  });

  it('opens the text when nothing matched', () => {
    expect(cropAroundFirstMatch(numbered(40), 5, '…')).toBe('w1 w2 w3 w4 w5…');
  });

  it('puts a third of the window before the first match', () => {
    expect(cropAroundFirstMatch(mark(numbered(40), 'w20'), 6, '…')).toBe(`…w18 w19 ${preTag}w20${postTag} w21 w22 w23…`);
  });

  it('keeps the window inside the text near its end', () => {
    expect(cropAroundFirstMatch(mark(numbered(40), 'w40'), 4, '…')).toBe(`…w37 w38 w39 ${preTag}w40${postTag}`);
  });

  it('closes a mark that the window cuts', () => {
    const words = numbered(20).split(' ');
    words[5] = `${preTag}${words[5]}`;
    words[12] = `${words[12]}${postTag}`;
    expect(cropAroundFirstMatch(words.join(' '), 4, '…')).toBe(`…w5 ${preTag}w6 w7 w8${postTag}…`);
  });
});

describe('renderHighlights', () => {
  it('gives the whole text and a snippet, both escaped and marked', () => {
    const text = `${numbered(40)} <Doha> & more`;
    const result = renderHighlights(text, mark(text, 'Doha'), crop);
    expect(result.highlighted).toBe(`${numbered(40)} &lt;<mark>Doha</mark>&gt; &amp; more`);
    expect(result.snippet.startsWith('…w')).toBe(true);
    expect(result.snippet).toContain('&lt;<mark>Doha</mark>&gt; &amp; more');
  });

  it('falls back to the plain text when Meilisearch sent no formatted text', () => {
    expect(renderHighlights('a < b', undefined, crop)).toEqual({ highlighted: 'a &lt; b', snippet: 'a &lt; b' });
  });

  it('does not mistake tag characters in the text itself for matches', () => {
    const text = `forged ${preTag}mark${postTag} and Doha`;
    const result = renderHighlights(text, mark(text, 'Doha'), crop);
    expect(result.highlighted).toBe('forged mark and Doha');
    expect(result.highlighted).not.toContain('<mark>');
  });
});
