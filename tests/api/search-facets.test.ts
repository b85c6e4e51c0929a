import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestSources } from '../../ingest/pipeline.js';
import { useIndexedApp } from '../helpers/indexed-app.js';
import { corpusSample, seedPath, tempDataDir } from '../helpers/seed.js';

const indexed = useIndexedApp([seedPath, ...corpusSample]);
const { search } = indexed;

const counts = (values: { value: string; count: number }[] | undefined) =>
  Object.fromEntries((values ?? []).map(({ value, count }) => [value, count]));

describe('disjunctive facet counts', () => {
  it('still counts the other countries when one country is selected', async () => {
    const all = await search('q=talks&facets=country');
    const qatar = await search('q=talks&country=QA&facets=country');
    expect(qatar.total).toBeLessThan(all.total);
    expect(counts(qatar.facets.country)).toEqual(counts(all.facets.country));
    expect(Object.keys(counts(qatar.facets.country)).length).toBeGreaterThan(1);
  });

  it('narrows a facet by every other facet’s selection', async () => {
    const both = await search('country=QA&round=3&facets=country,round');
    const byCountry = await search('country=QA&facets=round');
    const byRound = await search('round=3&facets=country');
    expect(counts(both.facets.round)).toEqual(counts(byCountry.facets.round));
    expect(counts(both.facets.country)).toEqual(counts(byRound.facets.country));
    expect(both.hits.map((hit) => hit.paragraph)).toEqual([1]);
  });
});

describe('speaker facet', () => {
  it('labels a speaker by name, and a question whose outlet the transcript does not name as such', async () => {
    const body = await indexed.search('facets=speaker&perPage=0');
    const speakers = Object.fromEntries((body.facets.speaker ?? []).map((value) => [value.value, value.label]));
    expect(speakers['Q']).toBe('Question (outlet not named)');
    expect(speakers['Zhao Lijian']).toBe('Zhao Lijian');
  });
});

describe('date histogram', () => {
  it.each([
    ['year', /^\d{4}$/],
    ['month', /^\d{4}-\d{2}$/],
    ['day', /^\d{4}-\d{2}-\d{2}$/],
  ])('counts matches per %s, oldest first', async (interval, key) => {
    const body = await search(`q=China&histogram=${interval}&perPage=0`);
    const histogram = body.histogram ?? [];
    expect(histogram.length).toBeGreaterThan(1);
    expect(histogram.every((bucket) => key.test(bucket.key))).toBe(true);
    expect(histogram.map((bucket) => bucket.key)).toEqual(histogram.map((bucket) => bucket.key).sort());
    expect(histogram.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(body.total);
  });

  it('is absent unless asked for', async () => {
    expect((await search('q=China')).histogram).toBeUndefined();
  });

  it('rejects an unknown interval', async () => {
    expect((await indexed.app.request('/v1/search?histogram=week')).status).toBe(400);
  });
});

describe('date bounds', () => {
  it('leaves undated statements out of a `to` range, as out of a `from` one', async () => {
    const sources = tempDataDir();
    writeFileSync(join(sources.dir, 'undated-note.txt'), 'An undated note on the Doha talks.\n');
    await ingestSources([sources.dir], indexed.engine);
    sources.cleanup();
    const all = await search('q=Doha&perPage=100');
    const before = await search('q=Doha&to=2030&perPage=100');
    const after = await search('q=Doha&from=1900&perPage=100');
    expect(all.hits.some((hit) => hit.statementId === 'undated-note' && hit.date === null)).toBe(true);
    expect(before.total).toBe(all.total - 1);
    expect(after.total).toBe(all.total - 1);
    expect(before.hits.every((hit) => hit.date !== null)).toBe(true);
  });
});
