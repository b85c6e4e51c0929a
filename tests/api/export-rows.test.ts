import { describe, expect, it } from 'vitest';
import { csvField } from '../../src/api/export-rows.js';

describe('csvField', () => {
  it.each([
    ['plain text', 'plain text'],
    ['say "no", twice', '"say ""no"", twice"'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1 for Qatar', "'+1 for Qatar"],
    ['-Your Excellency', "'-Your Excellency"],
    ['@SUM(A1)', "'@SUM(A1)"],
  ])('writes %j as %j', (value, field) => {
    expect(csvField(value)).toBe(field);
  });
});
