import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ExtractedStatement, RawSource } from '../../../ingest/extracted.js';

const corpus = fileURLToPath(new URL('../../../corpus/', import.meta.url));

/** A page of the bundled corpus as the loader hands it over: bytes, and the page's URL from `x.url` beside it as the sidecar. */
export function fixtureSource(path: string): RawSource {
  const full = `${corpus}${path}`;
  const urlFile = full.replace(/\.html$/, '.url');
  const url = path.endsWith('.html') && existsSync(urlFile) ? readFileSync(urlFile, 'utf8').trim() : null;
  return { name: full, bytes: readFileSync(full), sidecar: url ? { url } : null, contentType: null };
}

/** The pages of the bundled corpus under `folder`, as paths `fixtureSource` takes. */
export const corpusPages = (folder: string): string[] =>
  readdirSync(`${corpus}${folder}`, { recursive: true, encoding: 'utf8' })
    .filter((path) => /\.(html|md)$/.test(path))
    .map((path) => `${folder}/${path}`)
    .sort();

/** An in-memory source, for pages written in a test. */
export const source = (text: string | Buffer, name = 'page.html', extra: Partial<RawSource> = {}): RawSource => ({
  name,
  bytes: typeof text === 'string' ? Buffer.from(text, 'utf8') : text,
  sidecar: null,
  contentType: null,
  ...extra,
});

/** What a reader found in a one-paragraph source, nothing else: for the steps that fill in the rest. */
export const extractedStatement = (overrides: Partial<ExtractedStatement> = {}): ExtractedStatement => ({
  title: null,
  issuer: null,
  ministry: null,
  date: null,
  language: null,
  url: null,
  paragraphs: [{ text: 'Text.', speaker: null }],
  ...overrides,
});
