import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbeddedEngine, type EmbeddedEngine } from '../../../src/engine/embedded/embedded-engine.js';
import type { ScanRequest } from '../../../src/engine/engine.js';
import { loadIndexSettings } from '../../../src/engine/settings.js';
import { noFilters } from '../../../src/schema/query.js';
import { tempDataDir } from '../../helpers/seed.js';
import { seedStatement, syntheticCorpus } from '../../helpers/synthetic.js';

const STATEMENTS = 120;
let engine: EmbeddedEngine;
const data = tempDataDir();

beforeAll(async () => {
  engine = openEmbeddedEngine(data.dir, loadIndexSettings());
  await engine.replaceStatements(syntheticCorpus(await seedStatement(), STATEMENTS));
});
afterAll(async () => {
  await engine.close();
  data.cleanup();
});

const request = (overrides: Partial<ScanRequest>): ScanRequest => ({ q: '', filters: noFilters(), order: 'date:desc', after: null, limit: 100, ...overrides });

async function walkAll(base: Partial<ScanRequest>): Promise<{ ids: string[]; dates: number[] }> {
  const ids: string[] = [];
  const dates: number[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 10_000; pages += 1) {
    const page = await engine.scan(request({ ...base, after }));
    ids.push(...page.documents.map((document) => document.id));
    dates.push(...page.documents.map((document) => document.dateNum));
    after = page.next;
    if (after === null) break;
  }
  return { ids, dates };
}

describe('embedded scan', () => {
  const walks: Partial<ScanRequest>[] = [
    { order: 'date:desc', limit: 97 },
    { order: 'date:asc', limit: 500 },
    { q: 'Pakistan', limit: 33 },
    { q: '"unserious statements" -Istanbul', limit: 7 },
    { filters: { ...noFilters(), countries: ['QA'], from: 20240201 }, limit: 50 },
  ];

  it.each(walks)('walks every match once, in date order, as many as search counts: %j', async (base) => {
    const { ids, dates } = await walkAll(base);
    const { total } = await engine.search({ q: base.q ?? '', filters: base.filters ?? noFilters(), sort: 'date:desc', offset: 0, limit: 0, facets: [] });
    expect(total).toBeGreaterThan(0);
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    expect(dates).toEqual([...dates].sort((a, b) => (base.order === 'date:asc' ? a - b : b - a)));
  });

  it('walks within a day in the order search sorts by date', async () => {
    const search = await engine.search({ q: 'Doha', filters: noFilters(), sort: 'date:desc', offset: 0, limit: 100, facets: [] });
    const page = await engine.scan(request({ q: 'Doha', limit: 100 }));
    expect(page.documents.map((document) => document.id)).toEqual(search.hits.map((hit) => hit.document.id));
  });

  it.each([1, 10, 11, 250, STATEMENTS * 11 - 1, STATEMENTS * 11, STATEMENTS * 11 + 5])('scanEnd(limit=%i) is scan().next', async (limit) => {
    for (const after of [null, (await engine.scan(request({ limit: 13 }))).next]) {
      const page = await engine.scan(request({ after, limit: Math.min(limit, 5000) }));
      if (limit <= 5000) expect(await engine.scanEnd(request({ after, limit }))).toBe(page.next);
    }
  });

  it('refuses a position it did not make with a 400 naming the cursor', async () => {
    await expect(engine.scan(request({ after: 'abc' }))).rejects.toMatchObject({ code: 'INVALID_PARAMETER' });
  });

  it('lists statements with exact totals and counts', async () => {
    const list = await engine.listStatements({ q: 'Doha', filters: noFilters(), order: 'date:desc', offset: 0, limit: 5 });
    const all = await engine.listStatements({ q: '', filters: noFilters(), order: 'date:desc', offset: 0, limit: 1 });
    expect(all.total).toBe(STATEMENTS);
    expect(list.total).toBe(STATEMENTS);
    expect(list.statements).toHaveLength(5);
    const { total } = await engine.search({ q: 'Doha', filters: noFilters(), sort: 'date:desc', offset: 0, limit: 0, facets: [] });
    for (const item of list.statements) expect(item).toMatchObject({ paragraphs: 11, matches: total / STATEMENTS });
  });

  it('answers the same from its search threads, so an export never stalls the server thread', async () => {
    const threaded = openEmbeddedEngine(data.dir, loadIndexSettings(), { searchThreads: 1 });
    try {
      const walk = request({ q: 'Doha', limit: 7 });
      const first = await threaded.scan(walk);
      expect(first).toEqual(await engine.scan(walk));
      expect(await threaded.scan({ ...walk, after: first.next })).toEqual(await engine.scan({ ...walk, after: first.next }));
      expect(await threaded.scanEnd(walk)).toBe(first.next);
      const list = { q: 'Doha', filters: noFilters(), order: 'date:asc' as const, offset: 3, limit: 4 };
      expect(await threaded.listStatements(list)).toEqual(await engine.listStatements(list));
      await expect(threaded.scan(request({ after: 'abc' }))).rejects.toMatchObject({ code: 'INVALID_PARAMETER' });
    } finally {
      await threaded.close();
    }
  });
});
