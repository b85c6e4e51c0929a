import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../../src/errors.js';

const GAZETTEER_DIR = new URL('../gazetteers/', import.meta.url);

/** ISO 3166-1 alpha-2, upper case: how every country is keyed in the data files. */
export const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code such as TR');

const byCode = z.record(CountryCode, z.array(z.string().min(1)));

export const CountryAliasesFile = z.object({ description: z.string(), aliases: byCode });
export const PlacesFile = z.object({ description: z.string(), places: byCode });
export const CountryExclusionsFile = z.object({
  description: z.string(),
  ignoreSeedNames: z.array(z.string().min(1)),
  notCountries: z.array(z.string().min(1)),
  givenNames: z.array(z.string().min(1)),
  surnames: z.array(z.string().min(1)),
});
export const GroupsFile = z.object({
  description: z.string(),
  groups: z.array(z.object({ label: z.string().min(1), aliases: z.array(z.string().min(1)).min(1) })),
});
export const TalksFile = z.object({
  description: z.string(),
  modifiers: z.array(z.string().regex(/^[a-z-]+$/, 'modifiers are lower-case words')),
  talks: z.array(
    z.object({
      id: z.string().regex(/^[A-Za-z0-9_-]+$/, 'talks ids use only A-Z, a-z, 0-9, _ and -'),
      label: z.string().min(1),
      aliases: z.array(z.string().min(1)),
    }),
  ),
});

/**
 * Reads and validates one data file of `ingest/gazetteers/`. A researcher edits these by
 * hand, so a mistake fails loudly, naming the file and every bad entry.
 */
export function readGazetteer<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(new URL(file, GAZETTEER_DIR), 'utf8'));
  } catch (cause) {
    throw new AppError('INVALID_CONFIG', `gazetteer ${file} is not readable JSON`, { cause });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new AppError('INVALID_CONFIG', `gazetteer ${file} is invalid:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}
