import { createRequire } from 'node:module';
import type { Country } from 'world-countries';
import { AppError } from '../../src/errors.js';
import { CountryAliasesFile, CountryExclusionsFile, PlacesFile, readGazetteer } from './gazetteer-files.js';
import { PhraseMatcher } from './phrase-matcher.js';
import { lookupKey, tokenize } from './tokens.js';

export interface CountryGazetteer {
  /** Finds names, demonyms, capitals and places in prose: case-sensitive, longest first. */
  matcher: PhraseMatcher<string>;
  /** `lookupKey` of a code, name, alias or demonym -> ISO code, for look-ups typed by people. */
  byKey: ReadonlyMap<string, string>;
  /** ISO code -> world-countries' common name. */
  names: ReadonlyMap<string, string>;
  /** Names that are also first names ("Jordan"): no country when a capitalised word follows. */
  givenNames: ReadonlySet<string>;
  /** Names that are also surnames ("Monaco"): no country right after a capitalised name. */
  surnames: ReadonlySet<string>;
  /** Token keys of capitals and places that are not also a country's name ("Istanbul", not "Singapore"). */
  placeKeys: ReadonlySet<string>;
}

/** The form a phrase is matched in: its token keys, so "Guinea-Bissau" and "Guinea Bissau" are one. */
export const tokenKey = (name: string): string =>
  tokenize(name)
    .map((t) => t.key)
    .join(' ');

let cached: CountryGazetteer | undefined;

/** Built on first use and kept: the seed file is 1.4 MB and the trie holds some two thousand phrases. */
export function countryGazetteer(): CountryGazetteer {
  cached ??= build();
  return cached;
}

function loadSeed(): readonly Country[] {
  // Required, and only on first use. A static import would type-check as the module object
  // (the package's CommonJS typings declare `export default`) while Node returns the array.
  return createRequire(import.meta.url)('world-countries') as Country[];
}

function demonyms(country: Country): string[] {
  const eng = country.demonyms['eng'];
  if (!eng) return [];
  // Some entries list two peoples in one string: "Bosnian, Herzegovinian", "Kittitian or Nevisian".
  const singular = [...new Set([eng.m, eng.f])].flatMap((d) => d.split(/,\s*|\s+or\s+/)).filter(Boolean);
  const plural = singular.filter((d) => !/(s|sh|ch|ese|x|z)$/.test(d)).map((d) => `${d}s`);
  return [...singular, ...plural];
}

/** The seed names a country is known by in English prose, before exclusions. */
function seedNames(country: Country): string[] {
  const alternatives = country.altSpellings.filter((name) => !/^[A-Z]{2}$/.test(name));
  return [country.name.common, country.name.official, ...alternatives, ...demonyms(country), ...country.capital];
}

/** Seed names claimed by several countries go to the one independent claimant, else to none. */
function resolveClaims(claims: Map<string, Set<Country>>): Map<string, string> {
  const resolved = new Map<string, string>();
  for (const [name, claimants] of claims) {
    const candidates = claimants.size === 1 ? [...claimants] : [...claimants].filter((c) => c.independent);
    if (candidates.length === 1) resolved.set(name, candidates[0]!.cca2);
  }
  return resolved;
}

function build(): CountryGazetteer {
  const seed = loadSeed();
  const { aliases } = readGazetteer('country-aliases.json', CountryAliasesFile);
  const { places } = readGazetteer('places.json', PlacesFile);
  const exclusions = readGazetteer('country-exclusions.json', CountryExclusionsFile);
  const ignored = new Set(exclusions.ignoreSeedNames);

  // Proper nouns only: a seed spelling that starts in lower case could match an ordinary word.
  const claims = new Map<string, Set<Country>>();
  for (const country of seed) {
    for (const name of seedNames(country)) {
      if (ignored.has(name) || !/^\p{Lu}/u.test(name)) continue;
      claims.set(name, (claims.get(name) ?? new Set<Country>()).add(country));
    }
  }
  // Keyed by tokens; our files override the seed.
  const phrases = new Map<string, { name: string; code: string | null }>();
  for (const [name, code] of resolveClaims(claims)) phrases.set(tokenKey(name), { name, code });
  const explicit = new Map<string, string | null>();
  const claim = (name: string, code: string | null): void => {
    const key = tokenKey(name);
    const previous = explicit.get(key);
    if (previous !== undefined && previous !== code) {
      throw new AppError('INVALID_CONFIG', `gazetteer name "${name}" is listed for both ${previous} and ${code}`);
    }
    explicit.set(key, code);
    phrases.set(key, { name, code });
  };
  for (const [code, names] of [...Object.entries(aliases), ...Object.entries(places)]) names.forEach((n) => claim(n, code));
  exclusions.notCountries.forEach((n) => claim(n, null));

  const matcher = new PhraseMatcher<string>();
  for (const { name, code } of phrases.values()) matcher.add(name, code);
  const names = new Map(seed.map((c) => [c.cca2, c.name.common]));
  const countryKeys = new Set(seed.flatMap((c) => [c.name.common, c.name.official, ...c.altSpellings]).map(tokenKey));
  const placeKeys = new Set(
    [...seed.flatMap((c) => c.capital), ...Object.values(places).flat()].map(tokenKey).filter((key) => !countryKeys.has(key)),
  );
  return { matcher, byKey: lookupTable(seed, aliases, ignored), names, givenNames: new Set(exclusions.givenNames), surnames: new Set(exclusions.surnames), placeKeys };
}

/** Codes, names, aliases and demonyms (not places: "Istanbul" is no answer to "which country?"). */
function lookupTable(seed: readonly Country[], aliases: Record<string, string[]>, ignored: Set<string>): Map<string, string> {
  const claims = new Map<string, Set<string>>();
  const add = (name: string, code: string): void => {
    if (ignored.has(name)) return;
    const key = lookupKey(name);
    claims.set(key, (claims.get(key) ?? new Set<string>()).add(code));
  };
  for (const c of seed) {
    const names = [c.cca2, c.cca3, c.name.common, c.name.official, ...c.altSpellings, ...demonyms(c)];
    names.forEach((name) => add(name, c.cca2));
  }
  for (const [code, names] of Object.entries(aliases)) names.forEach((name) => add(name, code));
  // A key two countries share ("dominican") resolves to neither.
  const table = new Map<string, string>();
  for (const [key, codes] of claims) if (codes.size === 1) table.set(key, [...codes][0]!);
  return table;
}
