import type Database from 'better-sqlite3';
import { parseQuery } from '../../query/parse.js';
import type { EngineFilters, EngineQuery, EngineResult, FacetCount, FacetField } from '../../schema/query.js';
import type { ScanPage, ScanRequest, StatementList, StatementListQuery } from '../engine.js';
import type { IndexSettings } from '../settings.js';
import { Columns } from './columns.js';
import { MatchCompiler } from './match-expression.js';
import { runSearch } from './run-search.js';
import { listStatements, scanEnd, scanPage } from './scan.js';
import { Vocabulary } from './typos.js';

/**
 * The read side of the embedded index: searches and facet values over one connection, with
 * the vocabulary and the facet columns cached in memory. The caches are rebuilt when a
 * commit from any connection (SQLite's data_version) or from this one (`invalidate`) changed the index.
 */
export class IndexReader {
  private vocabulary: Vocabulary | null = null;
  private loaded: Columns | null = null;
  private dataVersion = -1;
  private compiler: MatchCompiler;

  constructor(
    private readonly db: Database.Database,
    private settings: IndexSettings,
  ) {
    this.compiler = this.makeCompiler();
  }

  private makeCompiler(): MatchCompiler {
    return new MatchCompiler(this.settings, () => {
      this.vocabulary ??= new Vocabulary(this.db.prepare<[], string>('SELECT term FROM fts_vocab').pluck().all());
      return this.vocabulary;
    });
  }

  /** The compiler for this index's settings and vocabulary, refreshed if the index changed. */
  private get matchCompiler(): MatchCompiler {
    this.refresh();
    return this.compiler;
  }

  useSettings(settings: IndexSettings): void {
    this.settings = settings;
    this.compiler = this.makeCompiler();
  }

  invalidate(): void {
    this.vocabulary = null;
    this.loaded = null;
  }

  search(query: EngineQuery): EngineResult {
    const columns = this.columns();
    return runSearch(this.db, columns, this.compiler.compile(parseQuery(query.q)), query, this.settings.faceting.maxValuesPerFacet);
  }

  facetValues(facet: FacetField, q: string, filters: EngineFilters): FacetCount[] {
    const columns = this.columns();
    const keep = columns.filter(filters);
    const rowids = keep === null ? columns.all() : columns.all().filter(keep);
    return columns.count(facet, rowids, this.settings.faceting.maxValuesPerFacet, q);
  }

  scan(request: ScanRequest): ScanPage {
    return scanPage(this.db, this.matchCompiler, request);
  }

  scanEnd(request: ScanRequest): string | null {
    return scanEnd(this.db, this.matchCompiler, request);
  }

  listStatements(query: StatementListQuery): StatementList {
    return listStatements(this.db, this.matchCompiler, query);
  }

  /** Drops the caches when another connection committed since they were built. */
  private refresh(): void {
    const version = this.db.pragma('data_version', { simple: true }) as number;
    if (version !== this.dataVersion) {
      this.invalidate();
      this.dataVersion = version;
    }
  }

  /** Loaded only when a search needs them: a scan or a listing needs the vocabulary alone. */
  private columns(): Columns {
    this.refresh();
    this.loaded ??= new Columns(this.db);
    return this.loaded;
  }
}
