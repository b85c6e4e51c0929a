import type { Hit, SearchParams } from 'meilisearch';
import { AppError } from '../../errors.js';
import { parseQuery } from '../../query/parse.js';
import { ParagraphDocument } from '../../schema/document.js';
import type { EngineFilters, EngineQuery, EngineResult } from '../../schema/query.js';
import { toFacetCounts } from './facets.js';
import { buildFilter } from './filter.js';
import { postTag, preTag, renderHighlights } from './highlight.js';

const crop = { words: 30, marker: '…' };

const sortParams: Record<EngineQuery['sort'], { sort?: string[] }> = {
  relevance: {},
  'date:desc': { sort: ['dateNum:desc'] },
  'date:asc': { sort: ['dateNum:asc'] },
};

/**
 * Meilisearch matches words, phrases, `-exclusions` and the last-word prefix as our query
 * language does, but has no OR and no proximity operator: such a query is refused, not
 * silently answered as if OR and NEAR were words.
 */
export function assertMeiliCanMatch(q: string): void {
  for (const clause of parseQuery(q).clauses) {
    if (clause.alternatives.some((term) => term.kind === 'near')) {
      throw new AppError('INVALID_QUERY', 'NEAR is not supported by the Meilisearch engine; use the embedded engine');
    }
    if (clause.alternatives.length > 1) {
      throw new AppError('INVALID_QUERY', 'OR is not supported by the Meilisearch engine; use the embedded engine');
    }
  }
}

/** Only the filter key when there is a filter: the client's types forbid an explicit `undefined`. */
export function filterParam(filters: EngineFilters): { filter?: string } {
  const filter = buildFilter(filters);
  return filter === undefined ? {} : { filter };
}

/**
 * Meilisearch search parameters for an engine query. Pages, not offset/limit: only
 * page/hitsPerPage makes `totalHits` exact rather than an estimate.
 */
export function toSearchParams(query: EngineQuery) {
  assertMeiliCanMatch(query.q);
  if (query.limit > 0 && query.offset % query.limit !== 0) {
    throw new AppError('INVALID_QUERY', `offset ${query.offset} is not a multiple of limit ${query.limit}`);
  }
  return {
    // Every word must match, as in the embedded engine; Meilisearch's default 'last' also counts
    // documents missing the trailing words.
    matchingStrategy: 'all',
    ...filterParam(query.filters),
    ...sortParams[query.sort],
    // hitsPerPage 0 returns no hits but still the exact total and the facet counts.
    page: query.limit === 0 ? 1 : query.offset / query.limit + 1,
    hitsPerPage: query.limit,
    ...(query.facets.length > 0 ? { facets: [...query.facets] } : {}),
    attributesToHighlight: ['text'],
    highlightPreTag: preTag,
    highlightPostTag: postTag,
  } satisfies SearchParams;
}

/** What `index.search` answers with `toSearchParams`, as far as we read it. */
export interface MeiliSearchAnswer {
  hits: Hit<Record<string, unknown>>[];
  totalHits: number;
  facetDistribution?: Record<string, Record<string, number>>;
}

/** Our result from Meilisearch's answer: hits validated, text escaped and marked, facets sorted. */
export function toEngineResult(query: EngineQuery, answer: MeiliSearchAnswer): EngineResult {
  return {
    total: answer.totalHits,
    hits: answer.hits.map((hit) => {
      const document = ParagraphDocument.parse(hit);
      const formatted = hit._formatted?.['text'];
      return { document, ...renderHighlights(document.text, typeof formatted === 'string' ? formatted : undefined, crop) };
    }),
    facets: Object.fromEntries(query.facets.map((facet) => [facet, toFacetCounts(answer.facetDistribution?.[facet])])),
  };
}
