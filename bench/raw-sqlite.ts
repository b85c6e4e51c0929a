import { join } from 'node:path';
import Database from 'better-sqlite3';
import { toEngineQuery } from '../src/api/engine-query.js';
import { isStatementFacet } from '../src/engine/embedded/database.js';
import { MatchCompiler } from '../src/engine/embedded/match-expression.js';
import { sqlFilter } from '../src/engine/embedded/sql-filter.js';
import { Vocabulary } from '../src/engine/embedded/typos.js';
import type { IndexSettings } from '../src/engine/settings.js';
import { parseQuery } from '../src/query/parse.js';
import { SearchRequest } from '../src/schema/api.js';
import { searchInput, type BenchSearch } from './search-queries.js';
import { summarise, type Latency } from './stats.js';

const ORDER = {
  relevance: 'm.score ASC, m.date_num DESC, m.rowid ASC',
  'date:desc': 'm.date_num DESC, m.rowid ASC',
  'date:asc': 'm.date_num ASC, m.rowid ASC',
} as const;

/**
 * The searches of the benchmark as bare SQL on the engine's index file, without the API and
 * the engine's JavaScript: one FTS5 MATCH (bm25) with the filters into a temporary table,
 * the count, the first page of stored bodies, and a GROUP BY per facet. The MATCH expression
 * is the engine's own (typo variants, prefix, synonyms), built before the clock starts, so
 * both sides find the same paragraphs; the engine's extra ranking buckets are not replayed.
 */
export class RawSqlite {
  private readonly db: Database.Database;
  private readonly compiler: MatchCompiler;

  constructor(
    dataDir: string,
    private readonly settings: IndexSettings,
  ) {
    this.db = new Database(join(dataDir, 'communique.sqlite'), { readonly: true });
    this.db.exec('CREATE TEMP TABLE raw_matched (rowid INTEGER PRIMARY KEY, date_num INTEGER NOT NULL, score REAL NOT NULL)');
    const vocabulary = new Vocabulary(this.db.prepare<[], string>('SELECT term FROM fts_vocab').pluck().all());
    this.compiler = new MatchCompiler(settings, () => vocabulary);
  }

  /** Compiles `search` and returns a function that runs it once and returns its total. */
  prepare(search: BenchSearch): () => number {
    const query = toEngineQuery(SearchRequest.parse(searchInput(search)));
    const compiled = this.compiler.compile(parseQuery(query.q));
    const filter = sqlFilter(query.filters);
    const source =
      compiled.match === null
        ? 'SELECT d.rowid, d.date_num, 0 FROM docs d'
        : 'SELECT d.rowid, d.date_num, m.score FROM (SELECT rowid, bm25(fts) AS score FROM fts WHERE fts MATCH ?) m JOIN docs d ON d.rowid = m.rowid';
    const exclusions = compiled.exclude.map(() => 'd.rowid NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)');
    const fillParams = [...(compiled.match === null ? [] : [compiled.match]), ...filter.params, ...compiled.exclude];

    const clear = this.db.prepare('DELETE FROM temp.raw_matched');
    const fill = this.db.prepare(`INSERT INTO temp.raw_matched ${source} WHERE ${[filter.where, ...exclusions].join(' AND ')}`);
    const count = this.db.prepare<[], number>('SELECT count(*) FROM temp.raw_matched').pluck();
    const page = this.db
      .prepare<[number, number], string>(
        `SELECT d.body FROM temp.raw_matched m JOIN docs d ON d.rowid = m.rowid ORDER BY ${ORDER[query.sort]} LIMIT ? OFFSET ?`,
      )
      .pluck();
    const facet = this.db.prepare<[string, number], { value: string; count: number }>(
      `SELECT f.value AS value, count(*) AS count FROM temp.raw_matched m JOIN facet f ON f.doc = m.rowid AND f.field = ?
       GROUP BY f.value ORDER BY count DESC, f.value ASC LIMIT ?`,
    );
    // Issuer and date facets are the statement's, kept once in its row: matches are counted per
    // statement first, so each statement's row is read once, not once per matching paragraph.
    const statementFacet = this.db.prepare<[string, number], { value: string; count: number }>(
      `SELECT CAST(s.meta ->> ? AS TEXT) AS value, sum(g.n) AS count
       FROM (SELECT d.statement_id AS id, count(*) AS n FROM temp.raw_matched m JOIN docs d ON d.rowid = m.rowid GROUP BY d.statement_id) g
       JOIN statements s ON s.id = g.id
       WHERE value IS NOT NULL GROUP BY value ORDER BY count DESC, value ASC LIMIT ?`,
    );
    const max = this.settings.faceting.maxValuesPerFacet;
    return this.db.transaction(() => {
      clear.run();
      fill.run(...fillParams);
      const total = count.get() ?? 0;
      page.all(query.limit, query.offset);
      for (const field of query.facets) {
        if (isStatementFacet(field)) statementFacet.all(`$.${field}`, max);
        else facet.all(field, max);
      }
      clear.run();
      return total;
    });
  }

  /** Times `searches` in rotation, sequentially, for at least `seconds` and 10 runs each, after a warm-up. */
  time(searches: BenchSearch[], seconds: number): { latency: Latency; totals: number[] } {
    const runs = searches.map((search) => this.prepare(search));
    const totals = runs.map((run) => run());
    for (let i = 0; i < 3; i += 1) for (const run of runs) run();
    const latencies: number[] = [];
    const until = performance.now() + seconds * 1000;
    while (performance.now() < until || latencies.length < 10 * runs.length) {
      for (const run of runs) {
        const started = performance.now();
        run();
        latencies.push(performance.now() - started);
      }
    }
    return { latency: summarise(latencies), totals };
  }

  close(): void {
    this.db.close();
  }
}
