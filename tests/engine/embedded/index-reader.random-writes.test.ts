import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/engine/embedded/database.js';
import { openEmbeddedEngine } from '../../../src/engine/embedded/embedded-engine.js';
import { IndexReader } from '../../../src/engine/embedded/index-reader.js';
import { loadIndexSettings } from '../../../src/engine/settings.js';
import { dateNumber } from '../../../ingest/documents.js';
import { precisionOf, type ParagraphDocument, type StatementDocuments } from '../../../src/schema/document.js';
import { noFilters, type EngineFilters, type EngineQuery, type FacetField } from '../../../src/schema/query.js';
import { tempDataDir } from '../../helpers/seed.js';
import { seedStatement } from '../../helpers/synthetic.js';
import { indexedStatementIds } from '../../helpers/statement-ids.js';

/**
 * Random writes (replaces of a few statements with random dates, issuers, facets and words,
 * deletes, deleting everything, re-adding what was deleted), several at a time between searches:
 * after each round, a reader kept from the start, and the engine's own, answer random searches,
 * facet values and a statement list exactly as a reader that reads the index afresh.
 */
const settings = loadIndexSettings();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** A seeded generator (mulberry32), so that a failing sequence can be replayed. */
function randomFrom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const below = (n: number): number => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[below(items.length)]!;
  const some = <T>(items: readonly T[], most: number): T[] => [...new Set(Array.from({ length: below(most + 1) }, () => pick(items)))];
  return { next, below, pick, some };
}
type Random = ReturnType<typeof randomFrom>;

const WORDS = ['zanzibar', 'zanzibari', 'istanbul', 'doha', 'café', 'Straße', 'negotiation', 'negotiations', 'ceasefire', 'sanctions', 'kabul', 'taliban', 'qatar', 'oslo', 'genève', 'kyiv'];
const QUERIES = ['', 'zanzibbar', 'istambul', 'negotiatons', 'kabul', 'talban', 'cafe', 'geneve', 'ceasfire', 'doha oslo', 'neg', 'xyzzy'];
const COUNTRIES = ['QA', 'NO', 'AF', 'PK', 'US', 'UA', 'TR'];
const ISSUERS = ['PK', 'CN', 'US', 'QA'];
const TALKS = ['doha-talks', 'oslo-talks'];
const FACETS: FacetField[] = ['countries', 'groups', 'talks', 'rounds', 'issuer', 'speaker', 'year', 'month', 'day'];

function randomDate(random: Random): string | null {
  const kind = random.next();
  if (kind < 0.15) return null;
  const year = String(2019 + random.below(7));
  if (kind < 0.25) return year;
  const month = `${year}-${String(1 + random.below(12)).padStart(2, '0')}`;
  return kind < 0.35 ? month : `${month}-${String(1 + random.below(28)).padStart(2, '0')}`;
}

function randomStatement(template: ParagraphDocument, random: Random, statementId: string): StatementDocuments {
  const date = randomDate(random);
  const dateNum = date === null ? 0 : dateNumber(date);
  const issuer = random.next() < 0.1 ? null : random.pick(ISSUERS);
  const fingerprint = `random-${random.below(1e9)}`;
  const documents = Array.from({ length: 1 + random.below(6) }, (_, i): ParagraphDocument => {
    const talks = random.some(TALKS, 2);
    const rounds = random.some([1, 2, 3], 2);
    return {
      ...template,
      statementId,
      id: `${statementId}-p${i + 1}`,
      paragraph: i + 1,
      title: `Statement ${statementId}`,
      issuer,
      date,
      dateNum,
      year: date === null ? null : Number(date.slice(0, 4)),
      month: date !== null && date.length >= 7 ? date.slice(0, 7) : null,
      day: date !== null && date.length === 10 ? date : null,
      datePrecision: date === null ? null : precisionOf(date),
      fingerprint,
      text: `${Array.from({ length: 3 + random.below(10) }, () => (random.next() < 0.1 ? `w${random.below(40000).toString(36)}` : random.pick(WORDS))).join(' ')}.`,
      speaker: random.pick(['Zhao Lijian', 'Hua Chunying', null]),
      countries: random.some(COUNTRIES, 3),
      groups: random.some(['EU', 'UN', 'G7'], 2),
      talks,
      rounds: talks.flatMap((name) => rounds.map((n) => `${name}:${n}`)),
      roundNumbers: rounds,
      mentionedDates: [],
    };
  });
  return { statementId, fingerprint, documents };
}

function randomQuery(random: Random, statementIds: string[]): EngineQuery {
  const filters: EngineFilters = noFilters();
  const kind = random.next();
  if (kind < 0.15) filters.countries = random.some(COUNTRIES, 2);
  else if (kind < 0.25) filters.issuers = random.some(ISSUERS, 2);
  else if (kind < 0.35) filters.statementIds = random.some([...statementIds, 'unknown'], 3);
  else if (kind < 0.45) [filters.from, filters.to] = [20200101 + random.below(5) * 10000, random.next() < 0.5 ? null : 20240101];
  else if (kind < 0.5) filters.roundNumbers = [1 + random.below(3)];
  return { q: random.pick(QUERIES), filters, sort: random.pick(['relevance', 'date:desc', 'date:asc'] as const), offset: 0, limit: 500, facets: FACETS };
}

type Reader = Pick<IndexReader, 'search' | 'facetValues' | 'listStatements'>;

async function answers(reader: Reader, queries: EngineQuery[]) {
  const found: unknown[] = [];
  for (const query of queries) {
    const result = await reader.search(query);
    found.push({ total: result.total, ids: result.hits.map((hit) => hit.document.id), facets: result.facets });
  }
  for (const facet of FACETS) found.push(await reader.facetValues(facet, '', noFilters()));
  found.push(await reader.listStatements({ q: 'zanzibbar', filters: noFilters(), order: 'date:desc', offset: 0, limit: 100 }));
  return found;
}

describe('a reader kept across random writes', () => {
  it.each([1, 2, 3])('answers as a fresh one, seed %i', async (seed) => {
    const data = tempDataDir();
    const engine = openEmbeddedEngine(data.dir, settings);
    const other: Database.Database = openDatabase(data.dir, { readonly: true });
    cleanups.push(data.cleanup, () => engine.close(), () => {
      other.close();
    });
    const kept = new IndexReader(other, settings);
    const template = (await seedStatement()).documents[0]!;
    const random = randomFrom(seed);
    const pool = Array.from({ length: 20 }, (_, i) => `s${i}`);
    const done: string[] = [];
    for (let round = 0; round < 120; round += 1) {
      const indexed = await indexedStatementIds(engine);
      const kind = random.next();
      if (kind < 0.55) {
        const ids = random.some(pool, 4);
        done.push(`replace ${ids.join(',')}`);
        await engine.replaceStatements(ids.map((id) => randomStatement(template, random, id)));
      } else if (kind < 0.85) {
        const ids = random.some(indexed.length > 0 ? indexed : pool, 3);
        done.push(`delete ${ids.join(',')}`);
        await engine.deleteStatements(ids);
      } else if (kind < 0.9) {
        done.push('delete all');
        await engine.deleteStatements(indexed);
      } else {
        const ids = random.some(indexed.length > 0 ? indexed : pool, 2);
        done.push(`delete then add ${ids.join(',')}`);
        await engine.deleteStatements(ids);
        await engine.replaceStatements(ids.map((id) => randomStatement(template, random, id)));
      }
      // Writes pile up between searches two times in five.
      if (random.next() < 0.4) continue;
      const queries = Array.from({ length: 8 }, () => randomQuery(random, indexed));
      const fresh = openDatabase(data.dir, { readonly: true });
      try {
        const expected = await answers(new IndexReader(fresh, settings), queries);
        expect(await answers(kept, queries), done.join('; ')).toEqual(expected);
        const own: Reader = {
          search: (query) => engine.search(query) as never,
          facetValues: (facet, q, filters) => engine.searchFacetValues(facet, q, filters) as never,
          listStatements: (query) => engine.listStatements(query) as never,
        };
        expect(await answers(own, queries), done.join('; ')).toEqual(expected);
      } finally {
        fresh.close();
      }
    }
  }, 120_000);
});
