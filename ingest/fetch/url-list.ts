import { readFile } from 'node:fs/promises';
import { AppError } from '../../src/errors.js';
import { describeFileError } from '../load-source.js';

/** True for what `npm run ingest` fetches rather than reads from disk. */
export const isHttpUrl = (input: string): boolean => /^https?:\/\//i.test(input);

export interface UrlList {
  urls: string[];
  /** Lines that are neither blank, a `#` comment nor an http(s) URL: `file:line: text`. */
  invalid: { line: number; text: string }[];
}

/**
 * A URL list: one http(s) URL a line; blank lines and lines starting with `#` are skipped.
 *
 * @example parseUrlList('# fmprc\nhttps://www.fmprc.gov.cn/eng/t1.shtml\n') // { urls: ['https://…/t1.shtml'], invalid: [] }
 */
export function parseUrlList(text: string): UrlList {
  const list: UrlList = { urls: [], invalid: [] };
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    if (isHttpUrl(line) && URL.canParse(line)) list.urls.push(line);
    else list.invalid.push({ line: index + 1, text: line });
  });
  return list;
}

export async function readUrlList(path: string): Promise<UrlList> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new AppError('UNREADABLE_SOURCE', describeFileError(cause), { cause });
  }
  return parseUrlList(text);
}
