import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { AppError } from '../../src/errors.js';
import type { ExtractedStatement, RawSource } from '../extracted.js';

// A whole HTML document (doctype or <html> first) that never closes its body or itself was cut
// off: a download that stopped, a copy that did not finish. Its text would be half a statement.
const WHOLE_DOCUMENT = /^(?:\u00ef\u00bb\u00bf|\u00ff\u00fe|\u00fe\u00ff)?\s*(?:<!--[^]*?-->\s*|<\?xml[^>]*>\s*)*<(?:!doctype\s+html|html)[\s>]/i;
const DOCUMENT_END = /<\/(?:body|html)\s*>/i;
const DECLARED_CHARSET = /<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i;
const END_WINDOW = 16 * 1024;

/**
 * Refuses damage a reader would not notice: an HTML page cut off before its end, and an
 * encoding declared (by the Content-Type or a `<meta>`) that no decoder knows, on bytes that
 * are not UTF-8, which a guess would turn into plausible nonsense.
 *
 * @throws AppError UNREADABLE_SOURCE saying which.
 */
export function rejectDamaged(raw: RawSource): void {
  // latin1 keeps markup readable in any ASCII-compatible encoding; dropping NULs does the same for UTF-16.
  const text = (bytes: Buffer): string => bytes.toString('latin1').replaceAll('\u0000', '');
  const head = text(raw.bytes.subarray(0, 4096));
  const whole = WHOLE_DOCUMENT.test(head);
  if (whole && !DOCUMENT_END.test(text(raw.bytes.subarray(-END_WINDOW)))) {
    throw new AppError('UNREADABLE_SOURCE', 'truncated HTML: the page ends before </body> and </html>');
  }
  const declared = /;\s*charset\s*=\s*"?([\w.:-]+)/i.exec(raw.contentType ?? '')?.[1] ?? (whole ? DECLARED_CHARSET.exec(head)?.[1] : undefined);
  if (declared !== undefined && !iconv.encodingExists(declared) && !isUtf8(raw.bytes)) {
    throw new AppError('UNREADABLE_SOURCE', `unknown encoding "${declared}", and the bytes are not UTF-8`);
  }
}

/**
 * Refuses a statement whose text holds U+FFFD: bytes were decoded with the wrong charset, and
 * searches would miss those words. Reads the title and every paragraph.
 *
 * @throws AppError UNREADABLE_SOURCE with the count of characters lost.
 */
export function rejectUndecodable(statement: Pick<ExtractedStatement, 'title' | 'paragraphs'>): void {
  const texts = [statement.title ?? '', ...statement.paragraphs.map((paragraph) => paragraph.text)];
  const count = texts.reduce((sum, text) => sum + text.split('\uFFFD').length - 1, 0);
  if (count > 0) {
    throw new AppError(
      'UNREADABLE_SOURCE',
      `${count} character${count === 1 ? '' : 's'} could not be decoded: the declared charset does not match the bytes, or the encoding is unknown`,
    );
  }
}
