import { z } from 'zod';
import { ParagraphDocument } from './document.js';

/** Facets as the engines store them (field names of the paragraph document). */
export const FacetField = z.enum(['countries', 'groups', 'talks', 'rounds', 'issuer', 'speaker', 'year', 'month', 'day']);
export type FacetField = z.infer<typeof FacetField>;

export const SortOrder = z.enum(['relevance', 'date:desc', 'date:asc']);
export type SortOrder = z.infer<typeof SortOrder>;

/**
 * A search as an engine receives it: filter values already resolved to canonical keys
 * (ISO codes, group labels, `talks:n` rounds), dates as yyyymmdd numbers.
 */
export const EngineQuery = z.object({
  q: z.string(),
  filters: z.object({
    countries: z.array(z.string()),
    groups: z.array(z.string()),
    talks: z.array(z.string()),
    rounds: z.array(z.string()),
    roundNumbers: z.array(z.number().int()),
    issuers: z.array(z.string()),
    speakers: z.array(z.string()),
    statementIds: z.array(z.string()),
    from: z.number().int().nullable(),
    to: z.number().int().nullable(),
  }),
  sort: SortOrder,
  offset: z.number().int().nonnegative(),
  limit: z.number().int().nonnegative(),
  /**
   * Facets to count over every match. Counts are disjunctive: a facet whose values the filters
   * select is counted without that selection, every other filter still applying.
   */
  facets: z.array(FacetField),
});
export type EngineQuery = z.infer<typeof EngineQuery>;
export type EngineFilters = EngineQuery['filters'];

export const FacetCount = z.object({ value: z.string(), count: z.number().int() });
export type FacetCount = z.infer<typeof FacetCount>;

export const EngineHit = z.object({
  document: ParagraphDocument,
  /** The whole text, HTML-escaped, with matches in `<mark>`. */
  highlighted: z.string(),
  /** A cropped window around the first match, escaped and marked the same way. */
  snippet: z.string(),
});
export type EngineHit = z.infer<typeof EngineHit>;

export const EngineResult = z.object({
  total: z.number().int(),
  hits: z.array(EngineHit),
  facets: z.partialRecord(FacetField, z.array(FacetCount)),
});
export type EngineResult = z.infer<typeof EngineResult>;

/** An empty filter set, to spread over in callers that filter on one or two facets. */
export const noFilters = (): EngineFilters => ({
  countries: [],
  groups: [],
  talks: [],
  rounds: [],
  roundNumbers: [],
  issuers: [],
  speakers: [],
  statementIds: [],
  from: null,
  to: null,
});
