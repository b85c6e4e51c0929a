/** A word, number or punctuation mark of a text, with its offsets in that text. */
export interface Token {
  /** The token as written, except that typographic apostrophes become `'`. */
  key: string;
  start: number;
  end: number;
}

// Spaces, hyphens and dashes separate words and are no tokens themselves.
const SEPARATOR = 0;
const WORD = 1;
const MARK = 2;

let classes: Uint8Array | undefined;

/**
 * The class of every UTF-16 code unit, computed once (~10 ms): tokenizing is most of the
 * work of matching gazetteers, and a table lookup per character is what makes it cheap.
 * Surrogate halves only occur in astral letters and symbols; as letters they keep a pair together.
 */
function charClasses(): Uint8Array {
  if (!classes) {
    classes = new Uint8Array(0x10000);
    for (let code = 0; code < 0x10000; code += 1) {
      const c = String.fromCharCode(code);
      if (/[\p{L}\p{M}\p{N}]/u.test(c) || (code >= 0xd800 && code <= 0xdfff)) classes[code] = WORD;
      else if (/\s/u.test(c) || code === 0x2d || (code >= 0x2010 && code <= 0x2015)) classes[code] = SEPARATOR;
      else classes[code] = MARK;
    }
  }
  return classes;
}

const APOSTROPHES = new Set([0x2018, 0x2019, 0x60]);

/**
 * Splits text into tokens; names are matched as sequences of these. Hyphens and dashes only
 * separate words, so "Guinea-Bissau" matches "Guinea Bissau" and "U.S.-India" yields U.S. and
 * India; every other mark is a token of its own, so "U.S." is four tokens.
 */
export function tokenize(text: string): Token[] {
  const cls = charClasses();
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (cls[code] === WORD) {
      const start = i;
      i += 1;
      while (i < text.length && cls[text.charCodeAt(i)] === WORD) i += 1;
      tokens.push({ key: text.slice(start, i), start, end: i });
      continue;
    }
    if (cls[code] === MARK) tokens.push({ key: APOSTROPHES.has(code) ? "'" : text[i]!, start: i, end: i + 1 });
    i += 1;
  }
  return tokens;
}

/**
 * A case- and accent-insensitive form of a name for exact look-ups typed by people
 * (`resolveCountry('turkiye')`), with the same token boundaries the matcher uses.
 * @example lookupKey('Côte d’Ivoire') === lookupKey("cote d'ivoire")
 */
export function lookupKey(name: string): string {
  const plain = name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return tokenize(plain)
    .map((t) => t.key)
    .join(' ');
}
