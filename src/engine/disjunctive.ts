import type { EngineFilters, EngineQuery, FacetField } from '../schema/query.js';

type SelectionKey = 'countries' | 'groups' | 'talks' | 'rounds' | 'roundNumbers' | 'issuers' | 'speakers';

/** The filters that select values of each facet; the date facets have none (`from`/`to` are ranges, not selections). */
const selectionOf: Partial<Record<FacetField, SelectionKey[]>> = {
  countries: ['countries'],
  groups: ['groups'],
  talks: ['talks'],
  rounds: ['rounds', 'roundNumbers'],
  issuer: ['issuers'],
  speaker: ['speakers'],
};

/**
 * The filters without one facet's own selection. Counting a facet under these shows what
 * choosing another of its values would add (selecting Qatar still shows Turkey's count),
 * while every other facet's selection still narrows it.
 */
export function withoutSelection(filters: EngineFilters, facet: FacetField): EngineFilters {
  const cleared: EngineFilters = { ...filters };
  for (const key of selectionOf[facet] ?? []) cleared[key] = [];
  return cleared;
}

/** Whether the query selects values of this facet, so that its counts need the filters without that selection. */
export function isSelected(filters: EngineFilters, facet: FacetField): boolean {
  return (selectionOf[facet] ?? []).some((key) => filters[key].length > 0);
}

/** The query's facets split into those counted under all its filters and those it selects values of. */
export function splitFacets(query: EngineQuery): { own: FacetField[]; selected: FacetField[] } {
  const selected = query.facets.filter((facet) => isSelected(query.filters, facet));
  return { own: query.facets.filter((facet) => !selected.includes(facet)), selected };
}
