import type Database from 'better-sqlite3';
import type { EngineQuery, EngineResult } from '../../schema/query.js';
import { splitFacets, withoutSelection } from '../disjunctive.js';
import type { Columns } from './columns.js';
import { readingFts } from './fts-errors.js';
import { markText } from './highlight.js';
import { prepared } from './prepared.js';
import { readStored, STORED_DOCUMENTS } from './stored-document.js';
import type { CompiledQuery } from './match-expression.js';
import { topK } from './top-k.js';

type Keep = (rowid: number) => boolean;

/** The documents that match, in index order. */
interface Matches {
  /** Those that pass every filter. */
  rowids: number[];
  /** Their scores, at the same index; null when the page is not ranked by relevance. */
  scores: number[] | null;
  /** Every match before the facet and date filters (exclusions applied), for disjunctive counts; null when none is asked for. */
  unfiltered: number[] | null;
}

const MATCHING = 'SELECT rowid FROM fts WHERE fts MATCH ?';
/** The stored documents of a page, its rowids bound as one JSON array: one statement for any page size. */
const PAGE_BODIES = `SELECT d.rowid, s.meta, d.body FROM ${STORED_DOCUMENTS} WHERE d.rowid IN (SELECT value FROM json_each(?))`;

const keepAll: Keep = () => true;
const keepers = new WeakMap<Database.Database, { test: Keep }>();

/**
 * Per connection, the filter that the SQL function `kept(rowid)` applies during one search.
 * Testing the filter inside the FTS5 scan means BM25 and the bucket tests run only for the
 * rows it keeps: a phrase with 4,800 matches and a country filter scores 80, not 4,800.
 */
function keeper(db: Database.Database): { test: Keep } {
  let holder = keepers.get(db);
  if (holder === undefined) {
    const registered = { test: keepAll };
    db.function('kept', { deterministic: false }, (rowid) => (registered.test(Number(rowid)) ? 1 : 0));
    keepers.set(db, registered);
    holder = registered;
  }
  return holder;
}

/** `a` and `b` both; null stands for "keeps everything". */
const both = (a: Keep | null, b: Keep | null): Keep | null => (a && b ? (rowid) => a(rowid) && b(rowid) : (a ?? b));

/**
 * Finds the matches in one FTS5 scan. Meilisearch-like buckets come before BM25: hits with
 * no typo or prefix first, then hits whose words stand close together. Scores are computed
 * only for a page ranked by relevance, and only for the rows every filter keeps.
 */
function match(
  db: Database.Database,
  columns: Columns,
  compiled: CompiledQuery,
  filter: Keep | null,
  options: { ranked: boolean; unfiltered: boolean },
): Matches {
  const excluded = new Set<number>();
  for (const expression of compiled.exclude) {
    for (const rowid of prepared<[string], number>(db, MATCHING).pluck().iterate(expression)) {
      excluded.add(rowid);
    }
  }
  const allowed: Keep | null = excluded.size === 0 ? null : (rowid) => !excluded.has(rowid);
  const wanted = both(allowed, filter);

  if (compiled.match === null || !options.ranked) {
    const found =
      compiled.match === null
        ? columns.all()
        : prepared<[string], number>(db, MATCHING).pluck().all(compiled.match);
    const unfiltered = allowed ? found.filter(allowed) : found;
    return { rowids: filter ? unfiltered.filter(filter) : unfiltered, scores: null, unfiltered: options.unfiltered ? unfiltered : null };
  }

  const buckets = [
    { expression: compiled.exact !== compiled.match ? compiled.exact : null, weight: 1000 },
    { expression: compiled.proximity, weight: 100 },
  ].filter((bucket): bucket is { expression: string; weight: number } => bucket.expression !== null);
  const score = `bm25(fts)${buckets
    .map(({ weight }) => ` + CASE WHEN rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?) THEN 0 ELSE ${weight} END`)
    .join('')}`;
  const unfiltered: number[] | null = options.unfiltered ? [] : null;
  const holder = keeper(db);
  // SQLite calls kept(rowid) once for every row FTS5 returns (checked for every query shape here,
  // and the contract tests count with it), so the matches disjunctive counts need are collected as
  // it answers, and only the kept rows come back scored: returning every match with a null score
  // instead cost ~2.5 ms more for a phrase with 4,800 matches.
  holder.test = unfiltered
    ? (rowid) => {
        if (allowed !== null && !allowed(rowid)) return false;
        unfiltered.push(rowid);
        return filter === null || filter(rowid);
      }
    : (wanted ?? keepAll);
  const sql = `SELECT rowid, ${score} FROM fts WHERE fts MATCH ?${unfiltered || wanted ? ' AND kept(rowid)' : ''}`;
  try {
    const rows = prepared<string[], [number, number]>(db, sql)
      .raw()
      .all(...buckets.map((bucket) => bucket.expression), compiled.match);
    const rowids: number[] = [];
    const scores: number[] = [];
    for (const [rowid, value] of rows) {
      rowids.push(rowid);
      scores.push(value);
    }
    return { rowids, scores, unfiltered };
  } finally {
    holder.test = keepAll;
  }
}

/** The rowids of the requested page, in order: score, then date (newest first unless asked otherwise), then rowid. */
function page(query: EngineQuery, columns: Columns, { rowids, scores }: Matches): number[] {
  const { dateNum } = columns;
  const byDate = query.sort === 'date:asc' ? 1 : -1;
  const compare = (i: number, j: number): number => {
    const a = rowids[i] ?? 0;
    const b = rowids[j] ?? 0;
    return (scores ? (scores[i] ?? 0) - (scores[j] ?? 0) : 0) || byDate * ((dateNum[a] ?? 0) - (dateNum[b] ?? 0)) || a - b;
  };
  return topK(rowids.length, query.offset + query.limit, compare)
    .slice(query.offset)
    .map((i) => rowids[i] ?? 0);
}

/**
 * One search over the index: match in FTS5, filter, order, count facets and highlight the
 * page. A facet the query selects values of is counted over the matches filtered without that
 * selection (disjunctive counts), from the same scan.
 */
export function runSearch(
  db: Database.Database,
  columns: Columns,
  compiled: CompiledQuery,
  query: EngineQuery,
  maxValuesPerFacet: number,
): EngineResult {
  const { own, selected } = splitFacets(query);
  const options = { ranked: query.sort === 'relevance' && query.limit > 0, unfiltered: selected.length > 0 };
  const matches = readingFts(() => match(db, columns, compiled, columns.filter(query.filters), options));
  const facets: EngineResult['facets'] = {};
  for (const facet of own) facets[facet] = columns.count(facet, matches.rowids, maxValuesPerFacet);
  for (const facet of selected) {
    const keep = columns.filter(withoutSelection(query.filters, facet));
    const unfiltered = matches.unfiltered ?? [];
    const counted = keep ? unfiltered.filter(keep) : unfiltered;
    facets[facet] = columns.count(facet, counted, maxValuesPerFacet);
  }
  const rowids = page(query, columns, matches);
  const bodies = new Map(
    rowids.length === 0
      ? []
      : prepared<[string], [number, string | null, string]>(db, PAGE_BODIES)
          .raw()
          .all(JSON.stringify(rowids))
          .map(([rowid, meta, body]) => [rowid, readStored(meta, body)]),
  );
  const hits = rowids.map((rowid) => {
    const document = bodies.get(rowid);
    if (!document) throw new Error(`document ${rowid} vanished between the match and its page`);
    return { document, ...markText(document.text, compiled.highlight) };
  });
  return { total: matches.rowids.length, hits, facets };
}
