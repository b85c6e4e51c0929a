import { describe, expect, it } from 'vitest';
import { topK } from '../../../src/engine/embedded/top-k.js';

/** A repeatable pseudo-random sequence, so a failure can be replayed. */
function values(n: number, seed: number): number[] {
  let x = seed;
  return Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % 50;
  });
}

describe('topK', () => {
  it.each([
    [1000, 20, 1],
    [1000, 1, 2],
    [1000, 300, 3],
    [50, 50, 4],
    [5, 20, 5],
    [0, 20, 6],
  ])('gives the first k of %i items (k=%i) as a full sort would, ties included', (n, k, seed) => {
    const scores = values(n, seed);
    const compare = (a: number, b: number) => (scores[a] ?? 0) - (scores[b] ?? 0) || a - b;
    const sorted = Array.from({ length: n }, (_, i) => i).sort(compare).slice(0, k);
    expect(topK(n, k, compare)).toEqual(sorted);
  });

  it('gives nothing for k = 0', () => {
    expect(topK(10, 0, (a, b) => a - b)).toEqual([]);
  });
});
