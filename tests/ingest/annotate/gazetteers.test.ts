import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findCountries } from '../../../ingest/annotate/countries.js';
import { CountryAliasesFile, GroupsFile, PlacesFile, TalksFile } from '../../../ingest/annotate/gazetteer-files.js';
import { findGroups } from '../../../ingest/annotate/groups.js';
import { findTalksAndRounds } from '../../../ingest/annotate/rounds.js';

// The data files a researcher edits: every name in them must find what it is listed for,
// which catches a name shadowed by a longer one or listed under two keys.
const read = (file: string): unknown => JSON.parse(readFileSync(new URL(`../../../ingest/gazetteers/${file}`, import.meta.url), 'utf8'));

const countryNames = [
  ...Object.entries(CountryAliasesFile.parse(read('country-aliases.json')).aliases),
  ...Object.entries(PlacesFile.parse(read('places.json')).places),
].flatMap(([code, names]) => names.map((name) => ({ name, code })));
const groupAliases = GroupsFile.parse(read('groups.json')).groups.flatMap(({ label, aliases }) => aliases.map((alias) => ({ alias, label })));
const talks = TalksFile.parse(read('talks.json')).talks.flatMap(({ id, aliases }) => aliases.map((alias) => ({ alias, id })));

describe('gazetteer data files', () => {
  it.each(countryNames)('"$name" finds $code', ({ name, code }) => {
    expect(findCountries(name)).toEqual([code]);
  });

  it.each(groupAliases)('"$alias" finds $label', ({ alias, label }) => {
    expect(findGroups(alias)).toEqual([label]);
  });

  it.each(talks)('"$alias" names $id', ({ alias, id }) => {
    expect(findTalksAndRounds(alias).mentions.map((m) => m.talks)).toEqual([{ kind: 'known', id }]);
  });
});
