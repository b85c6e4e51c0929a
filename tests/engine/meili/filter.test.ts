import { describe, expect, it } from 'vitest';
import { buildFilter, quote } from '../../../src/engine/meili/filter.js';
import { noFilters } from '../../../src/schema/query.js';

/** Reads the quoted literals back the way Meilisearch's filter parser does (`\x` stands for `x`). */
function literals(filter: string): string[] {
  return [...filter.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => (m[1] ?? '').replace(/\\(.)/g, '$1'));
}

/** The expression with every literal blanked: what remains is structure only. */
const skeleton = (filter: string): string => filter.replace(/"(?:[^"\\]|\\.)*"/g, '"…"');

describe('quote', () => {
  it.each([
    ['plain', '"plain"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['C:\\path\\', '"C:\\\\path\\\\"'],
    ['', '""'],
  ])('quotes %j as %s', (value, expected) => {
    expect(quote(value)).toBe(expected);
  });
});

describe('buildFilter', () => {
  it('filters nothing when no facet is set', () => {
    expect(buildFilter(noFilters())).toBeUndefined();
  });

  it.each([
    ['one country', { countries: ['QA'] }, 'countries IN ["QA"]'],
    ['OR within a facet', { countries: ['QA', 'TR'] }, 'countries IN ["QA", "TR"]'],
    ['groups', { groups: ['TTP'] }, 'groups IN ["TTP"]'],
    ['talks', { talks: ['af-pk'] }, 'talks IN ["af-pk"]'],
    ['rounds', { rounds: ['af-pk:3'] }, 'rounds IN ["af-pk:3"]'],
    ['round numbers, unquoted', { roundNumbers: [3] }, 'roundNumbers IN [3]'],
    ['issuers on field issuer', { issuers: ['PK'] }, 'issuer IN ["PK"]'],
    ['speakers on field speaker', { speakers: ['Spokesperson'] }, 'speaker IN ["Spokesperson"]'],
    ['statement ids on field statementId', { statementIds: ['s-1'] }, 'statementId IN ["s-1"]'],
    ['a date range', { from: 20250101, to: 20251231 }, 'dateNum >= 20250101 AND dateNum <= 20251231'],
    ['an open-ended range', { from: 20250101 }, 'dateNum >= 20250101'],
    [
      'AND across facets',
      { countries: ['QA', 'TR'], groups: ['TTP'], roundNumbers: [3, 4], to: 20251231 },
      'countries IN ["QA", "TR"] AND groups IN ["TTP"] AND roundNumbers IN [3, 4] AND dateNum <= 20251231',
    ],
  ])('%s', (_name, filters, expected) => {
    expect(buildFilter({ ...noFilters(), ...filters })).toBe(expected);
  });

  it.each([
    ['a closing quote and OR', 'QA"] OR countries IN ["TR'],
    ['a trailing backslash', 'QA\\'],
    ['backslash then quote', 'QA\\" OR dateNum > 0 OR "'],
    ['the words AND, OR, NOT, TO', 'A AND B OR NOT C TO D'],
    ['spaces and colons', 'af-pk : 3 = x'],
    ['brackets and commas', '], ["x'],
    ['a newline', 'line\nbreak'],
    ['Unicode', 'Türkiye — “Doha”'],
  ])('keeps a value with %s inside its literal', (_name, hostile) => {
    const filter = buildFilter({ ...noFilters(), countries: [hostile, 'TR'], issuers: [hostile] });
    expect(filter).toBeDefined();
    expect(literals(filter ?? '')).toEqual([hostile, 'TR', hostile]);
    expect(skeleton(filter ?? '')).toBe('countries IN ["…", "…"] AND issuer IN ["…"]');
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, 1.5])('refuses the number %s rather than writing it bare', (n) => {
    expect(() => buildFilter({ ...noFilters(), roundNumbers: [n] })).toThrow(expect.objectContaining({ code: 'INVALID_QUERY' }));
    expect(() => buildFilter({ ...noFilters(), from: n })).toThrow(expect.objectContaining({ code: 'INVALID_QUERY' }));
  });
});
