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
  ])('%s', (_, input, expected) => {
    expect(normaliseParagraph(input)).toBe(expected);
  });
});
