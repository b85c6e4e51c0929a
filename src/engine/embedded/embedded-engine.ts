import type Database from 'better-sqlite3';
import { AppError } from '../../errors.js';
import { parseQuery } from '../../query/parse.js';
import { ParagraphDocument, type StatementDocuments } from '../../schema/document.js';
import type { EngineFilters, EngineQuery, EngineResult, FacetCount, FacetField } from '../../schema/query.js';
import type { SearchEngine, EngineStats } from '../engine.js';
import type { IndexSettings } from '../settings.js';
import { facetFields, openDatabase, type StoredFacet } from './database.js';
import { highlight, matchSpans, snippet } from './highlight.js';
import { MatchCompiler } from './match-expression.js';
import { sqlFilter } from './sql-filter.js';
import { Vocabulary } from './typos.js';

function facetValues(document: ParagraphDocument, field: StoredFacet): string[] {
  const value = document[field];
  if (value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

const ORDER: Record<EngineQuery['sort'], string> = {
  relevance: 'm.score ASC, m.date_num DESC, m.rowid ASC',
  'date:desc': 'm.date_num DESC, m.rowid ASC',
  'date:asc': 'm.date_num ASC, m.rowid ASC',
};

/**
 * The engine that needs no server: SQLite FTS5 in one file under `DATA_DIR`.
 * Words are matched by FTS5; typos, prefixes and synonyms are expanded here first, so the
 * engine obeys the same `index-settings/` as Meilisearch.
 */
export class EmbeddedEngine implements SearchEngine {
  readonly name = 'embedded' as const;
  private vocabulary: Vocabulary | null = null;
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

  async applySettings(settings: IndexSettings): Promise<void> {
    this.settings = settings;
    this.compiler = this.makeCompiler();
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
    this.vocabulary = null;
  }

  async deleteStatements(statementIds: string[]): Promise<void> {
    this.db.transaction(() => this.deleteRows(statementIds))();
    this.vocabulary = null;
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
    const compiled = this.compiler.compile(parseQuery(query.q));
    const filter = sqlFilter(query.filters);
    const source =
      compiled.match === null
        ? { sql: 'SELECT d.rowid, d.date_num, 0 FROM docs d', params: [] as (string | number)[] }
        : {
            sql: 'SELECT d.rowid, d.date_num, m.score FROM (SELECT rowid, bm25(fts) AS score FROM fts WHERE fts MATCH ?) m JOIN docs d ON d.rowid = m.rowid',
            params: [compiled.match],
          };
    const exclusions = compiled.exclude.map(() => 'd.rowid NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)');
    const where = [filter.where, ...exclusions].join(' AND ');
    const params = [...source.params, ...filter.params, ...compiled.exclude];

    return this.withMatched(`INSERT INTO temp.matched ${source.sql} WHERE ${where}`, params, () => {
      const total = this.db.prepare<[], number>('SELECT count(*) FROM temp.matched').pluck().get() ?? 0;
      const page = this.db
        .prepare<[number, number], { body: string }>(
          `SELECT d.body FROM temp.matched m JOIN docs d ON d.rowid = m.rowid ORDER BY ${ORDER[query.sort]} LIMIT ? OFFSET ?`,
        )
        .all(query.limit, query.offset);
      const hits = page.map(({ body }) => {
        const document = ParagraphDocument.parse(JSON.parse(body));
        const spans = matchSpans(document.text, compiled.highlight);
        return { document, highlighted: highlight(document.text, spans), snippet: snippet(document.text, spans) };
      });
      const facets: EngineResult['facets'] = {};
      for (const facet of query.facets) facets[facet] = this.countMatched(facet);
      return { total, hits, facets };
    });
  }

  /** Fills the temporary `matched` table, runs `read` over it, and always empties it again. */
  private withMatched<T>(fill: string, params: (string | number)[], read: () => T): T {
    try {
      return this.db.transaction(() => {
        this.db.prepare('DELETE FROM temp.matched').run();
        this.db.prepare(fill).run(...params);
        return read();
      })();
    } catch (error) {
      if (error instanceof Error && /fts5/i.test(error.message)) {
        throw new AppError('INVALID_QUERY', 'the query cannot be matched', { cause: error });
      }
      throw error;
    } finally {
      this.db.prepare('DELETE FROM temp.matched').run();
    }
  }

  private countMatched(facet: FacetField, contains = ''): FacetCount[] {
    return this.db
      .prepare<[string, string, number], FacetCount>(
        `SELECT f.value AS value, count(*) AS count FROM temp.matched m JOIN facet f ON f.doc = m.rowid AND f.field = ?
         WHERE instr(lower(f.value), ?) > 0
         GROUP BY f.value ORDER BY count DESC, f.value ASC LIMIT ?`,
      )
      .all(facet, contains.toLowerCase(), this.settings.faceting.maxValuesPerFacet);
  }

  async searchFacetValues(facet: FacetField, q: string, filters: EngineFilters): Promise<FacetCount[]> {
    const filter = sqlFilter(filters);
    return this.withMatched(
      `INSERT INTO temp.matched SELECT d.rowid, d.date_num, 0 FROM docs d WHERE ${filter.where}`,
      filter.params,
      () => this.countMatched(facet, q),
    );
  }

  async getStatement(statementId: string): Promise<ParagraphDocument[]> {
    return this.db
      .prepare<[string], string>('SELECT body FROM docs WHERE statement_id = ? ORDER BY paragraph')
      .pluck()
      .all(statementId)
      .map((body) => ParagraphDocument.parse(JSON.parse(body)));
  }

  async stats(): Promise<EngineStats> {
    const count = (sql: string): number => this.db.prepare<[], number>(sql).pluck().get() ?? 0;
    return { documents: count('SELECT count(*) FROM docs'), statements: count('SELECT count(*) FROM statements') };
  }

  async health(): Promise<boolean> {
    return this.db.open && this.db.prepare('SELECT 1').pluck().get() === 1;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/** Opens the embedded engine on the index file in `dataDir`, creating it if needed. */
export function openEmbeddedEngine(dataDir: string, settings: IndexSettings): EmbeddedEngine {
  return new EmbeddedEngine(openDatabase(dataDir), settings);
}
