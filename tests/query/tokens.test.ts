import { describe, expect, it } from 'vitest';
import { foldTerm, terms, tokenize } from '../../src/query/tokens.js';

describe('foldTerm', () => {
  it.each([
    ['Ceasefire', 'ceasefire'],
    ['Café', 'cafe'],
    ['cafe\u0301', 'cafe'],
    ['Türkiye', 'turkiye'],
    ['Ụ̈', 'u'],
    ['ΛΌΓΟΣ', 'λόγοσ'],
    ['λόγος', 'λόγοσ'],
    ['Straße', 'straße'],
    ['ıslak', 'ıslak'],
    ['नमस्ते', 'नमस्ते'],
    ['मंत्रालय', 'मंत्रालय'],
    ['السَّلَامُ', 'السَّلَامُ'],
    ['שָׁלוֹם', 'שָׁלוֹם'],
    ['ไม่', 'ไม่'],
  ])('folds %s to %s, as the index does', (word, folded) => {
    expect(foldTerm(word)).toBe(folded);
  });
});

describe('tokenize', () => {
  it('keeps combining marks inside their word (Devanagari and Arabic words were split at every mark)', () => {
    const text = 'नमस्ते दुनिया मंत्रालय. السَّلَامُ عَلَيْكُمْ';
    expect(tokenize(text).map(({ start, end }) => text.slice(start, end))).toEqual(['नमस्ते', 'दुनिया', 'मंत्रालय', 'السَّلَامُ', 'عَلَيْكُمْ']);
  });

  it('drops a removable mark that stands alone instead of making an empty word', () => {
    expect(terms('a \u0301 b')).toEqual(['a', 'b']);
  });
});
