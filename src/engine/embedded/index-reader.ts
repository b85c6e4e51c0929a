import type Database from 'better-sqlite3';
import { parseQuery } from '../../query/parse.js';
import { terms } from '../../query/tokens.js';
import type { EngineFilters, EngineQuery, EngineResult, FacetCount, FacetField } from '../../schema/query.js';
import type { ScanPage, ScanRequest, StatementList, StatementListQuery } from '../engine.js';
import type { IndexSettings } from '../settings.js';
import { Columns } from './columns.js';
import { MatchCompiler } from './match-expression.js';
import { prepared } from './prepared.js';
import { runSearch } from './run-search.js';
import { listStatements, scanEnd, scanPage } from './scan.js';
import { Vocabulary } from './typos.js';

/**
 * Documents of changed statements updated in place at most: tokenizing that many paragraphs for
 * the vocabulary takes about as long as reading it whole from the index (~0.2 s at 35k terms).
 */
const UPDATE_AT_MOST = 5000;
const LAST_CHANGE = 'SELECT coalesce(max(seq), 0) FROM changes';
const DOCS_OF = 'SELECT count(*) FROM docs WHERE statement_id IN (SELECT value FROM json_each(?))';
const FIRST_CHANGE = 'SELECT coalesce(min(seq), 0) FROM changes';
const CHANGED_SINCE = 'SELECT DISTINCT statement_id FROM changes WHERE seq > ?';
const TEXTS_OF = "SELECT body ->> '$.text' FROM docs WHERE statement_id IN (SELECT value FROM json_each(?))";

/**
 * The read side of the embedded index: searches and facet values over one connection, with
 * the vocabulary and the facet columns cached in memory. After a commit from any connection
 * (SQLite's data_version) or from this one (`written`), the caches are updated for the
 * statements the index's change log names since they were read, or built anew when that log
 * cannot say (a writer of an older version, a conversion) or names too much.
 */
export class IndexReader {
  private vocabulary: Vocabulary | null = null;
  private loaded: Columns | null = null;
  private dataVersion = -1;
  /** The last change-log entry the caches hold; null until read. */
  private seq: number | null = null;
  /** This connection committed since the last refresh: data_version counts only other connections' commits. */
  private dirty = false;
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

  /** This connection wrote to the index: the caches are brought up to date before their next use. */
  written(): void {
    this.dirty = true;
  }

  private drop(): void {
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

  /**
   * Updates the caches for what was committed since they were read. Reading the log before the
   * caches (they are built after this) means a change may be applied twice, never missed; applying
   * a statement's change again reads the same rows.
   */
  private refresh(): void {
    const version = this.db.pragma('data_version', { simple: true }) as number;
    if (version === this.dataVersion && !this.dirty) return;
    const byOthers = version !== this.dataVersion;
    this.dataVersion = version;
    this.dirty = false;
    const last = prepared<[], number>(this.db, LAST_CHANGE).pluck().get() ?? 0;
    const since = this.seq;
    this.seq = last;
    if (since === null || (last === since && !byOthers)) return;
    // A commit that logged nothing (a writer of an older version, a conversion), or a log trimmed past where the caches stand.
    const changed = last === since || (prepared<[], number>(this.db, FIRST_CHANGE).pluck().get() ?? 0) > since + 1 ? null : this.changedSince(since);
    if (changed === null || (prepared<[string], number>(this.db, DOCS_OF).pluck().get(JSON.stringify(changed)) ?? 0) > UPDATE_AT_MOST) return this.drop();
    this.loaded?.update(this.db, changed);
    this.vocabulary?.add(this.termsOf(changed));
  }

  private changedSince(seq: number): string[] {
    return prepared<[number], string>(this.db, CHANGED_SINCE).pluck().all(seq);
  }

  /** The terms of the statements' paragraphs as the index cuts them. */
  private termsOf(statementIds: readonly string[]): Set<string> {
    const found = new Set<string>();
    for (const text of prepared<[string], string>(this.db, TEXTS_OF).pluck().iterate(JSON.stringify(statementIds))) {
      for (const term of terms(text)) found.add(term);
    }
    return found;
  }

  /** Loaded only when a search needs them: a scan or a listing needs the vocabulary alone. */
  private columns(): Columns {
    this.refresh();
    this.loaded ??= new Columns(this.db);
    return this.loaded;
  }
}
