import { describe, expect, it } from 'vitest';
import { markText } from '../../../src/engine/embedded/highlight.js';

const match = (exact: string[], prefixes: string[] = [], sequences: { terms: string[]; prefixLast: boolean }[] = []) => ({
  exact: new Set(exact),
  prefixes,
  sequences,
});

describe('highlight', () => {
  it('marks a phrase as one span', () => {
    const text = 'disrupted the atmosphere with unserious statements and accusations';
    const { highlighted } = markText(text, match([], [], [{ terms: ['unserious', 'statements'], prefixLast: false }]));
    expect(highlighted).toBe('disrupted the atmosphere with <mark>unserious statements</mark> and accusations');
  });

  it('marks words matched by prefix and across typographic apostrophes', () => {
    const text = 'Pakistan’s response at the Torkham border';
    const { highlighted } = markText(text, match(['pakistan'], ['torkh']));
    expect(highlighted).toBe('<mark>Pakistan</mark>&#39;s response at the <mark>Torkham</mark> border'.replace('&#39;', '’'));
  });

  it('escapes markup in the text so that <mark> is the only markup', () => {
    const text = '<script>alert("x")</script> & Doha';
    const { highlighted, snippet } = markText(text, match(['doha']));
    expect(highlighted).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <mark>Doha</mark>');
    expect(snippet).toBe(highlighted);
  });

  it('crops a long text around the first match, with ellipses where it was cut', () => {
    const words = Array.from({ length: 100 }, (_, i) => `w${i}`);
    words[60] = 'ceasefire';
    const text = words.join(' ');
    const out = markText(text, match(['ceasefire']), 30).snippet;
    expect(out.startsWith('…')).toBe(true);
    expect(out.endsWith('…')).toBe(true);
    expect(out).toContain('<mark>ceasefire</mark>');
    expect(out.split(' ').length).toBeLessThanOrEqual(30);
  });
});
