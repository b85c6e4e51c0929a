import { z } from 'zod';
import { DatePrecision, DateSource, IsoDate, MentionedDate, Provenance } from './document.js';
import { SortOrder } from './query.js';

/** Facets as the API names them (singular, as in `?country=`). */
export const ApiFacet = z.enum(['country', 'group', 'talks', 'round', 'issuer', 'speaker', 'year']);
export type ApiFacet = z.infer<typeof ApiFacet>;

const MAX_VALUES = 50;

/** A repeatable parameter: `?country=QA&country=TR` in a query string, an array (or one value) in JSON. */
const repeatable = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(item).max(MAX_VALUES),
  );

const filterValue = z.union([z.string().trim().min(1).max(200), z.number().int().positive().transform(String)]);

/** Comma-separated in a query string, or an array in JSON. */
const facetList = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value),
  z.array(ApiFacet).max(ApiFacet.options.length),
);

export const SearchRequest = z.object({
  q: z.string().max(500, 'q is at most 500 characters').default(''),
  country: repeatable(filterValue),
  group: repeatable(filterValue),
  talks: repeatable(filterValue),
  round: repeatable(filterValue),
  issuer: repeatable(filterValue),
  speaker: repeatable(filterValue),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  sort: SortOrder.default('relevance'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  perPage: z.coerce.number().int().min(0).max(100).default(20),
  facets: facetList.default(['country', 'group', 'round']),
});
export type SearchRequest = z.infer<typeof SearchRequest>;

export const Country = z.object({ code: z.string(), name: z.string() });
export const Round = z.object({ value: z.string(), talks: z.string(), label: z.string(), round: z.number().int() });

export const Hit = z.object({
  id: z.string(),
  statementId: z.string(),
  paragraph: z.number().int(),
  text: z.string(),
  /** The whole text, HTML-escaped, matches in `<mark>`: the only markup. */
  highlighted: z.string(),
  /** About 30 words around the first match, escaped and marked the same way. */
  snippet: z.string(),
  title: z.string(),
  issuer: Country.nullable(),
  ministry: z.string().nullable(),
  date: IsoDate.nullable(),
  datePrecision: DatePrecision.nullable(),
  dateSource: DateSource.nullable(),
  language: z.string(),
  speaker: z.string().nullable(),
  countries: z.array(Country),
  groups: z.array(z.string()),
  talks: z.array(z.object({ id: z.string(), label: z.string() })),
  rounds: z.array(Round),
  mentionedDates: z.array(MentionedDate),
  source: Provenance,
});
export type Hit = z.infer<typeof Hit>;

export const FacetValue = z.object({ value: z.string(), label: z.string(), count: z.number().int() });
export type FacetValue = z.infer<typeof FacetValue>;

export const SearchResponse = z.object({
  query: SearchRequest,
  total: z.number().int(),
  page: z.number().int(),
  perPage: z.number().int(),
  tookMs: z.number(),
  hits: z.array(Hit),
  facets: z.partialRecord(ApiFacet, z.array(FacetValue)),
});
export type SearchResponse = z.infer<typeof SearchResponse>;

export const StatementParagraph = Hit.omit({
  highlighted: true,
  snippet: true,
  title: true,
  issuer: true,
  ministry: true,
  date: true,
  datePrecision: true,
  dateSource: true,
  language: true,
  source: true,
  statementId: true,
});

export const Statement = z.object({
  id: z.string(),
  title: z.string(),
  issuer: Country.nullable(),
  ministry: z.string().nullable(),
  date: IsoDate.nullable(),
  datePrecision: DatePrecision.nullable(),
  dateSource: DateSource.nullable(),
  language: z.string(),
  source: Provenance,
  paragraphs: z.array(StatementParagraph),
});
export type Statement = z.infer<typeof Statement>;

export const FacetSearchRequest = SearchRequest.pick({
  country: true,
  group: true,
  talks: true,
  round: true,
  issuer: true,
  speaker: true,
  from: true,
  to: true,
}).extend({ q: z.string().max(100).default('') });

export const FacetSearchResponse = z.object({ facet: ApiFacet, values: z.array(FacetValue) });

export const Health = z.object({
  status: z.literal('ok'),
  engine: z.enum(['embedded', 'meilisearch']),
  documents: z.number().int(),
  statements: z.number().int(),
});

/** RFC 9457 problem details, with our stable `code`. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  requestId: z.string().optional(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof Problem>;
