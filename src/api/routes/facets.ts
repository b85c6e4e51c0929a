import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { SearchEngine } from '../../engine/engine.js';
import { ApiFacet, FacetSearchRequest, FacetSearchResponse, Problem } from '../../schema/api.js';
import { facetField, resolveFilters } from '../engine-query.js';
import { presentFacet } from '../present.js';

/** Facets whose stored values are codes: their values are searched by the names people type. */
const searchedByLabel = new Set<ApiFacet>(['country', 'issuer', 'talks', 'round']);

export function facetRoutes(app: OpenAPIHono, engine: SearchEngine): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/facets/{facet}',
      summary: "Search one facet's values, with counts over the filtered paragraphs",
      request: { params: z.object({ facet: ApiFacet }), query: FacetSearchRequest },
      responses: {
        200: { description: 'Values with counts', content: { 'application/json': { schema: FacetSearchResponse } } },
        400: { description: 'A parameter is invalid', content: { 'application/problem+json': { schema: Problem } } },
      },
    }),
    async (c) => {
      const { facet } = c.req.valid('param');
      const request = c.req.valid('query');
      const filters = resolveFilters(request);
      const byLabel = searchedByLabel.has(facet);
      const counts = await engine.searchFacetValues(facetField[facet], byLabel ? '' : request.q, filters);
      const needle = request.q.toLowerCase();
      const values = presentFacet(facet, counts).filter(
        (value) => !byLabel || value.label.toLowerCase().includes(needle) || value.value.toLowerCase().includes(needle),
      );
      return c.json({ facet, values }, 200);
    },
  );
}
