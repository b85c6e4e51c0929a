/**
 * The first `k` items of `0..n-1` in `compare` order, sorted: a bounded heap keeps the k best
 * seen so far, so a page of 20 out of 20,000 matches costs one pass, not a full sort.
 */
export function topK(n: number, k: number, compare: (a: number, b: number) => number): number[] {
  if (k <= 0) return [];
  if (k * 4 >= n) return Array.from({ length: n }, (_, i) => i).sort(compare).slice(0, k);
  // A max-heap on `compare`: its root is the worst of the k kept.
  const heap: number[] = [];
  const worse = (a: number, b: number): boolean => compare(a, b) > 0;
  const siftUp = (i: number): void => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(heap[i] ?? 0, heap[parent] ?? 0)) return;
      [heap[i], heap[parent]] = [heap[parent] ?? 0, heap[i] ?? 0];
      i = parent;
    }
  };
  const siftDown = (i: number): void => {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let largest = i;
      if (left < heap.length && worse(heap[left] ?? 0, heap[largest] ?? 0)) largest = left;
      if (right < heap.length && worse(heap[right] ?? 0, heap[largest] ?? 0)) largest = right;
      if (largest === i) return;
      [heap[i], heap[largest]] = [heap[largest] ?? 0, heap[i] ?? 0];
      i = largest;
    }
  };
  for (let item = 0; item < n; item += 1) {
    if (heap.length < k) {
      heap.push(item);
      siftUp(heap.length - 1);
    } else if (worse(heap[0] ?? 0, item)) {
      heap[0] = item;
      siftDown(0);
    }
  }
  return heap.sort(compare);
}
