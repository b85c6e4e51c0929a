import type { SearchParams } from 'meilisearch';
import { AppError } from '../../errors.js';
import { ParagraphDocument } from '../../schema/document.js';
import { noFilters, type EngineFilters } from '../../schema/query.js';
import type { ScanPage, ScanRequest, StatementList, StatementListQuery } from '../engine.js';
import { toFacetCounts } from './facets.js';
import { filterParam } from './search.js';

/** What the scan reads of Meilisearch's search answer. */
export interface MeiliScanAnswer {
  hits: Record<string, unknown>[];
  totalHits?: number;
  facetDistribution?: Record<string, Record<string, number>>;
}

/** `index.search`, wrapped by the engine (errors mapped, timeouts applied). */
export type MeiliSearch = (q: string, params: SearchParams) => Promise<MeiliScanAnswer>;

/**
 * A position as `date.skip`: the date of the last row read and how many rows of that date were
 * read. Meilisearch has no unique sortable key, so ties within one day are walked by an offset
 * into that day alone: the cost is bounded by the largest day, not by how far the walk has come.
 */
const KEY = /^(\d{1,8})\.(\d{1,9})$/;

function parseKey(key: string): { dateNum: number; skip: number } {
  const match = KEY.exec(key);
  if (!match) throw new AppError('INVALID_PARAMETER', 'cursor: not a position of this engine', { extra: { parameter: 'cursor' } });
  return { dateNum: Number(match[1]), skip: Number(match[2]) };
}

/** The filters with the walk's date bound folded into `from`/`to`: rows before the boundary day are gone. */
function fromDay(filters: EngineFilters, order: ScanRequest['order'], dateNum: number): EngineFilters {
  return order === 'date:desc'
    ? { ...filters, to: filters.to === null ? dateNum : Math.min(filters.to, dateNum) }
    : { ...filters, from: filters.from === null ? dateNum : Math.max(filters.from, dateNum) };
}

const BASE = { matchingStrategy: 'all' as const };

/** Search parameters for one page of a walk: `limit + 1` rows, so the page knows whether more follow. */
export function scanParams(request: ScanRequest, fields?: string[]): SearchParams {
  const at = request.after === null ? null : parseKey(request.after);
  const filters = at === null ? request.filters : fromDay(request.filters, request.order, at.dateNum);
  return {
    ...BASE,
    ...filterParam(filters),
    sort: [request.order === 'date:desc' ? 'dateNum:desc' : 'dateNum:asc'],
    offset: at?.skip ?? 0,
    limit: request.limit + 1,
    ...(fields === undefined ? {} : { attributesToRetrieve: fields }),
  };
}

/** The page's rows and where it ended, from the answer to `scanParams(request)`. */
export function scanRows(request: ScanRequest, hits: Record<string, unknown>[]): { rows: Record<string, unknown>[]; next: string | null } {
  const rows = hits.slice(0, request.limit);
  const last = rows.at(-1);
  if (hits.length <= request.limit || last === undefined) return { rows, next: null };
  const dateNum = Number(last['dateNum']);
  const at = request.after === null ? null : parseKey(request.after);
  const sameDay = rows.filter((row) => Number(row['dateNum']) === dateNum).length;
  return { rows, next: `${dateNum}.${(at?.dateNum === dateNum ? at.skip : 0) + sameDay}` };
}

export async function scanMeili(search: MeiliSearch, request: ScanRequest): Promise<ScanPage> {
  const answer = await search(request.q, scanParams(request));
  const { rows, next } = scanRows(request, answer.hits);
  return { documents: rows.map((row) => ParagraphDocument.parse(row)), next };
}

/** Most rows read per request while only counting: the keys are a few bytes each. */
const KEY_CHUNK = 10_000;

export async function scanEndMeili(search: MeiliSearch, request: ScanRequest): Promise<string | null> {
  let after = request.after;
  for (let remaining = request.limit; remaining > 0; ) {
    const step = { ...request, after, limit: Math.min(remaining, KEY_CHUNK) };
    const answer = await search(request.q, scanParams(step, ['dateNum']));
    const { rows, next } = scanRows(step, answer.hits);
    if (next === null) return null;
    after = next;
    remaining -= rows.length;
  }
  return after;
}

const counts = (answer: MeiliScanAnswer): Map<string, number> =>
  new Map(toFacetCounts(answer.facetDistribution?.['statementId']).map(({ value, count }) => [value, count]));

/**
 * One hit per statement (`distinct`), by date; pages rather than offset/limit so the total is
 * exact. Two facet counts over the page's statements give their matching and total paragraphs.
 */
export async function listStatementsMeili(search: MeiliSearch, query: StatementListQuery): Promise<StatementList> {
  if (query.limit > 0 && query.offset % query.limit !== 0) {
    throw new AppError('INVALID_QUERY', `offset ${query.offset} is not a multiple of limit ${query.limit}`);
  }
  const answer = await search(query.q, {
    ...BASE,
    ...filterParam(query.filters),
    distinct: 'statementId',
    sort: [query.order === 'date:desc' ? 'dateNum:desc' : 'dateNum:asc'],
    page: query.limit === 0 ? 1 : query.offset / query.limit + 1,
    hitsPerPage: query.limit,
  });
  const documents = answer.hits.map((hit) => ParagraphDocument.parse(hit));
  if (documents.length === 0) return { total: answer.totalHits ?? 0, statements: [] };
  const statementIds = documents.map((document) => document.statementId);
  const countsOnly = { facets: ['statementId'], page: 1, hitsPerPage: 0 };
  const [matched, whole] = await Promise.all([
    search(query.q, { ...BASE, ...filterParam({ ...query.filters, statementIds }), ...countsOnly }),
    search('', { ...filterParam({ ...noFilters(), statementIds }), ...countsOnly }),
  ]);
  const matches = counts(matched);
  const paragraphs = counts(whole);
  return {
    total: answer.totalHits ?? 0,
    statements: documents.map((document) => ({
      document,
      paragraphs: paragraphs.get(document.statementId) ?? 0,
      matches: matches.get(document.statementId) ?? 0,
    })),
  };
}
