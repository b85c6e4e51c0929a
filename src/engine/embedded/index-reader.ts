import type Database from 'better-sqlite3';
import { parseQuery } from '../../query/parse.js';
import { terms } from '../../query/tokens.js';
import type { EngineFilters, EngineQuery, EngineResult, FacetCount, FacetField } from '../../schema/query.js';
import type { ScanPage, ScanRequest, StatementList, StatementListQuery } from '../engine.js';
import type { IndexSettings } from '../settings.js';
import { Columns } from './columns.js';
import { EVERYTHING_CHANGED, SEGMENTS_MERGED } from './database.js';
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
const CHURN_AT_MOST = 100_000;
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
 * cannot say (rows written by hand, an entry for the whole index) or names too much.
 */
export class IndexReader {
  private vocabulary: Vocabulary | null = null;
  private loaded: Columns | null = null;
  private dataVersion = -1;
  /** The last change-log entry the caches hold; null until read. */
  private seq: number | null = null;
  /** This connection committed since the last refresh: data_version counts only other connections' commits. */
  private dirty = false;
  /** Documents the caches were updated for in place since they were built. */
  private churn = 0;
  private compiler: MatchCompiler;

  constructor(
    private readonly db: Database.Database,
    private settings: IndexSettings,
  ) {
    this.compiler = this.makeCompiler();
  }

  private makeCompiler(): MatchCompiler {
    return new MatchCompiler(this.settings, () => {
      // A lone removable mark (U+0331) is a token FTS5 keeps with an empty term.
      this.vocabulary ??= new Vocabulary(this.db.prepare<[], string>("SELECT term FROM fts_vocab WHERE term <> ''").pluck().all());
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
    this.churn = 0;
  }

  /**
   * One read transaction: the log position, the caches and the answer come from one state of the
   * index file. Built over several queries without it, the columns could take half of a commit
   * that landed meanwhile, and the log would never say so.
   */
  private reading<T>(run: () => T): T {
    return this.db.transaction(run)();
  }

  search(query: EngineQuery): EngineResult {
    return this.reading(() => {
      const columns = this.columns();
      return runSearch(this.db, columns, this.compiler.compile(parseQuery(query.q)), query, this.settings.faceting.maxValuesPerFacet);
    });
  }

  facetValues(facet: FacetField, q: string, filters: EngineFilters): FacetCount[] {
    return this.reading(() => {
      const columns = this.columns();
      const keep = columns.filter(filters);
      const rowids = keep === null ? columns.all() : columns.all().filter(keep);
      return columns.count(facet, rowids, this.settings.faceting.maxValuesPerFacet, q);
    });
  }

  scan(request: ScanRequest): ScanPage {
    return this.reading(() => scanPage(this.db, this.matchCompiler, request));
  }

  scanEnd(request: ScanRequest): string | null {
    return this.reading(() => scanEnd(this.db, this.matchCompiler, request));
  }

  listStatements(query: StatementListQuery): StatementList {
    return this.reading(() => listStatements(this.db, this.matchCompiler, query));
  }

  /**
   * Updates the caches for what was committed since they were read, in the caller's read
   * transaction: a cache built after this, in the same transaction, holds exactly the state up to
   * the log entry read here.
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
    // A commit the log cannot name (rows written by hand), a log trimmed past where the caches
    // stand, or an entry for the whole index (an FTS5 table rebuilt for another tokenizer).
    const changed =
      last === since || (prepared<[], number>(this.db, FIRST_CHANGE).pluck().get() ?? 0) > since + 1 ? null : this.changedSince(since);
    if (changed?.includes(EVERYTHING_CHANGED)) return this.drop();
    // Only merges of the full-text segments since: the caches hold what is there.
    if (changed?.length === 0) return;
    const documents = changed === null ? 0 : (prepared<[string], number>(this.db, DOCS_OF).pluck().get(JSON.stringify(changed)) ?? 0);
    this.churn += documents;
    // Updated in place, the caches keep every statement, value and term they ever held: built anew
    // once the changes add up to a large index's worth, they hold only what is there.
    if (changed === null || documents > UPDATE_AT_MOST || this.churn > CHURN_AT_MOST) return this.drop();
    try {
      this.loaded?.update(this.db, changed);
      this.vocabulary?.add(this.termsOf(changed));
    } catch (error) {
      // Half updated, the caches would answer wrongly from now on; the log has moved past them.
      this.drop();
      throw error;
    }
  }

  private changedSince(seq: number): string[] {
    return prepared<[number], string>(this.db, CHANGED_SINCE).pluck().all(seq).filter((id) => id !== SEGMENTS_MERGED);
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
