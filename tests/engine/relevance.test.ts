import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestSources } from '../../ingest/pipeline.js';
import { openEmbeddedEngine } from '../../src/engine/embedded/embedded-engine.js';
import type { SearchEngine } from '../../src/engine/engine.js';
import { loadIndexSettings } from '../../src/engine/settings.js';
import { noFilters } from '../../src/schema/query.js';
import { corpusSample, seedPath, tempDataDir } from '../helpers/seed.js';

const data = tempDataDir();
let engine: SearchEngine;

beforeAll(async () => {
  engine = openEmbeddedEngine(data.dir, loadIndexSettings());
  const report = await ingestSources([seedPath, ...corpusSample], engine);
  expect(report.failures).toEqual([]);
});
afterAll(async () => {
  await engine.close();
  data.cleanup();
});

/** The first `limit` hits of `q` by relevance, with no filter and no facet. */
const rank = (q: string, limit: number) =>
  engine.search({ q, filters: noFilters(), sort: 'relevance', offset: 0, limit, facets: [] });

const seed = '000_f9833616b54a3226';
const albanese = '2022-05-22-readout-of-president-bidens-call-with-prime-minister-designate-anthon-2b281daf';
const harris = '2024-06-15-readout-of-vice-president-harriss-meeting-with-president-zelenskyy-of-f664e008';
const xi = '2021-02-10-readout-of-president-joseph-r-biden-jr-call-with-president-xi-jinping-98c05271';
const pcast = '2022-01-20-readout-of-president-bidens-meeting-with-the-presidents-council-of-ad-2f6db3a8';

/** The query, the paragraph a researcher expects first, and why. */
const cases: [q: string, statementId: string, paragraph: number, why: string][] = [
  ['"unserious remarks"', seed, 6, 'the only paragraph with the phrase'],
  ['unserious remarks', seed, 6, 'both words in one paragraph beat one word in others'],
  ['monitoring system', seed, 7, 'rare words together'],
  ['ceasefire Doha', seed, 6, 'every word must match'],
  ['Istambul Doha', seed, 6, 'a typo is forgiven'],
  ['Torkh', seed, 8, 'the last word is a prefix'],
  ['BLA Taliban ceasefire', seed, 7, 'three words, only one paragraph has all'],
  ['Mount Tai', 't1593756', 6, 'a Chinese MFA press conference'],
  ['surgical masks Finnish', 't1767935', 1, 'a question in a Q&A transcript'],
  ['collective peacekeeping forces', 'bf7e69d3fec2c5f0', 4, 'a Belarus MFA statement'],
  ['aviation industry', 'b7b71aff55bfca76', 4, 'a Belarus MFA statement'],
  ['sanctions pressure', 'b7b71aff55bfca76', 1, 'words side by side beat words apart (proximity)'],
  ['Anthony Albanese', albanese, 1, 'a readout'],
  ['Albanesse', albanese, 1, 'one typo in a 9-letter name'],
  ['Lucerne', harris, 1, 'a place named once'],
  ['Lucer', harris, 1, 'a prefix of a place'],
  ['Zelensky', harris, 1, 'a spelling one letter short'],
  ['President Xi Jinping well wishes', xi, 1, 'a name and what was said'],
  ['Eric Lander anniversary', pcast, 3, 'a person and the occasion'],
  ['"one-China principle" Taiwan', 't1752564', 5, 'a phrase with a word'],
  ['Yasukuni NEAR/3 Shrine', 't1689110', 5, 'NEAR: the first paragraph where the words stand close'],
  ['Hong Kong -Trump', xi, 1, 'the press conference paragraphs on Hong Kong all name Trump'],
];

describe('relevance over the seed statement and a sample of the bundled corpus', () => {
  it.each(cases)('%j ranks %s ¶%i first (%s)', async (q, statementId, paragraph) => {
    const result = await rank(q, 3);
    expect(result.hits[0]?.document).toMatchObject({ statementId, paragraph });
  });

  it('finds TTP through its synonym Tehrik-i-Taliban Pakistan', async () => {
    const result = await rank('tehrik-i-taliban pakistan', 10);
    expect(result.hits.map((hit) => hit.document.paragraph).sort((a, b) => a - b)).toEqual([3, 5, 7, 9]);
  });

  it('ranks an exact match before a typo match', async () => {
    const result = await rank('masks', 50);
    const exact = result.hits.findIndex((hit) => /\bmasks\b/i.test(hit.document.text));
    const typo = result.hits.findIndex((hit) => !/\bmasks?\b/i.test(hit.document.text));
    expect(exact).toBe(0);
    if (typo >= 0) expect(typo).toBeGreaterThan(exact);
  });
});
