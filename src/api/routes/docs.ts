import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { html } from 'hono/html';
import { AppError, errorCatalogue } from '../../errors.js';

/** The swagger-ui-dist files the page uses, served from node_modules: the page works offline, with no CDN. */
const assets: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

// A script file rather than an inline one, so a Content-Security-Policy of 'self' holds.
const initScript = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
});
`;

// INVALID_CONFIG stops the server at start and FETCH_FAILED is the ingest CLI's: no client ever receives them.
const httpErrors = Object.entries(errorCatalogue).filter(([code]) => code !== 'INVALID_CONFIG' && code !== 'FETCH_FAILED');

const page = () => html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Communiqué API</title>
    <link rel="stylesheet" href="/docs/assets/swagger-ui.css" />
    <link rel="icon" type="image/png" sizes="32x32" href="/docs/assets/favicon-32x32.png" />
    <link rel="icon" type="image/png" sizes="16x16" href="/docs/assets/favicon-16x16.png" />
    <style>
      #error-codes { font-family: sans-serif; max-width: 1460px; margin: 0 auto 3em; padding: 0 20px; }
      #error-codes td, #error-codes th { text-align: left; padding: 0.25em 1em 0.25em 0; }
    </style>
  </head>
  <body>
    <div id="swagger-ui"></div>
    <section id="error-codes">
      <h2>Error codes</h2>
      <p>
        Every error is <code>application/problem+json</code> (RFC 9457) with a stable <code>code</code> and the
        <code>requestId</code> that is also in the <code>X-Request-Id</code> header. The description of
        the machine-readable contract is <a href="/openapi.json">/openapi.json</a>.
      </p>
      <table>
        <thead><tr><th>code</th><th>status</th><th>meaning</th></tr></thead>
        <tbody>
          ${httpErrors.map(
            ([code, { status, title }]) => html`<tr><td><code>${code}</code></td><td>${status}</td><td>${title}</td></tr>`,
          )}
        </tbody>
      </table>
    </section>
    <script src="/docs/assets/swagger-ui-bundle.js"></script>
    <script src="/docs/init.js"></script>
  </body>
</html>
`;

const CSP = [
  "default-src 'self'",
  "img-src 'self' data:",
  // Swagger UI sets style attributes from script.
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  "connect-src 'self'",
].join('; ');

let assetDir: string | undefined;
const cache = new Map<string, Uint8Array<ArrayBuffer>>();

async function asset(name: string): Promise<Uint8Array<ArrayBuffer>> {
  const cached = cache.get(name);
  if (cached) return cached;
  // Resolved on first use, not at import, so building the app does no I/O.
  assetDir ??= dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const bytes = new Uint8Array(await readFile(join(assetDir, name)));
  cache.set(name, bytes);
  return bytes;
}

/**
 * `GET /docs`: Swagger UI over `/openapi.json` and the table of error codes, with every asset
 * served by this app (`/docs/assets/*`, `/docs/init.js`).
 */
export function docsRoutes(app: OpenAPIHono): void {
  app.get('/docs', (c) => {
    c.header('Content-Security-Policy', CSP);
    return c.html(page());
  });
  app.get('/docs/init.js', (c) =>
    c.body(initScript, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' }),
  );
  app.get('/docs/assets/:file', async (c) => {
    const name = c.req.param('file');
    const type = Object.hasOwn(assets, name) ? assets[name] : undefined;
    if (!type) throw new AppError('NOT_FOUND', `no docs asset ${name}`);
    const bytes = await asset(name);
    return c.body(bytes, 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=86400' });
  });
}
