import { describe, expect, it } from 'vitest';
import { postTag, preTag } from '../../../src/engine/meili/highlight.js';
import { toEngineResult, toSearchParams } from '../../../src/engine/meili/search.js';
import type { ParagraphDocument } from '../../../src/schema/document.js';
import { noFilters, type EngineQuery } from '../../../src/schema/query.js';

const query = (overrides: Partial<EngineQuery> = {}): EngineQuery => ({
  q: 'Doha',
  filters: noFilters(),
  sort: 'relevance',
  offset: 0,
  limit: 20,
  facets: [],
  ...overrides,
});

const paragraph: ParagraphDocument = {
  id: 's1-p2',
  statementId: 's1',
  paragraph: 2,
  text: 'The <first> round was held in Doha & Istanbul.',
  title: 'Talks',
  issuer: 'PK',
  ministry: null,
  language: 'en',
  date: '2025-11-07',
  dateNum: 20251107,
  year: 2025,
  month: '2025-11',
  day: '2025-11-07',
  datePrecision: 'day',
  dateSource: 'metadata',
  source: { path: 'corpus/s1.txt', sha256: 'a'.repeat(64), retrievedAt: '2025-11-07T10:00:00.000Z' },
  fingerprint: 'f1',
  speaker: null,
  countries: ['QA', 'TR'],
  groups: [],
  talks: ['AF-PK-talks'],
  rounds: ['AF-PK-talks:1'],
  roundNumbers: [1],
  mentionedDates: [],
};

describe('toSearchParams', () => {
  it.each([
    [0, 20, 1],
    [20, 20, 2],
    [100, 25, 5],
  ])('asks offset %i limit %i as page %i', (offset, limit, page) => {
    expect(toSearchParams(query({ offset, limit }))).toMatchObject({ page, hitsPerPage: limit });
  });

  it('asks limit 0 as an empty first page, which still counts and facets', () => {
    expect(toSearchParams(query({ limit: 0, facets: ['countries'] }))).toMatchObject({ page: 1, hitsPerPage: 0, facets: ['countries'] });
  });

  it('refuses an offset that is not a whole number of pages', () => {
    expect(() => toSearchParams(query({ offset: 5, limit: 20 }))).toThrow(expect.objectContaining({ code: 'INVALID_QUERY' }));
  });

  it.each([
    ['relevance', undefined],
    ['date:desc', ['dateNum:desc']],
    ['date:asc', ['dateNum:asc']],
  ] as const)('sorts %s as %j', (sort, expected) => {
    expect(toSearchParams(query({ sort })).sort).toEqual(expected);
  });

  it('sends the filter only when something is filtered', () => {
    expect('filter' in toSearchParams(query())).toBe(false);
    expect(toSearchParams(query({ filters: { ...noFilters(), issuers: ['PK'] } })).filter).toBe('issuer IN ["PK"]');
  });

  it('asks for facets only when some are wanted', () => {
    expect('facets' in toSearchParams(query())).toBe(false);
  });

  it('requires every word and marks matches with the tag characters', () => {
    expect(toSearchParams(query())).toMatchObject({
      matchingStrategy: 'all',
      attributesToHighlight: ['text'],
      highlightPreTag: preTag,
      highlightPostTag: postTag,
    });
  });
});

describe('toEngineResult', () => {
  const formatted = paragraph.text.replace('Doha', `${preTag}Doha${postTag}`);
  const answer = {
    totalHits: 57,
    hits: [{ ...paragraph, _formatted: { ...paragraph, text: formatted, paragraph: '2' } }],
    facetDistribution: { countries: { TR: 3, QA: 9, PK: 3 } },
  };

  it('returns the document without Meilisearch fields, and the exact total', () => {
    const result = toEngineResult(query({ facets: ['countries'] }), answer);
    expect(result.total).toBe(57);
    expect(result.hits[0]?.document).toEqual(paragraph);
  });

  it('escapes the text and marks the match', () => {
    const hit = toEngineResult(query(), answer).hits[0];
    expect(hit?.highlighted).toBe('The &lt;first&gt; round was held in <mark>Doha</mark> &amp; Istanbul.');
    expect(hit?.snippet).toBe(hit?.highlighted);
  });

  it('returns each wanted facet sorted by count, empty when Meilisearch has none', () => {
    const result = toEngineResult(query({ facets: ['countries', 'groups'] }), answer);
    expect(result.facets).toEqual({
      countries: [
        { value: 'QA', count: 9 },
        { value: 'PK', count: 3 },
        { value: 'TR', count: 3 },
      ],
      groups: [],
    });
  });

  it('refuses a stored document that does not fit the schema', () => {
    const broken = { ...answer, hits: [{ ...paragraph, paragraph: 0 }] };
    expect(() => toEngineResult(query(), broken)).toThrow();
  });
});

describe('queries Meilisearch cannot answer as our language means them', () => {
  it.each([
    ['ceasefire OR truce', 'OR is not supported'],
    ['ceasefire NEAR/5 Doha', 'NEAR is not supported'],
  ])('refuses %j', (q, message) => {
    expect(() => toSearchParams(query({ q }))).toThrowError(message);
  });

  it.each(['"unserious statements"', '-Doha talks', 'Torkh'])('passes %j through as is', (q) => {
    expect(() => toSearchParams(query({ q }))).not.toThrow();
  });
});
