import type Database from 'better-sqlite3';
import { AppError } from '../../errors.js';
import type { StatementDocuments } from '../../schema/document.js';
import { CHANGES_KEPT, LOG_CHANGE, paragraphFacetFields, SEGMENTS_MERGED } from './database.js';
import { storedBody, storedMeta } from './stored-document.js';

/** Segments are merged once the paragraphs written since make up 1 in this many of the index. */
const MERGE_AFTER_SHARE = 10;
/** Pages of merged index written per merge step (FTS5 pages are ~4 kB). */
const MERGE_STEP_PAGES = 250;

/**
 * The write side of the embedded index, on the engine's one writing connection. Its statements
 * are prepared once, not for every batch.
 */
export class IndexWriter {
  private readonly insertDoc;
  private readonly insertText;
  private readonly insertFacet;
  private readonly upsertStatement;
  private readonly docRowids;
  private readonly deleteText;
  private readonly deleteFacets;
  private readonly deleteDoc;
  private readonly deleteStatement;
  private readonly fingerprint;
  private readonly trimChanges;
  private readonly countDocs;
  private readonly unmerged;
  private readonly addUnmerged;
  private readonly clearUnmerged;
  private readonly logMerge;
  private readonly mergeStep;
  private readonly totalChanges;
  private readonly pageCount;

  constructor(private readonly db: Database.Database) {
    this.insertDoc = db.prepare<[string, string, number, number, string]>(
      'INSERT INTO docs (id, statement_id, paragraph, date_num, body) VALUES (?, ?, ?, ?, ?)',
    );
    this.insertText = db.prepare<[number | bigint, string]>('INSERT INTO fts (rowid, text) VALUES (?, ?)');
    this.insertFacet = db.prepare<[string, string, number | bigint]>('INSERT OR IGNORE INTO facet (field, value, doc) VALUES (?, ?, ?)');
    this.upsertStatement = db.prepare<[string, string, string]>(
      'INSERT INTO statements (id, fingerprint, meta) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET fingerprint = excluded.fingerprint, meta = excluded.meta',
    );
    this.docRowids = db.prepare<[string], number>('SELECT rowid FROM docs WHERE statement_id = ?').pluck();
    this.deleteText = db.prepare<[number]>('DELETE FROM fts WHERE rowid = ?');
    this.deleteFacets = db.prepare<[number]>('DELETE FROM facet WHERE doc = ?');
    this.deleteDoc = db.prepare<[number]>('DELETE FROM docs WHERE rowid = ?');
    this.deleteStatement = db.prepare<[string]>('DELETE FROM statements WHERE id = ?');
    this.fingerprint = db.prepare<[string], string>('SELECT fingerprint FROM statements WHERE id = ?').pluck();
    this.trimChanges = db.prepare<[number]>('DELETE FROM changes WHERE seq <= (SELECT max(seq) FROM changes) - ?');
    this.countDocs = db.prepare<[], number>('SELECT count(*) FROM docs').pluck();
    this.unmerged = db.prepare<[], number>('SELECT coalesce(sum(paragraphs), 0) FROM unmerged').pluck();
    this.addUnmerged = db.prepare<[number]>(
      'INSERT INTO unmerged (only, paragraphs) VALUES (1, ?) ON CONFLICT (only) DO UPDATE SET paragraphs = paragraphs + excluded.paragraphs',
    );
    this.clearUnmerged = db.prepare('DELETE FROM unmerged');
    this.logMerge = db.prepare<[string]>(LOG_CHANGE);
    this.mergeStep = db.prepare<[number]>("INSERT INTO fts (fts, rank) VALUES ('merge', ?)");
    this.totalChanges = db.prepare<[], number>('SELECT total_changes()').pluck();
    this.pageCount = db.prepare<[], number>('SELECT count(*) FROM fts_data').pluck();
  }

  /**
   * Replaces each statement whole, all in one transaction: a killed process leaves the old batch or
   * the new one. The change log (written by triggers on `statements`) names the statements, so that
   * readers update their caches for them alone.
   */
  replace(statements: StatementDocuments[]): void {
    this.write(() => {
      let written = this.deleteRows(statements.map((statement) => statement.statementId));
      for (const statement of statements) {
        for (const document of statement.documents) {
          const { lastInsertRowid } = this.insertDoc.run(
            document.id,
            document.statementId,
            document.paragraph,
            document.dateNum,
            storedBody(document),
          );
          this.insertText.run(lastInsertRowid, document.text);
          written += 1;
          for (const field of paragraphFacetFields) {
            const value = document[field];
            if (Array.isArray(value)) for (const item of value) this.insertFacet.run(field, String(item), lastInsertRowid);
            else if (value !== null) this.insertFacet.run(field, String(value), lastInsertRowid);
          }
        }
        const [first] = statement.documents;
        if (first) this.upsertStatement.run(statement.statementId, statement.fingerprint, storedMeta(first));
      }
      this.addUnmerged.run(written);
      this.trimChanges.run(CHANGES_KEPT);
    });
  }

  /** Deletes the statements and every row of their paragraphs, in one transaction. */
  delete(statementIds: string[]): void {
    this.write(() => {
      this.addUnmerged.run(this.deleteRows(statementIds));
      this.trimChanges.run(CHANGES_KEPT);
    });
  }

  /**
   * One write transaction, begun IMMEDIATE: it takes the write lock first, waiting up to the busy
   * timeout for another writer (an ingest's batch, a merge step). Begun deferred, its first read
   * made it a reader, and SQLite fails a reader's upgrade at once, without waiting, when another
   * connection writes: a statement posted during a merge failed in 9 ms.
   */
  private write<T>(run: () => T): T {
    try {
      return this.db.transaction(run).immediate();
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
      const waited = Number(this.db.pragma('busy_timeout', { simple: true })) / 1000;
      throw new AppError('ENGINE_UNAVAILABLE', `another process held the index file for the whole busy timeout (${waited} s), writing to it; try again`, {
        cause: error,
      });
    }
  }

  /** Deletes the statements' rows; the number of paragraphs deleted. */
  private deleteRows(statementIds: string[]): number {
    let deleted = 0;
    for (const statementId of statementIds) {
      for (const rowid of this.docRowids.all(statementId)) {
        this.deleteText.run(rowid);
        this.deleteFacets.run(rowid);
        this.deleteDoc.run(rowid);
        deleted += 1;
      }
      this.deleteStatement.run(statementId);
    }
    return deleted;
  }

  /**
   * Merges the full-text index into one segment once the paragraphs inserted and deleted since the
   * last merge, by any writer, come to a tenth of the index. FTS5 adds a segment for every
   * transaction and merges them 16 at a time, so a bulk ingest leaves dozens (33 for the UNGD
   * folder), and every search reads each term from each: merged, a phrase with filters and facet
   * counts took 8.5 against 13 ms. A merge rewrites the whole index (0.3–3 s for UNGD's 89,474
   * paragraphs), so it waits until the writes are a share of it. The count is kept in the index
   * file, in the writes' own transactions, so a merge lost to a crash or a lock is done by the next
   * writer that asks. True when it merged: in full, or, when other writers kept adding segments,
   * as far as its step limit, and then the merge stays due.
   *
   * The merge goes in steps of its own transaction (FTS5's incremental 'merge' with a negative
   * page count, which takes every level), so that another writer, the API taking a statement,
   * waits for one step (~70 ms here) and not for the whole merge. Each step logs SEGMENTS_MERGED.
   */
  mergeSegments(): boolean {
    // Decided outside the write lock first: most calls merge nothing and need not wait for other writers.
    if (!this.mergeDue()) return false;
    // Writers between the steps add segments to merge; a merge that never ends stays due instead.
    const steps = 4 * Math.ceil((this.pageCount.get() ?? 0) / MERGE_STEP_PAGES) + 4;
    for (let step = 0; step < steps; step += 1) {
      const done = this.write(() => {
        const before = this.totalChanges.get() ?? 0;
        this.mergeStep.run(-MERGE_STEP_PAGES);
        // The command itself is one change; FTS5's documented sign of a step that found nothing left to merge.
        const nothingLeft = (this.totalChanges.get() ?? 0) - before < 2;
        this.logMerge.run(SEGMENTS_MERGED);
        if (nothingLeft) this.clearUnmerged.run();
        return nothingLeft;
      });
      if (done) return true;
    }
    return true;
  }

  private mergeDue(): boolean {
    const unmerged = this.unmerged.get() ?? 0;
    return unmerged > 0 && unmerged * MERGE_AFTER_SHARE >= (this.countDocs.get() ?? 0);
  }

  /** The stored fingerprint of each statement that is indexed. */
  fingerprints(statementIds: string[]): Map<string, string> {
    const found = new Map<string, string>();
    for (const id of statementIds) {
      const value = this.fingerprint.get(id);
      if (value !== undefined) found.set(id, value);
    }
    return found;
  }
}
