import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../ingest/read/detect.js';
import { source } from './fixtures.js';

const bytes = (...values: number[]): Buffer => Buffer.from(values);

describe('detectFormat', () => {
  it.each([
    // content decides
    ['a doctype', '<!DOCTYPE html><html><body>x</body></html>', 'statement.txt', 'html'],
    ['<html> after a comment and blank lines', '\n<!-- saved from url=(0040)https://mfa.gov.by -->\n<html lang="en">', 'page', 'html'],
    ['an XHTML page with an XML declaration', '<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN"><html>', 'x', 'html'],
    ['YAML front matter', '---\ntitle: "Readout"\ndate: \'2021-02-10\'\n---\nText.', 'readout.txt', 'markdown'],
    ['front matter with CRLF', '---\r\ntitle: T\r\n---\r\nText.', 'x', 'markdown'],
    ['plain paragraphs', 'The Foreign Office welcomes the talks.\n\nA second paragraph.', 'statement.txt', 'text'],
    // the extension is only a hint, for content that says nothing decisive
    ['a bare fragment named .html', '<p>Statement</p>', 'fragment.html', 'html'],
    ['Markdown without front matter named .md', '# Title\n\nText.', 'statement.md', 'markdown'],
    ['a rule line that is not front matter', '---\nJust a line between rules\n---', 'x.txt', 'text'],
    ['a URL name with a query', '<p>Statement</p>', 'https://example.org/a.html?lang=en', 'html'],
  ])('%s → %s', (_, text, name, format) => {
    expect(detectFormat(source(text, name))).toBe(format);
  });

  it('takes the Content-Type header as a hint too', () => {
    expect(detectFormat(source('<p>Statement</p>', 'https://example.org/statement', { contentType: 'text/html; charset=utf-8' }))).toBe('html');
  });

  it.each([
    ['a PDF', bytes(0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37), 'statement.pdf'],
    ['a .docx (zip)', bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00), 'statement.docx'],
    ['a PNG named .html', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), 'page.html'],
    ['gzip', bytes(0x1f, 0x8b, 0x08, 0x00), 'page.html.gz'],
    ['text with NUL bytes', Buffer.from('Statement\u0000\u0000text'), 'statement.txt'],
  ])('%s is binary', (_, content, name) => {
    expect(detectFormat(source(content, name))).toBe('binary');
  });

  it.each([
    ['little-endian', bytes(0xff, 0xfe), Buffer.from('<!DOCTYPE html><html>', 'utf16le')],
    ['big-endian, cut off mid code unit', bytes(0xfe, 0xff), Buffer.from('<!DOCTYPE html><html>', 'utf16le').swap16().subarray(0, 41)],
  ])('reads UTF-16 (%s) with a byte-order mark as text, not binary', (_, bom, content) => {
    expect(detectFormat(source(Buffer.concat([bom, content]), 'page'))).toBe('html');
  });
});
