import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { accepts } from 'hono/accepts';
import { z } from 'zod';
import type { ScanRequest, SearchEngine } from '../../engine/engine.js';
import { parseQuery } from '../../query/parse.js';
import { ExportFormat, ExportRequest, ExportRow, Problem, SearchRequest } from '../../schema/api.js';
import { cursorScope, decodeCursor, encodeCursor } from '../cursor.js';
import { resolveFilters } from '../engine-query.js';
import { encodeRows, exportContentType, exportPreamble } from '../export-rows.js';
import { presentRow } from '../present.js';
import { invalidInput, type Logger } from '../problem.js';

/** Matches read from the engine per request while streaming: the most an export holds at once. */
export const EXPORT_CHUNK = 1000;

const mediaTypes: Record<string, ExportFormat> = { 'text/csv': 'csv', 'application/x-ndjson': 'ndjson' };

type Walk = Omit<ScanRequest, 'after' | 'limit'>;

/**
 * The rows, read a chunk at a time and only when the client has taken the previous one
 * (`highWaterMark: 0`), so a slow reader holds one chunk, not the export.
 */
interface RowStreamOptions {
  engine: SearchEngine;
  walk: Walk;
  start: string | null;
  /** Rows to send at most; Infinity for every match. */
  limit: number;
  format: ExportFormat;
  logger: Logger;
  requestId: string | undefined;
}

function rowStream({ engine, walk, start, limit, format, logger, requestId }: RowStreamOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after = start;
  let remaining = limit;
  let preamble = exportPreamble(format);
  let finished = false;
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      cancel() {
        // The client went away: a page still being read is dropped, not sent nor logged.
        cancelled = true;
      },
      async pull(controller) {
        if (preamble) {
          controller.enqueue(encoder.encode(preamble));
          preamble = '';
          return;
        }
        if (finished || remaining <= 0) return controller.close();
        try {
          const page = await engine.scan({ ...walk, after, limit: Math.min(EXPORT_CHUNK, remaining) });
          if (cancelled) return;
          remaining -= page.documents.length;
          after = page.next;
          finished = after === null || page.documents.length === 0;
          if (page.documents.length === 0) return controller.close();
          controller.enqueue(encoder.encode(encodeRows(format, page.documents.map(presentRow))));
        } catch (error) {
          if (cancelled) return;
          // The status line has gone out: the only way left to say "failed" is to cut the stream short.
          logger.error({ requestId, code: 'EXPORT_ABORTED', error: error instanceof Error ? error.stack : String(error) });
          controller.error(error);
        }
      },
    },
    { highWaterMark: 0 },
  );
}

/** Answers one export: headers first (total, next cursor), then the rows as they are read. */
async function exportResponse(c: Context, engine: SearchEngine, logger: Logger, request: ExportRequest, format: ExportFormat): Promise<Response> {
  // Parsed here for its errors, as search does: a malformed query is a 400 before any row is sent.
  parseQuery(request.q);
  const filters = resolveFilters(request);
  const walk: Walk = { q: request.q, filters, order: request.sort === 'date:asc' ? 'date:asc' : 'date:desc' };
  const scope = cursorScope([engine.name, walk.q, walk.filters, walk.order]);
  const start = request.cursor === undefined ? null : decodeCursor(request.cursor, scope);
  const [counted, end] = await Promise.all([
    engine.search({ q: walk.q, filters, sort: walk.order, offset: 0, limit: 0, facets: [] }),
    request.limit === undefined ? null : engine.scanEnd({ ...walk, after: start, limit: request.limit }),
  ]);
  const headers: Record<string, string> = {
    'Content-Type': exportContentType[format],
    'Cache-Control': 'no-store',
    'X-Total-Count': String(counted.total),
  };
  if (end !== null) headers['Next-Cursor'] = encodeCursor(scope, end);
  if (format === 'csv') headers['Content-Disposition'] = 'attachment; filename="communique-export.csv"';
  const requestId = c.get('requestId') as string | undefined;
  const rows = rowStream({ engine, walk, start, limit: request.limit ?? Infinity, format, logger, requestId });
  return c.body(rows, 200, headers);
}

/** A query string as the route validators see it: repeated keys as arrays. */
const queryObject = (c: Context): Record<string, string | string[]> =>
  Object.fromEntries(Object.entries(c.req.queries()).map(([key, values]) => [key, values.length === 1 ? (values[0] ?? '') : values]));

const formatDescription = [
  'Every match of a search, streamed as CSV (RFC 4180, CRLF, header row; columns id, statementId, paragraph, date,',
  'issuer, title, countries, groups, rounds (`;`-joined codes), text, sourceUrl, sourcePath, sha256) or as NDJSON',
  '(one ExportRow a line: a search hit without highlighted and snippet). `format=` wins over the Accept header.',
  '',
  'Rows come newest first (`sort=date:asc`: oldest first), read from the engine in chunks of 1000 by a keyset',
  '(date, then a position within the day), never by deep offsets, so exports of any size stream in bounded memory.',
  '',
  '**Resuming.** With `limit=n` a response sends at most n rows. When more follow, its `Next-Cursor` header holds an',
  'opaque cursor: send the same query with `cursor=<it>` for the next rows. No `Next-Cursor` header means nothing',
  'follows. A cursor only resumes the query it came from (400 otherwise). `X-Total-Count` is the number of matches of',
  'the whole query. A failure after the first byte cuts the response short (an incomplete chunked body), never a',
  'silent end. Rows written while an export runs may or may not appear in it.',
].join('\n');

export function exportRoutes(app: OpenAPIHono, engine: SearchEngine, logger: Logger): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/export',
      summary: 'Export every match of a search as CSV or NDJSON, streamed, resumable with a cursor',
      description: formatDescription,
      request: { query: ExportRequest },
      responses: {
        200: {
          description: 'The matching paragraphs, one row each',
          headers: z.object({
            'Next-Cursor': z.string().optional().meta({ description: 'Present when `limit` stopped the export early: pass it as `cursor` to continue' }),
            'X-Total-Count': z.string().meta({ description: 'How many paragraphs match the query in all' }),
          }),
          content: {
            'application/x-ndjson': { schema: ExportRow },
            'text/csv': { schema: z.string() },
          },
        },
        400: { description: 'A parameter, the query or the cursor is invalid', content: { 'application/problem+json': { schema: Problem } } },
        503: { description: 'The engine is unavailable', content: { 'application/problem+json': { schema: Problem } } },
      },
    }),
    async (c) => {
      const request = c.req.valid('query');
      const format =
        request.format ??
        mediaTypes[accepts(c, { header: 'Accept', supports: Object.keys(mediaTypes), default: 'application/x-ndjson' })] ??
        'ndjson';
      return exportResponse(c, engine, logger, request, format);
    },
  );
}

/** The POST body, when it is a JSON object; anything else is left for the search route to refuse. */
async function jsonObject(c: Context): Promise<Record<string, unknown> | null> {
  try {
    const body: unknown = await c.req.json();
    return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * `/v1/search` with `format=csv|ndjson` (in the query string, or the JSON body of a POST), or
 * an Accept header that prefers `text/csv` or `application/x-ndjson` to JSON, answers with the
 * export of the same search; anything else goes on to the JSON search. Mount before the search routes.
 */
export function searchExport({ engine, logger }: { engine: SearchEngine; logger: Logger }): MiddlewareHandler {
  return async function searchExport(c, next) {
    // The body is read once: Hono keeps it for the search route's validator.
    const body = c.req.method === 'POST' ? await jsonObject(c) : null;
    if (c.req.method === 'POST' && body === null) return next();
    const input = body ?? queryObject(c);
    const asked = input['format'];
    const negotiated = accepts(c, { header: 'Accept', supports: ['application/json', ...Object.keys(mediaTypes)], default: 'application/json' });
    const format = asked === undefined ? mediaTypes[negotiated] : ExportFormat.safeParse(asked).data;
    if (format === undefined) return next();
    const code = body === null ? 'INVALID_PARAMETER' : 'INVALID_BODY';
    // The search's own parameters (perPage, facets, context...) mean nothing to an export, but a
    // bad one is the same 400 as without `format=`: the request is one search either way.
    const asSearch = SearchRequest.safeParse(input);
    if (!asSearch.success) throw invalidInput(asSearch.error, code);
    const parsed = ExportRequest.safeParse({ ...input, format });
    if (!parsed.success) throw invalidInput(parsed.error, code);
    return exportResponse(c, engine, logger, parsed.data, format);
  };
}
