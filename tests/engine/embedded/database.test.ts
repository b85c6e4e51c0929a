import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Columns } from '../../../src/engine/embedded/columns.js';
import { EVERYTHING_CHANGED, openDatabase } from '../../../src/engine/embedded/database.js';
import { openEmbeddedEngine } from '../../../src/engine/embedded/embedded-engine.js';
import { IndexReader } from '../../../src/engine/embedded/index-reader.js';
import { loadIndexSettings } from '../../../src/engine/settings.js';
import { noFilters } from '../../../src/schema/query.js';
import { tempDataDir } from '../../helpers/seed.js';
import { copyStatement, seedStatement } from '../../helpers/synthetic.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

// The definition index files were built with before combining marks joined words.
const oldFts = `CREATE VIRTUAL TABLE fts USING fts5(
  text,
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2'
)`;

const vocabulary = (db: Database.Database): string[] => db.prepare<[], string>('SELECT term FROM fts_vocab').pluck().all();

/** An index file as the old definition left it: documents indexed, replaced once so that rowids do not start at 1. */
async function oldIndexFile(): Promise<string> {
  const { dir, cleanup } = tempDataDir();
  cleanups.push(cleanup);
  const engine = openEmbeddedEngine(dir, loadIndexSettings());
  const seed = await seedStatement();
  const hindi = copyStatement(seed, 'marks', '2025-01-02', (document) => (document.paragraph === 3 ? 'नमस्ते दुनिया मंत्रालय' : document.text));
  await engine.replaceStatements([seed, hindi]);
  await engine.replaceStatements([hindi]);
  await engine.close();
  const db = new Database(join(dir, 'communique.sqlite'));
  db.exec(`DROP TABLE fts; ${oldFts}; INSERT INTO fts (rowid, text) SELECT rowid, body ->> '$.text' FROM docs`);
  expect(vocabulary(db)).toContain('नमस');
  db.close();
  return dir;
}

const storedFts = (dir: string): string => {
  const db = new Database(join(dir, 'communique.sqlite'), { readonly: true });
  const sql = db.prepare<[], string>("SELECT sql FROM sqlite_master WHERE name = 'fts'").pluck().get() ?? '';
  db.close();
  return sql;
};

describe('an index file built with the old tokenizer', () => {
  it('is rebuilt when a writer opens it, keeping rowids and the merge policy, and then finds words with marks', async () => {
    const dir = await oldIndexFile();
    const db = openDatabase(dir);
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'fts'").pluck().get()).toContain("categories ''L* N* Co M*''");
    expect(vocabulary(db)).toContain('नमस्ते');
    expect(vocabulary(db)).not.toContain('नमस');
    const hindiRowid = db.prepare("SELECT rowid FROM docs WHERE id = 'marks-p3'").pluck().get();
    expect(hindiRowid).toBeGreaterThan(1);
    expect(db.prepare("SELECT rowid FROM fts WHERE fts MATCH '\"नमस्ते\"'").pluck().all()).toEqual([hindiRowid]);
    const docRowids = db.prepare('SELECT rowid FROM docs ORDER BY rowid').pluck().all();
    expect(db.prepare("SELECT rowid FROM fts WHERE fts MATCH 'the OR and OR of OR नमस्ते OR दुनिया' ORDER BY rowid").pluck().all()).toEqual(docRowids);
    expect(db.prepare('SELECT k, v FROM fts_config WHERE k IN (?, ?) ORDER BY k').all('automerge', 'deletemerge')).toEqual([
      { k: 'automerge', v: 16 },
      { k: 'deletemerge', v: 25 },
    ]);
    // Every term may have changed: the change log says so to readers, naming no statement.
    expect(db.prepare('SELECT statement_id FROM changes ORDER BY seq DESC LIMIT 1').pluck().get()).toBe(EVERYTHING_CHANGED);
    db.close();

    const engine = openEmbeddedEngine(dir, loadIndexSettings());
    const result = await engine.search({ q: 'नमस्ते', filters: noFilters(), sort: 'relevance', offset: 0, limit: 10, facets: [] });
    expect(result.hits.map((hit) => hit.document.id)).toEqual(['marks-p3']);
    expect(result.hits[0]?.highlighted).toContain('<mark>नमस्ते</mark>');
    // Two paragraphs of the seed mention it, and two of its copy.
    expect((await engine.search({ q: 'ceasefire', filters: noFilters(), sort: 'relevance', offset: 0, limit: 0, facets: [] })).total).toBe(4);
    await engine.close();
  });

  it('is left as it is by a read-only connection', async () => {
    const dir = await oldIndexFile();
    openDatabase(dir, { readonly: true }).close();
    expect(storedFts(dir)).toBe(oldFts);
  });
});

/**
 * An index file as versions before `statements.meta` left it: every paragraph's body held its
 * statement's fields too, and the issuer and date facets had a row per paragraph.
 */
async function indexFileWithoutStatementMeta(): Promise<{ dir: string; documents: unknown[] }> {
  const { dir, cleanup } = tempDataDir();
  cleanups.push(cleanup);
  const engine = openEmbeddedEngine(dir, loadIndexSettings());
  const seed = await seedStatement();
  await engine.replaceStatements([seed, copyStatement(seed, 'copy', '2024-06', (document) => document.text)]);
  const documents = [...(await engine.getStatement(seed.statementId)), ...(await engine.getStatement('copy'))];
  await engine.close();
  const db = new Database(join(dir, 'communique.sqlite'));
  db.transaction(() => {
    const rows = db.prepare<[], [number, string, string]>('SELECT d.rowid, s.meta, d.body FROM docs d JOIN statements s ON s.id = d.statement_id').raw().all();
    const update = db.prepare('UPDATE docs SET body = ? WHERE rowid = ?');
    for (const [rowid, meta, body] of rows) update.run(JSON.stringify({ ...JSON.parse(meta), ...JSON.parse(body) }), rowid);
    for (const field of ['issuer', 'year', 'month', 'day']) {
      db.prepare(`INSERT INTO facet (field, value, doc) SELECT ?, CAST(body ->> ? AS TEXT), rowid FROM docs WHERE body ->> ? IS NOT NULL`).run(field, `$.${field}`, `$.${field}`);
    }
    db.exec('ALTER TABLE statements DROP COLUMN meta');
  })();
  db.close();
  return { dir, documents };
}

describe('an index file from before statements kept their own fields', () => {
  it('moves them out of the paragraphs when a writer opens it, and reads and counts as before', async () => {
    const { dir, documents } = await indexFileWithoutStatementMeta();
    const db = openDatabase(dir);
    expect(db.prepare("SELECT count(*) FROM facet WHERE field IN ('issuer', 'year', 'month', 'day')").pluck().get()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM docs WHERE body ->> '$.title' IS NOT NULL").pluck().get()).toBe(0);
    expect(db.prepare("SELECT meta ->> '$.date' FROM statements ORDER BY id").pluck().all()).toEqual(['2025-11-07', '2024-06']);
    db.close();

    const engine = openEmbeddedEngine(dir, loadIndexSettings());
    const seedId = (await seedStatement()).statementId;
    expect([...(await engine.getStatement(seedId)), ...(await engine.getStatement('copy'))]).toEqual(documents);
    const result = await engine.search({ q: 'ceasefire', filters: noFilters(), sort: 'relevance', offset: 0, limit: 0, facets: ['year', 'issuer'] });
    expect(result.facets).toEqual({ year: [{ value: '2024', count: 2 }, { value: '2025', count: 2 }], issuer: [{ value: 'PK', count: 4 }] });
    await engine.close();
  });
});

describe('opening an index file another process is writing', () => {
  it('fails after the busy timeout with a message that says the file is locked and why it may be', async () => {
    const { dir, cleanup } = tempDataDir();
    cleanups.push(cleanup);
    openDatabase(dir).close();
    const other = new Database(join(dir, 'communique.sqlite'));
    other.exec('BEGIN IMMEDIATE');
    try {
      expect(() => openDatabase(dir)).toThrow(
        expect.objectContaining({ code: 'ENGINE_UNAVAILABLE', detail: expect.stringContaining('is locked by another process (converting it from an older version') }),
      );
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  }, 15_000);
});

// Regression: an older version still running during an upgrade (or after a rollback) writes
// statements without meta into a converted file; their reads answered 500.
describe('a statement an older version wrote into a converted index file', () => {
  it('reads and counts from its paragraphs until a writer opens the file, which converts it', async () => {
    const { dir, cleanup } = tempDataDir();
    cleanups.push(cleanup);
    const engine = openEmbeddedEngine(dir, loadIndexSettings());
    const seed = await seedStatement();
    await engine.replaceStatements([seed, copyStatement(seed, 'copy', '2024-06', (document) => document.text)]);
    const copy = await engine.getStatement('copy');
    await engine.close();

    const db = new Database(join(dir, 'communique.sqlite'));
    const rows = db.prepare<[], [number, string, string]>("SELECT d.rowid, s.meta, d.body FROM docs d JOIN statements s ON s.id = d.statement_id WHERE s.id = 'copy'").raw().all();
    db.transaction(() => {
      for (const [rowid, meta, body] of rows) {
        db.prepare('UPDATE docs SET body = ? WHERE rowid = ?').run(JSON.stringify({ ...JSON.parse(meta), ...JSON.parse(body) }), rowid);
        db.prepare("INSERT INTO facet (field, value, doc) VALUES ('year', '2024', ?)").run(rowid);
      }
      db.exec("UPDATE statements SET meta = NULL WHERE id = 'copy'");
    })();
    db.close();

    const reader = openDatabase(dir, { readonly: true });
    expect(new Columns(reader).count('year', new Columns(reader).all(), 10)).toEqual([
      { value: '2024', count: 11 },
      { value: '2025', count: 11 },
    ]);
    // Filtered in SQL (statement lists, exports), not in the columns.
    const listed = new IndexReader(reader, loadIndexSettings()).listStatements({ q: '', filters: { ...noFilters(), issuers: ['PK'] }, order: 'date:desc', offset: 0, limit: 10 });
    expect(listed.statements.map((item) => item.document.statementId).sort()).toEqual(['000_f9833616b54a3226', 'copy']);
    reader.close();

    const reopened = openEmbeddedEngine(dir, loadIndexSettings());
    expect(await reopened.getStatement('copy')).toEqual(copy);
    const result = await reopened.search({ q: 'ceasefire', filters: noFilters(), sort: 'relevance', offset: 0, limit: 0, facets: ['year'] });
    expect(result.facets).toEqual({ year: [{ value: '2024', count: 2 }, { value: '2025', count: 2 }] });
    await reopened.close();
    const converted = new Database(join(dir, 'communique.sqlite'), { readonly: true });
    expect(converted.prepare("SELECT count(*) FROM statements WHERE meta IS NULL").pluck().get()).toBe(0);
    expect(converted.prepare("SELECT count(*) FROM facet WHERE field = 'year'").pluck().get()).toBe(0);
    converted.close();
  });
});

describe('the change log', () => {
  const logged = (db: Database.Database, after: number): string[] =>
    db.prepare<[number], string>('SELECT statement_id FROM changes WHERE seq > ? ORDER BY seq').pluck().all(after);
  const last = (db: Database.Database): number => db.prepare<[], number>('SELECT coalesce(max(seq), 0) FROM changes').pluck().get() ?? 0;

  it("names every statement whose row is written, by this version's writer or by any other", async () => {
    const { dir, cleanup } = tempDataDir();
    cleanups.push(cleanup);
    const engine = openEmbeddedEngine(dir, loadIndexSettings());
    const seed = await seedStatement();
    const db = openDatabase(dir, { readonly: true });
    try {
      await engine.replaceStatements([copyStatement(seed, 'a', '2025-01-01'), copyStatement(seed, 'b', '2025-01-02')]);
      expect(new Set(logged(db, 0))).toEqual(new Set(['a', 'b']));
      let seen = last(db);
      await engine.replaceStatements([copyStatement(seed, 'a', '2025-02-01')]);
      await engine.deleteStatements(['b', 'never-indexed']);
      expect(new Set(logged(db, seen))).toEqual(new Set(['a', 'b']));
      seen = last(db);
      // A writer that knows nothing of the log, as one of an older version.
      const other = new Database(join(dir, 'communique.sqlite'));
      other.prepare("UPDATE statements SET fingerprint = 'x' WHERE id = 'a'").run();
      other.close();
      expect(logged(db, seen)).toEqual(['a']);
    } finally {
      db.close();
      await engine.close();
    }
  });
});
