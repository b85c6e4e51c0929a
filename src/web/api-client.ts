import type { z } from 'zod';
import { Problem } from '../schema/api.js';

/** How the pages reach the API: `app.request`, in-process, so a page shows exactly what the API answers. */
export type ApiFetch = (path: string, init: RequestInit) => Response | Promise<Response>;

export type ApiResult<T> = { ok: true; body: T } | { ok: false; status: number; problem: Problem };

/**
 * Calls one API route and parses its answer with the schema the route publishes. A problem
 * answer comes back as data, for the page to explain; the request id is passed on so the
 * API's log lines and the page's share one id.
 *
 * @example const result = await callApi(app.request, '/v1/search?q=Doha', SearchResponse, requestId);
 */
export async function callApi<T>(fetch: ApiFetch, path: string, schema: z.ZodType<T>, requestId?: string): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (requestId) headers['x-request-id'] = requestId;
  const response = await fetch(path, { headers });
  const json: unknown = await response.json();
  if (response.ok) return { ok: true, body: schema.parse(json) };
  return { ok: false, status: response.status, problem: Problem.parse(json) };
}
