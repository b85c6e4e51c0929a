import type { SearchResponse } from '../../schema/api.js';
import { FILTERS, changeQuery, curlCommand, exportHref, pageHref, toggleFilter, type FilterName, type PageQuery } from '../page-query.js';

const FILTER_NAMES: Record<FilterName, string> = {
  country: 'Country',
  group: 'Group',
  talks: 'Talks',
  round: 'Round',
  issuer: 'Issuer',
  speaker: 'Speaker',
};

/** A filter as the facet panels name it; a bare round number is that round of any talks. */
function filterLabel(response: SearchResponse | undefined, name: FilterName, value: string): string {
  const known = response?.facets[name]?.find((facet) => facet.value === value || facet.label.toLowerCase() === value.toLowerCase());
  if (known) return `${FILTER_NAMES[name]}: ${known.label}`;
  if (name === 'round' && /^\d+$/.test(value)) return `Round ${value}, any talks`;
  return `${FILTER_NAMES[name]}: ${value}`;
}

/** The active filters, each a link that removes it. */
export const ActiveFilters = ({ query, response }: { query: PageQuery; response: SearchResponse | undefined }) => {
  const chips = FILTERS.flatMap((name) =>
    query.filters[name].map((value) => ({ label: filterLabel(response, name, value), href: pageHref(toggleFilter(query, name, value)) })),
  );
  if (query.from) chips.push({ label: `From ${query.from}`, href: pageHref(changeQuery(query, { from: '' })) });
  if (query.to) chips.push({ label: `To ${query.to}`, href: pageHref(changeQuery(query, { to: '' })) });
  if (chips.length === 0) return null;
  const clearAll = changeQuery(query, {
    filters: Object.fromEntries(FILTERS.map((name) => [name, []])) as unknown as PageQuery['filters'],
    from: '',
    to: '',
  });
  return (
    <div class="active-filters">
      <ul class="chips" aria-label="Active filters">
        {chips.map((chip) => (
          <li>
            <a class="chip" data-nav="" href={chip.href} aria-label={`Remove filter: ${chip.label}`}>
              <span>{chip.label}</span>
              <span class="chip-x" aria-hidden="true">
                ×
              </span>
            </a>
          </li>
        ))}
      </ul>
      {chips.length > 1 ? (
        <a class="clear-all" data-nav="" href={pageHref(clearAll)}>
          Clear all filters
        </a>
      ) : null}
    </div>
  );
};

/** Permalink, the equivalent API call, and the exports. */
export const Tools = ({ query, origin }: { query: PageQuery; origin: string }) => {
  const permalink = `${origin}${pageHref(query)}`;
  return (
    <div class="tools">
      <div class="tool-row">
        <a class="permalink" href={pageHref(query)} data-permalink="">
          Permalink
        </a>
        <button type="button" class="copy" data-copy={permalink}>
          Copy link
        </button>
        <span class="tool-sep" aria-hidden="true"></span>
        <span class="export">
          <span>Export all matches:</span> <a href={exportHref(query, 'csv')} download="">CSV</a>{' '}
          <a href={exportHref(query, 'ndjson')} download="">NDJSON</a>
        </span>
      </div>
      <details class="api-call">
        <summary>Copy as API call</summary>
        <div class="api-call-body">
          <pre>
            <code id="api-call">{curlCommand(origin, query)}</code>
          </pre>
          <button type="button" class="copy" data-copy-from="api-call">
            Copy command
          </button>
        </div>
      </details>
    </div>
  );
};
