import type { FacetValue } from '../../schema/api.js';
import { plural } from '../format.js';
import { changeQuery, pageHref, type PageQuery } from '../page-query.js';

interface Bar {
  year: number;
  count: number;
}

/** Matches per year from the `year` facet, with the years between filled in as zero. */
export function yearBars(values: FacetValue[]): Bar[] {
  const counts = new Map<number, number>();
  for (const { value, count } of values) {
    const year = Number(value);
    if (Number.isInteger(year)) counts.set(year, count);
  }
  if (counts.size === 0) return [];
  const years = [...counts.keys()];
  const first = Math.min(...years);
  const last = Math.max(...years);
  return Array.from({ length: last - first + 1 }, (_, i) => ({ year: first + i, count: counts.get(first + i) ?? 0 }));
}

/** Year labels under the bars: all of them when they fit, otherwise the ends and every fifth. */
const labelled = (bars: Bar[], bar: Bar, index: number) =>
  bars.length <= 12 || index === 0 || index === bars.length - 1 || bar.year % 5 === 0;

const yearOf = (date: string) => Number(date.slice(0, 4));

/** A small bar chart of matches per year; each bar links to the search narrowed to its year. */
export const Histogram = ({ values, query }: { values: FacetValue[]; query: PageQuery }) => {
  const bars = yearBars(values);
  const highest = Math.max(1, ...bars.map((bar) => bar.count));
  const narrowed = query.from !== '' || query.to !== '';
  const inRange = (year: number) =>
    (query.from === '' || year >= yearOf(query.from)) && (query.to === '' || year <= yearOf(query.to));
  return (
    <div id="histogram" data-region="histogram" class="histogram">
      {bars.length === 0 ? (
        <p class="muted">No dated paragraphs match.</p>
      ) : (
        <ol class="bars" aria-label="Matching paragraphs per year; choose a year to narrow the search to it">
          {bars.map((bar, index) => {
            const label = `${bar.year}: ${plural(bar.count, 'paragraph')}`;
            const body = (
              <>
                <span class="bar-track" aria-hidden="true">
                  <span class="bar-fill" style={`height:${Math.max(bar.count ? 4 : 0, (100 * bar.count) / highest).toFixed(1)}%`}></span>
                </span>
                <span class="bar-year" aria-hidden="true">
                  {labelled(bars, bar, index) ? String(bar.year) : ''}
                </span>
              </>
            );
            return (
              <li class={narrowed && inRange(bar.year) ? 'in-range' : undefined}>
                {bar.count === 0 ? (
                  <span class="bar" role="img" aria-label={label} title={label}>
                    {body}
                  </span>
                ) : (
                  <a
                    class="bar"
                    data-nav=""
                    href={pageHref(changeQuery(query, { from: String(bar.year), to: String(bar.year) }))}
                    aria-label={label}
                    title={label}
                  >
                    {body}
                  </a>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {narrowed ? (
        <a class="clear-dates" data-nav="" href={pageHref(changeQuery(query, { from: '', to: '' }))}>
          Any date
        </a>
      ) : null}
    </div>
  );
};
