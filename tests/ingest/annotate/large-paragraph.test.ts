import { describe, expect, it } from 'vitest';
import { annotateStatement } from '../../../ingest/annotate/annotate-statement.js';

// Regression: a statement of one sentence repeated with no line breaks normalises to a single
// paragraph, and each "talks" in it scanned every country mention of the paragraph: 1 MB took
// 11 s to prepare, 2 MB 51 s.
const sentence = 'Pakistan welcomes talks. ';

/** The fastest of a few runs, in ms: the minimum is the least disturbed by GC and other work. */
function fastestAnnotation(bytes: number): number {
  const paragraph = sentence.repeat(Math.round(bytes / sentence.length));
  let fastest = Infinity;
  for (let run = 0; run < 3; run += 1) {
    const started = performance.now();
    annotateStatement({ statementId: 'large', paragraphs: [paragraph], knownDate: null, retrievedOn: '2026-11-27' });
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}

describe('annotating one large paragraph', () => {
  it('annotates a paragraph of repeated talks sentences in linear time: 4× the text takes under 8× the time', () => {
    fastestAnnotation(16_000); // loads the gazetteers and warms the JIT
    const small = fastestAnnotation(128_000);
    const large = fastestAnnotation(512_000);
    // Linear work gives ~4×; the scan per mention it replaced gave ~16×.
    expect(large / small).toBeLessThan(8);
  });
});
