import { tokenize, Tokens } from './tokens.js';
import { AppError } from '../../src/errors.js';

/** One phrase found in a text: the value it stands for and where it is. */
export interface PhraseMatch<V> {
  value: V;
  start: number;
  end: number;
}

interface TrieNode<V> {
  next: Map<string, TrieNode<V>>;
  /** Set when a phrase ends here; `null` marks a phrase that is known not to be a mention. */
  entry?: { value: V | null };
}

/** Where a token falls in `#firsts`: from its key's first code unit and length. */
const slot = (firstCode: number, length: number): number => (firstCode * 31 + length) & 0xffff;

/**
 * Finds gazetteer phrases in text with a token trie: one pass over the tokens, whatever
 * the size of the gazetteer. The longest phrase starting at a token wins and the scan
 * resumes after it, so "Papua New Guinea" never also yields "Guinea".
 */
export class PhraseMatcher<V> {
  readonly #root: TrieNode<V> = { next: new Map() };
  /**
   * 1 at the `slot` of every phrase's first token. Most tokens of prose ("the", "of", ",") are
   * no phrase's first token, and this tells most of them apart far more cheaply than a map
   * look-up; a slot two tokens share only costs that look-up.
   */
  readonly #firsts = new Uint8Array(0x10000);

  /** Adds a phrase; `null` blocks its shorter sub-phrases (a "notCountries" entry). */
  add(phrase: string, value: V | null): void {
    const tokens = tokenize(phrase);
    if (tokens.length === 0) return;
    const first = tokens[0]!.key;
    this.#firsts[slot(first.charCodeAt(0), first.length)] = 1;
    let node = this.#root;
    for (const { key } of tokens) {
      let child = node.next.get(key);
      if (!child) {
        child = { next: new Map() };
        node.next.set(key, child);
      }
      node = child;
    }
    if (node.entry && node.entry.value !== value) {
      throw new AppError('INVALID_CONFIG', `gazetteer phrase "${phrase}" names both ${String(node.entry.value)} and ${String(value)}`);
    }
    node.entry = { value };
  }

  /** All mentions in order of appearance. */
  match(text: string): PhraseMatch<V>[] {
    return this.matchTokens(new Tokens(text));
  }

  matchTokens(tokens: Tokens): PhraseMatch<V>[] {
    const found: PhraseMatch<V>[] = [];
    const firsts = this.#firsts;
    const root = this.#root.next;
    let i = 0;
    while (i < tokens.length) {
      if (firsts[slot(tokens.firstCode(i), tokens.ends[i]! - tokens.starts[i]!)] === 0) {
        i += 1;
        continue;
      }
      let node = root.get(tokens.key(i));
      let best: { value: V | null; last: number } | null = null;
      for (let j = i; node; ) {
        if (node.entry) best = { value: node.entry.value, last: j };
        j += 1;
        node = j < tokens.length ? node.next.get(tokens.key(j)) : undefined;
      }
      if (!best) {
        i += 1;
        continue;
      }
      if (best.value !== null) {
        found.push({ value: best.value, start: tokens.starts[i]!, end: tokens.ends[best.last]! });
      }
      i = best.last + 1;
    }
    return found;
  }
}
