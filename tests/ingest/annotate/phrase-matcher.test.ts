import { describe, expect, it } from 'vitest';
import { PhraseMatcher } from '../../../ingest/annotate/phrase-matcher.js';

// Tokens whose first code unit and length start no phrase are skipped before any look-up;
// these cases would be lost if that test read a token differently from the phrase it adds.
describe('PhraseMatcher: the first-token filter', () => {
  const matcher = new PhraseMatcher<string>();
  matcher.add("'Ndrangheta", 'ndrangheta');
  matcher.add('U.S.', 'US');
  matcher.add('United States', 'US');
  matcher.add('Türkiye', 'TR');
  matcher.add('al-Qaeda', 'al-Qaeda');

  it.each([
    { why: 'a phrase that opens with an apostrophe, written with a typographic one', text: 'the ’Ndrangheta and the Camorra', values: ['ndrangheta'] },
    { why: 'the same, with a backtick', text: 'the `Ndrangheta', values: ['ndrangheta'] },
    { why: 'a one-letter first token', text: 'talks between the U.S. and Türkiye', values: ['US', 'TR'] },
    { why: 'first tokens of the same letter and other lengths', text: 'Under the United States proposal, Uganda', values: ['US'] },
    { why: 'a lower-case first token among lower-case words', text: 'attacks claimed by al-Qaeda and all its affiliates', values: ['al-Qaeda'] },
  ])('$why', ({ text, values }) => {
    expect(matcher.match(text).map((m) => m.value)).toEqual(values);
  });

  it('gives the offsets of the words as written', () => {
    const text = 'the ’Ndrangheta';
    expect(matcher.match(text).map((m) => text.slice(m.start, m.end))).toEqual(['’Ndrangheta']);
  });
});
