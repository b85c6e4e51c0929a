import { describe, expect, it } from 'vitest';
import { contextYear, findDateMentions, toMentionedDate } from '../../../ingest/annotate/dates.js';

describe('findDateMentions', () => {
  it.each([
    { text: 'the third round of talks between Pakistan and Afghanistan concluded in Istanbul on November 7', dates: [{ year: null, month: 11, day: 7 }] },
    { text: 'Pakistan’s response in October 2025 reflects its determination', dates: [{ year: 2025, month: 10, day: null }] },
    { text: 'the notable rise in terrorism from Afghanistan since August 2021 cannot be denied', dates: [{ year: 2021, month: 8, day: null }] },
    // Belarus MFA, 2021.
    { text: 'in full accordance with the law of the Republic of Belarus of 29 November 2003. December 6, 2021, Minsk', dates: [{ year: 2003, month: 11, day: 29 }, { year: 2021, month: 12, day: 6 }] },
    // Chinese MFA press conference.
    { text: 'A: The 15th round of negotiations on the China-Japan-ROK Free Trade Agreement will be held in Tokyo from April 9 to 12.', dates: [{ year: null, month: 4, day: 9 }, { year: null, month: 4, day: 12 }] },
    // White House readout.
    { text: 'They reflected on their first meeting in November 2021 in Paris', dates: [{ year: 2021, month: 11, day: null }] },
    { text: 'The leaders agreed to hold a bilateral meeting on the margins of the NATO Summit in June', dates: [{ year: null, month: 6, day: null }] },
    { text: 'Sanctions imposed since 2014 and tightened in mid-2020', dates: [{ year: 2014, month: null, day: null }, { year: 2020, month: null, day: null }] },
    { text: 'signed on 2021-03-04 in Doha', dates: [{ year: 2021, month: 3, day: 4 }] },
    { text: 'On Sept. 12 the envoys met', dates: [{ year: null, month: 9, day: 12 }] },
    { text: 'On 14 March Forces loyal to the regime attacked the town', dates: [{ year: null, month: 3, day: 14 }] },
  ])('$text', ({ text, dates }) => {
    expect(findDateMentions(text)).toEqual(dates);
  });

  it.each([
    { why: 'relative spans are no dates', text: 'over the past four years, since the Taliban came to power' },
    { why: '"these years" is no date', text: 'Despite suffering heavy human and material losses during these years' },
    { why: 'times of day depend on the day of parsing', text: 'four years ago, within 2 days, on Monday at 5 pm' },
    { why: 'a year without a preposition can be a name', text: 'the 2030 Agenda for Sustainable Development' },
    { why: 'slashed numbers are ambiguous or not dates', text: 'a 24/7 hotline opened 12/03' },
    { why: '"may" and "march" in lower case are words', text: 'they may 5 times march on' },
    { why: 'percentages are not years', text: 'unemployment rose by 2020 per cent' },
    { why: 'a day in a movement’s name is no date', text: 'the so-called March 23 Movement (M23), backed by a neighbouring State' },
    { why: 'a day in an alliance’s name is no date', text: 'the parties of the 14 March Alliance and the 8 March Alliance' },
  ])('$why', ({ text }) => {
    expect(findDateMentions(text)).toEqual([]);
  });
});

describe('findDateMentions: each parser is tried only where a quick test finds what it needs', () => {
  // Sentences from the UN General Debate and White House readouts, one or more per parser.
  it.each([
    { parser: 'day before month, "of"', text: 'the UN proclaimed a World Bee Day, celebrated on 20th of May, recognizing the importance of bees', dates: [{ year: null, month: 5, day: 20 }] },
    { parser: 'day before month, with a year', text: 'We are happy to report that on the 30th of June, 2020 the International Court', dates: [{ year: 2020, month: 6, day: 30 }] },
    { parser: 'month before day, ordinal', text: 'the first democratic election in 20 years will be held next Sunday, December 6th, 2020', dates: [{ year: 2020, month: 12, day: 6 }] },
    { parser: 'month before day, abbreviated', text: 'Eyal Hulata at the White House on Feb. 9 to consult on a', dates: [{ year: null, month: 2, day: 9 }] },
    { parser: 'month before day, with a year', text: 'the UN Secretary-General and the Turkish Cypriot leader on November 25, 2019, which sets the principles', dates: [{ year: 2019, month: 11, day: 25 }] },
    {
      parser: 'month and year',
      text: 'December 2009, December 2010 and May 2011',
      dates: [{ year: 2009, month: 12, day: null }, { year: 2010, month: 12, day: null }, { year: 2011, month: 5, day: null }],
    },
    { parser: 'lead word and year, "mid-"', text: 'since mid-2018, it has dipped below 5 per cent', dates: [{ year: 2018, month: null, day: null }] },
    { parser: 'lead words and year', text: 'Bosnia and Herzegovina will be finalized by the end of 2019 and submitted', dates: [{ year: 2019, month: null, day: null }] },
    { parser: 'lead word and month', text: 'the so-called Digital 9, the chairmanship of which it has held since February.', dates: [{ year: null, month: 2, day: null }] },
  ])('$parser: $text', ({ text, dates }) => {
    expect(findDateMentions(text)).toEqual(dates);
  });
});

describe('contextYear', () => {
  const october2025 = { year: 2025, month: 10, day: null };
  it.each([
    { why: 'the latest year written with a month', mentions: [october2025, { year: 2021, month: 8, day: null }], known: null, year: 2025 },
    { why: 'not a bare year ("by 2030")', mentions: [{ year: 2030, month: null, day: null }], known: null, year: null },
    { why: 'the statement year when the text writes none', mentions: [], known: { value: '2021-12-07' }, year: 2021 },
    { why: 'never a year after the statement\'s own', mentions: [{ year: 2030, month: 12, day: null }], known: { value: '2022' }, year: 2022 },
  ])('is $why', ({ mentions, known, year }) => {
    expect(contextYear(mentions, known)).toBe(year);
  });
});

describe('toMentionedDate', () => {
  it.each([
    { mention: { year: null, month: 11, day: 7 }, year: 2025, date: { value: '2025-11-07', precision: 'day', inferred: true } },
    { mention: { year: 2021, month: 8, day: null }, year: 2025, date: { value: '2021-08', precision: 'month', inferred: false } },
    { mention: { year: 2015, month: null, day: null }, year: null, date: { value: '2015', precision: 'year', inferred: false } },
    { mention: { year: null, month: 6, day: null }, year: null, date: null },
  ])('$mention with context year $year', ({ mention, year, date }) => {
    expect(toMentionedDate(mention, year)).toEqual(date);
  });
});
