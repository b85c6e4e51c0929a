import type { ParagraphDocument, StatementDocuments } from '../schema/document.js';
import type { EngineFilters, EngineQuery, EngineResult, FacetCount, FacetField } from '../schema/query.js';
import type { IndexSettings } from './settings.js';

export interface EngineStats {
  documents: number;
  statements: number;
}

/**
 * The one interface the API and the ingest worker use. Every write resolves only once the
 * engine has durably applied it (a committed transaction, a succeeded task), never when queued.
 */
export interface SearchEngine {
  readonly name: 'embedded' | 'meilisearch';
  applySettings(settings: IndexSettings): Promise<void>;
  /** Replaces each statement whole: its old paragraphs go, its new ones come, nothing else changes. */
  replaceStatements(statements: StatementDocuments[]): Promise<void>;
  deleteStatements(statementIds: string[]): Promise<void>;
  /** The fingerprint recorded for each of the given statements that is indexed. */
  fingerprints(statementIds: string[]): Promise<Map<string, string>>;
  /** Every indexed statement id, for pruning sources that disappeared. */
  statementIds(): Promise<string[]>;
  search(query: EngineQuery): Promise<EngineResult>;
  /** Values of one facet over the documents matching `filters`, narrowed to those containing `q`. */
  searchFacetValues(facet: FacetField, q: string, filters: EngineFilters): Promise<FacetCount[]>;
  /** The paragraphs of one statement in order; empty when there is no such statement. */
  getStatement(statementId: string): Promise<ParagraphDocument[]>;
  stats(): Promise<EngineStats>;
  health(): Promise<boolean>;
  close(): Promise<void>;
}
