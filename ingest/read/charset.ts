import chardet from 'chardet';
import iconv from 'iconv-lite';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const GUESS_SAMPLE = 16 * 1024;

const isUtf8 = (bytes: Uint8Array): boolean => {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/** The `charset` parameter of a Content-Type header, when it names an encoding we can decode. */
export function charsetOf(contentType: string | null): string | null {
  const label = /;\s*charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  return label && iconv.encodingExists(label) ? label : null;
}

/**
 * The encoding of bytes that do not declare one. Valid UTF-8 is taken as UTF-8 (a
 * legacy page is almost never valid UTF-8 by accident); otherwise chardet's statistical
 * guess, and windows-1252 (the web's default) when even that fails.
 */
export function guessEncoding(bytes: Uint8Array): string {
  if (isUtf8(bytes)) return 'utf-8';
  // chardet reads every byte it is given (100 ms for a 200 KB page); the telling bytes are the non-ASCII ones.
  const start = Math.max(0, bytes.findIndex((byte) => byte >= 0x80));
  const guess = chardet.detect(bytes.subarray(start, start + GUESS_SAMPLE));
  return guess && iconv.encodingExists(guess) ? guess : 'windows-1252';
}

/** Text from bytes: a byte-order mark first, then the declared charset, then a guess. */
export function decodeText(bytes: Buffer, declared: string | null): string {
  // iconv-lite strips a BOM it recognises; a BOM overrides any declaration (as in browsers).
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return iconv.decode(bytes, 'utf-8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(bytes, 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(bytes, 'utf-16be');
  return iconv.decode(bytes, declared ?? guessEncoding(bytes));
}
