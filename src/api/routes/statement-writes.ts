import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { RawSource } from '../../../ingest/extracted.js';
import type { PrepareWrite } from '../../../ingest/prepare-pool.js';
import { prepareStatement, sha256 } from '../../../ingest/prepare.js';
import type { SearchEngine } from '../../engine/engine.js';
import { AppError } from '../../errors.js';
import { Problem, Statement, StatementWrite } from '../../schema/api.js';
import { DocumentId } from '../../schema/document.js';
import { adminAuth } from '../admin-auth.js';
import { limitBody } from '../middleware/body-limit.js';
import { presentStatement } from '../present.js';

/** Largest request body a write accepts; a statement is text, and the longest in the corpora is far below this. */
export const MAX_WRITE_BYTES = 2 * 1024 * 1024;

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: Problem } } });

const guarded = {
  401: problem('No bearer token, or not the admin token (`UNAUTHORIZED`)'),
  403: problem('The server has no ADMIN_TOKEN: writes are disabled (`WRITES_DISABLED`)'),
};

/** How each content field is read: the name and type a file of that kind would have. */
const kinds = {
  text: { extension: 'txt', contentType: 'text/plain' },
  html: { extension: 'html', contentType: 'text/html' },
  markdown: { extension: 'md', contentType: 'text/markdown' },
} as const;

/**
 * The request as a source, as if it were a file with its sidecar: the content's bytes, the
 * metadata as `x.meta.json` would give it. Nothing is fetched, `url` included.
 */
function toRawSource(body: StatementWrite): { raw: RawSource; id: string } {
  const field = (['text', 'html', 'markdown'] as const).find((name) => body[name] !== undefined) ?? 'text';
  const bytes = Buffer.from(body[field] ?? '', 'utf8');
  const { title, issuer, ministry, date, language, url } = body;
  const sidecar = Object.fromEntries(Object.entries({ title, issuer, ministry, date, language, url }).filter(([, value]) => value !== undefined));
  const id = body.id ?? `post-${sha256(bytes).slice(0, 20)}`;
  const { extension, contentType } = kinds[field];
  return { raw: { name: `${id}.${extension}`, bytes, sidecar, contentType }, id };
}

/** Prepares in the calling thread: for tests and tools; the server passes a thread (`preparingThread`). */
const prepareHere: PrepareWrite = async (raw, options) => prepareStatement(raw, options);

export interface WriteOptions {
  adminToken: string | null;
  prepare?: PrepareWrite;
  now?: () => Date;
}

export function statementWriteRoutes(app: OpenAPIHono, engine: SearchEngine, { adminToken, prepare = prepareHere, now = () => new Date() }: WriteOptions): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'adminToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'The server\'s ADMIN_TOKEN. Without one configured, every write answers 403 WRITES_DISABLED.',
  });
  const auth = adminAuth({ token: adminToken });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/statements',
      summary: 'Add or replace a statement: text, HTML or Markdown with its metadata, through the ingest pipeline',
      description:
        'The content goes through the same steps as a file with a sidecar: read (by content first, as files are: ' +
        'a `text` that starts with YAML front matter reads as Markdown), normalised, annotated, indexed whole. The same ' +
        '`id` again replaces the statement; without `id` the id is a hash of the content. `url` is provenance only: the ' +
        `API never fetches it. Bodies over ${MAX_WRITE_BYTES} bytes answer 413 PAYLOAD_TOO_LARGE.`,
      security: [{ adminToken: [] }],
      middleware: [
        auth,
        limitBody({ maxBytes: MAX_WRITE_BYTES }),
      ],
      request: { body: { content: { 'application/json': { schema: StatementWrite } }, required: true } },
      responses: {
        201: {
          description: 'The statement as stored (as `GET /v1/statements/{id}` returns it)',
          headers: z.object({ Location: z.string().meta({ description: 'The statement\'s URL' }) }),
          content: { 'application/json': { schema: Statement } },
        },
        400: problem('The body is not valid JSON or not the expected shape (`INVALID_BODY`)'),
        ...guarded,
        413: problem('The body is too large (`PAYLOAD_TOO_LARGE`)'),
        422: problem('The content cannot be read as a statement (`EMPTY_SOURCE`, `UNREADABLE_SOURCE`, `INVALID_SIDECAR`)'),
        503: problem('The engine is unavailable'),
      },
    }),
    async (c) => {
      const { raw, id } = toRawSource(c.req.valid('json'));
      await engine.replaceStatements([await prepare(raw, { statementId: id, path: null, retrievedAt: now() })]);
      const [first, ...rest] = await engine.getStatement(id);
      if (!first) throw new AppError('INTERNAL', `statement ${id} was written but cannot be read back`);
      return c.json(presentStatement([first, ...rest]), 201, { Location: `/v1/statements/${id}` });
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/statements/{id}',
      summary: 'Delete a statement and all its paragraphs',
      security: [{ adminToken: [] }],
      middleware: [auth],
      request: { params: z.object({ id: DocumentId }) },
      responses: {
        204: { description: 'Deleted' },
        400: problem('The id is malformed'),
        ...guarded,
        404: problem('No statement has this id'),
        503: problem('The engine is unavailable'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      if (!(await engine.fingerprints([id])).has(id)) throw new AppError('STATEMENT_NOT_FOUND', `no statement has the id "${id}"`);
      await engine.deleteStatements([id]);
      return c.body(null, 204);
    },
  );
}
