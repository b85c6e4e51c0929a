import { countryName, isPlaceName } from './countries.js';
import { readGazetteer, TalksFile } from './gazetteer-files.js';
import { PhraseMatcher, type PhraseMatch } from './phrase-matcher.js';
import { mentionsWithin, partiesNamedAfter, partiesOfClause } from './talks-parties.js';
import type { Tokens } from './tokens.js';

/**
 * A negotiation named in a text. `known`: identified across statements (by the talks
 * gazetteer or by its parties). `scoped`: a proper name without parties ("the Round Table
 * Dialogue"), kept to its statement. `unnamed`: "the talks", "peace talks": no identity of its own.
 */
export type TalksRef = { kind: 'known'; id: string } | { kind: 'scoped' } | { kind: 'unnamed' };

export interface TalksMention {
  talks: TalksRef;
  /** Where the words naming the negotiation start ("China-US trade talks" starts at "China"). */
  start: number;
  end: number;
}

interface TalksGazetteer {
  matcher: PhraseMatcher<string>;
  labels: ReadonlyMap<string, string>;
  modifiers: ReadonlySet<string>;
}

let cached: TalksGazetteer | undefined;

function talksGazetteer(): TalksGazetteer {
  if (!cached) {
    const file = readGazetteer('talks.json', TalksFile);
    const matcher = new PhraseMatcher<string>();
    for (const { id, aliases } of file.talks) aliases.forEach((alias) => matcher.add(alias, id));
    cached = { matcher, labels: new Map(file.talks.map((t) => [t.id, t.label])), modifiers: new Set(file.modifiers) };
  }
  return cached;
}

const HEAD = /\b(?:talks|negotiations?|consultations|dialogue)\b/gi;
// Capitalised words that open a clause rather than a name: "During China-US talks".
const OPENERS = new Set(
  'The A An And But As At In On For To By Of With After Before During Regarding Following Under While When Since This That These Those Its Their His Her Our Both Q'.split(' '),
);
const CONNECTORS = new Set(['and', 'of', 'for', 'on', '&']);

/** Whether a word can be part of a negotiation's proper name: "U.S.-India", "2+2", "High-level". */
function isNameWord(word: string): boolean {
  return (/^\p{Lu}/u.test(word) && !OPENERS.has(word)) || /^\d+\+\d+$/.test(word);
}

/** Walks back from a head noun over modifiers ("trade") and name words ("China-US"); returns the start. */
function descriptorStart(text: string, headStart: number, modifiers: ReadonlySet<string>): { start: number; named: boolean } {
  const words = [...text.slice(Math.max(0, headStart - 160), headStart).matchAll(/\S+/g)];
  const offset = Math.max(0, headStart - 160);
  let start = headStart;
  let named = false;
  let pendingConnector = false;
  for (let i = words.length - 1; i >= 0; i -= 1) {
    const word = words[i]![0];
    // Punctuation closing the word ends the clause; "U.S." carries its dots inside.
    if (/[,;:!?)]$/.test(word) || (/\.$/.test(word) && !/\..*\.$/.test(word))) break;
    if (!named && modifiers.has(word)) {
      start = offset + words[i]!.index;
    } else if (isNameWord(word)) {
      named = true;
      pendingConnector = false;
      start = offset + words[i]!.index;
    } else if (named && CONNECTORS.has(word) && !pendingConnector) {
      pendingConnector = true;
    } else break;
  }
  return { start, named };
}

const slugWords = (text: string): string[] =>
  text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().match(/[a-z0-9]+/g) ?? [];

/** The kind of an unnamed negotiation: talks and negotiations are one kind. */
const kindOf = (head: string): string => (/^negotiation|^talks/i.test(head) ? 'talks' : head.toLowerCase());

/** A talks id from parties and a kind: `AF-PK-talks`, `IN-US-2-2-ministerial-dialogue`. */
export const talksId = (codes: readonly string[], kind: string): string => [...new Set(codes)].sort().concat(kind).join('-');

/**
 * Every negotiation a text names, in order: each "talks/negotiations/consultations/dialogue"
 * with the words that name it, and every alias of the talks gazetteer. Takes the text's
 * tokens and country mentions, which the caller has already found.
 */
export function findTalksMentions(text: string, tokens: Tokens, mentions: readonly PhraseMatch<string>[]): TalksMention[] {
  const { modifiers } = talksGazetteer();
  const aliases = findTalksAliases(tokens);
  const found = [...aliases];
  // Heads come in order, and so do the aliases: the only alias that can hold a head is the
  // first that ends after it.
  let alias = 0;
  for (const head of text.matchAll(HEAD)) {
    const headStart = head.index;
    const headEnd = headStart + head[0].length;
    while (alias < aliases.length && aliases[alias]!.end <= headStart) alias += 1;
    if (alias < aliases.length && aliases[alias]!.start <= headStart) continue;
    const { start, named } = descriptorStart(text, headStart, modifiers);
    // "the Istanbul talks" names a venue, not a party.
    const inName = mentionsWithin(mentions, start, headStart).filter((m) => !isPlaceName(text.slice(m.start, m.end)));
    const after = partiesNamedAfter(text, headEnd, mentions);
    let parties = [...inName.map((m) => m.value), ...after.codes];
    let end = after.end;
    // Words that name no party leave them to the clause: "Pakistan and Afghanistan held talks".
    const clause = parties.length === 0 ? partiesOfClause(text, start, end, mentions) : null;
    if (clause) ({ codes: parties, end } = clause);
    let talks: TalksRef;
    if (named && /^\p{Lu}/u.test(head[0])) {
      // A proper name keeps its own words: "U.S.-India 2+2 Ministerial Dialogue" -> 2-2-ministerial-dialogue.
      const words = slugWords(withoutMentions(text, start, headEnd, inName));
      talks = parties.length === 0 ? { kind: 'scoped' } : { kind: 'known', id: talksId(parties, words.join('-')) };
    } else {
      talks = parties.length === 0 ? { kind: 'unnamed' } : { kind: 'known', id: talksId(parties, kindOf(head[0])) };
    }
    found.push({ talks, start, end });
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * The negotiations a text names by an alias of the talks gazetteer, in order: all that
 * `findTalksMentions` finds in a text without a head noun ("the Normandy Format").
 */
export function findTalksAliases(tokens: Tokens): TalksMention[] {
  return talksGazetteer()
    .matcher.matchTokens(tokens)
    .map((a) => ({ talks: { kind: 'known', id: a.value }, start: a.start, end: a.end }));
}

/** The text of [start, end) with the given mentions cut out. */
function withoutMentions(text: string, start: number, end: number, cut: readonly PhraseMatch<string>[]): string {
  let rest = '';
  let at = start;
  for (const m of cut) {
    rest += `${text.slice(at, m.start)} `;
    at = m.end;
  }
  return rest + text.slice(at, end);
}

/**
 * A label a person reads for a talks id: the gazetteer's label, else the parties' names and
 * the kind ("AF-PK-talks" -> "Afghanistan–Pakistan talks").
 */
export function describeTalks(id: string): string {
  const label = talksGazetteer().labels.get(id);
  if (label) return label;
  const parts = id.split('-');
  const codes: string[] = [];
  // countryName returns what it does not know unchanged: that tells codes from other words.
  while (parts.length > 1 && /^[A-Z]{2}$/.test(parts[0]!) && countryName(parts[0]!) !== parts[0]) codes.push(parts.shift()!);
  if (codes.length > 0) return `${codes.map(countryName).join('–')} ${parts.join(' ')}`;
  if (id.endsWith('-talks')) return `talks named in statement ${id.slice(0, -'-talks'.length)}`;
  return id;
}
