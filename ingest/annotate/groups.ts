import { GroupsFile, readGazetteer } from './gazetteer-files.js';
import { PhraseMatcher } from './phrase-matcher.js';
import { lookupKey, type Tokens } from './tokens.js';

interface GroupGazetteer {
  matcher: PhraseMatcher<string>;
  /** `lookupKey` of a label or alias -> label. */
  byKey: ReadonlyMap<string, string>;
}

let cached: GroupGazetteer | undefined;

function groupGazetteer(): GroupGazetteer {
  cached ??= build();
  return cached;
}

function build(): GroupGazetteer {
  const matcher = new PhraseMatcher<string>();
  const byKey = new Map<string, string>();
  for (const { label, aliases } of readGazetteer('groups.json', GroupsFile).groups) {
    for (const alias of new Set([label, ...aliases])) {
      matcher.add(alias, label);
      // "al-Qaeda" opens sentences as "Al-Qaeda".
      const capitalised = alias.charAt(0).toUpperCase() + alias.slice(1);
      if (capitalised !== alias) matcher.add(capitalised, label);
      byKey.set(lookupKey(alias), label);
    }
  }
  return { matcher, byKey };
}

/**
 * The groups a text names, as canonical labels in order of first mention; the longest alias
 * wins, so "Tehrik-i-Taliban Pakistan" is TTP and not also Taliban.
 * @example findGroups('the TTP/Fitnah al-Hind and the Afghan Taliban') // ['TTP', 'Taliban']
 */
export function findGroups(text: string): string[] {
  return [...new Set(groupGazetteer().matcher.match(text).map((m) => m.value))];
}

/** The same, over tokens the caller already has. */
export function findGroupsInTokens(tokens: Tokens): string[] {
  return [...new Set(groupGazetteer().matcher.matchTokens(tokens).map((m) => m.value))];
}

/**
 * The canonical label for a label or alias typed by a person, in any case; null if unknown.
 * @example resolveGroup('tehreek-e-taliban pakistan') // 'TTP'
 */
export function resolveGroup(input: string): string | null {
  return groupGazetteer().byKey.get(lookupKey(input)) ?? null;
}
