import { describe, expect, it } from 'vitest';
import { dateFromGroups, findDate, parseDateline } from '../../../ingest/read/dates.js';

describe('findDate', () => {
  it.each([
    ['Regular Press Conference on November 29, 2018', '2018-11-29', 'day'],
    ["Foreign Ministry Spokesperson Hua Chunying's Remarks on August 15, 2019", '2019-08-15', 'day'],
    ['Statement of 6 December 2021', '2021-12-06', 'day'],
    ['Sept. 3rd, 2020', '2020-09-03', 'day'],
    ['2021-02-10T21:11:39-05:00', '2021-02-10', 'day'],
    ['Summit of October 2025', '2025-10', 'month'],
  ])('%s → %s (%s)', (text, value, precision) => {
    expect(findDate(text)).toEqual({ value, precision });
  });

  it.each([
    ['a month and day without a year', 'Regular Press Conference on September 10'],
    ['an impossible day', 'April 31, 2020'],
    ['no date at all', 'Statement on the situation in Kazakhstan'],
  ])('finds nothing in %s', (_, text) => {
    expect(findDate(text)).toBeNull();
  });
});

describe('parseDateline', () => {
  it.each([
    ['December 6, 2021, Minsk', '2021-12-06'],
    ['December 6, 2021', '2021-12-06'],
    ['Minsk, 6 December 2021', '2021-12-06'],
    ['New York, 24 September 2024.', '2024-09-24'],
  ])('%s is a dateline', (line, value) => {
    expect(parseDateline(line)).toEqual({ value, precision: 'day' });
  });

  it.each([
    'On December 6 the heads of CSTO Member States adopted a decision.',
    'December 6, 2021, was the day the decision was taken',
    'The law of the Republic of Belarus of 29 November 2003.',
  ])('a sentence with a date is not a dateline: %s', (line) => {
    expect(parseDateline(line)).toBeNull();
  });
});

describe('dateFromGroups', () => {
  it('reads year, month and day from a CMS file name', () => {
    expect(dateFromGroups('./W020180910808183162908.jpg', /W0(\d{4})(\d{2})(\d{2})/u)).toEqual({ value: '2018-09-10', precision: 'day' });
  });
  it('refuses digits that are not a date', () => {
    expect(dateFromGroups('./W020181340808183162908.jpg', /W0(\d{4})(\d{2})(\d{2})/u)).toBeNull();
  });
});
