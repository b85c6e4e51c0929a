import { z } from 'zod';
import { DatePrecision, IsoDate } from '../src/schema/document.js';

/** What a reader gets out of one source, before normalisation and annotation. */
export const ExtractedStatement = z.object({
  title: z.string().nullable(),
  /** The issuing country as the source names it (a name, alias or ISO code); resolved later. */
  issuer: z.string().nullable(),
  ministry: z.string().nullable(),
  date: z
    .object({ value: IsoDate, precision: DatePrecision, source: z.enum(['metadata', 'page', 'file-name']) })
    .nullable(),
  language: z.string().nullable(),
  url: z.string().nullable(),
  paragraphs: z.array(z.object({ text: z.string(), speaker: z.string().nullable() })),
});
export type ExtractedStatement = z.infer<typeof ExtractedStatement>;

/** One source as read from disk or the network, before any parsing. */
export interface RawSource {
  /** A path for files, the URL for fetched pages: what error lines name. */
  name: string;
  bytes: Buffer;
  /** Sidecar metadata (`x.meta.json` beside `x.txt`), when there is one. */
  sidecar: Record<string, unknown> | null;
  contentType: string | null;
}
