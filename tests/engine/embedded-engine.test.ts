import { afterEach, describe, expect, it } from 'vitest';
import { ingestSources } from '../../ingest/pipeline.js';
import { openEmbeddedEngine } from '../../src/engine/embedded/embedded-engine.js';
import { loadIndexSettings } from '../../src/engine/settings.js';
import { noFilters } from '../../src/schema/query.js';
import { seedPath, tempDataDir } from '../helpers/seed.js';
import { copyStatement, seedStatement } from '../helpers/synthetic.js';
import { describeEngineContract } from './contract.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

describeEngineContract('embedded', async () => {
  const { dir } = tempDataDir();
  return openEmbeddedEngine(dir, loadIndexSettings());
});

describeEngineContract('embedded, searching in two threads,', async () => {
  const { dir } = tempDataDir();
  return openEmbeddedEngine(dir, loadIndexSettings(), { searchThreads: 2 });
});

describe('embedded engine on disk', () => {
  it('keeps what it indexed across a close and a reopen of the same DATA_DIR', async () => {
    const { dir, cleanup } = tempDataDir();
    cleanups.push(cleanup);
    const first = openEmbeddedEngine(dir, loadIndexSettings());
    await ingestSources([seedPath], first);
    await first.close();

    const reopened = openEmbeddedEngine(dir, loadIndexSettings());
    expect(await reopened.stats()).toEqual({ documents: 11, statements: 1 });
    const result = await reopened.search({
      q: 'Istambul',
      filters: noFilters(),
      sort: 'relevance',
      offset: 0,
      limit: 10,
      facets: [],
    });
    expect(result.total).toBe(2);
    await reopened.close();
  });

  it('sees in its search threads what an ingest process beside it committed', async () => {
    const { dir, cleanup } = tempDataDir();
    cleanups.push(cleanup);
    const server = openEmbeddedEngine(dir, loadIndexSettings(), { searchThreads: 1 });
    const query = { q: 'ceasefire', filters: noFilters(), sort: 'relevance' as const, offset: 0, limit: 10, facets: [] };
    expect((await server.search(query)).total).toBe(0);
    const worker = openEmbeddedEngine(dir, loadIndexSettings());
    await ingestSources([seedPath], worker);
    await worker.close();
    expect((await server.search(query)).total).toBe(2);
    await server.close();
  });

  it('answers the same in its search threads after it reorganised the index for searching', async () => {
    const { dir, cleanup } = tempDataDir();
    cleanups.push(cleanup);
    const engine = openEmbeddedEngine(dir, loadIndexSettings(), { searchThreads: 1 });
    await ingestSources([seedPath], engine);
    const query = { q: 'talks Istanbul', filters: noFilters(), sort: 'relevance' as const, offset: 0, limit: 20, facets: ['countries' as const, 'year' as const] };
    const before = await engine.search(query);
    await engine.replaceStatements([copyStatement(await seedStatement(), 'copy', '2025-12-01')]);
    expect(await engine.optimize()).toBe(true);
    const after = await engine.search(query);
    expect(after.total).toBe(before.total * 2);
    expect(after.hits[0]?.document.statementId).toBe('copy');
    const fresh = openEmbeddedEngine(dir, loadIndexSettings());
    expect(after).toEqual(await fresh.search(query));
    await fresh.close();
    expect(await engine.optimize()).toBe(false);
    await engine.close();
  });

  it('sorts by the statement date, newest or oldest first', async () => {
    const { dir, cleanup } = tempDataDir();
    cleanups.push(cleanup);
    const engine = openEmbeddedEngine(dir, loadIndexSettings());
    await ingestSources([seedPath], engine);
    const [seed] = await engine.getStatement('000_f9833616b54a3226');
    if (!seed) throw new Error('seed not indexed');
    const older = { ...seed, id: 'older-p1', statementId: 'older', date: '2020-01-02', dateNum: 20200102, year: 2020 };
    await engine.replaceStatements([{ statementId: 'older', fingerprint: 'x', documents: [older] }]);
    const base = { q: 'ceasefire OR unserious', filters: noFilters(), offset: 0, limit: 20, facets: [] };
    const desc = await engine.search({ ...base, sort: 'date:desc' });
    const asc = await engine.search({ ...base, sort: 'date:asc' });
    expect(desc.hits.at(-1)?.document.statementId).toBe('older');
    expect(asc.hits[0]?.document.statementId).toBe('older');
    await engine.close();
  });
});
