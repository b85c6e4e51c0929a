import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../errors.js';

/**
 * Export cursors, after GovInfo's `offsetMark`: an opaque token saying where an export stopped.
 * Inside is the engine's position (a date and a tie-breaker, never an offset from the start) and
 * a digest of the query it belongs to, so a cursor cannot resume a different query.
 */
const CursorBody = z.object({ v: z.literal(1), q: z.string(), p: z.string().min(1).max(200) });

/** A digest of what an export walks: the engine, the query, the resolved filters and the order. */
export function cursorScope(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 22);
}

/** @example encodeCursor(scope, '20251107.42') // 'eyJ2IjoxLC...' */
export function encodeCursor(scope: string, position: string): string {
  return Buffer.from(JSON.stringify({ v: 1, q: scope, p: position })).toString('base64url');
}

const invalid = (detail: string): AppError => new AppError('INVALID_PARAMETER', `cursor: ${detail}`, { extra: { parameter: 'cursor' } });

/** The engine position inside `cursor`; a 400 when it is malformed or was made for another query. */
export function decodeCursor(cursor: string, scope: string): string {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid('not a cursor this API issued');
  }
  const parsed = CursorBody.safeParse(body);
  if (!parsed.success) throw invalid('not a cursor this API issued');
  if (parsed.data.q !== scope) throw invalid('it belongs to another query; resume with the same q, filters and sort');
  return parsed.data.p;
}
