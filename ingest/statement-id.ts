import { createHash } from 'node:crypto';
import { basename } from 'node:path';

const UNSAFE = /[^A-Za-z0-9_-]+/g;
const MAX_SLUG = 80;
const slug = (text: string): string => text.replace(UNSAFE, '-').replace(/^-+|-+$/g, '');
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * A name's slug, at most 80 characters; a longer one is cut and followed by 8 hex of the
 * name's hash, so two long names that share their first 80 characters still differ.
 */
const boundedSlug = (name: string): string => {
  const full = slug(name);
  return full.length <= MAX_SLUG ? full : `${full.slice(0, MAX_SLUG).replace(/-+$/, '')}-${sha256(name).slice(0, 8)}`;
};

/**
 * The id of a name the ASCII slug cannot carry (`日本語`, `café`): its letters with accents
 * dropped, then 16 hex of the NFC name's hash, so `café` and `cafè` stay apart and a name
 * spelled in NFD (as macOS stores it) takes the same id as in NFC. 16 hex, not 8: a folder of
 * Chinese file names all share the empty slug, and 8 hex would collide within 100,000 of them.
 */
const hashedSlug = (name: string): string => {
  const nfc = name.normalize('NFC');
  const readable = slug(nfc.normalize('NFD').replace(/\p{M}/gu, '')).slice(0, MAX_SLUG).replace(/-+$/, '');
  const hash = sha256(nfc).slice(0, 16);
  return readable ? `${readable}-${hash}` : hash;
};

/**
 * A statement's id, stable across re-ingest so that a second ingest replaces, never duplicates.
 * Files are named by their name without extension (`000_f9833616b54a3226`), wherever they
 * were read from; URLs by host and path plus a short hash, since paths repeat across sites.
 * Ids are `[A-Za-z0-9_-]`, at most 100 characters.
 *
 * @example statementId('corpus/café.txt') // 'cafe-' and 16 hex, from any folder
 */
export function statementId(sourceName: string): string {
  if (/^https?:\/\//i.test(sourceName)) {
    const url = new URL(sourceName);
    // The URL's hash already tells apart two paths that share their first 80 characters.
    return `${slug(`${url.hostname}${url.pathname}`).slice(0, MAX_SLUG)}-${sha256(url.href).slice(0, 10)}`;
  }
  const stem = basename(sourceName).replace(/\.[^.]+$/, '');
  // ASCII names keep the ids existing indexes were built with; only names the slug empties or
  // cannot spell take a hash, of the name alone, never of the path it was given by.
  const plain = /^[\x00-\x7f]*$/.test(stem) ? boundedSlug(stem) : '';
  return plain || hashedSlug(stem);
}
