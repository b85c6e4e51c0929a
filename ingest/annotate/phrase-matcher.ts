import { tokenize, type Token } from './tokens.js';
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

/**
 * Finds gazetteer phrases in text with a token trie: one pass over the tokens, whatever
 * the size of the gazetteer. The longest phrase starting at a token wins and the scan
 * resumes after it, so "Papua New Guinea" never also yields "Guinea".
 */
export class PhraseMatcher<V> {
  readonly #root: TrieNode<V> = { next: new Map() };

  /** Adds a phrase; `null` blocks its shorter sub-phrases (a "notCountries" entry). */
  add(phrase: string, value: V | null): void {
    const tokens = tokenize(phrase);
    if (tokens.length === 0) return;
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
    return this.matchTokens(tokenize(text));
  }

  matchTokens(tokens: readonly Token[]): PhraseMatch<V>[] {
    const found: PhraseMatch<V>[] = [];
    let i = 0;
    while (i < tokens.length) {
      let node = this.#root.next.get(tokens[i]!.key);
      let best: { value: V | null; last: number } | null = null;
      for (let j = i; node; ) {
        if (node.entry) best = { value: node.entry.value, last: j };
        j += 1;
        const next = tokens[j];
        node = next ? node.next.get(next.key) : undefined;
      }
      if (!best) {
        i += 1;
        continue;
      }
      if (best.value !== null) {
        found.push({ value: best.value, start: tokens[i]!.start, end: tokens[best.last]!.end });
      }
      i = best.last + 1;
    }
    return found;
  }
}
