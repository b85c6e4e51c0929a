import { AppError } from '../../src/errors.js';
import type { ExtractedStatement, RawSource } from '../extracted.js';
import { detectFormat } from './detect.js';
import { readHtml } from './html.js';
import { readMarkdown } from './markdown.js';
import { readText } from './text.js';

/** Picks the reader by what the bytes are, not by what the file is called. */
export function readSource(source: RawSource): ExtractedStatement {
  if (source.bytes.length === 0) throw new AppError('EMPTY_SOURCE', 'the file is empty');
  switch (detectFormat(source)) {
    case 'html':
      return readHtml(source);
    case 'markdown':
      return readMarkdown(source);
    case 'text':
      return readText(source);
    case 'binary':
      throw new AppError('UNREADABLE_SOURCE', 'binary content, not text, HTML or Markdown');
  }
}
