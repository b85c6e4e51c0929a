/** A word of a text as the index sees it: case-folded, without Latin diacritics, with its place in the text. */
export interface Token {
  term: string;
  start: number;
  end: number;
}

// Letters, digits, private-use characters and combining marks make words, as in the index's tokenizer
// (FTS5 unicode61, categories 'L* N* Co M*'); everything else (spaces, hyphens, straight and typographic
// apostrophes) separates them. Marks must join words: Devanagari vowel signs and Arabic harakat are marks.
const WORD = /[\p{L}\p{N}\p{Co}\p{M}]+/gu;
// The only combining marks that unicode61's remove_diacritics 2 deletes (measured on SQLite 3.53 over every
// code point). It keeps all others in the word: Devanagari signs, Arabic harakat, Hebrew points, Thai marks.
const REMOVED_MARKS = /[\u0300-\u0304\u0306-\u030c\u030f\u0311\u031b\u0323-\u0328\u032d\u032e\u0330\u0331]/gu;
const NON_ASCII = /[^\x00-\x7f]/;
const ASCII_CHAR = /^[\x00-\x7f]$/;
// The lower-case letters that Unicode case folding, which unicode61 applies, maps to another letter
// (CaseFolding.txt as of Unicode 6.1, SQLite's tables); toLowerCase leaves them as they are.
const CASE_FOLDS = new Map([
  ['\u00b5', '\u03bc'], // micro sign µ → μ
  ['\u017f', 's'], // long s ſ
  ['\u0345', '\u03b9'], // combining ypogegrammeni → ι
  ['\u03c2', '\u03c3'], // final sigma ς → σ
  ['\u03d0', '\u03b2'],
  ['\u03d1', '\u03b8'],
  ['\u03d5', '\u03c6'],
  ['\u03d6', '\u03c0'],
  ['\u03f0', '\u03ba'],
  ['\u03f1', '\u03c1'],
  ['\u03f5', '\u03b5'],
  ['\u1e9b', '\u1e61'], // long s with dot above → ṡ
  ['\u1fbe', '\u03b9'], // Greek prosgegrammeni → ι
]);

// Characters are folded one by one, as unicode61 folds them; a text repeats few distinct characters.
const foldedChars = new Map<string, string>();

/**
 * One character as unicode61 folds it: case folded (final ς is σ), then a letter that is an ASCII
 * letter with removable diacritics (é, ệ) becomes that ASCII letter; other precomposed letters
 * (Greek ό, Cyrillic й) are kept whole, and the removable marks are dropped.
 */
function foldChar(char: string): string {
  const known = foldedChars.get(char);
  if (known !== undefined) return known;
  const lower = CASE_FOLDS.get(char) ?? char.toLowerCase();
  const base = lower.normalize('NFD').replace(REMOVED_MARKS, '');
  const folded = ASCII_CHAR.test(base) ? base : lower.replace(REMOVED_MARKS, '');
  foldedChars.set(char, folded);
  return folded;
}

/**
 * Folds one word the way the index does, so that a word typed as it is written in a text finds it.
 * An ASCII word (most of them) only needs the lower case.
 * @example foldTerm('Café') === 'cafe'; foldTerm('नमस्ते') === 'नमस्ते'
 */
export function foldTerm(word: string): string {
  if (!NON_ASCII.test(word)) return word.toLowerCase();
  let folded = '';
  for (const char of word) folded += foldChar(char);
  return folded;
}

/** Splits text into index terms with their character offsets. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const term = foldTerm(match[0]);
    if (term.length > 0) tokens.push({ term, start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/** The terms of a text, without offsets. */
export const terms = (text: string): string[] => tokenize(text).map((token) => token.term);
