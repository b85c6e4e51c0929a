/** A word of a text as the index sees it: lower-case, without diacritics, with its place in the text. */
export interface Token {
  term: string;
  start: number;
  end: number;
}

// Letters, digits and combining marks make words; everything else (spaces, hyphens,
// straight and typographic apostrophes) separates them, as in FTS5's unicode61 tokenizer.
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const MARKS = /\p{M}/gu;
const NON_ASCII = /[^\x00-\x7f]/;

/** Folds one word the way the index does: NFD, marks removed, lower case. An ASCII word (most of them) only needs the lower case. */
export function foldTerm(word: string): string {
  return NON_ASCII.test(word) ? word.normalize('NFD').replace(MARKS, '').toLowerCase() : word.toLowerCase();
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
