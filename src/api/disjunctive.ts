import type { ApiFacet } from '../schema/api.js';
import type { EngineFilters } from '../schema/query.js';

/**
 * The filters without one facet's own selection. Counting a facet under these shows what
 * choosing another of its values would add (selecting Qatar still shows Turkey's count),
 * while every other facet's selection still narrows it.
 */
export function withoutFacet(filters: EngineFilters, facet: ApiFacet): EngineFilters {
  switch (facet) {
    case 'country':
      return { ...filters, countries: [] };
    case 'group':
      return { ...filters, groups: [] };
    case 'talks':
      return { ...filters, talks: [] };
    case 'round':
      return { ...filters, rounds: [], roundNumbers: [] };
    case 'issuer':
      return { ...filters, issuers: [] };
    case 'speaker':
      return { ...filters, speakers: [] };
    case 'year':
      return filters;
  }
}

/** Whether the request narrows by this facet, so that its counts need a query of their own. */
export function isSelected(filters: EngineFilters, facet: ApiFacet): boolean {
  return JSON.stringify(withoutFacet(filters, facet)) !== JSON.stringify(filters);
}
