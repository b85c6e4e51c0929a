import { describe, expect, it } from 'vitest';
import { toMeiliSettings } from '../../../src/engine/meili/settings.js';
import { loadIndexSettings, type IndexSettings } from '../../../src/engine/settings.js';

const fileSettings = loadIndexSettings();

describe('toMeiliSettings', () => {
  const meili = toMeiliSettings(fileSettings);

  it.each([
    'searchableAttributes',
    'displayedAttributes',
    'sortableAttributes',
    'rankingRules',
    'stopWords',
    'synonyms',
    'typoTolerance',
    'pagination',
  ] as const)('passes %s through as the file says', (key) => {
    expect(meili[key]).toEqual(fileSettings[key]);
  });

  it('keeps maxValuesPerFacet and cuts facets by count', () => {
    expect(meili.faceting).toEqual({ maxValuesPerFacet: fileSettings.faceting.maxValuesPerFacet, sortFacetValuesBy: { '*': 'count' } });
  });

  it('keeps every filterable attribute of the file', () => {
    expect(meili.filterableAttributes).toEqual(expect.arrayContaining(fileSettings.filterableAttributes));
  });

  it('adds the filters the adapter needs, once', () => {
    const minimal: IndexSettings = { ...fileSettings, filterableAttributes: ['countries', 'statementId'] };
    expect(toMeiliSettings(minimal).filterableAttributes).toEqual(['countries', 'statementId', 'paragraph']);
  });

  it('sends the keys of the settings file and nothing else', () => {
    const known = ['searchableAttributes', 'displayedAttributes', 'filterableAttributes', 'sortableAttributes', 'rankingRules', 'stopWords', 'synonyms', 'typoTolerance', 'faceting', 'pagination'];
    expect(Object.keys(meili).sort()).toEqual([...known].sort());
  });

  it('does not change the settings it was given', () => {
    const copy = structuredClone(fileSettings);
    toMeiliSettings(fileSettings);
    expect(fileSettings).toEqual(copy);
  });
});
