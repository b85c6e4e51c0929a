import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ingestSources } from '../../../ingest/pipeline.js';
import { Columns } from '../../../src/engine/embedded/columns.js';
import { EVERYTHING_CHANGED, facetFields, openDatabase } from '../../../src/engine/embedded/database.js';
import { openEmbeddedEngine, type EmbeddedEngine } from '../../../src/engine/embedded/embedded-engine.js';
import { IndexReader } from '../../../src/engine/embedded/index-reader.js';
import { loadIndexSettings } from '../../../src/engine/settings.js';
import type { StatementDocuments } from '../../../src/schema/document.js';
import { noFilters, type EngineQuery, type FacetField } from '../../../src/schema/query.js';
import { corpusSample, seedId, seedPath, tempDataDir } from '../../helpers/seed.js';
import { copyStatement, seedStatement } from '../../helpers/synthetic.js';
import { indexedStatementIds } from '../../helpers/statement-ids.js';

/**
 * A reader's caches (facet columns, vocabulary) follow the writes of its own connection and of
 * others, updated for the changed statements alone: after each write below, a reader kept from
 * the start answers exactly as one that reads the index afresh.
 */
const settings = loadIndexSettings();
const data = tempDataDir();
let engine: EmbeddedEngine;
let other: Database.Database;
let kept: IndexReader;
let seed: StatementDocuments;

beforeAll(async () => {
  engine = openEmbeddedEngine(data.dir, settings);
  const report = await ingestSources([seedPath, ...corpusSample], engine);
  expect(report.failures).toEqual([]);
  other = openDatabase(data.dir, { readonly: true });
  kept = new IndexReader(other, settings);
  seed = await seedStatement();
});
afterAll(async () => {
  other.close();
  await engine.close();
  data.cleanup();
});

const every = (q: string, extra: Partial<EngineQuery> = {}): EngineQuery => ({
  q,
  filters: noFilters(),
  sort: 'relevance',
  offset: 0,
  limit: 50,
  facets: ['countries', 'groups', 'talks', 'rounds', 'issuer', 'speaker', 'year'],
  ...extra,
});

const queries: EngineQuery[] = [
  every(''),
  every('Taliban'),
  every('Zanzibarian'),
  every('Zanzibarrian'),
  every('Pakistan Afghanistan', { filters: { ...noFilters(), countries: ['QA'] } }),
  every('', { filters: { ...noFilters(), issuers: ['PK'] }, sort: 'date:desc' }),
  every('', { filters: { ...noFilters(), from: 20250101, to: null }, sort: 'date:asc' }),
  every('the', { filters: { ...noFilters(), roundNumbers: [3] } }),
  every('China', { filters: { ...noFilters(), speakers: ['Zhao Lijian'] } }),
];
const facetValueQueries: [FacetField, string][] = [
  ['countries', ''],
  ['year', '20'],
  ['speaker', 'a'],
];

/** What a reader answers to every query, in a form that compares whole. */
async function answers(reader: { search: IndexReader['search']; facetValues: IndexReader['facetValues'] }) {
  return {
    searches: await Promise.all(queries.map(async (query) => {
      const result = await reader.search(query);
      return { total: result.total, ids: result.hits.map((hit) => hit.document.id), facets: result.facets };
    })),
    facetValues: await Promise.all(facetValueQueries.map(([facet, q]) => reader.facetValues(facet, q, noFilters()))),
  };
}

/** What a reader that reads the index afresh answers. */
async function freshAnswers() {
  const fresh = openDatabase(data.dir, { readonly: true });
  try {
    return await answers(new IndexReader(fresh, settings));
  } finally {
    fresh.close();
  }
}

async function expectAllCurrent(): Promise<void> {
  const expected = await freshAnswers();
  expect(await answers(kept)).toEqual(expected);
  expect(await answers({ search: (q) => engine.search(q) as never, facetValues: (f, q, filters) => engine.searchFacetValues(f, q, filters) as never })).toEqual(expected);
}

const zanzibar = (statement: StatementDocuments): StatementDocuments => ({
  ...statement,
  documents: statement.documents.map((document, i) => ({ ...document, text: i === 2 ? `${document.text} The Zanzibarian delegation attended.` : document.text })),
});

describe('a reader kept across writes', () => {
  it('answers as a fresh one from the start', async () => {
    await expectAllCurrent();
  });

  it('after a statement is replaced with another date, countries and a new word', async () => {
    const changed = zanzibar(copyStatement(seed, seedId, '2024-03-05'));
    changed.documents[0] = { ...changed.documents[0]!, countries: ['QA', 'NO'] };
    await engine.replaceStatements([changed]);
    await expectAllCurrent();
    expect((await kept.search(every('Zanzibarrian'))).total).toBe(1);
  });

  it('after a statement is deleted', async () => {
    const [first] = await indexedStatementIds(engine);
    await engine.deleteStatements([first!]);
    await expectAllCurrent();
  });

  it('after new statements come, and one takes the rowids of the last one deleted', async () => {
    await engine.replaceStatements([copyStatement(seed, 'copy-a', '2023-01-02'), copyStatement(seed, 'copy-b', null)]);
    await expectAllCurrent();
    await engine.deleteStatements(['copy-b']);
    await engine.replaceStatements([zanzibar(copyStatement(seed, 'copy-c', '2022-07-08'))]);
    await expectAllCurrent();
  });

  it('after a change too large to apply in place, built anew', async () => {
    // 500 statements of 11 paragraphs: more than the 5,000 documents updated in place.
    await engine.replaceStatements(Array.from({ length: 500 }, (_, i) => copyStatement(seed, `bulk-${i}`, `2021-0${1 + (i % 9)}-1${i % 10}`)));
    await expectAllCurrent();
  });

  it('after a statement whose text holds a lone removable mark (an empty term in the index)', async () => {
    await engine.replaceStatements([{ ...copyStatement(seed, 'marked', '2025-01-01'), documents: [{ ...seed.documents[0]!, id: 'marked-p1', statementId: 'marked', text: 'Peace talks \u0331 resumed in Doha.' }] }]);
    await expectAllCurrent();
  });

  it('after a writer of an older version deletes a statement, then this one writes another', async () => {
    // What the writer before the change log did: the statement's rows, then its row in statements.
    const older = openDatabase(data.dir);
    try {
      older.transaction(() => {
        const rowids = older.prepare<[string], number>('SELECT rowid FROM docs WHERE statement_id = ?').pluck().all('copy-a');
        for (const rowid of rowids) {
          older.prepare('DELETE FROM fts WHERE rowid = ?').run(rowid);
          older.prepare('DELETE FROM facet WHERE doc = ?').run(rowid);
          older.prepare('DELETE FROM docs WHERE rowid = ?').run(rowid);
        }
        older.prepare('DELETE FROM statements WHERE id = ?').run('copy-a');
      })();
    } finally {
      older.close();
    }
    await engine.replaceStatements([copyStatement(seed, 'copy-d', '2025-02-03')]);
    await expectAllCurrent();
  });

  it('builds its caches from one state of the file, though a commit lands while it builds them', async () => {
    const db = openDatabase(data.dir, { readonly: true });
    try {
      const reader = new IndexReader(db, settings);
      const prepare = db.prepare.bind(db);
      let landed: Promise<void> | null = null;
      // Between the column builder's read of the dates and its read of the statements.
      db.prepare = ((sql: string) => {
        if (landed === null && sql.includes('GROUP BY statement_id')) {
          // The seed, written first: its rows move to the end of the table.
          landed = engine.replaceStatements([zanzibar(copyStatement(seed, seedId, '2019-04-05'))]);
        }
        return prepare(sql);
      }) as typeof db.prepare;
      reader.search(every(''));
      await landed;
      expect(landed).not.toBeNull();
      expect(await answers(reader)).toEqual(await freshAnswers());
    } finally {
      db.close();
    }
  });

  it('after a commit the log cannot name: rows changed by hand, without their statement', async () => {
    await answers(kept);
    const writer = openDatabase(data.dir);
    try {
      writer.exec("DELETE FROM facet WHERE field = 'countries' AND value = 'QA'");
    } finally {
      writer.close();
    }
    expect(await answers(kept)).toEqual(await freshAnswers());
  });

  it('after an entry for the whole index (a full-text table rebuilt), though a statement was written since', async () => {
    await answers(kept);
    const writer = openDatabase(data.dir);
    try {
      writer.transaction(() => {
        writer.exec("DELETE FROM facet WHERE field = 'countries' AND value = 'NO'");
        writer.prepare('INSERT INTO changes (statement_id) VALUES (?)').run(EVERYTHING_CHANGED);
      })();
    } finally {
      writer.close();
    }
    await engine.replaceStatements([copyStatement(seed, 'copy-e', '2025-03-04')]);
    await expectAllCurrent();
  });
});

describe('a reader kept across a merge of the full-text segments', () => {
  /** The reader's caches, compared by identity: the same objects mean they were not built anew. */
  const caches = (reader: IndexReader): unknown[] => {
    const { loaded, vocabulary } = reader as unknown as { loaded: unknown; vocabulary: unknown };
    return [loaded, vocabulary];
  };

  it('keeps its caches, since no statement changed, and answers as a fresh one', async () => {
    await engine.replaceStatements(Array.from({ length: 30 }, (_, i) => copyStatement(seed, `merge-${i}`, '2025-05-05')));
    await expectAllCurrent();
    const before = caches(kept);
    expect(before.every((cache) => cache !== null)).toBe(true);
    const updates = vi.spyOn(Columns.prototype, 'update');

    try {
      expect(await engine.optimize()).toBe(true);
      await expectAllCurrent();
      // Not even updated for an empty change: that rebuilt every facet column, ~20 ms on UNGD.
      expect(updates).not.toHaveBeenCalled();
    } finally {
      updates.mockRestore();
    }
    const after = caches(kept);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).toBe(before[1]);
  });
});

describe('Columns.update', () => {
  it('applies a change in place, and matches columns built afresh', async () => {
    const db = openDatabase(data.dir, { readonly: true });
    try {
      const columns = new Columns(db);
      await engine.replaceStatements([zanzibar(copyStatement(seed, 'copy-a', '2020-02-02'))]);
      await engine.deleteStatements(['copy-c']);
      columns.update(db, ['copy-a', 'copy-c']);
      const fresh = new Columns(db);
      const everything = fresh.all();
      expect(columns.all()).toEqual(everything);
      for (const field of facetFields) expect(columns.count(field, everything, 1000), field).toEqual(fresh.count(field, everything, 1000));
      for (const rowid of everything) expect(columns.dateNum[rowid]).toBe(fresh.dateNum[rowid]);
    } finally {
      db.close();
    }
  });
});
