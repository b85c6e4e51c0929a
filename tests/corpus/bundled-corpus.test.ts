import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSourceFiles } from '../../ingest/load-source.js';
import { ingestSources, type IngestReport } from '../../ingest/pipeline.js';
import { openEmbeddedEngine } from '../../src/engine/embedded/embedded-engine.js';
import type { SearchEngine } from '../../src/engine/engine.js';
import { loadIndexSettings } from '../../src/engine/settings.js';
import type { ParagraphDocument } from '../../src/schema/document.js';
import { noFilters } from '../../src/schema/query.js';
import { corpusDir, projectRoot, tempDataDir } from '../helpers/seed.js';
import { indexedStatementIds } from '../helpers/statement-ids.js';

/**
 * `corpus/`, what `npm start` serves: the seed statement, 40 press conferences of the Chinese
 * foreign ministry, 2 statements of the Belarus foreign ministry and 188 White House readouts,
 * all as published.
 */
const data = tempDataDir();
let engine: SearchEngine;
let report: IngestReport;
let sources: string[];
const statements = new Map<string, ParagraphDocument[]>();

beforeAll(async () => {
  engine = openEmbeddedEngine(data.dir, loadIndexSettings());
  sources = await listSourceFiles(corpusDir);
  report = await ingestSources([corpusDir], engine);
  for (const id of await indexedStatementIds(engine)) statements.set(id, await engine.getStatement(id));
}, 60_000);
afterAll(async () => {
  await engine.close();
  data.cleanup();
});

/** Words as a phrase query sees them: lower case, one apostrophe, no punctuation at either end. */
const words = (text: string): string[] =>
  text
    .toLowerCase()
    .replaceAll('’', "'")
    .split(/\s+/)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter(Boolean);

const phrase = (sentence: string, limit: number) =>
  engine.search({ q: `"${sentence}" `, filters: noFilters(), sort: 'relevance', offset: 0, limit, facets: [] });

/** Eight words in a row from past the paragraph's start, none with marks a phrase cannot hold; null if it has none. */
function sentenceFrom(text: string): string | null {
  const raw = text.split(/\s+/);
  const plain = (word: string) => /^[\p{L}\p{N}’'-]+[,.;:]?$/u.test(word);
  if (raw.length < 12) return null;
  const start = raw.findIndex((_, i) => i >= 2 && i + 8 <= raw.length && raw.slice(i, i + 8).every(plain));
  return start < 0 ? null : raw.slice(start, start + 8).map((word) => word.replace(/[,.;:]$/, '')).join(' ');
}

describe('the bundled corpus', () => {
  it('ingests every source, none failing: 231 statements, 2,227 paragraphs, as the README says', () => {
    expect(report.failures).toEqual([]);
    expect(sources).toHaveLength(231);
    expect(report).toMatchObject({ sources: 231, indexed: 231, paragraphs: 2227 });
    expect(statements.size).toBe(231);
  });

  it('holds the 188 readouts whose titles tests/fixtures/readout-title-countries.json labels', () => {
    const labels = JSON.parse(readFileSync(join(projectRoot, 'tests/fixtures/readout-title-countries.json'), 'utf8')) as Record<string, { title: string }>;
    const readouts = [...statements.values()]
      .map((paragraphs) => paragraphs[0]!)
      .filter((first) => first.source.path?.includes('corpus/readouts/'))
      .map((first) => [basename(first.source.path ?? ''), first.title]);
    expect(readouts).toHaveLength(188);
    expect(Object.fromEntries(readouts)).toEqual(Object.fromEntries(Object.entries(labels).map(([file, { title }]) => [file, title])));
  });

  it('gives every statement a title, an issuing country and a date', () => {
    const lacking = [...statements.values()]
      .map((paragraphs) => paragraphs[0]!)
      .filter((first) => !first.title || first.issuer === null || first.date === null)
      .map((first) => `${first.statementId}: ${JSON.stringify({ title: first.title, issuer: first.issuer, date: first.date })}`);
    expect(lacking).toEqual([]);
  });

  it('finds a sentence taken from any paragraph in that paragraph, and in every other that has it', async () => {
    const texts = [...statements.values()].flat().map((document) => ({ document, words: ` ${words(document.text).join(' ')} ` }));
    let checked = 0;
    let ownFirst = 0;
    for (const { document } of texts) {
      const sentence = sentenceFrom(document.text);
      if (sentence === null) continue;
      // Every paragraph holding the sentence word for word, found without the engine.
      const needle = ` ${words(sentence).join(' ')} `;
      const holders = texts.filter((text) => text.words.includes(needle)).map((text) => text.document.id);
      const result = await phrase(sentence, holders.length);
      expect(result.total, sentence).toBe(holders.length);
      expect(result.hits.map((hit) => hit.document.id).sort(), sentence).toEqual(holders.sort());
      if (result.hits[0]?.document.id === document.id) ownFirst += 1;
      // Word for word means whole words: the sentence with its last word cut short is another phrase.
      const cut = sentence.slice(0, -1);
      if (/\p{L}{3}$/u.test(cut)) {
        const cutHolders = texts.filter((text) => text.words.includes(` ${words(cut).join(' ')} `)).length;
        expect((await phrase(cut, 0)).total, cut).toBe(cutHolders);
      }
      checked += 1;
    }
    expect(checked).toBeGreaterThan(1500);
    // A sentence that several readouts share word for word ("… spoke today with …") can rank another first.
    expect(ownFirst / checked).toBeGreaterThan(0.95);
  }, 120_000);
});
