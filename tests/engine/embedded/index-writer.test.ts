import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, SEGMENTS_MERGED } from '../../../src/engine/embedded/database.js';
import { IndexReader } from '../../../src/engine/embedded/index-reader.js';
import { IndexWriter } from '../../../src/engine/embedded/index-writer.js';
import { loadIndexSettings } from '../../../src/engine/settings.js';
import type { StatementDocuments } from '../../../src/schema/document.js';
import { noFilters, type EngineQuery } from '../../../src/schema/query.js';
import { tempDataDir } from '../../helpers/seed.js';
import { copyStatement, seedStatement } from '../../helpers/synthetic.js';
import { holdWriteLock } from '../../helpers/write-lock.js';

const settings = loadIndexSettings();
let data: { dir: string; cleanup: () => void };
let db: Database.Database;
let writer: IndexWriter;
let seed: StatementDocuments;

beforeEach(async () => {
  data = tempDataDir();
  db = openDatabase(data.dir);
  writer = new IndexWriter(db);
  seed = await seedStatement();
});
afterEach(() => {
  db.close();
  data.cleanup();
});

/** FTS5 segments the full-text index is spread over: every search reads each term from each. */
const segments = (): number => db.prepare<[], number>('SELECT count(DISTINCT segid) FROM fts_idx').pluck().get() ?? 0;

const query = (q: string): EngineQuery => ({
  q,
  filters: noFilters(),
  sort: 'relevance',
  offset: 0,
  limit: 100,
  facets: ['countries', 'rounds', 'year'],
});
const searches = ['Istanbul', '"third round"', 'Afghan Taliban', 'ceasefir', 'Istambul', '-Pakistan talks'];
const answers = () => {
  const reader = new IndexReader(db, settings);
  return searches.map((q) => reader.search(query(q)));
};

/** Each copy of the seed written in its own transaction, as batches of an ingest are. */
function writeCopies(from: number, count: number): void {
  for (let i = from; i < from + count; i += 1) {
    const round = ['first', 'second', 'third', 'fourth'][i % 4] ?? 'third';
    writer.replace([copyStatement(seed, `copy-${i}`, `2025-11-${String(1 + (i % 28)).padStart(2, '0')}`, (d) => d.text.replace('third', round))]);
  }
}

describe('merging the full-text segments after a bulk write', () => {
  it('leaves one segment after writes that make up the whole index, and every search answers as before', () => {
    writeCopies(0, 40);
    expect(segments()).toBeGreaterThan(1);
    const before = answers();

    expect(writer.mergeSegments()).toBe(true);

    expect(segments()).toBe(1);
    expect(answers()).toEqual(before);
  });

  it('does nothing when nothing was written since the last merge', () => {
    writeCopies(0, 5);
    expect(writer.mergeSegments()).toBe(true);
    expect(writer.mergeSegments()).toBe(false);
  });

  it('waits while the writes since the last merge are less than a tenth of the index', () => {
    writeCopies(0, 40);
    writer.mergeSegments();
    writeCopies(40, 3);
    expect(writer.mergeSegments()).toBe(false);
    // The merged segment and one per transaction since.
    expect(segments()).toBe(4);

    writeCopies(43, 2);
    expect(writer.mergeSegments()).toBe(true);
    expect(segments()).toBe(1);
  });

  it('merges once the writes come to exactly a tenth of the index, not one paragraph before', () => {
    const single = (id: string): StatementDocuments => {
      const copy = copyStatement(seed, id, '2025-11-01');
      return { ...copy, documents: copy.documents.slice(0, 1) };
    };
    for (let i = 0; i < 90; i += 1) writer.replace([single(`one-${i}`)]);
    writer.mergeSegments();
    for (let i = 90; i < 99; i += 1) writer.replace([single(`one-${i}`)]);
    // 9 paragraphs written, 99 in the index.
    expect(writer.mergeSegments()).toBe(false);
    writer.replace([single('one-99')]);
    // 10 written, 100 in the index.
    expect(writer.mergeSegments()).toBe(true);
  });

  it('counts the writes in the index file: a merge lost to a crash is done by the next writer', () => {
    writeCopies(0, 40);
    const other = openDatabase(data.dir);
    try {
      expect(new IndexWriter(other).mergeSegments()).toBe(true);
    } finally {
      other.close();
    }
    expect(segments()).toBe(1);
    expect(writer.mergeSegments()).toBe(false);
  });

  it('does not count writes that were rolled back', () => {
    writeCopies(0, 40);
    writer.mergeSegments();
    const clash = copyStatement(seed, 'clash', '2025-11-30');
    const taken = { ...clash, documents: clash.documents.map((document) => ({ ...document, id: `copy-0-p${document.paragraph}` })) };
    for (let i = 0; i < 5; i += 1) expect(() => writer.replace([taken])).toThrow(/UNIQUE/);
    expect(writer.mergeSegments()).toBe(false);
  });

  it('merges in steps, each its own transaction logged for the readers, until one finds nothing left', () => {
    // Words of their own in every statement, so that the index outgrows one step (250 pages).
    for (let i = 0; i < 600; i += 1) {
      writer.replace([copyStatement(seed, `big-${i}`, '2025-01-01', (d) => `${d.text} w${i}a w${i}b w${i}c w${i}d w${i}e w${i}f w${i}g w${i}h`)]);
    }
    expect(db.prepare<[], number>('SELECT count(*) FROM fts_data').pluck().get()).toBeGreaterThan(250);
    const logged = db.prepare<[string], number>('SELECT count(*) FROM changes WHERE statement_id = ?').pluck();

    expect(writer.mergeSegments()).toBe(true);

    expect(segments()).toBe(1);
    expect(logged.get(SEGMENTS_MERGED)).toBeGreaterThanOrEqual(3);
  });

  it('counts deleted paragraphs as writes: a pruned index is merged too', () => {
    writeCopies(0, 40);
    writer.mergeSegments();
    writer.delete(Array.from({ length: 5 }, (_, i) => `copy-${i}`));
    const before = answers();
    expect(writer.mergeSegments()).toBe(true);
    expect(answers()).toEqual(before);
    expect(answers()[0]?.total).toBe(35 * 2);
  });
});

describe('writing while another process writes', () => {
  it('waits for its lock, up to the busy timeout, for a replace, a delete and a merge step alike', async () => {
    writeCopies(0, 10);
    const writes: [string, () => unknown][] = [
      ['replace', () => writeCopies(10, 1)],
      ['delete', () => writer.delete(['copy-0'])],
      ['merge', () => writer.mergeSegments()],
    ];
    for (const [name, write] of writes) {
      const { released } = await holdWriteLock(data.dir, 300);
      const started = performance.now();
      expect(write, name).not.toThrow();
      expect(performance.now() - started, name).toBeGreaterThan(150);
      await released;
    }
    expect(segments()).toBe(1);
  });

  it('fails with ENGINE_UNAVAILABLE, saying what held it, once the busy timeout is over', async () => {
    db.pragma('busy_timeout = 200');
    const { released } = await holdWriteLock(data.dir, 1500);
    expect(() => writeCopies(0, 1)).toThrow(
      expect.objectContaining({ code: 'ENGINE_UNAVAILABLE', detail: 'another process held the index file for the whole busy timeout (0.2 s), writing to it; try again' }),
    );
    await released;
    expect(() => writeCopies(0, 1)).not.toThrow();
  });
});
