import { describe, expect, it } from 'vitest';
import { describeTalks, findTalksAndRounds } from '../../../ingest/annotate/rounds.js';

/** What a paragraph says about rounds: `talksId:n`, or `?:n` for a round its words tie to no negotiation. */
function roundsOf(text: string): string[] {
  return findTalksAndRounds(text).rounds.map(({ n, talks }) => `${talks.kind === 'known' ? talks.id : talks.kind === 'scoped' ? '(statement)' : '?'}:${n}`);
}

describe('findTalksAndRounds: rounds', () => {
  it.each([
    // The seed statement.
    { text: 'the third round of talks between Pakistan and Afghanistan concluded in Istanbul on November 7', rounds: ['AF-PK-talks:3'] },
    { text: 'during the first round in Doha, the parties had agreed on certain principled points, and the second round in Istanbul was meant to discuss mechanisms', rounds: ['?:1', '?:2'] },
    { text: 'During the third round, Pakistan continued to maintain a positive and constructive stance', rounds: ['?:3'] },
    // White House readout, 2022.
    { text: 'President Joseph R. Biden, Jr. spoke today with Prime Minister Narendra Modi of India to inaugurate the fourth U.S.-India 2+2 Ministerial Dialogue.', rounds: ['IN-US-2-2-ministerial-dialogue:4'] },
    // Chinese MFA press conferences, 2018–2020.
    { text: 'Jeremy Hunt, Secretary of State for Foreign and Commonwealth Affairs of the United Kingdom of Great Britain and Northern Ireland (UK) will pay an official visit to China and hold the 9th China-UK Strategic Dialogue on July 30.', rounds: ['CN-GB-strategic-dialogue:9'] },
    { text: 'As agreed by China and Canada, the first China-Canada Economic and Financial Strategic Dialogue will be held in Beijing on November 12.', rounds: ['CA-CN-economic-and-financial-strategic-dialogue:1'] },
    { text: 'Q: Regarding the fifth China-Japan High-level Economic Dialogue, what does China expect to achieve?', rounds: ['CN-JP-high-level-economic-dialogue:5'] },
    { text: 'A: The 15th round of negotiations on the China-Japan-ROK Free Trade Agreement will be held in Tokyo from April 9 to 12.', rounds: ['CN-JP-KR-talks:15'] },
    { text: 'Q: According to reports, the 15th round of negotiations on a Free Trade Agreement among China, Japan and the ROK is now underway in Tokyo, Japan.', rounds: ['CN-JP-KR-talks:15'] },
    { text: 'The two sides made substantial progress in some of the consultations towards an agreement in the recently-concluded 13th round of talks.', rounds: ['?:13'] },
    { text: 'Premier Li Keqiang of the State Council will hold the fourth Round Table Dialogue in Beijing on November 21', rounds: ['(statement):4'] },
    { text: 'China and the US were expected to have a new round of trade talks in Washington', rounds: [] },
    // Other forms.
    { text: 'the third round of the Iran nuclear talks', rounds: ['IR-nuclear-talks:3'] },
    { text: 'the first and second rounds of talks between Armenia and Azerbaijan', rounds: ['AM-AZ-talks:1', 'AM-AZ-talks:2'] },
    { text: 'Round 3 of the talks', rounds: ['?:3'] },
    { text: 'round III of the consultations', rounds: ['?:3'] },
    { text: 'the 3rd round', rounds: ['?:3'] },
    { text: 'the second round of peace talks between Kabul and Islamabad', rounds: ['AF-PK-talks:2'] },
    { text: 'the second round of the Istanbul talks', rounds: ['?:2'] },
  ])('$text', ({ text, rounds }) => {
    expect(roundsOf(text)).toEqual(rounds);
  });

  it.each([
    { why: 'a round of voting is not a round of talks', text: 'the second round of the presidential election' },
    { why: 'nor is a round of sanctions', text: 'the fifth round of sanctions against the regime' },
    { why: 'a round table is not a round', text: 'the fourth round table on climate finance' },
    { why: 'a round without a number has no number', text: 'a new round of China-France strategic dialogue' },
  ])('$why', ({ text }) => {
    expect(roundsOf(text)).toEqual([]);
  });

  it('marks a bare round, whose sentence names no talks, as needing a statement about talks', () => {
    expect(findTalksAndRounds('He won the first round.').rounds).toEqual([{ n: 1, talks: { kind: 'unnamed' }, attached: false }]);
  });
});

describe('findTalksAndRounds: negotiations named without a round', () => {
  it.each([
    { text: 'Is there any new development in China-US trade talks, especially concerning the future talks?', known: ['CN-US-talks'] },
    { text: 'the upcoming relaunch of the U.S.-Mexico High-Level Economic Dialogue (HLED), which will be held in Washington on September 9.', known: ['MX-US-high-level-economic-dialogue'] },
    { text: 'talks between Beijing and Washington', known: ['CN-US-talks'] },
    { text: 'Pakistan chose to participate in peace talks.', known: [] },
    { text: 'the Afghan delegation derailed the dialogue with unrelated allegations', known: [] },
  ])('$text', ({ text, known }) => {
    const ids = findTalksAndRounds(text).mentions.flatMap((m) => (m.talks.kind === 'known' ? [m.talks.id] : []));
    expect(ids).toEqual(known);
  });
});

describe('describeTalks', () => {
  it.each([
    ['AF-PK-talks', 'Afghanistan–Pakistan talks'],
    ['IN-US-2-2-ministerial-dialogue', 'India–United States 2+2 Ministerial Dialogue'],
    ['AM-AZ-talks', 'Armenia–Azerbaijan talks'],
    ['CN-GB-strategic-dialogue', 'China–United Kingdom strategic dialogue'],
    ['000_f9833616b54a3226-talks', 'talks named in statement 000_f9833616b54a3226'],
  ])('%s -> %s', (id, label) => {
    expect(describeTalks(id)).toBe(label);
  });
});
