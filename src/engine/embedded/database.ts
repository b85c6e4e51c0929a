import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../errors.js';
import type { EngineFilters } from '../../schema/query.js';
import { paragraphKeys, statementKeys } from './stored-document.js';

/** Facet fields of a paragraph, kept in the `facet` table, a row per document and value. */
export const paragraphFacetFields = ['countries', 'groups', 'talks', 'rounds', 'roundNumbers', 'speaker'] as const;
/** Facet fields of a whole statement, read from its `statements.meta`: a row per paragraph would repeat them. */
export const statementFacetFields = ['issuer', 'year', 'month', 'day'] as const;
/** Every facet the embedded index filters and counts by. */
export const facetFields = [...paragraphFacetFields, ...statementFacetFields] as const;
export type StoredFacet = (typeof facetFields)[number];
export type StatementFacet = (typeof statementFacetFields)[number];
export const isStatementFacet = (field: StoredFacet): field is StatementFacet => (statementFacetFields as readonly string[]).includes(field);

/** The facet filters of a query, each with the stored field it tests. */
export const facetFilters = (filters: EngineFilters): [StoredFacet, (string | number)[]][] => [
  ['countries', filters.countries],
  ['groups', filters.groups],
  ['talks', filters.talks],
  ['rounds', filters.rounds],
  ['roundNumbers', filters.roundNumbers],
  ['issuer', filters.issuers],
  ['speaker', filters.speakers],
];

const schema = `
CREATE TABLE IF NOT EXISTS docs (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  statement_id TEXT NOT NULL,
  paragraph INTEGER NOT NULL,
  date_num INTEGER NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS docs_statement ON docs(statement_id, paragraph);
CREATE INDEX IF NOT EXISTS docs_date ON docs(date_num);
CREATE TABLE IF NOT EXISTS statements (id TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, meta TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS facet (
  field TEXT NOT NULL,
  value TEXT NOT NULL,
  doc INTEGER NOT NULL,
  PRIMARY KEY (field, value, doc)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS facet_doc ON facet(doc, field, value);
CREATE TABLE IF NOT EXISTS changes (seq INTEGER PRIMARY KEY, statement_id TEXT NOT NULL);
CREATE TRIGGER IF NOT EXISTS statement_added AFTER INSERT ON statements BEGIN INSERT INTO changes (statement_id) VALUES (new.id); END;
CREATE TRIGGER IF NOT EXISTS statement_changed AFTER UPDATE ON statements BEGIN INSERT INTO changes (statement_id) VALUES (new.id); END;
CREATE TRIGGER IF NOT EXISTS statement_deleted AFTER DELETE ON statements BEGIN INSERT INTO changes (statement_id) VALUES (old.id); END;
-- Paragraphs inserted and deleted since the full-text segments were last merged (IndexWriter.mergeSegments).
CREATE TABLE IF NOT EXISTS unmerged (only INTEGER PRIMARY KEY CHECK (only = 1), paragraphs INTEGER NOT NULL);
`;

/**
 * Entries of the change log kept: a reader further behind builds its caches anew, which it would
 * do anyway for that much change. The log is written by triggers on `statements`, which every
 * writer of a statement's rows touches in the same transaction, a writer of an older version and
 * the conversions below included: no change to a statement goes unlogged.
 */
export const CHANGES_KEPT = 100_000;

/** Writes one change-log entry by hand; the triggers above write those that name a statement. */
export const LOG_CHANGE = 'INSERT INTO changes (statement_id) VALUES (?)';

/** A change-log entry that names no statement but the whole index: readers build their caches anew. */
export const EVERYTHING_CHANGED = '';

/**
 * A change-log entry that names no statement (no id has spaces): the full-text segments were merged
 * and nothing changed. Without it, readers would take the merge's commit for one the log cannot
 * name and build their caches anew: about 1 s for the first search on each search thread.
 */
export const SEGMENTS_MERGED = '(segments merged)';

/**
 * The full-text table, written as SQLite stores it in sqlite_master, so that an index file built with
 * another definition is told apart. Combining marks (M*) are word characters: with the default
 * categories a Devanagari vowel sign or an Arabic shadda split its word in pieces no query could match.
 * src/query/tokens.ts tokenizes queries and highlights the same way.
 */
const ftsTable = `CREATE VIRTUAL TABLE fts USING fts5(
  text,
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2 categories ''L* N* Co M*'''
)`;

/**
 * Opens (creating if needed) the index file in `dataDir`; a read-only connection (for search threads) only opens it. WAL keeps every committed
 * transaction across a killed process; a write is visible whole or not at all.
 */
export function openDatabase(dataDir: string, options: { readonly?: boolean } = {}): Database.Database {
  if (options.readonly) {
    const reader = new Database(join(dataDir, 'communique.sqlite'), { readonly: true, fileMustExist: true });
    reader.pragma('busy_timeout = 5000');
    return reader;
  }
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'communique.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // A checkpoint every 40 MB of WAL instead of every 4 MB: a page that many batches touch (an index
  // leaf, the FTS5 structure) is copied into the file once per checkpoint, and each checkpoint syncs.
  db.pragma('wal_autocheckpoint = 10000');
  db.exec(schema);
  try {
    db.transaction(() => {
      useStatementMeta(db);
      useFtsTable(db);
    }).immediate();
  } catch (error) {
    db.close();
    // Another writer held the file for the whole busy timeout: most likely converting it from an
    // older version, which can take a while on a large index. SQLite's own words say only "locked".
    if ((error as { code?: string }).code === 'SQLITE_BUSY') {
      throw new AppError('ENGINE_UNAVAILABLE', `the index file in ${dataDir} is locked by another process (converting it from an older version, or writing to it); try again when it is done`, { cause: error });
    }
    throw error;
  }
  useMergePolicy(db);
  return db;
}

const jsonPaths = (keys: readonly string[]): string => keys.map((key) => `'$.${key}'`).join(', ');

/**
 * Moves what every paragraph of a statement repeated into the statement's row, in an index file
 * written before `statements.meta`: its title, provenance and date went into each paragraph's
 * body, and its issuer and date facets into a `facet` row per paragraph, which made the rows
 * twice as long and two facet rows in three redundant. Statements an older version wrote into a
 * converted file (one still running during an upgrade, or a rollback) have no `meta` either and
 * are converted the same way at the next open. Runs in the caller's transaction.
 */
function useStatementMeta(db: Database.Database): void {
  const columns = db.prepare<[], string>("SELECT name FROM pragma_table_info('statements')").pluck().all();
  if (!columns.includes('meta')) db.exec('ALTER TABLE statements ADD COLUMN meta TEXT');
  if (db.prepare('SELECT 1 FROM statements WHERE meta IS NULL LIMIT 1').get() === undefined) return;
  db.exec(`CREATE TEMP TABLE old_layout AS SELECT id FROM statements WHERE meta IS NULL;
    UPDATE statements SET meta = (
      SELECT json_remove(body, ${jsonPaths(paragraphKeys)}) FROM docs WHERE statement_id = statements.id ORDER BY paragraph LIMIT 1
    ) WHERE id IN (SELECT id FROM temp.old_layout);
    UPDATE docs SET body = json_remove(body, ${jsonPaths(statementKeys)}) WHERE statement_id IN (SELECT id FROM temp.old_layout);
    DELETE FROM facet WHERE field IN (${statementFacetFields.map((field) => `'${field}'`).join(', ')})
      AND doc IN (SELECT rowid FROM docs WHERE statement_id IN (SELECT id FROM temp.old_layout));
    DROP TABLE temp.old_layout;`);
}

/**
 * Creates the full-text table, or rebuilds it from the stored documents when the index file holds
 * another definition (an older tokenizer): its terms would never meet the queries' terms. The caller's
 * transaction makes the rebuild whole or nothing; it is immediate so that two writers never both rebuild.
 */
function useFtsTable(db: Database.Database): void {
  const stored = db.prepare<[], string>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'fts'").pluck().get();
  if (stored === ftsTable) return;
  if (stored !== undefined) db.exec('DROP TABLE fts');
  db.exec(ftsTable);
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS fts_vocab USING fts5vocab(fts, 'row')");
  // The merge policy first: the rebuild is a bulk insert. A dropped table took its settings with it.
  useMergePolicy(db);
  db.exec("INSERT INTO fts (rowid, text) SELECT rowid, body ->> '$.text' FROM docs");
  // Rebuilt, every term may have changed; no statement did.
  if (stored !== undefined) db.prepare(LOG_CHANGE).run(EVERYTHING_CHANGED);
}

/**
 * FTS5 merge policy, kept in the index file. Merging segments 16 at a time instead of 4 halves the
 * merge work of a bulk ingest; a level is merged for its deleted rows once a quarter of them are
 * deleted instead of a tenth, which made a full re-ingest 2-3 times cheaper. Searches on the UNGD
 * index, fresh and after repeated re-ingests, measured no slower than with the defaults.
 */
const mergePolicy = { automerge: 16, deletemerge: 25 } as const;

/** Writes each FTS5 option only when the index file holds another value: writing is a transaction. */
function useMergePolicy(db: Database.Database): void {
  const stored = db.prepare<[string], number>('SELECT v FROM fts_config WHERE k = ?').pluck();
  for (const [option, value] of Object.entries(mergePolicy)) {
    if (stored.get(option) !== value) db.exec(`INSERT INTO fts (fts, rank) VALUES ('${option}', ${value})`);
  }
}
