import { loadBuffer, type CheerioAPI } from 'cheerio';
import { AppError } from '../../src/errors.js';
import type { ExtractedStatement, RawSource } from '../extracted.js';
import { normaliseParagraph } from '../normalise.js';
import { charsetOf, guessEncoding } from './charset.js';
import { parseDateline } from './dates.js';
import { blockParagraphs } from './html-blocks.js';
import { DATELINE, dateCandidates, pageLanguage, pageTitle, pageUrls } from './html-meta.js';
import { findMainBlock, isFurniture, removeJunk } from './main-block.js';
import { attributeSpeakers } from './qa.js';
import { isSeparator } from './separator.js';
import { profileForUrl, siteProfiles, type SiteProfile } from './site-profiles.js';

/**
 * Decodes as a browser would (BOM, then the Content-Type charset, then `<meta charset>`);
 * a page that declares nothing is UTF-8 when its bytes are, else chardet's guess.
 */
function loadPage(source: RawSource): CheerioAPI {
  const declared = charsetOf(source.contentType);
  return loadBuffer(source.bytes, {
    encoding: { defaultEncoding: guessEncoding(source.bytes), ...(declared ? { transportLayerEncodingLabel: declared } : {}) },
  });
}

/** The site's profile, by any URL the page is known by, else by the site's fingerprint in the page. */
function pickProfile($: CheerioAPI, urls: string[], profiles: readonly SiteProfile[]): SiteProfile | null {
  for (const url of urls) {
    const profile = profileForUrl(url, profiles);
    if (profile) return profile;
  }
  return profiles.find((profile) => profile.fingerprint !== undefined && $(profile.fingerprint).length > 0) ?? null;
}

/** The body's paragraphs: where the profile says, else wherever the generic extractor finds the main text. */
function bodyParagraphs($: CheerioAPI, profile: SiteProfile | null): string[] {
  const body = profile?.body ? $(profile.body).first() : null;
  if (body?.length) {
    for (const selector of profile?.drop ?? []) body.find(selector).remove();
    removeJunk($, body);
    return blockParagraphs(body[0]!);
  }
  removeJunk($, $.root());
  return blockParagraphs(findMainBlock($)[0]!);
}

/**
 * Reads a ministry web page: title, date, language, URL, issuer and ministry (from the
 * site's profile in `ingest/site-profiles/`), and the statement's paragraphs without the
 * page around them. Press-conference transcripts get one paragraph per question and answer
 * with its `speaker` (see `attributeSpeakers`). A trailing dateline ("December 6, 2021,
 * Minsk") is read as the date, not kept as a paragraph. Of the sidecar only `url` is read
 * here (to pick the profile); the pipeline lays the rest of it over the result.
 *
 * @param profiles the site profiles to choose from; `[]` reads every page generically.
 * @throws AppError EMPTY_SOURCE when the page holds no text.
 */
export function readHtml(source: RawSource, profiles: readonly SiteProfile[] = siteProfiles): ExtractedStatement {
  const $ = loadPage(source);
  const urls = pageUrls($, source.name, source.sidecar);
  const profile = pickProfile($, urls, profiles);
  // Metadata first: the generic extractor removes headers, where titles and dates often sit.
  const title = pageTitle($, profile);
  const language = pageLanguage($, profile);
  const dates = dateCandidates($, profile, title);

  let paragraphs = bodyParagraphs($, profile).filter((paragraph) => !isFurniture(paragraph) && !isSeparator(paragraph));
  // A body that repeats the title as its heading does not say it twice.
  if (title !== null && paragraphs[0] !== undefined && normaliseParagraph(paragraphs[0]) === title) paragraphs = paragraphs.slice(1);
  const last = paragraphs.at(-1);
  const dateline = last === undefined ? null : parseDateline(normaliseParagraph(last));
  if (dateline) paragraphs = paragraphs.slice(0, -1);

  const spokesperson = profile?.spokesperson && title ? (new RegExp(profile.spokesperson, 'u').exec(title)?.[1] ?? null) : null;
  const spoken = attributeSpeakers(paragraphs, spokesperson)
    .map(({ text, speaker }) => ({ text: normaliseParagraph(text), speaker }))
    .filter(({ text }) => text.length > 0);
  if (spoken.length === 0) throw new AppError('EMPTY_SOURCE', 'the page has no body text');

  const date = dates.map((candidate) => (candidate === DATELINE ? dateline : candidate)).find((found) => found !== null) ?? null;
  return {
    title,
    issuer: profile?.issuer ?? null,
    ministry: profile?.ministry ?? null,
    date: date ? { ...date, source: 'page' } : null,
    language,
    url: urls[0] ?? null,
    paragraphs: spoken,
  };
}
