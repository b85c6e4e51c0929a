import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbeddedEngine, type EmbeddedEngine } from '../../../src/engine/embedded/embedded-engine.js';
import { loadIndexSettings } from '../../../src/engine/settings.js';
import { noFilters } from '../../../src/schema/query.js';
import { tempDataDir } from '../../helpers/seed.js';
import { copyStatement, seedStatement } from '../../helpers/synthetic.js';

const texts = new Map([
  [1, 'नमस्ते दुनिया मंत्रालय. السَّلَامُ عَلَيْكُمْ'],
  [2, 'Un café au lait, un cafe\u0301 noir.'],
]);

let engine: EmbeddedEngine;
const data = tempDataDir();
beforeAll(async () => {
  engine = openEmbeddedEngine(data.dir, loadIndexSettings());
  const seed = await seedStatement();
  await engine.replaceStatements([copyStatement(seed, 'marks', '2025-01-02', (document) => texts.get(document.paragraph) ?? document.text)]);
});
afterAll(async () => {
  await engine.close();
  data.cleanup();
});

const search = (q: string) => engine.search({ q, filters: noFilters(), sort: 'relevance', offset: 0, limit: 10, facets: [] });

describe('words with combining marks', () => {
  it.each(['नमस्ते', 'मंत्रालय', 'السَّلَامُ', 'عَلَيْكُمْ'])('are found and marked when typed as written: %s', async (word) => {
    const result = await search(word);
    expect(result.total).toBe(1);
    expect(result.hits[0]?.document.id).toBe('marks-p1');
    expect(result.hits[0]?.highlighted).toContain(`<mark>${word}</mark>`);
  });

  it.each(['cafe', 'café', 'cafe\u0301', 'CAFÉ'])('fold Latin diacritics, precomposed or decomposed, in text and query: %s', async (word) => {
    const result = await search(word);
    expect(result.total).toBe(1);
    expect(result.hits[0]?.highlighted).toBe('Un <mark>café</mark> au lait, un <mark>cafe\u0301</mark> noir.');
  });
});
