import type { DatePrecision } from '../../src/schema/document.js';

export interface FoundDate {
  value: string;
  precision: DatePrecision;
}

const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
];
const MONTH = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';

// Most specific first: "May 2018" must not win over "May 11, 2018".
const PATTERNS: { re: RegExp; parts: (m: RegExpExecArray) => [string, string | undefined, string | undefined] }[] = [
  { re: /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/, parts: (m) => [m[1]!, m[2], m[3]] },
  { re: new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i'), parts: (m) => [m[3]!, m[1], m[2]] },
  { re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH},?\\s+(\\d{4})\\b`, 'i'), parts: (m) => [m[3]!, m[2], m[1]] },
  { re: new RegExp(`\\b${MONTH}\\s+(\\d{4})\\b`, 'i'), parts: (m) => [m[2]!, m[1], undefined] },
];

const monthNumber = (token: string): number => {
  if (/^\d+$/.test(token)) return Number(token);
  const prefix = token.toLowerCase().replace('.', '').slice(0, 3);
  return MONTHS.findIndex((name) => name.startsWith(prefix)) + 1;
};

const pad = (n: number): string => String(n).padStart(2, '0');

function build(year: string, month: string | undefined, day: string | undefined): FoundDate | null {
  if (month === undefined) return { value: year, precision: 'year' };
  const m = monthNumber(month);
  if (m < 1 || m > 12) return null;
  if (day === undefined) return { value: `${year}-${pad(m)}`, precision: 'month' };
  const d = Number(day);
  // Date.UTC rolls 31 April over into May: a date that does not survive the round trip is not a date.
  const check = new Date(Date.UTC(Number(year), m - 1, d));
  if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return { value: `${year}-${pad(m)}-${pad(d)}`, precision: 'day' };
}

/**
 * The first full date written in a phrase, as precise as the words allow.
 * @example findDate('Regular Press Conference on November 29, 2018') // { value: '2018-11-29', precision: 'day' }
 */
export function findDate(text: string): FoundDate | null {
  for (const { re, parts } of PATTERNS) {
    const match = re.exec(text);
    if (match) {
      const found = build(...parts(match));
      if (found) return found;
    }
  }
  return null;
}

/** Year, month and day from a pattern's three capture groups (a CMS path such as `W020180910`). */
export function dateFromGroups(text: string, pattern: RegExp): FoundDate | null {
  const match = pattern.exec(text);
  if (!match?.[1] || !match[2] || !match[3]) return null;
  return build(match[1], match[2], match[3]);
}

// A place is one to three capitalised words; no lower-case word, so a sentence never passes for a dateline.
const PLACE = "[\\p{Lu}][\\p{L}.'-]*(?:\\s[\\p{Lu}][\\p{L}.'-]*){0,2}";
const DATELINE = new RegExp(
  `^(?:${PLACE},\\s*)?(?:${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}\\s+${MONTH},?\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2})(?:,?\\s*${PLACE})?\\.?$`,
  'u',
);

/**
 * A line that is only a date and a place ("December 6, 2021, Minsk", "Minsk, 6 December 2021"):
 * a statement's dateline, which is metadata and not a paragraph.
 */
export function parseDateline(line: string): FoundDate | null {
  const trimmed = line.trim();
  return DATELINE.test(trimmed) ? findDate(trimmed) : null;
}
