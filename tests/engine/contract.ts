import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestSources } from '../../ingest/pipeline.js';
import { resolveFilters } from '../../src/api/engine-query.js';
import type { SearchEngine } from '../../src/engine/engine.js';
import { loadIndexSettings } from '../../src/engine/settings.js';
import { SearchRequest } from '../../src/schema/api.js';
import { noFilters, type EngineQuery } from '../../src/schema/query.js';
import { seedPath, seedExpectation, seedId } from '../helpers/seed.js';

const query = (overrides: Partial<EngineQuery> = {}): EngineQuery => ({
  q: '',
  filters: noFilters(),
  sort: 'relevance',
  offset: 0,
  limit: 50,
  facets: [],
  ...overrides,
});

const paragraphsOf = (result: { hits: { document: { paragraph: number } }[] }): number[] =>
  result.hits.map((hit) => hit.document.paragraph).sort((a, b) => a - b);

/**
 * The behaviour every engine must share, run against each implementation (the way Hono runs
 * one suite against each router). `open` gives a fresh, empty engine.
 */
export function describeEngineContract(name: string, open: () => Promise<SearchEngine>): void {
  describe(`${name} engine contract`, () => {
    let engine: SearchEngine;

    beforeAll(async () => {
      engine = await open();
      await engine.applySettings(loadIndexSettings());
      const report = await ingestSources([seedPath], engine);
      expect(report.failures).toEqual([]);
    });
    afterAll(async () => {
      await engine.close();
    });

    it('indexes the seed statement as its 11 paragraphs', async () => {
      expect(await engine.stats()).toEqual({ documents: 11, statements: 1 });
      const paragraphs = await engine.getStatement(seedId);
      expect(paragraphs.map((p) => p.paragraph)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    });

    it.each(seedExpectation.queries.map((q) => [q.q ?? '', q.filter ?? {}, q] as const))(
      'answers the seed query q=%j filter=%j with its paragraphs',
      async (q, filter, expected) => {
        const request = SearchRequest.parse(
          Object.fromEntries(Object.entries(filter).map(([key, value]) => [key, String(value)])),
        );
        const result = await engine.search(query({ q, filters: resolveFilters(request) }));
        if (expected.paragraphs) {
          expect(paragraphsOf(result)).toEqual(expected.paragraphs);
          expect(result.total).toBe(expected.paragraphs.length);
        }
        for (const n of expected.paragraphs_include ?? []) expect(paragraphsOf(result)).toContain(n);
      },
    );

    it('marks a phrase in the highlighted text and escapes everything else', async () => {
      const result = await engine.search(query({ q: '"unserious statements"' }));
      for (const hit of result.hits) {
        expect(hit.highlighted).toMatch(/<mark>unserious statements<\/mark>|<mark>unserious<\/mark> <mark>statements<\/mark>/);
        expect(hit.highlighted.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
        expect(hit.snippet).toContain('<mark>');
      }
    });

    it('counts facet values over every match, not only the page', async () => {
      const result = await engine.search(query({ q: 'Taliban', limit: 1, facets: ['groups', 'countries'] }));
      expect(result.hits).toHaveLength(1);
      const taliban = result.facets.groups?.find((value) => value.value === 'Taliban');
      expect(taliban?.count).toBe(result.total);
      expect(result.total).toBeGreaterThan(5);
    });

    it('counts a facet the filters select without that selection, and every other facet under all filters', async () => {
      const everything = await engine.search(query({ q: 'talks', facets: ['countries'] }));
      const qatar = await engine.search(query({ q: 'talks', filters: { ...noFilters(), countries: ['QA'] }, facets: ['countries', 'rounds'] }));
      expect(qatar.total).toBeLessThan(everything.total);
      expect(qatar.facets.countries).toEqual(everything.facets.countries);
      const roundsOfHits = new Map<string, number>();
      for (const hit of qatar.hits) for (const round of hit.document.rounds) roundsOfHits.set(round, (roundsOfHits.get(round) ?? 0) + 1);
      expect(new Map(qatar.facets.rounds?.map(({ value, count }) => [value, count]))).toEqual(roundsOfHits);
      expect(roundsOfHits.size).toBeGreaterThan(0);
    });

    it('counts a selected facet under the query’s exclusions', async () => {
      const excluding = await engine.search(query({ q: 'talks -Istanbul', facets: ['countries'] }));
      const including = await engine.search(query({ q: 'talks', facets: ['countries'] }));
      const selected = await engine.search(query({ q: 'talks -Istanbul', filters: { ...noFilters(), countries: ['QA'] }, facets: ['countries'] }));
      expect(excluding.facets.countries).not.toEqual(including.facets.countries);
      expect(selected.facets.countries).toEqual(excluding.facets.countries);
    });

    it('ranks the matches a filter keeps in the order they have without it', async () => {
      for (const q of ['talks', 'Pakistan -Doha']) {
        const qatar = { ...noFilters(), countries: ['QA'] };
        const filtered = await engine.search(query({ q, filters: qatar }));
        const unfiltered = await engine.search(query({ q }));
        const ids = (result: typeof filtered) => result.hits.map((hit) => hit.document.id);
        expect(filtered.total).toBeGreaterThan(1);
        expect(ids(filtered)).toEqual(ids(unfiltered).filter((_, i) => unfiltered.hits[i]?.document.countries.includes('QA')));
      }
    });

    it('pages through results with an exact total', async () => {
      const first = await engine.search(query({ q: 'Pakistan', limit: 4, offset: 0 }));
      const second = await engine.search(query({ q: 'Pakistan', limit: 4, offset: 4 }));
      expect(first.total).toBe(10);
      expect(second.total).toBe(10);
      const ids = [...first.hits, ...second.hits].map((hit) => hit.document.id);
      expect(new Set(ids).size).toBe(8);
    });

    it('keeps round 3 of these talks apart from any other negotiation', async () => {
      const result = await engine.search(query({ facets: ['rounds'] }));
      expect(result.facets.rounds).toEqual([
        { value: 'AF-PK-talks:3', count: 2 },
        { value: 'AF-PK-talks:1', count: 1 },
        { value: 'AF-PK-talks:2', count: 1 },
      ]);
    });

    it('filters by a date range on the statement date', async () => {
      const inside = await engine.search(query({ filters: { ...noFilters(), from: 20251101, to: 20251130 } }));
      const outside = await engine.search(query({ filters: { ...noFilters(), from: 20260101, to: null } }));
      expect(inside.total).toBe(11);
      expect(outside.total).toBe(0);
    });

    it('replaces a statement on re-ingest and never duplicates it', async () => {
      const [first, ...rest] = await engine.getStatement(seedId);
      expect(first).toBeDefined();
      if (!first) return;
      const documents = [first, ...rest];
      await engine.replaceStatements([{ statementId: seedId, fingerprint: 'changed', documents }]);
      expect(await engine.stats()).toEqual({ documents: 11, statements: 1 });
      expect((await engine.fingerprints([seedId, 'absent'])).get(seedId)).toBe('changed');
      await engine.replaceStatements([{ statementId: seedId, fingerprint: first.fingerprint, documents }]);
    });

    it('searches facet values with counts', async () => {
      const values = await engine.searchFacetValues('groups', 'ta', noFilters());
      expect(values).toEqual([{ value: 'Taliban', count: 9 }]);
    });
  });
}
