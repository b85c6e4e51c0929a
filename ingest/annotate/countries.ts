import { countryGazetteer, tokenKey } from './country-gazetteer.js';
import type { PhraseMatch } from './phrase-matcher.js';
import { lookupKey, Tokens } from './tokens.js';

const CAPITALISED_NEXT = /[ \t\u00a0]+\p{Lu}/uy;
// A capitalised word right before the name, not a sentence's first ("Today Monaco hosts" is
// capitalised for another reason) nor an acronym ("the UN Monaco office"): "General Lisa Monaco".
const GIVEN_NAME_BEFORE = /[^.!?:;"“\s][ \t\u00a0]+(\p{Lu}\p{Ll}+)[ \t\u00a0]+$/u;
const TITLE_BEFORE = /\b(?:Mr|Ms|Mrs|Dr)\.?[ \t\u00a0]+$/;
/** Capitalised words before a place name mid-sentence that are not a person's name: "Visit To Monaco" in a title. */
const NOT_A_NAME = new Set(['In', 'At', 'To', 'From', 'For', 'On', 'By', 'With', 'And', 'Of', 'The', 'Via', 'Near', 'Across', 'Within', 'Outside', 'Inside']);

/** Whether a mention stands next to a capitalised name in a way that makes it part of a person's name. */
function inPersonName(text: string, mention: PhraseMatch<string>, surface: string): boolean {
  const { givenNames, surnames } = countryGazetteer();
  if (givenNames.has(surface)) {
    CAPITALISED_NEXT.lastIndex = mention.end;
    if (CAPITALISED_NEXT.test(text)) return true;
  }
  if (surnames.has(surface)) {
    const before = text.slice(Math.max(0, mention.start - 40), mention.start);
    if (TITLE_BEFORE.test(before)) return true;
    const name = GIVEN_NAME_BEFORE.exec(before)?.[1];
    if (name !== undefined && !NOT_A_NAME.has(name)) return true;
  }
  return false;
}

/**
 * Every country mention in a text, with offsets: names, demonyms, capitals and places.
 * Pass the text's tokens when the caller has them already.
 */
export function findCountryMentions(text: string, tokens: Tokens = new Tokens(text)): PhraseMatch<string>[] {
  return countryGazetteer()
    .matcher.matchTokens(tokens)
    .filter((m) => !inPersonName(text, m, text.slice(m.start, m.end)));
}

/** Whether a mention's words name a place (a capital, a city, a border crossing) rather than the country itself. */
export const isPlaceName = (surface: string): boolean => countryGazetteer().placeKeys.has(tokenKey(surface));

/** The codes of mentions, deduplicated, in order of first mention. */
export const mentionedCountries = (mentions: readonly PhraseMatch<string>[]): string[] => [...new Set(mentions.map((m) => m.value))];

/**
 * The countries a text names, as ISO 3166-1 alpha-2 codes in order of first mention.
 * @example findCountries('talks in Istanbul between Pakistan and the Afghan delegation') // ['TR', 'PK', 'AF']
 */
export function findCountries(text: string): string[] {
  return mentionedCountries(findCountryMentions(text));
}

/**
 * The ISO code for what a person typed: a code (`qa`, `TUR`), a name, an alias or a demonym,
 * in any case and with or without accents; null when it names no single country.
 * @example resolveCountry('turkiye') // 'TR'
 */
export function resolveCountry(input: string): string | null {
  const key = lookupKey(input).replace(/^the /, '');
  return countryGazetteer().byKey.get(key) ?? null;
}

/**
 * The display name of a code (world-countries' common name: `TR` -> `Türkiye`); an unknown
 * code is returned as given so a stale facet value still shows something.
 */
export function countryName(code: string): string {
  return countryGazetteer().names.get(code.toUpperCase()) ?? code;
}
