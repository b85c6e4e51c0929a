import { extname } from 'node:path';
import type { RawSource } from '../extracted.js';

export type SourceFormat = 'html' | 'markdown' | 'text' | 'binary';

// File signatures of formats that come our way by mistake: PDF, ZIP (docx, xlsx, epub), old
// Office, gzip, images. Checked before anything is decoded.
const MAGIC: number[][] = [
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0x50, 0x4b, 0x03, 0x04], // PK.. (zip)
  [0xd0, 0xcf, 0x11, 0xe0], // OLE2 (.doc, .xls)
  [0x1f, 0x8b], // gzip
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF8
  [0x7b, 0x5c, 0x72, 0x74, 0x66], // {\rtf
];
const SNIFF_BYTES = 8192;

const startsWith = (bytes: Buffer, signature: number[]): boolean => signature.every((byte, i) => bytes[i] === byte);

/** The first bytes as text: UTF-16 by its byte-order mark, else as ASCII-compatible bytes (enough to see markup). */
function head(bytes: Buffer): string {
  const slice = bytes.subarray(0, SNIFF_BYTES);
  if (slice[0] === 0xff && slice[1] === 0xfe) return slice.subarray(2).toString('utf16le');
  // swap16 needs whole code units: a cut-off last byte is dropped.
  if (slice[0] === 0xfe && slice[1] === 0xff) return Buffer.from(slice.subarray(2, slice.length - (slice.length % 2))).swap16().toString('utf16le');
  return slice.toString('latin1').replace(/^\u00ef\u00bb\u00bf/, '');
}

const HTML_START = /^(?:\s|<!--[^]*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html|head|body|meta|title)[\s>/]/i;
// A rule line alone is not front matter: the next line must read like a YAML key.
const FRONT_MATTER = /^---[ \t]*\r?\n[\w-]+:/;
const HTML_EXTENSIONS = new Set(['.html', '.htm', '.shtml', '.xhtml']);
const MARKDOWN_EXTENSIONS = new Set(['.md', '.markdown']);

/**
 * What kind of source this is, by its content: NUL bytes or a file signature → binary;
 * leading YAML front matter → markdown; a doctype or `<html>` → html. Only when the content
 * says nothing decisive do the file extension and the Content-Type header decide.
 */
export function detectFormat(source: RawSource): SourceFormat {
  const { bytes } = source;
  if (MAGIC.some((signature) => startsWith(bytes, signature))) return 'binary';
  const text = head(bytes);
  if (text.includes('\u0000')) return 'binary';
  if (FRONT_MATTER.test(text)) return 'markdown';
  if (HTML_START.test(text)) return 'html';
  const extension = extname(source.name.replace(/[?#].*$/, '')).toLowerCase();
  const type = source.contentType?.toLowerCase() ?? '';
  if (HTML_EXTENSIONS.has(extension) || type.startsWith('text/html') || type.startsWith('application/xhtml')) return 'html';
  if (MARKDOWN_EXTENSIONS.has(extension) || type.startsWith('text/markdown')) return 'markdown';
  return 'text';
}
