import { AppError } from '../../src/errors.js';
import type { ExtractedStatement, RawSource } from '../extracted.js';
import { splitParagraphs } from '../normalise.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Plain text, one paragraph a line or blank-line separated; what is known besides the text comes from the sidecar. */
export function readText(source: RawSource): ExtractedStatement {
  let text: string;
  try {
    text = utf8.decode(source.bytes);
  } catch (cause) {
    throw new AppError('UNREADABLE_SOURCE', 'not valid UTF-8 text', { cause });
  }
  return {
    title: null,
    issuer: null,
    ministry: null,
    date: null,
    language: null,
    url: null,
    paragraphs: splitParagraphs(text).map((paragraph) => ({ text: paragraph, speaker: null })),
  };
}
