import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { rejectDamaged, rejectUndecodable } from '../../../ingest/read/damage.js';
import type { AppError } from '../../../src/errors.js';
import { source } from './fixtures.js';

const page = (head: string, body: string): string =>
  `<!DOCTYPE html>\n<html lang="en"><head>${head}<title>Statement</title></head>\n<body><main><p>${body}</p></main></body></html>\n`;
const whole = page('', 'The Foreign Ministry welcomes the agreement reached in Doha.');
// EBCDIC bytes: not UTF-8, and no decoder here knows "x-ebcdic-klingon".
const ebcdic = Buffer.from([0xe3, 0x88, 0x85, 0x40, 0x94, 0x89, 0x95, 0x89, 0xa2, 0xa3, 0x99, 0xa8]);
const around = (head: string, bytes: Buffer): Buffer => {
  const [start = '', end = ''] = page(head, '@').split('@');
  return Buffer.concat([Buffer.from(start), bytes, Buffer.from(end)]);
};

const refusal = (run: () => void): { code: string; detail: string } | null => {
  try {
    run();
    return null;
  } catch (error) {
    const { code, detail } = error as AppError;
    return { code, detail };
  }
};

describe('rejectDamaged', () => {
  it.each([
    ['a page cut off in its head', Buffer.from(whole.slice(0, 60))],
    ['a page cut off in its body', Buffer.from(whole.slice(0, whole.indexOf('Doha')))],
    ['a UTF-16 page cut off', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(whole.slice(0, 120), 'utf-16le')])],
  ])('refuses %s as truncated HTML', (_, bytes) => {
    expect(refusal(() => rejectDamaged(source(bytes)))).toEqual({
      code: 'UNREADABLE_SOURCE',
      detail: 'truncated HTML: the page ends before </body> and </html>',
    });
  });

  it.each([
    ['by a <meta>', source(around('<meta charset="x-ebcdic-klingon">', ebcdic))],
    ['by the Content-Type', source(around('', ebcdic), 'https://example.org/s', { contentType: 'text/html; charset=x-ebcdic-klingon' })],
  ])('refuses an unknown encoding declared %s on bytes that are not UTF-8', (_, raw) => {
    expect(refusal(() => rejectDamaged(raw))).toEqual({
      code: 'UNREADABLE_SOURCE',
      detail: 'unknown encoding "x-ebcdic-klingon", and the bytes are not UTF-8',
    });
  });

  it.each([
    ['a whole page', Buffer.from(whole)],
    ['a page whose end is only </html>', Buffer.from(whole.replace('</body>', ''))],
    ['an HTML fragment, which has no end to lose', Buffer.from('<p>A fragment about Qatar.')],
    ['plain text', Buffer.from('The Foreign Office welcomes the talks.')],
    ['an unknown encoding on bytes that are UTF-8', Buffer.from(page('<meta charset="x-ebcdic-klingon">', 'Türkiye'))],
    ['a known legacy encoding', around('<meta charset="windows-1252">', iconv.encode('Le ministère salue l’accord.', 'windows-1252'))],
  ])('lets %s through', (_, bytes) => {
    expect(refusal(() => rejectDamaged(source(bytes)))).toBeNull();
  });
});

describe('rejectUndecodable', () => {
  it.each([
    [{ title: null, paragraphs: [{ text: 'Le minist\uFFFDre salue l\u2019accord.', speaker: null }] }, '1 character could not be decoded'],
    [
      { title: 'D\uFFFDclaration', paragraphs: [{ text: 'a\uFFFDb\uFFFD', speaker: null }, { text: '\uFFFD', speaker: 'Q' }] },
      '4 characters could not be decoded',
    ],
  ])('counts the characters lost in the title and paragraphs (%#)', (statement, count) => {
    expect(refusal(() => rejectUndecodable(statement))).toEqual({
      code: 'UNREADABLE_SOURCE',
      detail: `${count}: the declared charset does not match the bytes, or the encoding is unknown`,
    });
  });

  it('lets decoded text through', () => {
    expect(refusal(() => rejectUndecodable({ title: 'Заявление', paragraphs: [{ text: 'Le ministère salue l’accord.', speaker: null }] }))).toBeNull();
  });
});
