import { z } from 'zod';
import fmprc from '../site-profiles/fmprc.json' with { type: 'json' };
import mfaBelarus from '../site-profiles/mfa-belarus.json' with { type: 'json' };
import whitehouse from '../site-profiles/whitehouse.json' with { type: 'json' };

/** A regular expression written as a string; checked when the profiles load, not when a page needs it. */
const Pattern = z.string().refine((source) => {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');

/** Where a page keeps its date: its trailing dateline, or an element's text (or attribute, read with a y/m/d pattern). */
const DateRule = z.union([
  z.literal('dateline'),
  z.strictObject({
    selector: z.string(),
    attribute: z.string().optional(),
    /** Three groups: year, month, day. Without it the text is read as a written date. */
    pattern: Pattern.optional(),
  }),
]);
export type DateRule = z.infer<typeof DateRule>;

/** What we know of one site: how to recognise its pages, where their parts are, who publishes them. */
export const SiteProfile = z.strictObject({
  name: z.string(),
  about: z.string().optional(),
  /** Regular expressions over a page's URL. */
  urls: z.array(Pattern).min(1),
  /** A selector only this site's pages match: recognises a saved page whose URL is unknown. */
  fingerprint: z.string().optional(),
  issuer: z.string(),
  ministry: z.string(),
  language: z.string(),
  /** Selectors tried in order; the first with text wins. */
  title: z.array(z.string()).default([]),
  /** The element holding the statement; without it (or when it is missing) the generic extractor looks. */
  body: z.string().optional(),
  /** Selectors removed from the body before paragraphs are read. */
  drop: z.array(z.string()).default([]),
  date: z.array(DateRule).default([]),
  /** A pattern over the title whose group names the spokesperson who answers in a Q&A transcript. */
  spokesperson: Pattern.optional(),
});
export type SiteProfile = z.infer<typeof SiteProfile>;

/** The bundled profiles, validated once at load so a bad data file fails loudly and early. */
export const siteProfiles: readonly SiteProfile[] = [fmprc, mfaBelarus, whitehouse].map((data) => SiteProfile.parse(data));

/** True for an absolute http(s) URL: a source name that is one was fetched from the web. */
export const isHttpUrl = (value: unknown): value is string => typeof value === 'string' && /^https?:\/\//i.test(value);

/** The profile whose URL patterns match, if any. */
export function profileForUrl(url: string | null, profiles: readonly SiteProfile[] = siteProfiles): SiteProfile | null {
  if (url === null) return null;
  return profiles.find((profile) => profile.urls.some((pattern) => new RegExp(pattern, 'i').test(url))) ?? null;
}
