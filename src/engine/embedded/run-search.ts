import type Database from 'better-sqlite3';
import { ParagraphDocument } from '../../schema/document.js';
import type { EngineQuery, EngineResult } from '../../schema/query.js';
import type { Columns } from './columns.js';
import { readingFts } from './fts-errors.js';
import { topK } from './top-k.js';
import { highlight, matchSpans, snippet } from './highlight.js';
import type { CompiledQuery } from './match-expression.js';

/** Matching rowids, with their scores at the same index when ranked by relevance. */
interface Matches {
  rowids: number[];
  scores: number[] | null;
}

/**
 * Rowids (and scores) of the documents that match. Meilisearch-like buckets come before
 * BM25: hits with no typo or prefix first, then hits whose words stand close together.
 */
function match(
  db: Database.Database,
  columns: Columns,
  compiled: CompiledQuery,
  keep: ((rowid: number) => boolean) | null,
  ranked: boolean,
): Matches {
  const excluded = new Set<number>();
  for (const expression of compiled.exclude) {
    for (const rowid of db.prepare<[string], number>('SELECT rowid FROM fts WHERE fts MATCH ?').pluck().iterate(expression)) {
      excluded.add(rowid);
    }
  }
  const wanted = (rowid: number): boolean => !excluded.has(rowid) && (keep === null || keep(rowid));
  if (compiled.match === null) return { rowids: columns.all().filter(wanted), scores: null };
  if (!ranked) {
    // Sorted by date: no score to compute, which saves BM25 and the bucket queries.
    const rowids = db.prepare<[string], number>('SELECT rowid FROM fts WHERE fts MATCH ?').pluck().all(compiled.match);
    return { rowids: rowids.filter(wanted), scores: null };
  }

  const buckets = [
    { expression: compiled.exact !== compiled.match ? compiled.exact : null, weight: 1000 },
    { expression: compiled.proximity, weight: 100 },
  ].filter((bucket): bucket is { expression: string; weight: number } => bucket.expression !== null);
  const bucketSql = buckets
    .map(({ weight }) => ` + CASE WHEN rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?) THEN 0 ELSE ${weight} END`)
    .join('');
  const rows = db
    .prepare<string[], [number, number]>(`SELECT rowid, bm25(fts)${bucketSql} FROM fts WHERE fts MATCH ?`)
    .raw()
    .all(...buckets.map((bucket) => bucket.expression), compiled.match);
  const rowids: number[] = [];
  const scores: number[] = [];
  for (const [rowid, score] of rows) {
    if (!wanted(rowid)) continue;
    rowids.push(rowid);
    scores.push(score);
  }
  return { rowids, scores };
}

/** The rowids of the requested page, in order: score, then date (newest first unless asked otherwise), then rowid. */
function page(query: EngineQuery, columns: Columns, { rowids, scores }: Matches): number[] {
  const { dateNum } = columns;
  const byDate = query.sort === 'date:asc' ? 1 : -1;
  const ranked = query.sort === 'relevance' ? scores : null;
  const compare = (i: number, j: number): number => {
    const a = rowids[i] ?? 0;
    const b = rowids[j] ?? 0;
    return (ranked ? (ranked[i] ?? 0) - (ranked[j] ?? 0) : 0) || byDate * ((dateNum[a] ?? 0) - (dateNum[b] ?? 0)) || a - b;
  };
  return topK(rowids.length, query.offset + query.limit, compare)
    .slice(query.offset)
    .map((i) => rowids[i] ?? 0);
}

/** One search over the index: match in FTS5, filter, order, count facets and highlight the page. */
export function runSearch(
  db: Database.Database,
  columns: Columns,
  compiled: CompiledQuery,
  query: EngineQuery,
  maxValuesPerFacet: number,
): EngineResult {
  const matches = readingFts(() => match(db, columns, compiled, columns.filter(query.filters), query.sort === 'relevance'));
  const facets: EngineResult['facets'] = {};
  for (const facet of query.facets) facets[facet] = columns.count(facet, matches.rowids, maxValuesPerFacet);
  const rowids = page(query, columns, matches);
  const bodies = new Map(
    rowids.length === 0
      ? []
      : db
          .prepare<number[], [number, string]>(`SELECT rowid, body FROM docs WHERE rowid IN (${rowids.map(() => '?').join(',')})`)
          .raw()
          .all(...rowids),
  );
  const hits = rowids.map((rowid) => {
    const document = ParagraphDocument.parse(JSON.parse(bodies.get(rowid) ?? 'null'));
    const spans = matchSpans(document.text, compiled.highlight);
    return { document, highlighted: highlight(document.text, spans), snippet: snippet(document.text, spans) };
  });
  return { total: matches.rowids.length, hits, facets };
}
