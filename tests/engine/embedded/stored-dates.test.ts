import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbeddedEngine, type EmbeddedEngine } from '../../../src/engine/embedded/embedded-engine.js';
import { loadIndexSettings } from '../../../src/engine/settings.js';
import { noFilters } from '../../../src/schema/query.js';
import { tempDataDir } from '../../helpers/seed.js';
import { copyStatement, seedStatement } from '../../helpers/synthetic.js';

// Regression: once input dates had to exist in the calendar, the stored-document schema refused
// what older versions had stored (a sidecar's 2021-02-30), and reading such a statement was a 500.
let engine: EmbeddedEngine;
const data = tempDataDir();
beforeAll(async () => {
  engine = openEmbeddedEngine(data.dir, loadIndexSettings());
  await engine.replaceStatements([copyStatement(await seedStatement(), 'legacy', '2021-02-30')]);
});
afterAll(async () => {
  await engine.close();
  data.cleanup();
});

describe('a statement stored with a day not in the calendar, by an older version', () => {
  it('is still read back whole and found by search', async () => {
    const paragraphs = await engine.getStatement('legacy');
    expect(paragraphs).toHaveLength(11);
    expect(paragraphs[0]?.date).toBe('2021-02-30');
    const result = await engine.search({ q: 'Taliban', filters: noFilters(), sort: 'relevance', offset: 0, limit: 20, facets: [] });
    expect(result.total).toBeGreaterThan(0);
  });
});
