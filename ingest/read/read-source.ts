import { AppError } from '../../src/errors.js';
import type { ExtractedStatement, RawSource } from '../extracted.js';
import { rejectDamaged } from './damage.js';
import { detectFormat } from './detect.js';
import { readHtml } from './html.js';
import { readMarkdown } from './markdown.js';
import { readText } from './text.js';

/** What an empty source is, as a person names it: a fetched page, else a file (or an upload read as one). */
const emptyReason = (source: RawSource): string => (/^https?:\/\//i.test(source.name) ? 'the page is empty' : 'the file is empty');

/**
 * Picks the reader by what the bytes are, not by what the file is called, once the bytes
 * are known not to be empty, binary or damaged (see `rejectDamaged`).
 */
export function readSource(source: RawSource): ExtractedStatement {
  if (source.bytes.length === 0) throw new AppError('EMPTY_SOURCE', emptyReason(source));
  const format = detectFormat(source);
  if (format === 'binary') throw new AppError('UNREADABLE_SOURCE', 'binary content, not text, HTML or Markdown');
  rejectDamaged(source);
  switch (format) {
    case 'html':
      return readHtml(source);
    case 'markdown':
      return readMarkdown(source);
    case 'text':
      return readText(source);
  }
}
