import { AppError } from '../../src/errors.js';
import { IsoDate } from '../../src/schema/document.js';
import type { ExtractedStatement, RawSource } from '../extracted.js';
import { normaliseParagraph } from '../normalise.js';
import { charsetOf, decodeText } from './charset.js';
import { findDate, type FoundDate } from './dates.js';
import { splitFrontMatter, type FrontMatter } from './front-matter.js';
import { markdownBlocks } from './markdown-blocks.js';
import { inlineText } from './markdown-inline.js';
import { isSeparator } from './separator.js';
import { isHttpUrl, profileForUrl } from './site-profiles.js';

function frontMatterDate(date: FrontMatter['date']): FoundDate | null {
  if (date instanceof Date) return Number.isNaN(date.getTime()) ? null : { value: date.toISOString().slice(0, 10), precision: 'day' };
  const trimmed = date?.trim() ?? '';
  if (trimmed === '') return null;
  if (IsoDate.safeParse(trimmed).success) {
    return { value: trimmed, precision: trimmed.length === 10 ? 'day' : trimmed.length === 7 ? 'month' : 'year' };
  }
  // A date the file states but nobody can read is a mistake to report, as in a sidecar, not a missing date.
  const found = /^\d{4}-\d{2}(-\d{2})?$/.test(trimmed) ? null : findDate(trimmed);
  if (found === null) throw new AppError('INVALID_SIDECAR', `front matter date: cannot read "${trimmed}" as a date`);
  return found;
}

/**
 * Reads a Markdown statement with optional YAML front matter (`title`, `date`, `source_url`,
 * and `issuer`, `ministry`, `language` to override the site's). Issuer, ministry and language
 * otherwise come from the site profile that matches `source_url` (whitehouse.gov readouts:
 * United States, The White House). A leading `# heading` is the title when the front matter
 * has none.
 *
 * @throws AppError INVALID_SIDECAR for broken front matter; EMPTY_SOURCE when no text is left.
 */
export function readMarkdown(source: RawSource): ExtractedStatement {
  const { meta, body, found } = splitFrontMatter(decodeText(source.bytes, charsetOf(source.contentType)));
  const url = [meta.source_url, meta.url, source.sidecar?.url, source.name].find(isHttpUrl) ?? null;
  const profile = profileForUrl(url);

  const blocks = markdownBlocks(body).map((block) => ({ ...block, text: normaliseParagraph(inlineText(block.text)) }));
  const leading = blocks[0];
  const headingTitle = meta.title === undefined && leading?.kind === 'heading' ? leading.text : null;
  const paragraphs = (headingTitle === null ? blocks : blocks.slice(1))
    .map((block) => block.text)
    .filter((text) => !isSeparator(text))
    .map((text) => ({ text, speaker: null }));
  if (paragraphs.length === 0) {
    const after = headingTitle !== null ? ' after the heading' : found ? ' after the front matter' : '';
    throw new AppError('EMPTY_SOURCE', `no text${after}`);
  }

  const date = frontMatterDate(meta.date);
  const title = meta.title === undefined ? headingTitle : normaliseParagraph(meta.title);
  return {
    title: title || null,
    issuer: meta.issuer ?? profile?.issuer ?? null,
    ministry: meta.ministry ?? profile?.ministry ?? null,
    date: date ? { ...date, source: 'metadata' } : null,
    language: meta.language ?? profile?.language ?? null,
    url,
    paragraphs,
  };
}
