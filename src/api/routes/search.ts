import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { SearchEngine } from '../../engine/engine.js';
import { parseQuery } from '../../query/parse.js';
import { Problem, SearchRequest, SearchResponse } from '../../schema/api.js';
import { withContext } from '../context.js';
import { facetField, toEngineQuery } from '../engine-query.js';
import { presentFacet, presentHit } from '../present.js';

const problems = {
  400: { description: 'A parameter or the query is invalid', content: { 'application/problem+json': { schema: Problem } } },
  503: { description: 'The engine is unavailable', content: { 'application/problem+json': { schema: Problem } } },
};
const answer = { description: 'Matching paragraphs, with facet counts', content: { 'application/json': { schema: SearchResponse } } };

/** Runs one search, the same for GET and POST. */
async function runSearch(engine: SearchEngine, request: SearchRequest): Promise<SearchResponse> {
  // Parsed here for its errors: a malformed query is a 400 on every engine, not only the embedded one.
  parseQuery(request.q);
  const started = performance.now();
  const query = toEngineQuery(request);
  const facetFields = request.facets.map((facet) => facetField[facet]);
  // Facet counts are disjunctive in every engine: selecting Qatar still counts Turkey.
  const result = await engine.search({ ...query, facets: request.histogram ? [...facetFields, request.histogram] : facetFields });
  const facets: SearchResponse['facets'] = {};
  for (const facet of request.facets) facets[facet] = presentFacet(facet, result.facets[facetField[facet]] ?? []);
  const histogram = request.histogram
    ? (result.facets[request.histogram] ?? [])
        .map(({ value, count }) => ({ key: value, count }))
        .sort((a, b) => a.key.localeCompare(b.key))
    : undefined;
  return {
    query: request,
    total: result.total,
    page: request.page,
    perPage: request.perPage,
    tookMs: Math.round((performance.now() - started) * 100) / 100,
    hits: await withContext(engine, result.hits.map(presentHit), request.context),
    facets,
    ...(histogram ? { histogram } : {}),
  };
}

export function searchRoutes(app: OpenAPIHono, engine: SearchEngine): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/search',
      summary: 'Search paragraphs',
      request: { query: SearchRequest },
      responses: { 200: answer, ...problems },
    }),
    async (c) => c.json(await runSearch(engine, c.req.valid('query')), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/search',
      summary: 'Search paragraphs, the request as JSON',
      request: { body: { content: { 'application/json': { schema: SearchRequest } } } },
      responses: { 200: answer, ...problems },
    }),
    async (c) => c.json(await runSearch(engine, c.req.valid('json')), 200),
  );
}
