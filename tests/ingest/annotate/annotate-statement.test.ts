import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { annotateStatement } from '../../../ingest/annotate/annotate-statement.js';
import { ParagraphFacets } from '../../../src/schema/document.js';

// The seed statement and what annotating it must give (required and optional values per paragraph).
const fixtureUrl = new URL('../../fixtures/000_f9833616b54a3226.json', import.meta.url);
const seedUrl = new URL('../../../corpus/000_f9833616b54a3226.txt', import.meta.url);

const Expected = <T extends z.ZodType>(value: T) =>
  z.object({ required: z.array(value), optional: z.array(value).default([]) });
const Fixture = z.object({
  statement: z.object({ paragraphs: z.number(), date: z.object({ value: z.string(), precision: z.string() }) }),
  paragraphs: z.array(
    z.object({
      n: z.number(),
      countries: Expected(z.string()),
      groups: Expected(z.string()),
      rounds: Expected(z.number()),
      dates: Expected(z.string()),
    }),
  ),
});

const fixture = Fixture.parse(JSON.parse(readFileSync(fixtureUrl, 'utf8')));
const seedParagraphs = readFileSync(seedUrl, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '');
// The day the sources of these tests were "retrieved": statements are never dated after it.
const retrievedOn = '2026-11-27';
const seed = annotateStatement({ statementId: '000_f9833616b54a3226', paragraphs: seedParagraphs, knownDate: null, retrievedOn });

const facetOf = (n: number) => {
  const facets = seed.paragraphs[n - 1];
  if (!facets) throw new Error(`no paragraph ${n}`);
  return {
    countries: facets.countries,
    groups: facets.groups,
    rounds: facets.roundNumbers,
    dates: facets.mentionedDates.map((d) => d.value),
  };
};

const cases = fixture.paragraphs.flatMap((p) =>
  (['countries', 'groups', 'rounds', 'dates'] as const).map((facet) => ({ n: p.n, facet, ...p[facet] })),
);

describe('annotating the seed statement (tests/fixtures/000_f9833616b54a3226.json)', () => {
  it('reads the statement as the fixture counts it', () => {
    expect(seedParagraphs).toHaveLength(fixture.statement.paragraphs);
    expect(seed.paragraphs).toHaveLength(fixture.statement.paragraphs);
    for (const facets of seed.paragraphs) ParagraphFacets.parse(facets);
  });

  it.each(cases)('paragraph $n finds every required $facet value and none outside required ∪ optional', ({ n, facet, required, optional }) => {
    const found: (string | number)[] = facetOf(n)[facet];
    const wanted: (string | number)[] = required;
    expect(found).toEqual(expect.arrayContaining(wanted));
    const allowed = new Set([...wanted, ...optional]);
    expect(found.filter((value) => !allowed.has(value))).toEqual([]);
  });

  it('dates the statement 2025-11-07 from "concluded in Istanbul on November 7" and the year of "October 2025"', () => {
    expect(seed.inferredDate).toEqual({ value: '2025-11-07', precision: 'day' });
    expect(seed.paragraphs[0]?.mentionedDates).toEqual([{ value: '2025-11-07', precision: 'day', inferred: true }]);
    expect(seed.paragraphs[3]?.mentionedDates).toEqual([{ value: '2025-10', precision: 'month', inferred: false }]);
  });

  it('puts rounds 1, 2 and 3 in one negotiation, the Afghanistan–Pakistan talks', () => {
    expect(seed.talks).toEqual(['AF-PK-talks']);
    expect(seed.paragraphs.flatMap((p) => p.rounds)).toEqual(['AF-PK-talks:3', 'AF-PK-talks:1', 'AF-PK-talks:2', 'AF-PK-talks:3']);
    expect(seed.paragraphs.map((p) => p.talks)).toEqual([['AF-PK-talks'], [], [], [], [], ['AF-PK-talks'], ['AF-PK-talks'], [], [], [], []]);
  });

  it('never merges round 3 of these talks with round 3 of other talks in another statement', () => {
    const other = annotateStatement({
      statementId: 'other',
      paragraphs: ['Diplomats met in Vienna for the third round of the Iran nuclear talks.'],
      knownDate: null,
      retrievedOn,
    });
    expect(other.paragraphs[0]?.roundNumbers).toEqual([3]);
    expect(other.paragraphs[0]?.rounds).toEqual(['IR-nuclear-talks:3']);
    expect(seed.paragraphs[0]?.rounds).not.toContain(other.paragraphs[0]?.rounds[0]);
  });
});

describe('annotateStatement', () => {
  it('infers no date when the source gives one', () => {
    const dated = annotateStatement({ statementId: 's', paragraphs: seedParagraphs, knownDate: { value: '2025-11-08', precision: 'day' }, retrievedOn });
    expect(dated.inferredDate).toBeNull();
  });

  it.each([
    { why: 'the latest day mentioned', paragraphs: ['Talks began on 3 March 2024.', 'They ended on March 9.'], date: { value: '2024-03-09', precision: 'day' } },
    { why: 'a month when no day is mentioned', paragraphs: ['The visit took place in May 2023.', 'It followed talks in 2021.'], date: { value: '2023-05', precision: 'month' } },
    { why: 'nothing when no date is written', paragraphs: ['Over the past four years, since then, these years were hard.'], date: null },
    {
      why: 'its latest past date, never a goal after it was retrieved',
      paragraphs: ['We met in 2015 and support the goals to be met by 2030.', 'Our emissions will be net zero by 2050.'],
      date: { value: '2015', precision: 'year' },
    },
    {
      why: 'a day no later than the day it was retrieved',
      paragraphs: ['The talks of 26 November 2026 were useful.', 'The next round is on 3 December 2026.'],
      date: { value: '2026-11-26', precision: 'day' },
    },
    { why: 'nothing when every date is still to come', paragraphs: ['The summit will meet in December 2026 and again in 2027.'], date: null },
  ])('dates an undated statement by $why', ({ paragraphs, date }) => {
    expect(annotateStatement({ statementId: 's', paragraphs, knownDate: null, retrievedOn }).inferredDate).toEqual(date);
  });

  it('takes a missing year from the statement date when the text writes none', () => {
    const annotated = annotateStatement({
      statementId: 's',
      paragraphs: ['The ministers met on December 6 in Minsk.'],
      knownDate: { value: '2021-12-07', precision: 'day' },
      retrievedOn,
    });
    expect(annotated.paragraphs[0]?.mentionedDates).toEqual([{ value: '2021-12-06', precision: 'day', inferred: true }]);
  });

  it('does not let a target year ("by December 2030") date an earlier statement\'s "March 3"', () => {
    const annotated = annotateStatement({
      statementId: 's',
      paragraphs: ['On March 3 the sides agreed to cut emissions by December 2030.'],
      knownDate: { value: '2022-03-05', precision: 'day' },
      retrievedOn,
    });
    expect(annotated.paragraphs[0]?.mentionedDates.map((d) => d.value)).toEqual(['2022-03-03', '2030-12']);
  });

  it('drops a date whose year nothing supplies rather than guess one', () => {
    const annotated = annotateStatement({ statementId: 's', paragraphs: ['The talks ended on November 7.'], knownDate: null, retrievedOn });
    expect(annotated.paragraphs[0]?.mentionedDates).toEqual([]);
  });

  it('keeps rounds of a statement that names no negotiation to that statement', () => {
    const annotated = annotateStatement({
      statementId: 'mfa-2025-11-09',
      paragraphs: ['The talks resumed.', 'During the second round, both delegations presented proposals.'],
      knownDate: null,
      retrievedOn,
    });
    expect(annotated.paragraphs[1]?.rounds).toEqual(['mfa-2025-11-09-talks:2']);
    expect(annotated.talks).toEqual(['mfa-2025-11-09-talks']);
  });

  it('inherits the negotiation named nearest before a bare round', () => {
    const annotated = annotateStatement({
      statementId: 's',
      paragraphs: [
        'China-US trade talks continued this week.',
        'Separately, talks between Armenia and Azerbaijan resumed.',
        'The second round is expected next month.',
      ],
      knownDate: null,
      retrievedOn,
    });
    expect(annotated.paragraphs[2]?.rounds).toEqual(['AM-AZ-talks:2']);
    expect(annotated.talks).toEqual(['CN-US-talks', 'AM-AZ-talks']);
  });

  it('ties "Pakistan and Afghanistan held the second round" to the Afghanistan–Pakistan talks, not to the statement (regression)', () => {
    const annotated = annotateStatement({
      statementId: 'pk-talks-2',
      paragraphs: ['Pakistan and Afghanistan held the second round of talks in Doha.'],
      knownDate: null,
      retrievedOn,
    });
    expect(annotated.paragraphs[0]?.rounds).toEqual(['AF-PK-talks:2']);
    expect(annotated.talks).toEqual(['AF-PK-talks']);
  });

  it('counts no round in a statement that is not about talks', () => {
    const annotated = annotateStatement({ statementId: 's', paragraphs: ['He won the first round with 28% of the vote.'], knownDate: null, retrievedOn });
    expect(annotated.paragraphs[0]?.rounds).toEqual([]);
  });
});
