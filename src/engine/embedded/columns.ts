import type Database from 'better-sqlite3';
import type { EngineFilters, FacetCount } from '../../schema/query.js';
import { facetFields, facetFilters, type StoredFacet } from './database.js';

/** One facet's values per document, as value ids in compressed rows (offsets into one array). */
interface FacetColumn {
  dictionary: string[];
  ids: Map<string, number>;
  offsets: Uint32Array;
  values: Uint32Array;
}

/**
 * The facet values and dates of every document, held in typed arrays indexed by rowid.
 * Filtering, counting and date ordering over a match run in JS over these arrays: SQL
 * `GROUP BY` over the facet table, and reading dates from the wide `docs` rows, were
 * the slowest parts of a broad search.
 */
export class Columns {
  readonly dateNum: Int32Array;
  readonly statement: Int32Array;
  readonly present: Uint8Array;
  private readonly statementIds = new Map<string, number>();
  private readonly facets = new Map<StoredFacet, FacetColumn>();

  constructor(db: Database.Database) {
    const size = (db.prepare<[], number>('SELECT coalesce(max(rowid), 0) FROM docs').pluck().get() ?? 0) + 1;
    this.dateNum = new Int32Array(size);
    this.statement = new Int32Array(size);
    this.present = new Uint8Array(size);
    for (const [rowid, dateNum, statementId] of db
      .prepare<[], [number, number, string]>('SELECT rowid, date_num, statement_id FROM docs')
      .raw()
      .iterate()) {
      this.present[rowid] = 1;
      this.dateNum[rowid] = dateNum;
      let index = this.statementIds.get(statementId);
      if (index === undefined) {
        index = this.statementIds.size;
        this.statementIds.set(statementId, index);
      }
      this.statement[rowid] = index;
    }
    const rows = db.prepare<[string], [number, string]>('SELECT doc, value FROM facet WHERE field = ? ORDER BY doc').raw();
    for (const field of facetFields) this.facets.set(field, this.loadFacet(rows.iterate(field), size));
  }

  private loadFacet(rows: Iterable<[number, string]>, size: number): FacetColumn {
    const dictionary: string[] = [];
    const ids = new Map<string, number>();
    const counts = new Uint32Array(size);
    const pairs: number[] = [];
    for (const [doc, value] of rows) {
      let id = ids.get(value);
      if (id === undefined) {
        id = dictionary.length;
        dictionary.push(value);
        ids.set(value, id);
      }
      counts[doc] = (counts[doc] ?? 0) + 1;
      pairs.push(doc, id);
    }
    const offsets = new Uint32Array(size + 1);
    for (let doc = 0; doc < size; doc += 1) offsets[doc + 1] = (offsets[doc] ?? 0) + (counts[doc] ?? 0);
    const values = new Uint32Array(pairs.length / 2);
    const cursor = offsets.slice(0, size);
    for (let i = 0; i < pairs.length; i += 2) {
      const doc = pairs[i] ?? 0;
      values[cursor[doc] ?? 0] = pairs[i + 1] ?? 0;
      cursor[doc] = (cursor[doc] ?? 0) + 1;
    }
    return { dictionary, ids, offsets, values };
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
