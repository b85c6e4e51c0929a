import { describe, expect, it } from 'vitest';
import { toFacetCounts } from '../../../src/engine/meili/facets.js';

describe('toFacetCounts', () => {
  it('lists the most frequent values first, ties by value', () => {
    expect(toFacetCounts({ TR: 2, AF: 5, QA: 2, PK: 9 })).toEqual([
      { value: 'PK', count: 9 },
      { value: 'AF', count: 5 },
      { value: 'QA', count: 2 },
      { value: 'TR', count: 2 },
    ]);
  });

  it('orders ties by code point, not locale', () => {
    expect(toFacetCounts({ b: 1, B: 1, a: 1 }).map((c) => c.value)).toEqual(['B', 'a', 'b']);
  });

  it('gives an empty list for a facet Meilisearch left out', () => {
    expect(toFacetCounts(undefined)).toEqual([]);
  });
});
