import { describe, expect, it } from 'vitest';
import { isSelected, splitFacets, withoutSelection } from '../../src/engine/disjunctive.js';
import { noFilters, type EngineQuery } from '../../src/schema/query.js';

const filters = { ...noFilters(), countries: ['QA'], rounds: ['AF-PK-talks:3'], roundNumbers: [2], from: 20251101, to: null };

describe('disjunctive facet counts', () => {
  it('clears only the facet’s own selection', () => {
    expect(withoutSelection(filters, 'countries')).toEqual({ ...filters, countries: [] });
    expect(withoutSelection(filters, 'rounds')).toEqual({ ...filters, rounds: [], roundNumbers: [] });
  });

  it('keeps date ranges: the date facets have no selection to clear', () => {
    expect(withoutSelection(filters, 'year')).toEqual(filters);
    expect(isSelected(filters, 'year')).toBe(false);
  });

  it('splits the facets of a query into those it selects values of and the others', () => {
    const query: EngineQuery = { q: '', filters, sort: 'relevance', offset: 0, limit: 20, facets: ['countries', 'groups', 'rounds', 'year'] };
    expect(splitFacets(query)).toEqual({ own: ['groups', 'year'], selected: ['countries', 'rounds'] });
  });
});
