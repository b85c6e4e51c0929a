import { describe, expect, it } from 'vitest';
import { facetOptions } from '../../src/web/components/facets.js';
import { yearBars } from '../../src/web/components/histogram.js';
import { formatIsoDate, safeHttpUrl } from '../../src/web/format.js';
import { apiSearchPath, curlCommand, exportHref, pageHref, readPageQuery, toggleFilter } from '../../src/web/page-query.js';

const read = (search: string) => readPageQuery(new URLSearchParams(search));

describe('page query: the URL is the search', () => {
  it.each([
    ['', '/'],
    ['q=', '/'],
    ['q=Doha', '/?q=Doha'],
    ['sort=relevance&page=1&q=Doha', '/?q=Doha'],
    ['page=2&round=3&q=Doha&country=QA&country=QA&from=+2025+', '/?q=Doha&country=QA&round=3&from=2025&page=2'],
    ['q=Torkh+&utm_source=mail', '/?q=Torkh+'],
    ['country=&group=TTP', '/?group=TTP'],
  ])('%s is written back canonically as %s', (search, href) => {
    expect(pageHref(read(search))).toBe(href);
  });

  it('toggles a filter value and goes back to page 1', () => {
    const query = read('q=Doha&country=QA&page=3');
    expect(pageHref(toggleFilter(query, 'country', 'TR'))).toBe('/?q=Doha&country=QA&country=TR');
    expect(pageHref(toggleFilter(query, 'country', 'QA'))).toBe('/?q=Doha');
  });

  it('asks the API for every facet the page shows', () => {
    expect(apiSearchPath(read('q=Doha&page=2'))).toBe('/v1/search?q=Doha&page=2&facets=country%2Cgroup%2Cround%2Ctalks%2Cissuer%2Cspeaker%2Cyear');
  });

  it('exports every match: no page, no page size', () => {
    expect(exportHref(read('q=Doha&page=2&perPage=5&round=3'), 'ndjson')).toBe('/v1/export?q=Doha&round=3&format=ndjson');
  });

  it("quotes the curl command safely: a ' in the query is percent-encoded", () => {
    const command = curlCommand('http://host:8080', read(`q=${encodeURIComponent("Pakistan's \"core issue\"")}`));
    expect(command).toBe("curl 'http://host:8080/v1/search?q=Pakistan%27s+%22core+issue%22&facets=country%2Cgroup%2Cround%2Ctalks%2Cissuer%2Cspeaker%2Cyear'");
    expect(command.slice(6, -1)).not.toContain("'");
  });
});

describe('facet options', () => {
  const values = [
    { value: 'QA', label: 'Qatar', count: 4 },
    { value: 'TR', label: 'Türkiye', count: 2 },
  ];

  it('checks a value selected by code or by name, keeping the spelling of the URL', () => {
    expect(facetOptions(values, ['qatar'])).toEqual([
      { value: 'qatar', label: 'Qatar', count: 4, checked: true },
      { value: 'TR', label: 'Türkiye', count: 2, checked: false },
    ]);
  });

  it('keeps a selected value the search no longer counts, so it can be unchecked', () => {
    expect(facetOptions(values, ['AF'])).toContainEqual({ value: 'AF', label: 'AF', count: undefined, checked: true });
  });
});

describe('year histogram', () => {
  it('fills the years between with zero', () => {
    expect(yearBars([{ value: '2025', label: '2025', count: 3 }, { value: '2022', label: '2022', count: 1 }])).toEqual([
      { year: 2022, count: 1 },
      { year: 2023, count: 0 },
      { year: 2024, count: 0 },
      { year: 2025, count: 3 },
    ]);
  });
});

describe('formatting', () => {
  it.each([
    ['2025-11-07', '7 November 2025'],
    ['2025-11', 'November 2025'],
    ['2025', '2025'],
  ])('writes %s as %s', (iso, text) => expect(formatIsoDate(iso)).toBe(text));

  it.each([
    ['https://mofa.gov.pk/press', 'https://mofa.gov.pk/press'],
    ['http://example.org/a?b=c', 'http://example.org/a?b=c'],
    ['javascript:alert(1)', undefined],
    ['JavaScript:alert(1)', undefined],
    ['data:text/html,<script>alert(1)</script>', undefined],
    ['not a url', undefined],
  ])('links %s only if http(s)', (url, safe) => expect(safeHttpUrl(url)).toBe(safe));
});
