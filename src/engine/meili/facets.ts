import type { FacetCount } from '../../schema/query.js';

/** Most frequent first; ties by value in code-point order, so both engines list them alike. */
export function byCountThenValue(a: FacetCount, b: FacetCount): number {
  return b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
}

/**
 * One facet's `facetDistribution` entry as sorted counts; a facet with no values in the
 * matches is absent from Meilisearch's answer and becomes an empty list.
 */
export function toFacetCounts(distribution: Record<string, number> | undefined): FacetCount[] {
  return Object.entries(distribution ?? {})
    .map(([value, count]) => ({ value, count }))
    .sort(byCountThenValue);
}
