import type Database from 'better-sqlite3';
import type { EngineFilters, FacetCount } from '../../schema/query.js';
import { facetFields, facetFilters, paragraphFacetFields, statementFacetFields, type StoredFacet } from './database.js';
import { prepared } from './prepared.js';
import { STATEMENT_META } from './stored-document.js';

/** One facet's values per document, as value ids in compressed rows (offsets into one array). */
interface FacetColumn {
  dictionary: string[];
  ids: Map<string, number>;
  offsets: Uint32Array;
  values: Uint32Array;
}

/** Calls `each` with every number of a comma-separated list of non-negative integers (SQLite's `group_concat`). */
function forEachInteger(list: string, each: (n: number) => void): void {
  let n = 0;
  for (let i = 0; i < list.length; i += 1) {
    const c = list.charCodeAt(i);
    if (c === 44) {
      each(n);
      n = 0;
    } else n = n * 10 + (c - 48);
  }
  if (list.length > 0) each(n);
}

/** Collects one facet's values with the documents that hold each, then lays them out as compressed rows. */
class FacetBuilder {
  private readonly dictionary: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly counts: Uint32Array;
  private readonly pairs: number[] = [];

  constructor(private readonly size: number) {
    this.counts = new Uint32Array(size);
  }

  /** One value with its documents (a `group_concat` list); each value comes once, as GROUP BY gives it. */
  add(value: string, docs: string): void {
    const id = this.dictionary.length;
    this.dictionary.push(value);
    this.ids.set(value, id);
    forEachInteger(docs, (doc) => {
      this.counts[doc] = (this.counts[doc] ?? 0) + 1;
      this.pairs.push(doc, id);
    });
  }

  build(): FacetColumn {
    const { size, counts, pairs } = this;
    const offsets = new Uint32Array(size + 1);
    for (let doc = 0; doc < size; doc += 1) offsets[doc + 1] = (offsets[doc] ?? 0) + (counts[doc] ?? 0);
    const values = new Uint32Array(pairs.length / 2);
    const cursor = offsets.slice(0, size);
    for (let i = 0; i < pairs.length; i += 2) {
      const doc = pairs[i] ?? 0;
      values[cursor[doc] ?? 0] = pairs[i + 1] ?? 0;
      cursor[doc] = (cursor[doc] ?? 0) + 1;
    }
    return { dictionary: this.dictionary, ids: this.ids, offsets, values };
  }
}

/** `old`'s values at the start of `larger`. */
function grown<T extends Int32Array | Uint8Array>(old: T, larger: T): T {
  larger.set(old);
  return larger;
}

/**
 * `column` laid out again for `size` documents: the `touched` ones (ascending) with their values
 * in `added` (none when absent), every other one as it was, copied a run at a time (a change
 * touches few). New values join the dictionary.
 */
function rebuilt(column: FacetColumn, size: number, touched: readonly number[], added: Map<number, string[]>): FacetColumn {
  const { dictionary, ids, offsets: oldOffsets, values: oldValues } = column;
  const idOf = (value: string): number => {
    let id = ids.get(value);
    if (id === undefined) {
      id = dictionary.length;
      dictionary.push(value);
      ids.set(value, id);
    }
    return id;
  };
  const oldSize = oldOffsets.length - 1;
  const span = (rowid: number): number => (rowid < oldSize ? (oldOffsets[rowid + 1] ?? 0) - (oldOffsets[rowid] ?? 0) : 0);
  const total = touched.reduce((sum, rowid) => sum - span(rowid) + (added.get(rowid)?.length ?? 0), oldOffsets[oldSize] ?? 0);
  const offsets = new Uint32Array(size + 1);
  const values = new Uint32Array(total);
  let row = 0;
  let at = 0;
  /** Rows from `row` up to `end` as they were: none past the old size. */
  const keepUpTo = (end: number): void => {
    const last = Math.min(end, oldSize);
    if (row < last) {
      const start = oldOffsets[row] ?? 0;
      const stop = oldOffsets[last] ?? 0;
      values.set(oldValues.subarray(start, stop), at);
      const shift = at - start;
      for (let r = row; r < last; r += 1) offsets[r + 1] = (oldOffsets[r + 1] ?? 0) + shift;
      at += stop - start;
    }
    for (let r = Math.max(row, last); r < end; r += 1) offsets[r + 1] = at;
    row = Math.max(row, end);
  };
  for (const rowid of touched) {
    keepUpTo(rowid);
    for (const value of added.get(rowid) ?? []) values[at++] = idOf(value);
    offsets[rowid + 1] = at;
    row = rowid + 1;
  }
  keepUpTo(size);
  return { dictionary, ids, offsets, values };
}

/** The statement-level facets of statements, from their part of their documents. */
const statementFacetsSql = (where: string): string => {
  const paths = statementFacetFields.map((field) => `meta ->> '$.${field}'`).join(', ');
  return `SELECT id, ${paths} FROM (SELECT id, ${STATEMENT_META} AS meta FROM statements${where})`;
};

const CHANGED_DOCS = 'SELECT rowid, statement_id, date_num FROM docs WHERE statement_id IN (SELECT value FROM json_each(?))';
const CHANGED_FACETS = 'SELECT doc, field, value FROM facet WHERE doc IN (SELECT value FROM json_each(?))';
const CHANGED_STATEMENT_FACETS = statementFacetsSql(' WHERE id IN (SELECT value FROM json_each(?))');

/**
 * The facet values and dates of every document, held in typed arrays indexed by rowid.
 * Filtering, counting and date ordering over a match run in JS over these arrays: SQL
 * `GROUP BY` over the facet table, and reading dates from the wide `docs` rows, were
 * the slowest parts of a broad search.
 */
export class Columns {
  dateNum: Int32Array;
  statement: Int32Array;
  present: Uint8Array;
  private readonly statementIds = new Map<string, number>();
  private readonly facets = new Map<StoredFacet, FacetColumn>();

  constructor(db: Database.Database) {
    const size = (db.prepare<[], number>('SELECT coalesce(max(rowid), 0) FROM docs').pluck().get() ?? 0) + 1;
    this.dateNum = new Int32Array(size);
    this.statement = new Int32Array(size);
    this.present = new Uint8Array(size);
    // Read grouped, one row per date, statement or facet value with its documents as one list:
    // better-sqlite3 costs far more per row than SQLite does, and a row per document (or per
    // facet pair) made the load several times slower. Each GROUP BY walks an index in order.
    const grouped = <Key>(sql: string) => db.prepare<[], [Key, string]>(sql).raw().iterate();
    for (const [dateNum, rowids] of grouped<number>('SELECT date_num, group_concat(rowid) FROM docs GROUP BY date_num')) {
      forEachInteger(rowids, (rowid) => {
        this.present[rowid] = 1;
        this.dateNum[rowid] = dateNum;
      });
    }
    const docsOfStatement = new Map<string, string>();
    for (const [statementId, rowids] of grouped<string>('SELECT statement_id, group_concat(rowid) FROM docs GROUP BY statement_id')) {
      const index = this.statementIds.size;
      this.statementIds.set(statementId, index);
      docsOfStatement.set(statementId, rowids);
      forEachInteger(rowids, (rowid) => {
        this.statement[rowid] = index;
      });
    }
    const builders = new Map<StoredFacet, FacetBuilder>(paragraphFacetFields.map((field) => [field, new FacetBuilder(size)]));
    for (const [field, value, docs] of db
      .prepare<[], [StoredFacet, string, string]>('SELECT field, value, group_concat(doc) FROM facet GROUP BY field, value')
      .raw()
      .iterate()) {
      builders.get(field)?.add(value, docs);
    }
    for (const [field, builder] of builders) this.facets.set(field, builder.build());
    this.loadStatementFacets(db, size, docsOfStatement);
  }

  /** The statement-level facets, from each statement's `meta`, given to every one of its documents. */
  private loadStatementFacets(db: Database.Database, size: number, docsOfStatement: Map<string, string>): void {
    const docsByValue = statementFacetFields.map((field) => ({ field, lists: new Map<string, string[]>() }));
    for (const [statementId, ...values] of db.prepare<[], [string, ...(string | number | null)[]]>(statementFacetsSql('')).raw().iterate()) {
      const docs = docsOfStatement.get(statementId);
      if (docs === undefined) continue;
      docsByValue.forEach(({ lists }, i) => {
        const value = values[i];
        if (value === null || value === undefined) return;
        const list = lists.get(String(value));
        if (list) list.push(docs);
        else lists.set(String(value), [docs]);
      });
    }
    for (const { field, lists } of docsByValue) {
      const builder = new FacetBuilder(size);
      for (const [value, docs] of [...lists].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) builder.add(value, docs.join(','));
      this.facets.set(field, builder.build());
    }
  }

  /**
   * Brings the columns up to date after the statements `changed` were replaced or deleted (the
   * index's change log names them): their old documents leave, the ones the index holds for them
   * now come in.
   */
  update(db: Database.Database, changed: readonly string[]): void {
    const ids = JSON.stringify(changed);
    const incoming = prepared<[string], [number, string, number]>(db, CHANGED_DOCS).raw().all(ids);

    const oldSize = this.present.length;
    const size = incoming.reduce((largest, [rowid]) => Math.max(largest, rowid + 1), oldSize);
    const touched = new Uint8Array(size);
    const leaving = new Set(changed.flatMap((id) => this.statementIds.get(id) ?? []));
    for (let rowid = 0; rowid < oldSize; rowid += 1) {
      if (this.present[rowid] === 1 && leaving.has(this.statement[rowid] ?? -1)) {
        this.present[rowid] = 0;
        touched[rowid] = 1;
      }
    }
    if (size > oldSize) {
      this.dateNum = grown(this.dateNum, new Int32Array(size));
      this.statement = grown(this.statement, new Int32Array(size));
      this.present = grown(this.present, new Uint8Array(size));
    }
    const statementOf = new Map<number, string>();
    for (const [rowid, statementId, dateNum] of incoming) {
      let index = this.statementIds.get(statementId);
      if (index === undefined) {
        index = this.statementIds.size;
        this.statementIds.set(statementId, index);
      }
      this.present[rowid] = 1;
      this.dateNum[rowid] = dateNum;
      this.statement[rowid] = index;
      touched[rowid] = 1;
      statementOf.set(rowid, statementId);
    }

    // The new values of every facet, per incoming document.
    const added = new Map<StoredFacet, Map<number, string[]>>(facetFields.map((field) => [field, new Map()]));
    const rowids = JSON.stringify(incoming.map(([rowid]) => rowid));
    for (const [doc, field, value] of prepared<[string], [number, StoredFacet, string]>(db, CHANGED_FACETS).raw().all(rowids)) {
      const values = added.get(field);
      const list = values?.get(doc);
      if (list) list.push(value);
      else values?.set(doc, [value]);
    }
    const statementValues = new Map<string, (string | number | null)[]>();
    for (const [statementId, ...values] of prepared<[string], [string, ...(string | number | null)[]]>(db, CHANGED_STATEMENT_FACETS).raw().all(ids)) {
      statementValues.set(statementId, values);
    }
    for (const [rowid, statementId] of statementOf) {
      statementFacetFields.forEach((field, i) => {
        const value = statementValues.get(statementId)?.[i];
        if (value !== null && value !== undefined) added.get(field)?.set(rowid, [String(value)]);
      });
    }
    const touchedRows: number[] = [];
    touched.forEach((flag, rowid) => flag === 1 && touchedRows.push(rowid));
    for (const field of facetFields) this.facets.set(field, rebuilt(this.column(field), size, touchedRows, added.get(field) ?? new Map()));
  }

  private column(field: StoredFacet): FacetColumn {
    const column = this.facets.get(field);
    if (!column) throw new Error(`no column for facet ${field}`);
    return column;
  }

  /** A test per document for the filters; null when nothing is filtered. */
  filter(filters: EngineFilters): ((rowid: number) => boolean) | null {
    const tests: ((rowid: number) => boolean)[] = [];
    const facet = (field: StoredFacet, wanted: (string | number)[]): void => {
      if (wanted.length === 0) return;
      const { ids, offsets, values } = this.column(field);
      const wantedIds = new Set(wanted.map((value) => ids.get(String(value)) ?? -1));
      tests.push((rowid) => {
        for (let i = offsets[rowid] ?? 0, end = offsets[rowid + 1] ?? 0; i < end; i += 1) {
          if (wantedIds.has(values[i] ?? -1)) return true;
        }
        return false;
      });
    };
    for (const [field, values] of facetFilters(filters)) facet(field, values);
    if (filters.statementIds.length > 0) {
      const wanted = new Set(filters.statementIds.map((id) => this.statementIds.get(id) ?? -1));
      tests.push((rowid) => wanted.has(this.statement[rowid] ?? -1));
    }
    const { from, to } = filters;
    if (from !== null) tests.push((rowid) => (this.dateNum[rowid] ?? 0) >= from);
    if (to !== null) tests.push((rowid) => (this.dateNum[rowid] ?? 0) <= to);
    if (tests.length === 0) return null;
    return (rowid) => tests.every((test) => test(rowid));
  }

  /** Every document's rowid, for queries that match by filters alone. */
  all(): number[] {
    const rowids: number[] = [];
    for (let rowid = 0; rowid < this.present.length; rowid += 1) if (this.present[rowid] === 1) rowids.push(rowid);
    return rowids;
  }

  /** Value counts of one facet over the given documents, most frequent first, then by value. */
  count(field: StoredFacet, rowids: ArrayLike<number>, limit: number, contains = ''): FacetCount[] {
    const { dictionary, offsets, values } = this.column(field);
    const counts = new Uint32Array(dictionary.length);
    for (let k = 0; k < rowids.length; k += 1) {
      const rowid = rowids[k] ?? 0;
      for (let i = offsets[rowid] ?? 0, end = offsets[rowid + 1] ?? 0; i < end; i += 1) {
        const id = values[i] ?? 0;
        counts[id] = (counts[id] ?? 0) + 1;
      }
    }
    const needle = contains.toLowerCase();
    const found: FacetCount[] = [];
    counts.forEach((count, id) => {
      const value = dictionary[id] ?? '';
      if (count > 0 && (needle === '' || value.toLowerCase().includes(needle))) found.push({ value, count });
    });
    found.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    return found.slice(0, limit);
  }
}
