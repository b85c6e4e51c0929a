import type { SearchParams } from 'meilisearch';
import { describe, expect, it } from 'vitest';
import type { ScanRequest } from '../../../src/engine/engine.js';
import { listStatementsMeili, scanEndMeili, scanParams, scanRows, type MeiliSearch } from '../../../src/engine/meili/scan.js';
import { noFilters } from '../../../src/schema/query.js';

/** Rows with many ties: 25 rows over 6 days (one undated), in insertion order. */
const rows = Array.from({ length: 25 }, (_, i) => ({ id: `r${i}`, dateNum: [20250101, 20250102, 20250102, 0, 20241231][i % 5] ?? 0 }));

/**
 * What Meilisearch does with the parameters a scan sends: the date bounds of the filter, a
 * stable sort on dateNum (ties in index order), offset and limit, and the fields asked for.
 */
const fakeMeili: MeiliSearch = async (_, params: SearchParams) => {
  const filter = typeof params.filter === 'string' ? params.filter : '';
  const atMost = /dateNum <= (\d+)/.exec(filter);
  const atLeast = /dateNum >= (\d+)/.exec(filter);
  const direction = params.sort?.[0] === 'dateNum:asc' ? 1 : -1;
  const hits = rows
    .filter((row) => (atMost ? row.dateNum <= Number(atMost[1]) : true) && (atLeast ? row.dateNum >= Number(atLeast[1]) : true))
    .map((row, index) => ({ row, index }))
    .sort((a, b) => direction * (a.row.dateNum - b.row.dateNum) || a.index - b.index)
    .slice(params.offset ?? 0, (params.offset ?? 0) + (params.limit ?? 20))
    .map(({ row }) => (params.attributesToRetrieve ? { dateNum: row.dateNum } : { ...row }));
  return { hits };
};

const walk = (order: ScanRequest['order'], after: string | null, limit: number): ScanRequest => ({ q: '', filters: noFilters(), order, after, limit });

describe('Meilisearch scan positions', () => {
  it.each([
    ['date:desc', 1],
    ['date:desc', 3],
    ['date:desc', 7],
    ['date:asc', 4],
    ['date:asc', 25],
  ] as const)('walks every row exactly once in date order (%s, %i a page)', async (order, limit) => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages += 1) {
      const request = walk(order, after, limit);
      const { rows: page, next } = scanRows(request, (await fakeMeili('', scanParams(request))).hits);
      seen.push(...page.map((row) => String(row['id'])));
      after = next;
      if (after === null) break;
    }
    expect(new Set(seen).size).toBe(rows.length);
    expect(seen).toHaveLength(rows.length);
    const dates = seen.map((id) => rows.find((row) => row.id === id)?.dateNum ?? -1);
    expect(dates).toEqual([...dates].sort((a, b) => (order === 'date:asc' ? a - b : b - a)));
  });

  it('offsets only into the boundary day, never from the start', async () => {
    const first = walk('date:desc', null, 12);
    const { next } = scanRows(first, (await fakeMeili('', scanParams(first))).hits);
    // The first 12 rows, newest first: the ten of 2025-01-02, then two of 2025-01-01.
    expect(next).toBe('20250101.2');
    const params = scanParams(walk('date:desc', next, 8));
    expect(params).toMatchObject({ offset: 2, limit: 9, sort: ['dateNum:desc'], filter: 'dateNum <= 20250101' });
    const within = walk('date:desc', '20250102.4', 3);
    expect(scanRows(within, (await fakeMeili('', scanParams(within))).hits).next).toBe('20250102.7');
  });

  it('keeps the caller\'s date bounds when they are narrower than the walk\'s', () => {
    const params = scanParams({ ...walk('date:desc', '20250102.4', 10), filters: { ...noFilters(), countries: ['QA'], to: 20241231 } });
    expect(params.filter).toBe('countries IN ["QA"] AND dateNum <= 20241231');
  });

  it.each([1, 4, 5, 10, 24, 25, 26])('scanEnd(limit=%i) is where a page of that many rows ends', async (limit) => {
    const request = walk('date:desc', '20250102.2', limit);
    const expected = scanRows(request, (await fakeMeili('', scanParams({ ...request, limit: 100 }))).hits.slice(0, limit + 1)).next;
    expect(await scanEndMeili(fakeMeili, request)).toBe(expected);
  });

  it('refuses a position it did not make', () => {
    expect(() => scanParams(walk('date:desc', '12.abc', 5))).toThrow(/cursor/);
  });
});

describe('Meilisearch statement list', () => {
  it('asks for one hit per statement by page, then counts paragraphs and matches of that page', async () => {
    const calls: [string, SearchParams][] = [];
    const document = (statementId: string) => ({
      id: `${statementId}-p1`,
      statementId,
      paragraph: 1,
      text: 'Text.',
      title: 'T',
      issuer: 'PK',
      ministry: null,
      language: 'en',
      date: '2025-11-07',
      dateNum: 20251107,
      year: 2025,
      datePrecision: 'day',
      dateSource: 'metadata',
      source: { sha256: 'a'.repeat(64), retrievedAt: '2025-11-07T10:00:00.000Z' },
      fingerprint: 'f',
      speaker: null,
      countries: [],
      groups: [],
      talks: [],
      rounds: [],
      roundNumbers: [],
      mentionedDates: [],
    });
    const search: MeiliSearch = async (q, params) => {
      calls.push([q, params]);
      if (params.distinct) return { hits: [document('a'), document('b')], totalHits: 7 };
      return { hits: [], facetDistribution: { statementId: q === '' ? { a: 11, b: 3 } : { a: 2, b: 1 } } };
    };
    const list = await listStatementsMeili(search, { q: 'Doha', filters: { ...noFilters(), countries: ['QA'] }, order: 'date:desc', offset: 2, limit: 2 });
    expect(list.total).toBe(7);
    expect(list.statements.map((s) => [s.document.statementId, s.paragraphs, s.matches])).toEqual([
      ['a', 11, 2],
      ['b', 3, 1],
    ]);
    expect(calls[0]?.[1]).toMatchObject({ distinct: 'statementId', sort: ['dateNum:desc'], page: 2, hitsPerPage: 2, filter: 'countries IN ["QA"]' });
    expect(calls[1]?.[1].filter).toBe('countries IN ["QA"] AND statementId IN ["a", "b"]');
    expect(calls[2]?.[1].filter).toBe('statementId IN ["a", "b"]');
  });
});
