import type { Settings } from 'meilisearch';
import type { IndexSettings } from '../settings.js';

/**
 * Filters the adapter itself issues, whatever the settings file says: `statementId` to replace,
 * delete and read statements, `paragraph` to count statements by their first paragraph.
 */
const adapterFilterable = ['statementId', 'paragraph'];

/**
 * The client's `Settings` for our index settings. The file already speaks Meilisearch's
 * vocabulary, so fields pass through; only what the adapter relies on is added.
 */
export function toMeiliSettings(settings: IndexSettings): Settings {
  return {
    ...settings,
    filterableAttributes: [...new Set([...settings.filterableAttributes, ...adapterFilterable])],
    faceting: {
      ...settings.faceting,
      // Meilisearch cuts each facet at maxValuesPerFacet after sorting: by count keeps the most frequent values.
      sortFacetValuesBy: { '*': 'count' },
    },
  };
}
