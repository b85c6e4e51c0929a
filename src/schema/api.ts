import { z } from 'zod';
import { DatePrecision, DateSource, DocumentId, IsoDate, MentionedDate, Provenance, StoredIsoDate } from './document.js';
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

/**
 * A whole number from min to max: a JSON number, or decimal digits in a query string. Not
 * `z.coerce`, which reads "" as 0, "0x10" as 16 and " 10" as 10.
 */
const wholeNumber = (min: number, max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value),
    z.number({ error: 'expected a whole number' }).int().min(min).max(max),
  );

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
  page: wholeNumber(1, 10_000).default(1),
  perPage: wholeNumber(0, 100).default(20),
  facets: facetList.default(['country', 'group', 'round']),
  /** Matches counted per year, month or day of the statement date, oldest first. */
  histogram: z.enum(['year', 'month', 'day']).optional(),
  context: wholeNumber(0, 5)
    .optional()
    .meta({ description: 'Give each hit its n neighbouring paragraphs before and after (0 to 5)' }),
  format: z
    .enum(['json', 'csv', 'ndjson'])
    .optional()
    .meta({ description: '`csv` or `ndjson` (or `Accept: text/csv` / `application/x-ndjson`) answers with the export of every match, as `GET /v1/export`' }),
});
export type SearchRequest = z.infer<typeof SearchRequest>;

export const Country = z.object({ code: z.string(), name: z.string() });
export const Round = z.object({ value: z.string(), talks: z.string(), label: z.string(), round: z.number().int() });

/** A neighbouring paragraph of a hit, for reading the hit in its place. */
export const ContextParagraph = z.object({
  id: z.string(),
  paragraph: z.number().int(),
  text: z.string(),
  speaker: z.string().nullable(),
});
export type ContextParagraph = z.infer<typeof ContextParagraph>;

export const HitContext = z.object({ before: z.array(ContextParagraph), after: z.array(ContextParagraph) });
export type HitContext = z.infer<typeof HitContext>;

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
  date: StoredIsoDate.nullable(),
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
  /** Only with `context=n`: up to n paragraphs of the same statement on each side, in order. */
  context: HitContext.optional(),
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
  histogram: z.array(z.object({ key: z.string(), count: z.number().int() })).optional(),
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
  context: true,
});

export const Statement = z.object({
  id: z.string(),
  title: z.string(),
  issuer: Country.nullable(),
  ministry: z.string().nullable(),
  date: StoredIsoDate.nullable(),
  datePrecision: DatePrecision.nullable(),
  dateSource: DateSource.nullable(),
  language: z.string(),
  source: Provenance,
  paragraphs: z.array(StatementParagraph),
});
export type Statement = z.infer<typeof Statement>;

/** The filters every listing shares with search. */
const filterFields = {
  country: true,
  group: true,
  talks: true,
  round: true,
  issuer: true,
  speaker: true,
  from: true,
  to: true,
} as const;

export const FacetSearchRequest = SearchRequest.pick(filterFields).extend({ q: z.string().max(100).default('') });

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

/** A search hit as exported: every field of `Hit` but the marked-up `highlighted`, `snippet` and `context`. */
export const ExportRow = Hit.omit({ highlighted: true, snippet: true, context: true });
export type ExportRow = z.infer<typeof ExportRow>;

export const ExportFormat = z.enum(['csv', 'ndjson']);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** Most rows one export response may be limited to; without `limit` an export has no end but the matches'. */
export const MAX_EXPORT_LIMIT = 1_000_000;

/**
 * The search parameters of `/v1/search` that choose matches, plus where to start and how many
 * rows to send. Exports are ordered by date: only a date-and-position key can be resumed.
 */
export const ExportRequest = SearchRequest.pick({ ...filterFields, q: true }).extend({
  sort: SortOrder.default('date:desc').meta({
    description: 'Newest first (`date:desc`, the default) or oldest first (`date:asc`); `relevance` exports newest first',
  }),
  format: ExportFormat.optional().meta({
    description: 'Overrides the Accept header (`text/csv`, `application/x-ndjson`); NDJSON when neither names a format',
  }),
  limit: wholeNumber(1, MAX_EXPORT_LIMIT)
    .optional()
    .meta({ description: 'Send at most this many rows; when more follow, the `Next-Cursor` header resumes after them' }),
  cursor: z
    .string()
    .max(1000)
    .optional()
    .meta({ description: 'The `Next-Cursor` of an earlier response to the same query: the export continues after its last row' }),
});
export type ExportRequest = z.infer<typeof ExportRequest>;

export const StatementListRequest = SearchRequest.pick({ ...filterFields, q: true, page: true, perPage: true }).extend({
  sort: z.enum(['date:desc', 'date:asc']).default('date:desc'),
});
export type StatementListRequest = z.infer<typeof StatementListRequest>;

export const StatementSummary = Statement.omit({ paragraphs: true }).extend({
  /** How many paragraphs the statement has. */
  paragraphs: z.number().int(),
  /** How many of them match `q` and the filters (all of them when there are none). */
  matches: z.number().int(),
});
export type StatementSummary = z.infer<typeof StatementSummary>;

export const StatementListResponse = z.object({
  query: StatementListRequest,
  total: z.number().int(),
  page: z.number().int(),
  perPage: z.number().int(),
  statements: z.array(StatementSummary),
});
export type StatementListResponse = z.infer<typeof StatementListResponse>;

/** Most characters of a statement sent over HTTP (the body limit is checked first, in bytes). */
const MAX_CONTENT = 2_000_000;
const content = z.string().min(1).max(MAX_CONTENT);

/**
 * A statement sent over HTTP: its content in exactly one of `text`, `html` or `markdown`, and
 * the metadata a sidecar file would carry. `url` is provenance only: it is stored, never fetched.
 */
export const StatementWrite = z
  .strictObject({
    text: content.optional(),
    html: content.optional(),
    markdown: content.optional(),
    format: z
      .enum(['text', 'html', 'markdown'])
      .optional()
      .meta({ description: 'Names the field that carries the content; when given it must agree with it' }),
    id: DocumentId.max(200)
      .optional()
      .meta({ description: 'The statement id; the same id again replaces the statement. Default: a hash of the content' }),
    title: z.string().min(1).max(1000).optional(),
    issuer: z.string().min(1).max(200).optional().meta({ description: "The issuing country: a name, alias or ISO code" }),
    ministry: z.string().min(1).max(500).optional(),
    date: IsoDate.optional(),
    language: z.string().min(2).max(35).optional(),
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional()
      .meta({ description: 'Where the statement was published: stored as provenance, never fetched' }),
  })
  .check((ctx) => {
    const given = (['text', 'html', 'markdown'] as const).filter((field) => ctx.value[field] !== undefined);
    if (given.length !== 1) {
      ctx.issues.push({ code: 'custom', input: ctx.value, path: [], message: 'give the content in exactly one of text, html or markdown' });
    } else if (ctx.value.format !== undefined && ctx.value.format !== given[0]) {
      ctx.issues.push({ code: 'custom', input: ctx.value, path: ['format'], message: `format is ${ctx.value.format} but the content is in ${given[0]}` });
    }
  });
export type StatementWrite = z.infer<typeof StatementWrite>;
