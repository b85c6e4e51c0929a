/**
 * The search page's state lives in its URL, so a URL is a permalink. These helpers read that
 * state and write it back in one canonical order (the client script keeps the same order), and
 * derive the equivalent API calls from it. Values pass through unvalidated: the API is the one
 * place that validates them, so the page can never accept what the API refuses.
 */

export const FILTERS = ['country', 'group', 'talks', 'round', 'issuer', 'speaker'] as const;
export type FilterName = (typeof FILTERS)[number];

export interface PageQuery {
  q: string;
  filters: Record<FilterName, string[]>;
  from: string;
  to: string;
  sort: string;
  page: string;
  perPage: string;
}

/** Every distribution the page shows: facet panels, negotiation labels and the year histogram. */
export const PAGE_FACETS = 'country,group,round,talks,issuer,speaker,year';

const DEFAULTS: Record<string, string> = { sort: 'relevance', page: '1' };

/** Reads a page URL's query string; unknown keys and blank values are dropped. */
export function readPageQuery(params: URLSearchParams): PageQuery {
  const one = (key: string) => params.get(key)?.trim() ?? '';
  const filters = Object.fromEntries(
    FILTERS.map((name) => [name, [...new Set(params.getAll(name).map((value) => value.trim()).filter(Boolean))]]),
  ) as Record<FilterName, string[]>;
  // q keeps its spaces: a trailing space turns off prefix matching of the last word.
  return { q: params.get('q') ?? '', filters, from: one('from'), to: one('to'), sort: one('sort'), page: one('page'), perPage: one('perPage') };
}

/** The canonical query string of a page state: fixed key order, no blanks, no defaults. */
export function pageParams(query: PageQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q.trim()) params.set('q', query.q);
  for (const name of FILTERS) for (const value of query.filters[name]) params.append(name, value);
  for (const key of ['from', 'to', 'sort', 'page', 'perPage'] as const) {
    const value = query[key];
    if (value && value !== DEFAULTS[key]) params.set(key, value);
  }
  return params;
}

const withSearch = (path: string, params: URLSearchParams) => {
  const search = params.toString();
  return search ? `${path}?${search}` : path;
};

/** A link to the search page in a given state. */
export const pageHref = (query: PageQuery): string => withSearch('/', pageParams(query));

/** The same state with some fields changed; any change but paging goes back to page 1. */
export const changeQuery = (query: PageQuery, change: Partial<PageQuery>): PageQuery => ({
  ...query,
  page: '',
  ...change,
});

export const toggleFilter = (query: PageQuery, name: FilterName, value: string): PageQuery => {
  const values = query.filters[name];
  const next = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
  return changeQuery(query, { filters: { ...query.filters, [name]: next } });
};

/** The `/v1/search` path and query the page asks for its own rendering. */
export function apiSearchPath(query: PageQuery): string {
  const params = pageParams(query);
  params.set('facets', PAGE_FACETS);
  return withSearch('/v1/search', params);
}

/** The export of every match (no paging) in a format the export route offers. */
export function exportHref(query: PageQuery, format: 'csv' | 'ndjson'): string {
  const params = pageParams(changeQuery(query, { perPage: '' }));
  params.set('format', format);
  return withSearch('/v1/export', params);
}

/**
 * The page's search as a shell command. URLSearchParams percent-encodes every quote and space,
 * so the URL is safe inside single quotes.
 */
export const curlCommand = (origin: string, query: PageQuery): string => `curl '${origin}${apiSearchPath(query)}'`;
