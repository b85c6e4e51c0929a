import { createHash } from 'node:crypto';
import type { StatementDocuments } from '../src/schema/document.js';
import { buildStatement } from './documents.js';
import type { RawSource } from './extracted.js';
import { rejectUndecodable } from './read/damage.js';
import { applyFileName } from './read/file-name-profiles.js';
import { readSource } from './read/read-source.js';
import { applySidecar, parseSidecar } from './sidecar.js';

/** Bump when extraction or annotation changes, so unchanged sources are indexed again once. */
export const INGEST_VERSION = '6';

export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * Changes whenever the bytes, the metadata, the path provenance names or the pipeline change:
 * equal means "already indexed as is". With the path in it, a file moved to another folder is
 * indexed again, so its provenance (and `--prune`) follow it.
 */
export const fingerprintOf = (raw: RawSource, path: string | null): string =>
  sha256(`${sha256(raw.bytes)}\n${JSON.stringify(raw.sidecar)}\n${path ?? ''}\n${INGEST_VERSION}`);

export interface PrepareOptions {
  statementId: string;
  /** Where provenance says the source came from: a path relative to the working folder, or null for URLs and uploads. */
  path: string | null;
  retrievedAt: Date;
}

/** `prepareStatement`, or null when `indexed` (the fingerprint the index holds for it) says the source is unchanged. */
export const prepareIfChanged = (raw: RawSource, indexed: string | null, options: PrepareOptions): StatementDocuments | null =>
  fingerprintOf(raw, options.path) === indexed ? null : prepareStatement(raw, options);

/**
 * One raw source to the paragraph documents of its statement: read by format, metadata
 * applied, normalised, annotated. The same steps, and the same checks for damaged sources
 * (truncated HTML, an unknown encoding, undecodable characters), for a file, a fetched page
 * or an upload.
 */
export function prepareStatement(raw: RawSource, options: PrepareOptions): StatementDocuments {
  const retrievedAt = options.retrievedAt.toISOString();
  const read = readSource(raw);
  const named = options.path === null ? read : applyFileName(read, options.path, retrievedAt);
  const extracted = applySidecar(named, parseSidecar(raw.sidecar ?? {}));
  rejectUndecodable(extracted);
  const provenance = {
    ...(extracted.url ? { url: extracted.url } : {}),
    ...(options.path !== null ? { path: options.path } : {}),
    sha256: sha256(raw.bytes),
    retrievedAt,
  };
  return buildStatement(options.statementId, extracted, provenance, fingerprintOf(raw, options.path));
}
