import { isPlaceName } from './countries.js';
import { CARDINALS, ORD } from './ordinals.js';
import type { PhraseMatch } from './phrase-matcher.js';

/** Where a list of parties was found: their codes, and where the list ends. */
export interface Parties {
  codes: string[];
  end: number;
}

// Sticky, matched at a position (`matchAt`) rather than on a copy of the rest of the
// paragraph: one paragraph can be megabytes long, and these run once per head noun.
const BETWEEN = /\s+(?:between|among)\s+(?:the\s+)?/y;
const WITH = /\s+with\s+(?:the\s+)?/y;
const LIST_GAP = /^\s*(?:,|,?\s*and|&)\s*(?:the\s+)?$/;

/** A sticky regex matched at `at` of the text, and nowhere else. */
export function matchAt(sticky: RegExp, text: string, at: number): RegExpExecArray | null {
  sticky.lastIndex = at;
  return sticky.exec(text);
}

/**
 * The index of the first mention that starts at or after `at`, by bisection. Mentions come in
 * order of start, as a matcher finds them, and never empty: a paragraph holds thousands of
 * them, and a scan of them all per head noun or round made annotating it quadratic.
 */
export function firstMentionFrom(mentions: readonly { start: number }[], at: number): number {
  let low = 0;
  let high = mentions.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (mentions[mid]!.start < at) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The mentions that lie within [start, end), in order. */
export function mentionsWithin<M extends { start: number; end: number }>(mentions: readonly M[], start: number, end: number): M[] {
  const within: M[] = [];
  for (let i = firstMentionFrom(mentions, start); i < mentions.length && mentions[i]!.start < end; i += 1) {
    if (mentions[i]!.end <= end) within.push(mentions[i]!);
  }
  return within;
}

/**
 * The countries listed right after a position, after the words `lead` (a sticky regex)
 * matches: "between Pakistan and Afghanistan", "among China, Japan and the ROK".
 */
export function partiesAfter(text: string, from: number, mentions: readonly PhraseMatch<string>[], lead: RegExp = BETWEEN): Parties {
  const opening = matchAt(lead, text, from);
  if (!opening) return { codes: [], end: from };
  let end = from + opening[0].length;
  const codes: string[] = [];
  for (let i = firstMentionFrom(mentions, end); i < mentions.length; i += 1) {
    const m = mentions[i]!;
    if (m.start < end) continue;
    const gap = text.slice(end, m.start);
    if (!(codes.length === 0 ? /^$/ : LIST_GAP).test(gap)) break;
    codes.push(m.value);
    end = m.end;
  }
  return { codes, end };
}

const SUBJECT = /\s+(?:on|over|about|regarding)\s+(?:(?:the|a|an)\s+)?\p{Lu}[\p{L}\p{N}'’.+-]*(?:\s+\p{Lu}[\p{L}\p{N}'’.+-]*)*/uy;

/**
 * The parties named after a head noun: in the name of its subject ("negotiations on the
 * China-Japan-ROK Free Trade Agreement") and in a list ("... among China, Japan and the ROK").
 */
export function partiesNamedAfter(text: string, headEnd: number, mentions: readonly PhraseMatch<string>[]): Parties {
  const subject = matchAt(SUBJECT, text, headEnd);
  const subjectEnd = headEnd + (subject?.[0].length ?? 0);
  const inSubject = mentionsWithin(mentions, headEnd, subjectEnd)
    .filter((m) => !isPlaceName(text.slice(m.start, m.end)))
    .map((m) => m.value);
  const listed = partiesAfter(text, subjectEnd, mentions);
  return { codes: [...inSubject, ...listed.codes], end: Math.max(subjectEnd, listed.end) };
}

const VERBS = [
  'hold', 'holds', 'held', 'holding',
  'begin', 'begins', 'began', 'begun', 'start', 'starts', 'started', 'launch', 'launches', 'launched', 'open', 'opens', 'opened',
  'resume', 'resumes', 'resumed', 'conduct', 'conducts', 'conducted', 'convene', 'convenes', 'convened',
  'conclude', 'concludes', 'concluded', 'complete', 'completes', 'completed', 'wrapped up', 'engaged in',
];
const AUXILIARIES = 'will|would|shall|should|have|has|had|are|is|were|was|to|also|successfully|jointly|formally|officially|recently|finally|today|yesterday';
const COLLECTIVES = 'delegations?|sides|governments?|officials|negotiators|representatives|teams?';
// The words of the object before its head: "held [the second round of] talks", "conducted [nine rounds of] trade talks".
const OBJECT_WORDS = `the|a|an|their|its|new|latest|next|another|further|final|last|fresh|${ORD}|${CARDINALS.join('|')}|\\d{1,3}|rounds?|of|and|&`;
const CLAUSE = new RegExp(
  `(?:\\s+(?:${COLLECTIVES}))?\\s+(?:(?:${AUXILIARIES})\\s+){0,3}(?:${VERBS.join('|').replaceAll(' ', '\\s+')})\\s+(?:(?:${OBJECT_WORDS}),?\\s+)*$`,
  'iu',
);
// A country after a preposition is where or whose, not who: "In Qatar, Pakistan and Afghanistan held".
const PREPOSITION_BEFORE = /\b(?:in|at|from|of|to|for|by|on|near|between|among|with|under|via)\s+(?:the\s+)?$/i;

/** The countries listed right before `end`, read backwards: "Pakistan and Afghanistan", "China, Japan and the ROK". */
function partiesBefore(text: string, end: number, mentions: readonly PhraseMatch<string>[]): string[] {
  const codes: string[] = [];
  let at = end;
  // The mentions from `end` on all end after it: start with the last one before it.
  for (let i = firstMentionFrom(mentions, end) - 1; i >= 0; i -= 1) {
    const m = mentions[i]!;
    if (m.end > at) continue;
    if (!(codes.length === 0 ? /^$/ : LIST_GAP).test(text.slice(m.end, at))) break;
    if (isPlaceName(text.slice(m.start, m.end)) || PREPOSITION_BEFORE.test(text.slice(Math.max(0, m.start - 20), m.start))) break;
    codes.unshift(m.value);
    at = m.start;
  }
  return codes;
}

/**
 * The parties of a negotiation its own words do not name, from the clause around it: the
 * subject of a verb that holds or concludes it ("Pakistan and Afghanistan held the second
 * round of talks", "the Pakistani and Afghan delegations concluded talks"), and those it
 * was held with ("Pakistan held the third round of talks with Afghanistan"). `start` is
 * where the words naming the negotiation start, `end` where they end. Null unless the
 * clause names at least two parties: "the talks with Afghanistan" alone does not say whose
 * they are.
 */
export function partiesOfClause(text: string, start: number, end: number, mentions: readonly PhraseMatch<string>[]): Parties | null {
  const clause = CLAUSE.exec(text.slice(Math.max(0, start - 200), start));
  if (!clause) return null;
  const subject = partiesBefore(text, Math.max(0, start - 200) + clause.index, mentions);
  if (subject.length === 0) return null;
  const others = partiesAfter(text, end, mentions, WITH);
  const codes = [...subject, ...others.codes];
  return new Set(codes).size >= 2 ? { codes, end: others.end } : null;
}
