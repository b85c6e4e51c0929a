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
 * A statement's id, stable across re-ingest so that a second ingest replaces, never duplicates.
 * Files are named by their name without extension (`000_f9833616b54a3226`), wherever they
 * were read from; URLs by host and path plus a short hash, since paths repeat across sites.
 * Ids are `[A-Za-z0-9_-]`, at most 100 characters.
 */
export function statementId(sourceName: string): string {
  if (/^https?:\/\//i.test(sourceName)) {
    const url = new URL(sourceName);
    // The URL's hash already tells apart two paths that share their first 80 characters.
    return `${slug(`${url.hostname}${url.pathname}`).slice(0, MAX_SLUG)}-${sha256(url.href).slice(0, 10)}`;
  }
  const stem = basename(sourceName).replace(/\.[^.]+$/, '');
  return boundedSlug(stem) || sha256(sourceName).slice(0, 16);
}
