import { describe, expect, it } from 'vitest';
import { batches } from '../../../src/engine/meili/batches.js';

describe('batches', () => {
  it.each([
    [[1, 2, 3, 4, 5], 2, [[1, 2], [3, 4], [5]]],
    [[1, 2, 3, 4], 2, [[1, 2], [3, 4]]],
    [[1, 2, 3], 10, [[1, 2, 3]]],
    [[1], 1, [[1]]],
    [[], 3, []],
  ])('splits %j by %i into %j', (items, size, expected) => {
    expect(batches(items, size)).toEqual(expected);
  });

  it('packs by weight without splitting an item', () => {
    const statements = [
      { id: 'a', paragraphs: 3 },
      { id: 'b', paragraphs: 2 },
      { id: 'c', paragraphs: 4 },
      { id: 'd', paragraphs: 1 },
    ];
    const groups = batches(statements, 5, (s) => s.paragraphs).map((group) => group.map((s) => s.id));
    expect(groups).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('sends an item heavier than the batch alone', () => {
    const groups = batches([1, 7, 1, 1], 3, (n) => n);
    expect(groups).toEqual([[1], [7], [1, 1]]);
  });

  it('keeps every item once, in order', () => {
    const items = Array.from({ length: 2503 }, (_, i) => i);
    const groups = batches(items, 1000);
    expect(groups.map((g) => g.length)).toEqual([1000, 1000, 503]);
    expect(groups.flat()).toEqual(items);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses the batch size %s', (size) => {
    expect(() => batches([1], size)).toThrow(RangeError);
  });
});
