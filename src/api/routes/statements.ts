import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { SearchEngine } from '../../engine/engine.js';
import { AppError } from '../../errors.js';
import { parseQuery } from '../../query/parse.js';
import { DocumentId } from '../../schema/document.js';
import { Problem, Statement, StatementListRequest, StatementListResponse } from '../../schema/api.js';
import { resolveFilters } from '../engine-query.js';
import { presentStatement, presentStatementSummary } from '../present.js';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: Problem } } });

export function statementRoutes(app: OpenAPIHono, engine: SearchEngine): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/statements',
      summary: 'List statements by date, with the same filters as search',
      description:
        'Statements that have at least one paragraph matching `q` and the filters (all statements when none is given), ' +
        'newest first (`sort=date:asc`: oldest first; undated statements sort as oldest). `total` is exact. Each ' +
        'statement says how many paragraphs it has and how many of them match.',
      request: { query: StatementListRequest },
      responses: {
        200: { description: 'One page of statements', content: { 'application/json': { schema: StatementListResponse } } },
        400: problem('A parameter or the query is invalid'),
        503: problem('The engine is unavailable'),
      },
    }),
    async (c) => {
      const request = c.req.valid('query');
      // Parsed here for its errors: a malformed query is a 400 on every engine.
      parseQuery(request.q);
      const list = await engine.listStatements({
        q: request.q,
        filters: resolveFilters(request),
        order: request.sort,
        offset: (request.page - 1) * request.perPage,
        limit: request.perPage,
      });
      return c.json(
        {
          query: request,
          total: list.total,
          page: request.page,
          perPage: request.perPage,
          statements: list.statements.map(presentStatementSummary),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/statements/{id}',
      summary: 'One whole statement, its paragraphs in order, with provenance',
      request: { params: z.object({ id: DocumentId }) },
      responses: {
        200: { description: 'The statement', content: { 'application/json': { schema: Statement } } },
        400: problem('The id is malformed'),
        404: problem('No statement has this id'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const [first, ...rest] = await engine.getStatement(id);
      if (!first) throw new AppError('STATEMENT_NOT_FOUND', `no statement has the id "${id}"`);
      return c.json(presentStatement([first, ...rest]), 200);
    },
  );
}
