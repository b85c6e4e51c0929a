import { isNotAfter, type DatePrecision, type MentionedDate, type ParagraphFacets } from '../../src/schema/document.js';
import { findCountryMentions, mentionedCountries } from './countries.js';
import { contextYear, findDateMentions, toMentionedDate } from './dates.js';
import { findGroupsInTokens } from './groups.js';
import { findTalksAndRounds } from './rounds.js';
import { resolveStatementTalks } from './statement-talks.js';
import { Tokens } from './tokens.js';

export interface AnnotateInput {
  statementId: string;
  /** Normalised paragraph texts, in order. */
  paragraphs: string[];
  /** The date the source gives (metadata or page), if any. */
  knownDate: { value: string; precision: DatePrecision } | null;
  /** The day (YYYY-MM-DD) the source was retrieved: a statement is not dated after it. */
  retrievedOn: string;
}

export interface AnnotatedStatement {
  paragraphs: ParagraphFacets[];
  /** The statement's date read from its text; computed only when `knownDate` is null. */
  inferredDate: { value: string; precision: DatePrecision } | null;
  /** Every negotiation the statement names, in order of first mention. */
  talks: string[];
}

/**
 * Finds the facets of every paragraph of a statement. Some need the whole statement: a
 * round that names no negotiation inherits the statement's, and "November 7" takes its
 * year from the statement's other dates.
 */
export function annotateStatement(input: AnnotateInput): AnnotatedStatement {
  // One tokenization per paragraph serves all three gazetteers, which all run here: a
  // paragraph's tokens are garbage once it is scanned, not kept for the whole statement.
  const scans = input.paragraphs.map((text) => {
    const tokens = new Tokens(text);
    const countries = findCountryMentions(text, tokens);
    return { countries, groups: findGroupsInTokens(tokens), talks: findTalksAndRounds(text, tokens, countries), dates: findDateMentions(text) };
  });
  const year = contextYear(scans.flatMap((s) => s.dates), input.knownDate);
  const talks = resolveStatementTalks(scans.map((s) => s.talks), input.statementId);

  const paragraphs = scans.map((scan, i): ParagraphFacets => {
    const dates = scan.dates.map((m) => toMentionedDate(m, year)).filter((d): d is MentionedDate => d !== null);
    const rounds = talks[i]!.rounds;
    return {
      countries: mentionedCountries(scan.countries),
      groups: scan.groups,
      talks: talks[i]!.talks,
      rounds: rounds.map((r) => `${r.talks}:${r.n}`),
      roundNumbers: [...new Set(rounds.map((r) => r.n))],
      mentionedDates: [...new Map(dates.map((d) => [`${d.value}/${d.inferred}`, d])).values()],
    };
  });
  return {
    paragraphs,
    inferredDate: input.knownDate === null ? latestDate(paragraphs.flatMap((p) => p.mentionedDates), input.retrievedOn) : null,
    talks: [...new Set(talks.flatMap((t) => t.talks))],
  };
}

/**
 * The latest day mentioned, else the latest month or year: when a statement is undated, its
 * latest event is the best guess at its date. Dates after the day it was retrieved are goals
 * and deadlines ("the 2030 Agenda", "by 2050"), not events: a third of the UN General Debate
 * speeches were dated 2030 or 2050 by them.
 */
function latestDate(dates: readonly MentionedDate[], retrievedOn: string): { value: string; precision: DatePrecision } | null {
  const past = dates.filter((d) => isNotAfter(d.value, retrievedOn));
  const days = past.filter((d) => d.precision === 'day');
  const pool = days.length > 0 ? days : past;
  const latest = pool.reduce<MentionedDate | null>((best, d) => (best === null || d.value > best.value ? d : best), null);
  return latest && { value: latest.value, precision: latest.precision };
}
