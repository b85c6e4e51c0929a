import type Database from 'better-sqlite3';
import { ParagraphDocument, type StatementDocuments } from '../../schema/document.js';
import type { EngineFilters, EngineQuery, EngineResult, FacetCount, FacetField } from '../../schema/query.js';
import type { SearchEngine, EngineStats, ScanPage, ScanRequest, StatementList, StatementListQuery } from '../engine.js';
import type { IndexSettings } from '../settings.js';
import { facetFields, openDatabase, type StoredFacet } from './database.js';
import { IndexReader } from './index-reader.js';
import { SearchPool } from './search-pool.js';

function facetValues(document: ParagraphDocument, field: StoredFacet): string[] {
  const value = document[field];
  if (value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

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
  private readonly pool: SearchPool | null;

  constructor(
    private readonly db: Database.Database,
    dataDir: string,
    settings: IndexSettings,
    options: EmbeddedOptions = {},
  ) {
    this.reader = new IndexReader(db, settings);
    const threads = options.searchThreads ?? 0;
    this.pool = threads > 0 ? new SearchPool(dataDir, settings, threads) : null;
  }

  async applySettings(settings: IndexSettings): Promise<void> {
    this.reader.useSettings(settings);
    await this.pool?.useSettings(settings);
  }

  async replaceStatements(statements: StatementDocuments[]): Promise<void> {
    const insertDoc = this.db.prepare(
      'INSERT INTO docs (id, statement_id, paragraph, date_num, body) VALUES (?, ?, ?, ?, ?)',
    );
    const insertText = this.db.prepare('INSERT INTO fts (rowid, text) VALUES (?, ?)');
    const insertFacet = this.db.prepare('INSERT OR IGNORE INTO facet (field, value, doc) VALUES (?, ?, ?)');
    const upsertStatement = this.db.prepare(
      'INSERT INTO statements (id, fingerprint) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET fingerprint = excluded.fingerprint',
    );
    this.db.transaction(() => {
      this.deleteRows(statements.map((statement) => statement.statementId));
      for (const statement of statements) {
        for (const document of statement.documents) {
          const { lastInsertRowid } = insertDoc.run(
            document.id,
            document.statementId,
            document.paragraph,
            document.dateNum,
            JSON.stringify(document),
          );
          insertText.run(lastInsertRowid, document.text);
          for (const field of facetFields) {
            for (const value of facetValues(document, field)) insertFacet.run(field, value, lastInsertRowid);
          }
        }
        upsertStatement.run(statement.statementId, statement.fingerprint);
      }
    })();
    this.reader.invalidate();
  }

  async deleteStatements(statementIds: string[]): Promise<void> {
    this.db.transaction(() => this.deleteRows(statementIds))();
    this.reader.invalidate();
  }

  private deleteRows(statementIds: string[]): void {
    const rowids = this.db.prepare<[string], number>('SELECT rowid FROM docs WHERE statement_id = ?').pluck();
    const deleteText = this.db.prepare('DELETE FROM fts WHERE rowid = ?');
    const deleteFacets = this.db.prepare('DELETE FROM facet WHERE doc = ?');
    const deleteDoc = this.db.prepare('DELETE FROM docs WHERE rowid = ?');
    const deleteStatement = this.db.prepare('DELETE FROM statements WHERE id = ?');
    for (const statementId of statementIds) {
      for (const rowid of rowids.all(statementId)) {
        deleteText.run(rowid);
        deleteFacets.run(rowid);
        deleteDoc.run(rowid);
      }
      deleteStatement.run(statementId);
    }
  }

  async fingerprints(statementIds: string[]): Promise<Map<string, string>> {
    const fingerprint = this.db.prepare<[string], string>('SELECT fingerprint FROM statements WHERE id = ?').pluck();
    const found = new Map<string, string>();
    for (const id of statementIds) {
      const value = fingerprint.get(id);
      if (value !== undefined) found.set(id, value);
    }
    return found;
  }

  async statementIds(): Promise<string[]> {
    return this.db.prepare<[], string>('SELECT id FROM statements ORDER BY id').pluck().all();
  }

  async search(query: EngineQuery): Promise<EngineResult> {
    return this.pool ? this.pool.search(query) : this.reader.search(query);
  }

  async searchFacetValues(facet: FacetField, q: string, filters: EngineFilters): Promise<FacetCount[]> {
    return this.pool ? this.pool.facetValues(facet, q, filters) : this.reader.facetValues(facet, q, filters);
  }

  async getStatement(statementId: string): Promise<ParagraphDocument[]> {
    return this.db
      .prepare<[string], string>('SELECT body FROM docs WHERE statement_id = ? ORDER BY paragraph')
      .pluck()
      .all(statementId)
      .map((body) => ParagraphDocument.parse(JSON.parse(body)));
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
