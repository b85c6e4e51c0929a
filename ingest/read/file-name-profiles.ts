import { basename, extname } from 'node:path';
import { z } from 'zod';
import { resolveCountry } from '../annotate/countries.js';
import { IsoDate, isNotAfter, precisionOf } from '../../src/schema/document.js';
import type { ExtractedStatement } from '../extracted.js';
import ungd from '../file-name-profiles/ungd.json' with { type: 'json' };

/** A pattern over a file's name (without extension) whose named groups say who issued it and when. */
export const FileNameProfile = z.strictObject({
  name: z.string(),
  about: z.string().optional(),
  pattern: z.string().refine((source) => {
    try {
      const groups = Object.keys(new RegExp(`${source}|`, 'u').exec('')?.groups ?? {});
      return groups.length > 0 && groups.every((group) => ['issuer', 'year', 'month', 'day'].includes(group));
    } catch {
      return false;
    }
  }, 'not a regular expression whose named groups are among issuer, year, month, day'),
}).transform((profile) => ({ ...profile, regex: new RegExp(profile.pattern, 'u') }));
export type FileNameProfile = z.output<typeof FileNameProfile>;

/** The bundled profiles, validated once at load so a bad data file fails loudly and early. */
export const fileNameProfiles: readonly FileNameProfile[] = [ungd].map((data) => FileNameProfile.parse(data));

/**
 * Fills the issuer and date a file's name gives, where the source itself gave none: a corpus
 * that keeps them only in its file names (the UN General Debate speeches) would otherwise be
 * dated by guessing from the text. An issuer code no gazetteer knows (`EU`) is left out rather
 * than failing the file: the name is a convention, not declared metadata.
 */
export function applyFileName(
  extracted: ExtractedStatement,
  path: string,
  retrievedOn: string,
  profiles: readonly FileNameProfile[] = fileNameProfiles,
): ExtractedStatement {
  const name = basename(path, extname(path));
  for (const profile of profiles) {
    const groups = profile.regex.exec(name)?.groups;
    if (!groups) continue;
    const issuer = groups.issuer !== undefined && resolveCountry(groups.issuer) !== null ? groups.issuer : null;
    const parsed = IsoDate.safeParse([groups.year, groups.month, groups.day].filter((part) => part !== undefined).join('-'));
    // As for dates read from the text: a statement is not dated after it was retrieved.
    const date = parsed.success && isNotAfter(parsed.data, retrievedOn) ? parsed : null;
    return {
      ...extracted,
      issuer: extracted.issuer ?? issuer,
      date: extracted.date ?? (date ? { value: date.data, precision: precisionOf(date.data), source: 'file-name' } : null),
    };
  }
  return extracted;
}
