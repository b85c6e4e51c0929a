import type * as chrono from 'chrono-node';
// The English entry alone: the package's main entry loads all sixteen locales (267 modules), which
// added ~0.35 s to the start of every prepare thread under tsx.
import { strict as englishStrict } from 'chrono-node/en';
import type { DatePrecision, MentionedDate } from '../../src/schema/document.js';

/** A date as the words give it; `year` is null when they leave it out ("November 7"). */
export interface DateMention {
  year: number | null;
  month: number | null;
  day: number | null;
}

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
// Dates written out need a capitalised month name or a year; most paragraphs have neither
// and never reach chrono, which costs far more than these tests (the year first: it is cheaper).
const YEAR_WORD = /\b(?:19|20)\d\d\b/;
const MONTH_WORD = new RegExp(`\\b(?:${MONTHS}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\b`);
// chrono reads month names in any case; "may 5" in prose is a verb and a number.
const LOWER_CASE_MONTH = new RegExp(`\\b(?:${MONTHS.toLowerCase()}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\\b`);
const YEAR = '((?:19|20)\\d\\d)(?![\\d\\p{L}]|\\s*(?:%|per\\s?cent))';
const LEAD = '(?:(?:in|since|by|until|till|through|from|during|before|after|early|late|mid|end of|beginning of)\\s+|mid-\\s*)';

/** "October 2025", "August, 2021": chrono's strict mode wants a day. */
const MONTH_YEAR = new RegExp(`(?<![\\p{L}\\d])(${MONTHS}),?\\s+(?:of\\s+)?${YEAR}`, 'u');
const monthYearParser: chrono.Parser = {
  pattern: () => MONTH_YEAR,
  extract: (_context, match) => ({ month: monthNumber(match[1]!), year: Number(match[2]) }),
};

/** "in June", "since March": a month alone only after a word that makes it a time. */
const LEAD_MONTH = new RegExp(`(?<![\\p{L}\\d])${LEAD}(${MONTHS})(?![\\p{L}]|\\s*\\d)`, 'u');
const leadMonthParser: chrono.Parser = {
  pattern: () => LEAD_MONTH,
  extract: (_context, match) => ({ month: monthNumber(match[1]!) }),
};

/** "in 2021", "since 2015": a bare number is a year only after such a word ("the 2030 Agenda" is not). */
const LEAD_YEAR = new RegExp(`(?<![\\p{L}\\d])${LEAD}${YEAR}`, 'u');
const leadYearParser: chrono.Parser = {
  pattern: () => LEAD_YEAR,
  extract: (_context, match) => ({ year: Number(match[1]) }),
};

const monthNumber = (name: string): number => MONTHS.split('|').indexOf(name) + 1;

// What every match of a parser's pattern contains, found far more cheaply than the pattern
// (see `gated`). chrono's month names, in any case as its patterns ("i") read them, all hold
// one of these twelve; a lead word is checked behind a year or month once that is found,
// which spares trying the lead words at every position.
const ANY_CASE_MONTH_NAME = /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i;
const MONTH_THEN_YEAR = new RegExp(`(?:${MONTHS}),?\\s+(?:of\\s+)?(?:19|20)\\d\\d`);
const LEAD_THEN_MONTH = new RegExp(`(?:${MONTHS})(?<=${LEAD}(?:${MONTHS}))`);
const LEAD_THEN_YEAR = new RegExp(`(?:19|20)(?<=${LEAD}(?:19|20))\\d\\d`);

// Only parsers that read a calendar date from its words: relative phrases ("four years ago",
// "within 2 days"), weekdays and times depend on the day of parsing, and slashed dates are
// ambiguous (12/03) or not dates at all (24/7). Each with its hint, or null when its pattern
// starts with four digits and is cheap already.
const CALENDAR_PARSERS = new Map<string, RegExp | null>([
  ['ENYearMonthDayParser', null],
  ['ISOFormatParser', null],
  ['ENMonthNameLittleEndianParser', ANY_CASE_MONTH_NAME],
  ['ENMonthNameMiddleEndianParser', ANY_CASE_MONTH_NAME],
  ['ENYearMonthNameParser', ANY_CASE_MONTH_NAME],
]);

// Fails at once: a pattern anchored at the start is tried at index 0 only.
const NEVER = /^(?!)/;

/**
 * `parser`, tried only on a text where `hint` finds what every match of its pattern contains.
 * A parser that cannot match finds nothing either way, so the results are exactly those of
 * `parser`; most paragraphs with a year or a month hold no date of a given parser's kind.
 */
function gated(parser: chrono.Parser, hint: RegExp): chrono.Parser {
  return {
    pattern: (context) => (holds(hint, context.text) ? parser.pattern(context) : NEVER),
    extract: (context, match) => parser.extract(context, match),
  };
}

// Three parsers share one hint: it is tested once per text.
const lastTests = new Map<RegExp, { text: string; found: boolean }>();

function holds(hint: RegExp, text: string): boolean {
  const last = lastTests.get(hint);
  if (last?.text === text) return last.found;
  const found = hint.test(text);
  lastTests.set(hint, { text, found });
  return found;
}

let parser: chrono.Chrono | undefined;

function dateParser(): chrono.Chrono {
  if (!parser) {
    const strict = englishStrict.clone();
    const kept = strict.parsers.flatMap((p) => {
      const hint = CALENDAR_PARSERS.get(p.constructor.name);
      return hint === undefined ? [] : [hint === null ? p : gated(p, hint)];
    });
    if (kept.length !== CALENDAR_PARSERS.size) throw new Error('chrono-node no longer has the calendar parsers dates.ts keeps');
    strict.parsers = [
      ...kept,
      gated(monthYearParser, MONTH_THEN_YEAR),
      gated(leadMonthParser, LEAD_THEN_MONTH),
      gated(leadYearParser, LEAD_THEN_YEAR),
    ];
    parser = strict;
  }
  return parser;
}

// A day in the name of a movement or an alliance ("the March 23 Movement", "the 14 March Alliance")
// is no date; without "the" before it, it is one ("On 14 March Forces loyal to the regime attacked").
const NAMED_AFTER_A_DAY = /[ \t\u00a0]+(?:Movement|Alliance|Coalition|Bloc|Party|Front|Forces|Brigades?)\b/y;
const THE_BEFORE = /\bthe[ \t\u00a0]+(?:so-called[ \t\u00a0]+)?$/i;

function namesAnOrganisation(text: string, result: chrono.ParsedResult): boolean {
  NAMED_AFTER_A_DAY.lastIndex = result.index + result.text.length;
  return NAMED_AFTER_A_DAY.test(text) && THE_BEFORE.test(text.slice(Math.max(0, result.index - 20), result.index));
}

// A fixed reference makes parsing independent of the day it runs; its implied year is never used.
const REFERENCE = new Date(Date.UTC(2000, 0, 1));

function mention(components: chrono.ParsedComponents): DateMention | null {
  const known = (c: 'year' | 'month' | 'day'): number | null => (components.isCertain(c) ? (components.get(c) ?? null) : null);
  const year = known('year');
  const month = known('month');
  const day = month === null ? null : known('day');
  return year === null && month === null ? null : { year, month, day };
}

/** The calendar dates written in a paragraph, in order; relative phrases ("these years") yield none. */
export function findDateMentions(text: string): DateMention[] {
  if (!YEAR_WORD.test(text) && !MONTH_WORD.test(text)) return [];
  const found: DateMention[] = [];
  for (const result of dateParser().parse(text, REFERENCE)) {
    if (LOWER_CASE_MONTH.test(result.text) || namesAnOrganisation(text, result)) continue;
    for (const components of [result.start, result.end]) {
      const date = components ? mention(components) : null;
      if (date) found.push(date);
    }
  }
  return found;
}

/**
 * The year a statement's dates without one belong to: the latest year written next to a
 * month in the statement, never after the statement's own year when that is known (a
 * "by December 2030" target must not date last week's meeting); else the statement's year.
 */
export function contextYear(mentions: readonly DateMention[], knownDate: { value: string } | null): number | null {
  const known = knownDate ? Number(knownDate.value.slice(0, 4)) : null;
  const written = mentions
    .filter((m) => m.year !== null && m.month !== null && (known === null || m.year <= known))
    .map((m) => m.year!);
  return written.length > 0 ? Math.max(...written) : known;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A mention as a facet value; null when its year is missing and no context supplies one. */
export function toMentionedDate(m: DateMention, yearFromContext: number | null): MentionedDate | null {
  const year = m.year ?? yearFromContext;
  if (year === null) return null;
  const precision: DatePrecision = m.day !== null ? 'day' : m.month !== null ? 'month' : 'year';
  const value = [String(year), ...(m.month === null ? [] : [pad(m.month)]), ...(m.day === null ? [] : [pad(m.day)])].join('-');
  return { value, precision, inferred: m.year === null };
}
