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

/**
 * `text.charCodeAt(i)`, called through the prototype. Strings come in a dozen shapes (sliced,
 * two-byte, internalized, ...), so `text.charCodeAt` is a megamorphic property look-up that
 * V8 cannot optimise away: done per character, it made tokenizing several times slower.
 */
const charCodeAt = Function.prototype.call.bind(String.prototype.charCodeAt) as (text: string, index: number) => number;

const APOSTROPHE = 0x27;
// ‘ ’ and ` are read as '. Compared directly: a Set look-up per token cost more than the rest of its test.
const isApostrophe = (code: number): boolean => code === 0x2019 || code === 0x2018 || code === 0x60;

/**
 * The tokens of a text as offsets, for matching gazetteers against prose. Hyphens and dashes
 * only separate words, so "Guinea-Bissau" matches "Guinea Bissau" and "U.S.-India" yields U.S.
 * and India; every other mark is a token of its own, so "U.S." is four tokens. No object or
 * string is made per token: most are never looked up, and making them was most of the cost
 * of annotating a paragraph. A key is made when a matcher asks for it, then kept.
 */
export class Tokens {
  /** Where each token starts and ends in `text`. */
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  readonly #keys: string[] = [];

  constructor(readonly text: string) {
    const cls = charClasses();
    const { starts, ends } = this;
    const length = text.length;
    let i = 0;
    while (i < length) {
      const c = cls[charCodeAt(text, i)];
      if (c === WORD) {
        starts.push(i);
        i += 1;
        while (i < length && cls[charCodeAt(text, i)] === WORD) i += 1;
        ends.push(i);
        continue;
      }
      if (c === MARK) {
        starts.push(i);
        ends.push(i + 1);
      }
      i += 1;
    }
  }

  get length(): number {
    return this.starts.length;
  }

  /** Token `i` as written, except that typographic apostrophes become `'`. */
  key(i: number): string {
    let key = this.#keys[i];
    if (key === undefined) {
      const start = this.starts[i]!;
      // Apostrophes are marks, so a token of one.
      key = isApostrophe(charCodeAt(this.text, start)) ? "'" : this.text.slice(start, this.ends[i]);
      this.#keys[i] = key;
    }
    return key;
  }

  /** The first code unit of `key(i)`, without making the key. */
  firstCode(i: number): number {
    const code = charCodeAt(this.text, this.starts[i]!);
    return isApostrophe(code) ? APOSTROPHE : code;
  }
}

/** The same tokens as objects, for the few texts that are not prose: gazetteer phrases and look-ups. */
export function tokenize(text: string): Token[] {
  const tokens = new Tokens(text);
  return tokens.starts.map((start, i) => ({ key: tokens.key(i), start, end: tokens.ends[i]! }));
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
