import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The settings both engines obey, in Meilisearch's own vocabulary so the file applies to it as is. */
export const IndexSettings = z.object({
  searchableAttributes: z.array(z.string()).min(1),
  displayedAttributes: z.array(z.string()),
  filterableAttributes: z.array(z.string()),
  sortableAttributes: z.array(z.string()),
  rankingRules: z.array(z.string()),
  stopWords: z.array(z.string()),
  synonyms: z.record(z.string(), z.array(z.string())),
  typoTolerance: z.object({
    enabled: z.boolean(),
    minWordSizeForTypos: z.object({ oneTypo: z.number().int().min(1), twoTypos: z.number().int().min(1) }),
    disableOnWords: z.array(z.string()),
    disableOnAttributes: z.array(z.string()),
  }),
  faceting: z.object({ maxValuesPerFacet: z.number().int().positive() }),
  pagination: z.object({ maxTotalHits: z.number().int().positive() }),
});
export type IndexSettings = z.infer<typeof IndexSettings>;

export const defaultSettingsPath = fileURLToPath(new URL('../../index-settings/statements.json', import.meta.url));

/** Reads and validates the settings file; a bad file fails here, at start-up, not at the first query. */
export function loadIndexSettings(path: string = defaultSettingsPath): IndexSettings {
  return IndexSettings.parse(JSON.parse(readFileSync(path, 'utf8')));
}
