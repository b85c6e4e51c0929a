import type { SearchResponse } from '../../schema/api.js';
import type { ApiResult } from '../api-client.js';
import type { Asset, AssetName } from '../assets.js';
import type { PageQuery } from '../page-query.js';
import { Facets } from './facets.js';
import { Histogram } from './histogram.js';
import { Brand, Layout } from './layout.js';
import { Results, problemText, statusText } from './results.js';

export interface SearchView {
  query: PageQuery;
  /** `http://host:port`, for the permalink and the curl command. */
  origin: string;
  result: ApiResult<SearchResponse>;
}

const SORTS = [
  ['relevance', 'Best match'],
  ['date:desc', 'Newest first'],
  ['date:asc', 'Oldest first'],
] as const;

/** YYYY, YYYY-MM or YYYY-MM-DD, as the API takes them. */
const DATE_PATTERN = String.raw`\d{4}(-\d{2}(-\d{2})?)?`;

export const pageTitle = (query: PageQuery): string =>
  query.q.trim() ? `${query.q.trim()} — Communiqué` : 'Communiqué — search foreign-ministry statements';

/** The regions that change with every search: what the script fetches and swaps. */
export const SearchRegions = ({ query, origin, result }: SearchView) => (
  <>
    <Histogram values={result.ok ? (result.body.facets.year ?? []) : []} query={query} />
    <Facets response={result.ok ? result.body : undefined} query={query} />
    <Results query={query} origin={origin} result={result} title={pageTitle(query)} />
  </>
);

const DateInput = ({ name, label, value }: { name: 'from' | 'to'; label: string; value: string }) => (
  <label class="date-field">
    <span>{label}</span>
    <input
      type="text"
      form="search-form"
      name={name}
      value={value}
      inputmode="numeric"
      pattern={DATE_PATTERN}
      placeholder="YYYY-MM-DD"
      title="A year, a month or a day: 2025, 2025-11 or 2025-11-07"
      autocomplete="off"
      size={10}
    />
  </label>
);

/** The search page: the first paint is complete without the script, which only makes it live. */
export const SearchPage = ({ view, assets }: { view: SearchView; assets: Record<AssetName, Asset> }) => {
  const { query, result } = view;
  return (
    <Layout title={pageTitle(query)} assets={assets} skipLabel="Skip to results">
      <header class="site-header">
        <div class="header-inner">
          <Brand heading />
          <p class="tagline">Foreign-ministry statements, searchable paragraph by paragraph</p>
        </div>
        <form id="search-form" class="search-form" role="search" action="/" method="get">
          <label for="q" class="search-label">
            Search statements
          </label>
          <div class="search-row">
            <input
              id="q"
              name="q"
              type="search"
              value={query.q}
              maxlength={500}
              autocomplete="off"
              spellcheck={false}
              placeholder={'e.g. "unserious statements" Doha -ceasefire'}
              aria-describedby="q-help"
              aria-invalid={!result.ok && result.problem.code === 'INVALID_QUERY' ? 'true' : undefined}
            />
            <button type="submit" class="primary">
              Search
            </button>
          </div>
          <div class="search-under">
            <p id="q-help" class="help">
              All words must match. <code>"exact phrase"</code>, <code>-exclude</code>, <code>a OR b</code>; the last word also
              matches as a prefix.
            </p>
            <label class="sort">
              <span>Sort</span>
              <select name="sort">
                {SORTS.map(([value, label]) => (
                  <option value={value} selected={(query.sort || 'relevance') === value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {query.perPage ? <input type="hidden" name="perPage" value={query.perPage} /> : null}
        </form>
      </header>
      <div class="layout">
        <aside class="filters" aria-labelledby="filters-heading">
          <details id="filters-panel" class="filters-panel" open>
            <summary>Filters</summary>
            <h2 id="filters-heading" class="vh">
              Filters
            </h2>
            <section class="facet date-facet" aria-labelledby="date-heading">
              <h3 id="date-heading" class="facet-heading">
                Statement date
              </h3>
              <Histogram values={result.ok ? (result.body.facets.year ?? []) : []} query={query} />
              <div class="date-range">
                <DateInput name="from" label="From" value={query.from} />
                <DateInput name="to" label="To" value={query.to} />
              </div>
            </section>
            <Facets response={result.ok ? result.body : undefined} query={query} />
            <noscript>
              <button type="submit" form="search-form" class="primary apply">
                Apply filters
              </button>
            </noscript>
          </details>
        </aside>
        <main id="main" class="results-column" tabindex={-1}>
          <p id="status" class={result.ok ? 'status' : 'status is-problem'} role="status" aria-live="polite" aria-atomic="true">
            {result.ok ? statusText(result.body) : problemText(result.problem)}
          </p>
          <Results query={query} origin={view.origin} result={result} title={pageTitle(query)} />
        </main>
      </div>
    </Layout>
  );
};
