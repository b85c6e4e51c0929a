import { describe, expect, it } from 'vitest';
import { allowedTypos, typoDistance, Vocabulary } from '../../../src/engine/embedded/typos.js';
import { loadIndexSettings } from '../../../src/engine/settings.js';

const typo = loadIndexSettings().typoTolerance;

describe('typo tolerance by Meilisearch rule', () => {
  it.each([
    ['doha', 0],
    ['torkh', 1],
    ['istambul', 1],
    ['terrorism', 2],
  ])('allows %s %i typos', (word, typos) => {
    expect(allowedTypos(word, typo)).toBe(typos);
  });

  it('allows none when typo tolerance is off', () => {
    expect(allowedTypos('terrorism', { ...typo, enabled: false })).toBe(0);
  });

  it.each([
    ['istambul', 'istanbul', 1],
    ['ceasfire', 'ceasefire', 1],
    ['tlaiban', 'taliban', 1],
    ['taliban', 'taliban', 0],
    ['kabul', 'doha', 2],
  ])('measures %s → %s as %i', (a, b, expected) => {
    expect(Math.min(typoDistance(a, b, 2), 2)).toBe(expected);
  });

  it('finds variants in the vocabulary, a first-letter typo counting as two', () => {
    const vocabulary = new Vocabulary(['istanbul', 'instanbul', 'astanbul', 'doha']);
    expect(vocabulary.variants('istambul', 1)).toEqual(['istanbul']);
    expect(vocabulary.variants('istanbul', 1)).toEqual(['instanbul']);
    expect(vocabulary.variants('istanbul', 2)).toContain('astanbul');
  });

  it('finds the terms added since, even for a word whose variants it had already found', () => {
    const vocabulary = new Vocabulary(['istanbul', 'doha']);
    expect(vocabulary.variants('istambul', 1)).toEqual(['istanbul']);
    vocabulary.add(['istanbuls', 'doha', 'istanbul']);
    expect(vocabulary.variants('istambul', 1)).toEqual(['istanbul']);
    expect(vocabulary.variants('istanbul', 1)).toEqual(['istanbuls']);
    vocabulary.add(['istambol']);
    expect(vocabulary.variants('istambul', 1)).toEqual(['istanbul', 'istambol']);
  });
});
