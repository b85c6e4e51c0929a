import { serveCalls, threadData } from '../../workers/serve-calls.js';
import type { IndexSettings } from '../settings.js';
import { openDatabase } from './database.js';
import { IndexReader } from './index-reader.js';
import type { SearchCall } from './search-pool.js';

/** A search thread: its own read connection to the index file, so a slow query never stalls the server's event loop. */
const { dataDir, settings } = threadData() as { dataDir: string; settings: IndexSettings };
const reader = new IndexReader(openDatabase(dataDir, { readonly: true }), settings);

serveCalls<SearchCall>((call) => {
  switch (call.method) {
    case 'search':
      return reader.search(call.query);
    case 'facetValues':
      return reader.facetValues(call.facet, call.q, call.filters);
    case 'scan':
      return reader.scan(call.request);
    case 'scanEnd':
      return reader.scanEnd(call.request);
    case 'listStatements':
      return reader.listStatements(call.query);
    case 'settings':
      return reader.useSettings(call.settings);
  }
});
