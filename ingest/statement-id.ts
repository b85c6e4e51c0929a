import { createHash } from 'node:crypto';
import { basename } from 'node:path';

const UNSAFE = /[^A-Za-z0-9_-]+/g;
const slug = (text: string): string => text.replace(UNSAFE, '-').replace(/^-+|-+$/g, '').slice(0, 80);

/**
 * A statement's id, stable across re-ingest so that a second ingest replaces, never duplicates.
 * Files are named by their name without extension (`000_f9833616b54a3226`), wherever they
 * were read from; URLs by host and path plus a short hash, since paths repeat across sites.
 */
export function statementId(sourceName: string): string {
  if (/^https?:\/\//i.test(sourceName)) {
    const url = new URL(sourceName);
    const hash = createHash('sha256').update(url.href).digest('hex').slice(0, 10);
    return `${slug(`${url.hostname}${url.pathname}`)}-${hash}`;
  }
  const stem = basename(sourceName).replace(/\.[^.]+$/, '');
  return slug(stem) || createHash('sha256').update(sourceName).digest('hex').slice(0, 16);
}
