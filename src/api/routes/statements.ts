import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { SearchEngine } from '../../engine/engine.js';
import { AppError } from '../../errors.js';
import { DocumentId } from '../../schema/document.js';
import { Problem, Statement } from '../../schema/api.js';
import { presentStatement } from '../present.js';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: Problem } } });

export function statementRoutes(app: OpenAPIHono, engine: SearchEngine): void {
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
