/**
 * Consecutive groups of `items` whose weights add up to at most `size`; an item heavier than
 * `size` goes alone rather than being split, so a statement's paragraphs stay in one write.
 *
 * @example batches([1, 2, 3, 4, 5], 2) // [[1, 2], [3, 4], [5]]
 * @example batches(statements, 1000, (s) => s.documents.length)
 */
export function batches<T>(items: readonly T[], size: number, weight: (item: T) => number = () => 1): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size must be a positive integer, got ${size}`);
  const groups: T[][] = [];
  let current: T[] = [];
  let load = 0;
  for (const item of items) {
    const w = weight(item);
    if (current.length > 0 && load + w > size) {
      groups.push(current);
      current = [];
      load = 0;
    }
    current.push(item);
    load += w;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
