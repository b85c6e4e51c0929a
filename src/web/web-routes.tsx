import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { SearchResponse, Statement } from '../schema/api.js';
import { callApi, type ApiFetch } from './api-client.js';
import { isAssetName, loadAssets } from './assets.js';
import { SearchPage, SearchRegions, type SearchView } from './components/search-page.js';
import { StatementPage, StatementProblemPage } from './components/statement-page.js';
import { apiSearchPath, readPageQuery } from './page-query.js';

/**
 * Scripts only from this server; inline style attributes are allowed for the histogram's bar
 * heights (a style attribute cannot run script). Statement text can never become a script.
 */
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'referrer-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
};

const statusOf = (status: number) => status as ContentfulStatusCode;

async function searchView(c: Context, api: ApiFetch): Promise<{ view: SearchView; status: ContentfulStatusCode }> {
  const url = new URL(c.req.url);
  const query = readPageQuery(url.searchParams);
  const result = await callApi(api, apiSearchPath(query), SearchResponse, c.get('requestId'));
  return { view: { query, origin: url.origin, result }, status: statusOf(result.ok ? 200 : result.status) };
}

/** Where "back to the search" goes: the search page the reader came from, when it was ours. */
function backLink(c: Context): string {
  const referer = c.req.header('referer');
  if (!referer) return '/';
  try {
    const from = new URL(referer);
    return from.origin === new URL(c.req.url).origin && from.pathname === '/' ? `/${from.search}` : '/';
  } catch {
    return '/';
  }
}

/**
 * The researchers' pages: the search page at `/`, its live regions at `/fragments/search`
 * (the same components, so the script never builds HTML of its own), the statement view at
 * `/statements/:id`, and their static files. Pages read the API in-process, through
 * `app.request`, so they show exactly what the API answers.
 */
export function webRoutes(app: OpenAPIHono): void {
  // The page's own request environment goes along, so the API sees the same client (its
  // socket, for the rate limit) as if the browser had asked it directly.
  const api =
    (c: Context): ApiFetch =>
    (path, init) =>
      app.request(path, init, c.env);

  app.get('/', async (c) => {
    const [assets, { view, status }] = await Promise.all([loadAssets(), searchView(c, api(c))]);
    return c.html(<SearchPage view={view} assets={assets} />, status, PAGE_HEADERS);
  });

  // Always 200: the fragment renders a refused search as well as a good one (its results carry
  // `data-problem`), and the script swaps it in either way.
  app.get('/fragments/search', async (c) => {
    const { view } = await searchView(c, api(c));
    return c.html(<SearchRegions {...view} />, 200, PAGE_HEADERS);
  });

  app.get('/statements/:id', async (c) => {
    const id = c.req.param('id');
    const [assets, result] = await Promise.all([
      loadAssets(),
      callApi(api(c), `/v1/statements/${encodeURIComponent(id)}`, Statement, c.get('requestId')),
    ]);
    if (!result.ok) return c.html(<StatementProblemPage problem={result.problem} assets={assets} />, statusOf(result.status), PAGE_HEADERS);
    const p = c.req.query('p');
    const view = { statement: result.body, matched: p && /^\d+$/.test(p) ? Number(p) : undefined, back: backLink(c) };
    return c.html(<StatementPage view={view} assets={assets} />, 200, PAGE_HEADERS);
  });

  app.get('/assets/:name', async (c) => {
    const name = c.req.param('name');
    if (!isAssetName(name)) return c.notFound();
    const asset = (await loadAssets())[name];
    const etag = `"${asset.version}"`;
    // A versioned link names one content forever; an unversioned one must revalidate.
    const cacheControl = c.req.query('v') === asset.version ? 'public, max-age=31536000, immutable' : 'no-cache';
    const headers = { 'content-type': asset.type, 'cache-control': cacheControl, etag, 'x-content-type-options': 'nosniff' };
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
    return c.body(asset.body, 200, headers);
  });
}
