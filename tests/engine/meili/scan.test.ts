import type { SearchParams } from 'meilisearch';
import { describe, expect, it } from 'vitest';
import type { ScanRequest } from '../../../src/engine/engine.js';
import { listStatementsMeili, scanParams, scanRows, type MeiliSearch } from '../../../src/engine/meili/scan.js';
import { noFilters } from '../../../src/schema/query.js';

const walk = (order: ScanRequest['order'], after: string | null, limit: number): ScanRequest => ({ q: '', filters: noFilters(), order, after, limit });

// These check the parameters a scan sends and how it reads the hits it gets back; whether
// Meilisearch answers them as expected runs only in the contract suite against a real server.
describe('Meilisearch scan positions', () => {
  it('starts a walk at the newest date with one row more than the page, to know whether more follow', () => {
    expect(scanParams(walk('date:desc', null, 8))).toMatchObject({ offset: 0, limit: 9, sort: ['dateNum:desc'] });
  });

  it('resumes inside the boundary day by offset, bounded by that day, never from the start', () => {
    expect(scanParams(walk('date:desc', '20250101.2', 8))).toMatchObject({
      offset: 2,
      limit: 9,
      sort: ['dateNum:desc'],
      filter: 'dateNum <= 20250101',
    });
    expect(scanParams(walk('date:asc', '20250102.4', 3))).toMatchObject({ offset: 4, filter: 'dateNum >= 20250102' });
  });

  it("gives as next position the last row's day and how many rows of that day were passed", () => {
    const hits = [20250102, 20250102, 20250101, 20250101, 20250101].map((dateNum, i) => ({ id: `r${i}`, dateNum }));
    const { rows, next } = scanRows(walk('date:desc', null, 4), hits);
    expect(rows.map((row) => row['id'])).toEqual(['r0', 'r1', 'r2', 'r3']);
    expect(next).toBe('20250101.2');
    expect(scanRows(walk('date:desc', null, 5), hits).next).toBeNull();
  });

  it("keeps the caller's date bounds when they are narrower than the walk's", () => {
    const params = scanParams({ ...walk('date:desc', '20250102.4', 10), filters: { ...noFilters(), countries: ['QA'], to: 20241231 } });
    expect(params.filter).toBe('countries IN ["QA"] AND dateNum <= 20241231');
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
