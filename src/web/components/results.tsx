import type { Problem, SearchResponse } from '../../schema/api.js';
import type { ApiResult } from '../api-client.js';
import { formatCount, plural } from '../format.js';
import { pageHref, type PageQuery } from '../page-query.js';
import { HitItem } from './hit.js';
import { ActiveFilters, Tools } from './result-tools.js';

const Pager = ({ query, response }: { query: PageQuery; response: SearchResponse }) => {
  const pages = response.perPage > 0 ? Math.ceil(response.total / response.perPage) : 0;
  if (pages <= 1) return null;
  const at = (page: number) => pageHref({ ...query, page: String(page) });
  return (
    <nav class="pager" aria-label="Result pages">
      {response.page > 1 ? (
        <a data-nav="" data-pager="" rel="prev" href={at(response.page - 1)}>
          ← Previous
        </a>
      ) : (
        <span />
      )}
      <span>{`Page ${formatCount(response.page)} of ${formatCount(pages)}`}</span>
      {response.page < pages ? (
        <a data-nav="" data-pager="" rel="next" href={at(response.page + 1)}>
          Next →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
};

const ProblemNote = ({ problem }: { problem: Problem }) => (
  <div class="notice notice-error" role="alert">
    <p class="notice-title">{problem.status >= 500 ? 'The search could not be run' : 'This search cannot be run as written'}</p>
    <p>{problem.status >= 500 ? `${problem.title}. Try again in a moment.` : problem.detail}</p>
    {problem.requestId ? <p class="muted">{`Request id: ${problem.requestId}`}</p> : null}
  </div>
);

/** What the live region announces after each search. */
export function statusText(response: SearchResponse): string {
  if (response.total === 0) return 'No paragraphs match.';
  const first = (response.page - 1) * response.perPage + 1;
  const last = first + response.hits.length - 1;
  const shown = response.total > response.hits.length && response.hits.length > 0 ? `, showing ${formatCount(first)}–${formatCount(last)}` : '';
  return `${plural(response.total, 'paragraph')} ${response.total === 1 ? 'matches' : 'match'}${shown}.`;
}

export const problemText = (problem: Problem): string =>
  problem.status >= 500 ? 'The search could not be run.' : `The search cannot be run: ${problem.detail}`;

export interface ResultsProps {
  query: PageQuery;
  origin: string;
  result: ApiResult<SearchResponse>;
  title: string;
}

/** The results region: active filters, tools, hits and pages; swapped whole by the script. */
export const Results = ({ query, origin, result, title }: ResultsProps) => (
  <section
    id="results"
    data-region="results"
    data-status={result.ok ? statusText(result.body) : problemText(result.problem)}
    data-problem={result.ok ? undefined : result.problem.code}
    data-title={title}
    aria-labelledby="results-heading"
  >
    <h2 id="results-heading" class="vh" tabindex={-1}>
      Results
    </h2>
    <ActiveFilters query={query} response={result.ok ? result.body : undefined} />
    {!result.ok ? (
      <ProblemNote problem={result.problem} />
    ) : (
      <>
        <Tools query={query} origin={origin} />
        {result.body.hits.length === 0 ? (
          <div class="notice">
            <p class="notice-title">No paragraph matches this search.</p>
            <p>Try fewer words, remove a filter, or widen the dates. A word of five letters or more tolerates a typo.</p>
          </div>
        ) : (
          <ol class="hits" start={(result.body.page - 1) * result.body.perPage + 1}>
            {result.body.hits.map((hit) => (
              <HitItem hit={hit} />
            ))}
          </ol>
        )}
        <Pager query={query} response={result.body} />
      </>
    )}
  </section>
);
