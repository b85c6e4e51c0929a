import { findCountryMentions } from './countries.js';
import { CARDINALS, ORD, ordinalValue } from './ordinals.js';
import type { PhraseMatch } from './phrase-matcher.js';
import { findTalksAliases, findTalksMentions, talksId, type TalksMention, type TalksRef } from './talks.js';
import { firstMentionFrom, matchAt, partiesAfter } from './talks-parties.js';
import { Tokens } from './tokens.js';

export { describeTalks } from './talks.js';

/** One numbered round found in a paragraph, and the negotiation its words tie it to. */
export interface RoundMention {
  n: number;
  talks: TalksRef;
  /** False for a bare "the first round in Doha": a round only if the statement is about talks. */
  attached: boolean;
}

export interface ParagraphTalks {
  mentions: TalksMention[];
  rounds: RoundMention[];
}

// "the first and second rounds"; not "the fourth Round Table".
const ORDINAL_ROUND = new RegExp(`\\b(${ORD}(?:\\s*(?:,|,?\\s*and|&)\\s*${ORD})*)\\s+rounds?\\b(?![\\s-]*table)`, 'gi');
const ROUND_NUMBER = /\b[Rr]ound\s+(\d{1,2}|[IVX]{1,4}|one|two|three|four|five|six|seven|eight|nine|ten)\b/g;
const ORDINAL_BEFORE = new RegExp(`\\b${ORD}\\s+$`, 'i');
const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10 };
// Sticky: matched right after a round, not on a copy of the rest of the paragraph.
const ROUND_OF = /\s+(of\s+)?(?:the\s+|these\s+|this\s+)?/y;
// Every round and every head noun of talks.ts ("talks", "negotiations", ...) holds one of these.
const MIGHT_NAME_ROUNDS = /round|talks|negotiat|consultations|dialogue/i;

function numberValue(word: string): number {
  if (/^\d+$/.test(word)) return Number(word);
  const cardinal = CARDINALS.indexOf(word);
  if (cardinal >= 0) return cardinal + 1;
  // Roman numerals: subtract a smaller numeral written before a larger one (IV, IX).
  return [...word].reduce((sum, c, i) => {
    const value = ROMAN[c]!;
    return sum + (value < (ROMAN[word[i + 1] ?? ''] ?? 0) ? -value : value);
  }, 0);
}

/** The first of the talks, in order of start, that starts at `at`. */
function talksAt(talks: readonly TalksMention[], at: number): TalksMention | undefined {
  const first = talks[firstMentionFrom(talks, at)];
  return first?.start === at ? first : undefined;
}

/** What the words right after "round(s)" tie the round to, or `null` when they rule talks out. */
function attachment(text: string, after: number, talks: readonly TalksMention[], countries: readonly PhraseMatch<string>[]) {
  const listed = partiesAfter(text, after, countries);
  if (listed.codes.length > 0) return { talks: { kind: 'known', id: talksId(listed.codes, 'talks') } as const, attached: true };
  const gap = matchAt(ROUND_OF, text, after);
  const named = gap ? talksAt(talks, after + gap[0].length) : undefined;
  if (named) return { talks: named.talks, attached: true };
  // "the second round of voting", "a round of sanctions": a round, but not of talks.
  if (gap?.[1]) return null;
  return { talks: { kind: 'unnamed' } as const, attached: false };
}

/**
 * Negotiations and numbered rounds named in one paragraph. Rounds: "the third round of talks
 * between Pakistan and Afghanistan", "3rd round", "round 3", and ordinal instances of a
 * dialogue ("the fourth U.S.-India 2+2 Ministerial Dialogue").
 */
export function findTalksAndRounds(
  text: string,
  tokens: Tokens = new Tokens(text),
  countries: readonly PhraseMatch<string>[] = findCountryMentions(text, tokens),
): ParagraphTalks {
  // Nine paragraphs in ten hold none of these words: the aliases are all they can name.
  if (!MIGHT_NAME_ROUNDS.test(text)) return { mentions: findTalksAliases(tokens), rounds: [] };
  const mentions = findTalksMentions(text, tokens, countries);
  const rounds: RoundMention[] = [];
  for (const m of text.matchAll(ORDINAL_ROUND)) {
    const found = attachment(text, m.index + m[0].length, mentions, countries);
    if (!found) continue;
    for (const word of m[1]!.split(/\s*(?:,|\band\b|&)\s*/)) if (word) rounds.push({ n: ordinalValue(word), ...found });
  }
  for (const m of text.matchAll(ROUND_NUMBER)) {
    const found = attachment(text, m.index + m[0].length, mentions, countries);
    if (found) rounds.push({ n: numberValue(m[1]!), ...found });
  }
  for (const mention of mentions) {
    const ordinal = ORDINAL_BEFORE.exec(text.slice(Math.max(0, mention.start - 20), mention.start));
    if (ordinal) rounds.push({ n: ordinalValue(ordinal[0].trim()), talks: mention.talks, attached: true });
  }
  return { mentions, rounds: rounds.filter((r) => r.n > 0) };
}
