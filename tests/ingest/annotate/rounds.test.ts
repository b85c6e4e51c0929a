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

// Regression: "Pakistan and Afghanistan held the second round of talks in Doha" gave a round of
// talks named by no one (statement-scoped) instead of the Afghanistan–Pakistan talks.
describe('findTalksAndRounds: rounds whose parties are the clause around them', () => {
  it.each([
    { text: 'Pakistan and Afghanistan held the second round of talks in Doha.', rounds: ['AF-PK-talks:2'] },
    { text: 'China and the United States concluded the 13th round of trade talks.', rounds: ['CN-US-talks:13'] },
    { text: 'Armenia and Azerbaijan began the first round of peace negotiations in Washington.', rounds: ['AM-AZ-talks:1'] },
    { text: 'Pakistan and Afghanistan will hold the third round of talks in Istanbul.', rounds: ['AF-PK-talks:3'] },
    { text: 'Armenia and Azerbaijan held the first, second and third rounds of talks.', rounds: ['AM-AZ-talks:1', 'AM-AZ-talks:2', 'AM-AZ-talks:3'] },
    { text: 'The Pakistani and Afghan delegations held the second round of talks in Doha.', rounds: ['AF-PK-talks:2'] },
    { text: 'Pakistan held the third round of talks with Afghanistan in Istanbul.', rounds: ['AF-PK-talks:3'] },
    { text: 'China and Russia held the fourth round of consultations with Iran on the nuclear issue.', rounds: ['CN-IR-RU-consultations:4'] },
    { text: 'China and Japan held the fifth round of High-level Economic Dialogue in Tokyo.', rounds: ['CN-JP-high-level-economic-dialogue:5'] },
    { text: 'the second round of Pakistan–Afghanistan talks', rounds: ['AF-PK-talks:2'] },
    // A venue names no party, here or before the list.
    { text: 'Pakistan and Afghanistan held the second round of the Istanbul talks.', rounds: ['AF-PK-talks:2'] },
    { text: 'In Doha, Pakistan and Afghanistan held the second round of talks.', rounds: ['AF-PK-talks:2'] },
    { text: 'In Qatar, Pakistan and Afghanistan held the second round of talks.', rounds: ['AF-PK-talks:2'] },
    // The parties stay with the clause that names them.
    { text: 'Pakistan and Afghanistan held the second round of talks in Doha, and Turkey hosted the third round of talks.', rounds: ['AF-PK-talks:2', '?:3'] },
    // One party alone, or talks "with" a party whose other side the sentence does not name: no parties.
    { text: 'Pakistan held the third round of talks in Doha.', rounds: ['?:3'] },
    { text: 'The third round of talks with Afghanistan ended without agreement.', rounds: ['?:3'] },
    // A subject that is not a country (White House readout, 2023).
    { text: 'Following up on the April 2022 visit to the Solomon Islands, the two countries held the first high-level strategic dialogue to discuss a range of issues important to both sides.', rounds: ['?:1'] },
    // UN General Debate, 2021.
    { text: 'We appreciate the small body of the constitutional committee resuming its work and convening its third round of talks in Geneva at the end of last August.', rounds: ['?:3'] },
    // Chinese MFA press conferences, 2019: a count of rounds, or a round without a number, is no round.
    { text: 'A: China and the US have conducted nine rounds of trade talks and did make substantial progress in the latest one.', rounds: [] },
    { text: 'The ten rounds of economic and trade consultations held so far between the two sides have achieved positive progress.', rounds: [] },
    { text: 'Q: According to Bloomberg, this round of China-US talks only went on for a short period of time.', rounds: [] },
    { text: 'Tunisia and Egypt held a first round of presidential elections.', rounds: [] },
  ])('$text', ({ text, rounds }) => {
    expect(roundsOf(text)).toEqual(rounds);
  });
});

describe('findTalksAndRounds: negotiations named without a round', () => {
  it.each([
    { text: 'Is there any new development in China-US trade talks, especially concerning the future talks?', known: ['CN-US-talks'] },
    { text: 'the upcoming relaunch of the U.S.-Mexico High-Level Economic Dialogue (HLED), which will be held in Washington on September 9.', known: ['MX-US-high-level-economic-dialogue'] },
    { text: 'talks between Beijing and Washington', known: ['CN-US-talks'] },
    { text: 'Pakistan and Afghanistan held talks in Doha.', known: ['AF-PK-talks'] },
    { text: 'A: China and the US have conducted nine rounds of trade talks and did make substantial progress in the latest one.', known: ['CN-US-talks'] },
    { text: 'Q: According to Bloomberg, this round of China-US talks only went on for a short period of time.', known: ['CN-US-talks'] },
    { text: 'Mediators from Qatar and Türkiye held talks with both sides.', known: [] },
    { text: 'Pakistan chose to participate in peace talks.', known: [] },
    { text: 'the Afghan delegation derailed the dialogue with unrelated allegations', known: [] },
    // UN General Debate (Germany, 2019): an alias with no head noun ("talks", "dialogue") in the paragraph.
    { text: 'Together with France, we are working hard within the Normandy format to finally find solutions to issues', known: ['DE-FR-RU-UA-normandy-format'] },
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
