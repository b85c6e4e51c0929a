import type { EngineFilters, EngineQuery, EngineResult, FacetCount, FacetField } from '../../schema/query.js';
import { WorkerPool } from '../../workers/worker-pool.js';
import type { ScanPage, ScanRequest, StatementList, StatementListQuery } from '../engine.js';
import type { IndexSettings } from '../settings.js';

export type SearchCall =
  | { method: 'search'; query: EngineQuery }
  | { method: 'facetValues'; facet: FacetField; q: string; filters: EngineFilters }
  | { method: 'scan'; request: ScanRequest }
  | { method: 'scanEnd'; request: ScanRequest }
  | { method: 'listStatements'; query: StatementListQuery }
  | { method: 'settings'; settings: IndexSettings };

const entry = new URL('./search-worker.ts', import.meta.url);

/**
 * Search threads over the index file, for searches, export pages and statement lists.
 * better-sqlite3 is synchronous: run in the server's thread, one broad query would stall every request.
 */
export class SearchPool {
  private readonly pool: WorkerPool<SearchCall>;

  constructor(
    private readonly dataDir: string,
    settings: IndexSettings,
    threads: number,
  ) {
    this.pool = new WorkerPool<SearchCall>(entry, { dataDir, settings }, threads);
  }

  search(query: EngineQuery): Promise<EngineResult> {
    return this.pool.call({ method: 'search', query });
  }

  facetValues(facet: FacetField, q: string, filters: EngineFilters): Promise<FacetCount[]> {
    return this.pool.call({ method: 'facetValues', facet, q, filters });
  }

  scan(request: ScanRequest): Promise<ScanPage> {
    return this.pool.call({ method: 'scan', request });
  }

  scanEnd(request: ScanRequest): Promise<string | null> {
    return this.pool.call({ method: 'scanEnd', request });
  }

  listStatements(query: StatementListQuery): Promise<StatementList> {
    return this.pool.call({ method: 'listStatements', query });
  }

  async useSettings(settings: IndexSettings): Promise<void> {
    // A thread started again after a crash must search with these settings, not the first ones.
    this.pool.useWorkerData({ dataDir: this.dataDir, settings });
    await Promise.all(Array.from({ length: this.pool.size }, (_, slot) => this.pool.call({ method: 'settings', settings }, slot)));
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
