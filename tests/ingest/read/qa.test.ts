import { describe, expect, it } from 'vitest';
import { attributeSpeakers } from '../../../ingest/read/qa.js';

describe('attributeSpeakers', () => {
  it('gives answers to the spokesperson named in the title and questions to "Q", labels taken off', () => {
    const paragraphs = [
      'At the invitation of Wang Yi, the Foreign Minister of Chile will visit China.',
      'Q: What is your comment?',
      'A: We have noted the reports.',
      'We hope the two sides will talk.',
    ];
    expect(attributeSpeakers(paragraphs, 'Geng Shuang')).toEqual([
      { text: 'At the invitation of Wang Yi, the Foreign Minister of Chile will visit China.', speaker: 'Geng Shuang' },
      { text: 'What is your comment?', speaker: 'Q' },
      { text: 'We have noted the reports.', speaker: 'Geng Shuang' },
      { text: 'We hope the two sides will talk.', speaker: 'Geng Shuang' },
    ]);
  });

  it.each([
    ['an outlet', 'Reuters: Is the border closed?', 'Reuters', 'Is the border closed?'],
    ['an outlet of several words', 'South China Morning Post: Any update?', 'South China Morning Post', 'Any update?'],
    ['an outlet with an ampersand', 'Hubei Radio & TV: Any update?', 'Hubei Radio & TV', 'Any update?'],
    ['the spokesperson by name', 'Zhao Lijian: We noted relevant reports.', 'Zhao Lijian', 'We noted relevant reports.'],
  ])('reads %s as the speaker', (_, paragraph, speaker, text) => {
    const [, turn] = attributeSpeakers(['Q: Opening question?', paragraph], 'Zhao Lijian');
    expect(turn).toEqual({ text, speaker });
  });

  it.each([
    ['Follow-up', 'Follow-up: Did Russia inform China?'],
    ['Journalist', 'Journalist: Three.'],
  ])('gives "%s:" to the journalist who asked last', (_, paragraph) => {
    const turns = attributeSpeakers(['BBC: Is the border closed?', 'Zhao Lijian: It is.', paragraph], 'Zhao Lijian');
    expect(turns[2]?.speaker).toBe('BBC');
  });

  it('splits a paragraph where a turn starts after a single line break', () => {
    const turns = attributeSpeakers(['Q: Will China help Iran?\nA: China will continue to help.'], 'Zhao Lijian');
    expect(turns).toEqual([
      { text: 'Will China help Iran?', speaker: 'Q' },
      { text: 'China will continue to help.', speaker: 'Zhao Lijian' },
    ]);
  });

  it('reads "Question:" and "Answer:" spelled out as Q and A', () => {
    expect(attributeSpeakers(['Question: Any comment?', 'Answer: None.'], 'Maria Zakharova')).toEqual([
      { text: 'Any comment?', speaker: 'Q' },
      { text: 'None.', speaker: 'Maria Zakharova' },
    ]);
  });

  it('calls the answers "A" when nobody is named', () => {
    expect(attributeSpeakers(['Q: Any comment?', 'A: None.'], null).map((p) => p.speaker)).toEqual(['Q', 'A']);
  });

  it('finds the spokesperson among the labels when the title does not name one', () => {
    const turns = attributeSpeakers(['CNN: One?', 'Wang Wenbin: Yes.', 'AFP: Two?', 'Wang Wenbin: No.'], null);
    expect(turns.map((p) => p.speaker)).toEqual(['CNN', 'Wang Wenbin', 'AFP', 'Wang Wenbin']);
  });

  it('leaves a statement that is not a transcript alone, colons and all', () => {
    const paragraphs = ['Note: the statement was issued in Minsk.', 'Belarus is ready for dialogue.'];
    expect(attributeSpeakers(paragraphs, null)).toEqual([
      { text: 'Note: the statement was issued in Minsk.', speaker: null },
      { text: 'Belarus is ready for dialogue.', speaker: null },
    ]);
  });

  it('does not take a sentence with a colon for a speaker label', () => {
    const turns = attributeSpeakers(['Q: Any comment?', 'A: Yes.', 'The point is simple: we oppose it.'], 'Lu Kang');
    expect(turns[2]).toEqual({ text: 'The point is simple: we oppose it.', speaker: 'Lu Kang' });
  });
});
