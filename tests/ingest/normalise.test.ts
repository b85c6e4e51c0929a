import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normaliseParagraph, splitParagraphs } from '../../ingest/normalise.js';
import { seedPath } from '../helpers/seed.js';

describe('splitParagraphs', () => {
  it('gives the seed statement its 11 paragraphs, ignoring the trailing blank lines', () => {
    const paragraphs = splitParagraphs(readFileSync(seedPath, 'utf8'));
    expect(paragraphs).toHaveLength(11);
    expect(paragraphs[0]).toMatch(/^The Foreign Office has stated that during the talks/);
    expect(paragraphs[10]).toMatch(/determined to uproot this menace together\.$/);
  });

  it.each([
    ['one a line', 'First.\nSecond.\n', ['First.', 'Second.']],
    ['blank-line blocks, hard-wrapped', 'First line\nwrapped.\n\nSecond\nwrapped.\n', ['First line wrapped.', 'Second wrapped.']],
    ['one a line with a stray blank line', 'First.\nSecond.\n\nThird.\nFourth.', ['First.', 'Second.', 'Third.', 'Fourth.']],
    ['a wrap that a blank line ends', 'Mr. President, ladies and\ngentlemen,\n\nWe meet', ['Mr. President, ladies and gentlemen,', 'We meet']],
    ['a sentence ending in a closing quote', 'He said “no.”\nThen left.', ['He said “no.”', 'Then left.']],
    ['Windows line ends', 'First.\r\n\r\nSecond.\r\n', ['First.', 'Second.']],
    ['only blank lines', '\n\n \n', []],
  ])('splits %s', (_, text, expected) => {
    expect(splitParagraphs(text)).toEqual(expected);
  });
});

describe('normaliseParagraph', () => {
  it.each([
    ['composes to NFC', 'Türkiye'.normalize('NFD'), 'Türkiye'],
    ['collapses whitespace and no-break spaces', '  Doha\u00a0 and\tIstanbul ', 'Doha and Istanbul'],
    ['drops zero-width characters', 'Tali\u200bban\ufeff', 'Taliban'],
    ['keeps typographic quotes as written', 'Pakistan’s “response”', 'Pakistan’s “response”'],
    ['drops soft hyphens, then collapses the spaces around them', 'Istanbul \u00ad talks', 'Istanbul talks'],
    ['collapses typographic spaces', 'third\u2009round\u3000of\u202ftalks', 'third round of talks'],
    ['trims a Latin-1 paragraph that needs nothing else', ' Doha, Qatar. ', 'Doha, Qatar.'],
  ])('%s', (_, input, expected) => {
    expect(normaliseParagraph(input)).toBe(expected);
  });

  // The steps spelled out once, as they were before paragraphs that need no step skipped them.
  const stepByStep = (text: string): string =>
    text
      .normalize('NFC')
      .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
      .replace(/[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/gu, ' ')
      .trim();

  it('gives what the steps give, for every UTF-16 code unit alone, doubled, between spaces and after a letter', () => {
    const differing: string[] = [];
    for (let code = 0; code < 0x10000; code += 1) {
      const c = String.fromCharCode(code);
      for (const text of [`a${c}b`, `a${c}${c}b`, `a ${c} b`, `${c}a${c}`, `e${c}`]) {
        if (normaliseParagraph(text) !== stepByStep(text)) differing.push(`U+${code.toString(16).padStart(4, '0')} in ${JSON.stringify(text)}`);
      }
    }
    expect(differing).toEqual([]);
  });

  it('leaves every pair of Latin-1 characters as NFC has it, which lets such text skip normalising', () => {
    const differing: string[] = [];
    for (let a = 0; a < 0x100; a += 1) {
      for (let b = 0; b < 0x100; b += 1) {
        const text = `x${String.fromCharCode(a, b)}x`;
        if (normaliseParagraph(text) !== stepByStep(text)) differing.push(JSON.stringify(text));
      }
    }
    expect(differing).toEqual([]);
  });
});
