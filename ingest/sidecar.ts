import { z } from 'zod';
import { IsoDate, precisionOf } from '../src/schema/document.js';
import { AppError } from '../src/errors.js';
import type { ExtractedStatement } from './extracted.js';

/** `x.meta.json` beside `x.txt`: what is known of a statement besides its text. */
export const Sidecar = z.strictObject({
  title: z.string().min(1).optional(),
  issuer: z.string().min(1).optional(),
  ministry: z.string().min(1).optional(),
  date: IsoDate.optional(),
  language: z.string().min(2).optional(),
  // Provenance links are followed by people: only http(s), never `javascript:` or `file:`.
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
});
export type Sidecar = z.infer<typeof Sidecar>;

export function parseSidecar(raw: unknown): Sidecar {
  const parsed = Sidecar.safeParse(raw);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'sidecar'}: ${issue.message}`);
    throw new AppError('INVALID_SIDECAR', reasons.join('; '));
  }
  return parsed.data;
}

/** Sidecar values win over what a reader found in the source itself. */
export function applySidecar(extracted: ExtractedStatement, sidecar: Sidecar): ExtractedStatement {
  return {
    ...extracted,
    title: sidecar.title ?? extracted.title,
    issuer: sidecar.issuer ?? extracted.issuer,
    ministry: sidecar.ministry ?? extracted.ministry,
    date: sidecar.date ? { value: sidecar.date, precision: precisionOf(sidecar.date), source: 'metadata' } : extracted.date,
    language: sidecar.language ?? extracted.language,
    url: sidecar.url ?? extracted.url,
  };
}
