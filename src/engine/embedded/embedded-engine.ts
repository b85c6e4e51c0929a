import type Database from 'better-sqlite3';
import type { ParagraphDocument, StatementDocuments } from '../../schema/document.js';
import type { EngineFilters, EngineQuery, EngineResult, FacetCount, FacetField } from '../../schema/query.js';
import type { SearchEngine, EngineStats, ScanPage, ScanRequest, StatementList, StatementListQuery } from '../engine.js';
import type { IndexSettings } from '../settings.js';
import { openDatabase } from './database.js';
import { IndexReader } from './index-reader.js';
import { IndexWriter } from './index-writer.js';
import { SearchPool } from './search-pool.js';
import { readStored, STORED_DOCUMENTS } from './stored-document.js';

export interface EmbeddedOptions {
  /** Search threads; 0 searches in the calling thread (tests, the ingest CLI). */
  searchThreads?: number;
}

/**
 * The engine that needs no server: SQLite FTS5 in one file under `DATA_DIR`.
 * Words are matched by FTS5; typos, prefixes and synonyms are expanded here first, so the
 * engine obeys the same `index-settings/` as Meilisearch. Writes go through this thread's
 * connection; searches through an in-thread reader or a pool of search threads.
 */
export class EmbeddedEngine implements SearchEngine {
  readonly name = 'embedded' as const;
  private readonly reader: IndexReader;
  private readonly writer: IndexWriter;
  private readonly pool: SearchPool | null;

  constructor(
    private readonly db: Database.Database,
    dataDir: string,
    settings: IndexSettings,
    options: EmbeddedOptions = {},
  ) {
    this.reader = new IndexReader(db, settings);
    this.writer = new IndexWriter(db);
    const threads = options.searchThreads ?? 0;
    this.pool = threads > 0 ? new SearchPool(dataDir, settings, threads) : null;
  }

  async applySettings(settings: IndexSettings): Promise<void> {
    this.reader.useSettings(settings);
    await this.pool?.useSettings(settings);
  }

  async replaceStatements(statements: StatementDocuments[]): Promise<void> {
    this.writer.replace(statements);
    this.reader.written();
  }

  async deleteStatements(statementIds: string[]): Promise<void> {
    this.writer.delete(statementIds);
    this.reader.written();
  }

  async optimize(): Promise<boolean> {
    const merged = this.writer.mergeSegments();
    if (merged) this.reader.written();
    return merged;
  }

  async fingerprints(statementIds: string[]): Promise<Map<string, string>> {
    return this.writer.fingerprints(statementIds);
  }

  async search(query: EngineQuery): Promise<EngineResult> {
    return this.pool ? this.pool.search(query) : this.reader.search(query);
  }

  async searchFacetValues(facet: FacetField, q: string, filters: EngineFilters): Promise<FacetCount[]> {
    return this.pool ? this.pool.facetValues(facet, q, filters) : this.reader.facetValues(facet, q, filters);
  }

  async getStatement(statementId: string): Promise<ParagraphDocument[]> {
    return this.db
      .prepare<[string], [string | null, string]>(`SELECT s.meta, d.body FROM ${STORED_DOCUMENTS} WHERE d.statement_id = ? ORDER BY d.paragraph`)
      .raw()
      .all(statementId)
      .map(([meta, body]) => readStored(meta, body));
  }

  async scan(request: ScanRequest): Promise<ScanPage> {
    return this.pool ? this.pool.scan(request) : this.reader.scan(request);
  }

  async scanEnd(request: ScanRequest): Promise<string | null> {
    return this.pool ? this.pool.scanEnd(request) : this.reader.scanEnd(request);
  }

  async listStatements(query: StatementListQuery): Promise<StatementList> {
    return this.pool ? this.pool.listStatements(query) : this.reader.listStatements(query);
  }

  async stats(): Promise<EngineStats> {
    const count = (sql: string): number => this.db.prepare<[], number>(sql).pluck().get() ?? 0;
    return { documents: count('SELECT count(*) FROM docs'), statements: count('SELECT count(*) FROM statements') };
  }

  async health(): Promise<boolean> {
    return this.db.open && this.db.prepare('SELECT 1').pluck().get() === 1;
  }

  async close(): Promise<void> {
    await this.pool?.close();
    if (this.db.open) this.db.close();
  }
}

/** Opens the embedded engine on the index file in `dataDir`, creating it if needed. */
export function openEmbeddedEngine(dataDir: string, settings: IndexSettings, options: EmbeddedOptions = {}): EmbeddedEngine {
  return new EmbeddedEngine(openDatabase(dataDir), dataDir, settings, options);
}
