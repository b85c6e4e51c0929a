import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Columns } from '../../../src/engine/embedded/columns.js';
import { facetFields, openDatabase, type StoredFacet } from '../../../src/engine/embedded/database.js';
import { openEmbeddedEngine } from '../../../src/engine/embedded/embedded-engine.js';
import { readStored } from '../../../src/engine/embedded/stored-document.js';
import { loadIndexSettings } from '../../../src/engine/settings.js';
import { noFilters } from '../../../src/schema/query.js';
import { tempDataDir } from '../../helpers/seed.js';
import { seedStatement, syntheticCorpus } from '../../helpers/synthetic.js';

const data = tempDataDir();
let db: Database.Database;
let columns: Columns;

/**
 * Copies of the seed, every third with a speaker (the seed has none), and every fifth deleted
 * again: the rowids have gaps, as in a live index.
 */
beforeAll(async () => {
  const engine = openEmbeddedEngine(data.dir, loadIndexSettings());
  const corpus = syntheticCorpus(await seedStatement(), 60).map((statement, i) => ({
    ...statement,
    documents: statement.documents.map((document) => ({ ...document, speaker: i % 3 === 0 ? 'Lin Jian' : null })),
  }));
  await engine.replaceStatements(corpus);
  await engine.deleteStatements(corpus.filter((_, i) => i % 5 === 1).map((statement) => statement.statementId));
  await engine.close();
  db = openDatabase(data.dir, { readonly: true });
  columns = new Columns(db);
});
afterAll(() => {
  db.close();
  data.cleanup();
});

const rowidsOf = (sql: string, ...params: (string | number)[]): number[] =>
  db.prepare<(string | number)[], number>(sql).pluck().all(...params);

describe('facet columns', () => {
  it('hold exactly the documents of the index, gaps left by deletions included', () => {
    const stored = rowidsOf('SELECT rowid FROM docs ORDER BY rowid');
    expect(stored.at(-1)).toBeGreaterThan(stored.length);
    expect(columns.all()).toEqual(stored);
  });

  it('hold each document’s date', () => {
    for (const [rowid, dateNum] of db.prepare<[], [number, number]>('SELECT rowid, date_num FROM docs').raw().all()) {
      expect(columns.dateNum[rowid]).toBe(dateNum);
    }
  });

  /** Counts of `field` over `rowids`, from the stored documents themselves, ordered as the engine orders them. */
  const countsInDocuments = (field: StoredFacet, rowids: number[]) => {
    const counts = new Map<string, number>();
    const read = db.prepare<[number], [string, string]>('SELECT s.meta, d.body FROM docs d JOIN statements s ON s.id = d.statement_id WHERE d.rowid = ?').raw();
    for (const rowid of rowids) {
      const [meta, body] = read.get(rowid) ?? ['null', 'null'];
      const value: unknown = readStored(meta, body)[field];
      for (const item of Array.isArray(value) ? value : value === null ? [] : [value]) counts.set(String(item), (counts.get(String(item)) ?? 0) + 1);
    }
    return [...counts]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  };

  it.each(facetFields)('count %s as the stored documents say', (field) => {
    const expected = countsInDocuments(field, columns.all());
    expect(expected.length).toBeGreaterThan(0);
    expect(columns.count(field, columns.all(), 10_000)).toEqual(expected);
  });

  it.each(facetFields)('count %s over some of the documents as the stored documents say', (field) => {
    // Every third document: values on the wrong documents would change these counts, not the totals.
    const some = columns.all().filter((_, i) => i % 3 === 0);
    const expected = countsInDocuments(field, some);
    expect(expected.length).toBeGreaterThan(0);
    expect(columns.count(field, some, 10_000)).toEqual(expected);
  });

  it('filter by several values of a multi-valued facet as the facet table does', () => {
    const keep = columns.filter({ ...noFilters(), countries: ['QA', 'TR'] });
    expect(keep).not.toBeNull();
    const expected = rowidsOf("SELECT DISTINCT doc FROM facet WHERE field = 'countries' AND value IN ('QA', 'TR') ORDER BY doc");
    expect(expected.length).toBeGreaterThan(0);
    expect(columns.all().filter((rowid) => keep?.(rowid))).toEqual(expected);
  });

  it('filter by statement as the docs table does', () => {
    const statementIds = db.prepare<[], string>('SELECT DISTINCT statement_id FROM docs ORDER BY statement_id LIMIT 3').pluck().all();
    const keep = columns.filter({ ...noFilters(), statementIds });
    const expected = rowidsOf(`SELECT rowid FROM docs WHERE statement_id IN (?, ?, ?) ORDER BY rowid`, ...statementIds);
    expect(columns.all().filter((rowid) => keep?.(rowid))).toEqual(expected);
  });
});
