import type { ParagraphDocument, StatementDocuments } from '../schema/document.js';
import type { EngineFilters, EngineQuery, EngineResult, FacetCount, FacetField } from '../schema/query.js';
import type { IndexSettings } from './settings.js';

export interface EngineStats {
  documents: number;
  statements: number;
}

/**
 * A walk over every match of a query in date order, a page at a time. `after` is where the
 * previous page ended: an engine-defined key (a date and a position), never an offset from the start.
 */
export interface ScanRequest {
  q: string;
  filters: EngineFilters;
  order: 'date:desc' | 'date:asc';
  /** `next` of the previous page; null starts at the first match. */
  after: string | null;
  limit: number;
}

export interface ScanPage {
  documents: ParagraphDocument[];
  /** Where this page ended, for the next `after`; null when no match follows. */
  next: string | null;
}

/** Statements having at least one paragraph that matches `q` and `filters`, by date. */
export interface StatementListQuery {
  q: string;
  filters: EngineFilters;
  order: 'date:desc' | 'date:asc';
  offset: number;
  limit: number;
}

export interface StatementListItem {
  /** One of the statement's paragraphs: each carries the statement's fields. */
  document: ParagraphDocument;
  paragraphs: number;
  /** Its paragraphs that match `q` and `filters`. */
  matches: number;
}

export interface StatementList {
  /** Exact: every matching statement, not only this page. */
  total: number;
  statements: StatementListItem[];
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
  /**
   * After a bulk write: reorganises the index for searching when the writes since it last did make
   * that worth its cost. True when it did; Meilisearch does this itself and answers false.
   */
  optimize(): Promise<boolean>;
  /** The fingerprint recorded for each of the given statements that is indexed. */
  fingerprints(statementIds: string[]): Promise<Map<string, string>>;
  search(query: EngineQuery): Promise<EngineResult>;
  /** Values of one facet over the documents matching `filters`, narrowed to those containing `q`. */
  searchFacetValues(facet: FacetField, q: string, filters: EngineFilters): Promise<FacetCount[]>;
  /** The paragraphs of one statement in order; empty when there is no such statement. */
  getStatement(statementId: string): Promise<ParagraphDocument[]>;
  /** One page of a keyset walk over every match, ordered by date; the order within a day is the engine's but stable. */
  scan(request: ScanRequest): Promise<ScanPage>;
  /** What `scan(request).next` would be, without reading the documents: where `request.limit` matches past `after` end. */
  scanEnd(request: ScanRequest): Promise<string | null>;
  listStatements(query: StatementListQuery): Promise<StatementList>;
  stats(): Promise<EngineStats>;
  health(): Promise<boolean>;
  close(): Promise<void>;
}
