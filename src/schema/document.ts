import { z } from 'zod';

/** Ids follow Meilisearch's rule so one id works on both engines. */
export const DocumentId = z
  .string()
  .min(1)
  .max(511)
  .regex(/^[A-Za-z0-9_-]+$/, 'ids use only A-Z, a-z, 0-9, _ and -');

/** Whether a YYYY-MM-DD day exists: the pattern alone lets 2020-02-30 through. */
function isCalendarDay(value: string): boolean {
  if (value.length !== 10) return true;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/**
 * `2025`, `2025-11` or `2025-11-07` as stored and answered. Indexes written before the calendar
 * check may hold a day such as 2021-02-30; reading them back must not fail.
 */
export const StoredIsoDate = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD');

/** A date as input (a parameter, a body, a sidecar, a page): also a day that exists. */
export const IsoDate = StoredIsoDate.refine(isCalendarDay, 'no such day in the calendar');

export const DatePrecision = z.enum(['day', 'month', 'year']);
export type DatePrecision = z.infer<typeof DatePrecision>;

/** How precise a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` date is. */
export const precisionOf = (date: string): DatePrecision => (date.length === 10 ? 'day' : date.length === 7 ? 'month' : 'year');

/** Whether a date, at its own precision, falls on or before `day` (YYYY-MM-DD): `2026` and `2026-11` are not after `2026-11-27`. */
export const isNotAfter = (date: string, day: string): boolean => date <= day.slice(0, date.length);

export const DateSource = z.enum(['metadata', 'page', 'file-name', 'text-inferred']);
export type DateSource = z.infer<typeof DateSource>;

export const MentionedDate = z.object({
  value: StoredIsoDate,
  precision: DatePrecision,
  /** True when part of the date (usually the year) came from context, not the words. */
  inferred: z.boolean(),
});
export type MentionedDate = z.infer<typeof MentionedDate>;

export const Provenance = z.object({
  path: z.string().optional(),
  url: z.string().optional(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  retrievedAt: z.iso.datetime(),
});
export type Provenance = z.infer<typeof Provenance>;

/** The facets found in one paragraph; values are canonical keys (ISO codes, group labels, talks ids). */
export const ParagraphFacets = z.object({
  countries: z.array(z.string()),
  groups: z.array(z.string()),
  talks: z.array(z.string()),
  /** `${talksId}:${n}`, so round 3 of one negotiation never merges with round 3 of another. */
  rounds: z.array(z.string()),
  roundNumbers: z.array(z.number().int().positive()),
  mentionedDates: z.array(MentionedDate),
});
export type ParagraphFacets = z.infer<typeof ParagraphFacets>;

/** The statement-level fields every paragraph document carries. */
export const StatementMeta = z.object({
  statementId: DocumentId,
  title: z.string(),
  issuer: z.string().nullable(),
  ministry: z.string().nullable(),
  language: z.string(),
  date: StoredIsoDate.nullable(),
  /** yyyymmdd as a number, the statement date's first day, for range filters and sorting; 0 when unknown. */
  dateNum: z.number().int(),
  /** The statement date's year, month (`2025-11`) and day (`2025-11-07`), as precise as the date is, for histograms. */
  year: z.number().int().nullable(),
  month: z.string().nullable().default(null),
  day: z.string().nullable().default(null),
  datePrecision: DatePrecision.nullable(),
  dateSource: DateSource.nullable(),
  source: Provenance,
  /** See StatementDocuments.fingerprint; carried on every paragraph so an engine needs no second index. */
  fingerprint: z.string(),
});
export type StatementMeta = z.infer<typeof StatementMeta>;

/** What is indexed and returned as a hit: one paragraph of one statement. */
export const ParagraphDocument = StatementMeta.extend({
  id: DocumentId,
  paragraph: z.number().int().positive(),
  text: z.string().min(1),
  /** Who speaks in a Q&A transcript (spokesperson or questioner's outlet); null in plain statements. */
  speaker: z.string().nullable(),
  ...ParagraphFacets.shape,
});
export type ParagraphDocument = z.infer<typeof ParagraphDocument>;

/** A statement as written to an engine: replaced whole, so re-ingest never leaves stale paragraphs. */
export const StatementDocuments = z.object({
  statementId: DocumentId,
  /** Changes whenever the source, its metadata or the ingest pipeline changes: equal means "already indexed". */
  fingerprint: z.string(),
  documents: z.array(ParagraphDocument).min(1),
});
export type StatementDocuments = z.infer<typeof StatementDocuments>;
